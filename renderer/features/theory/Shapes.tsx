// The canvas's shapes as React SVG, drawn from the same Scene and fine print as the SVG export,
// plus what only the screen needs: focus, selection and the handlers.
import type { KeyboardEvent, PointerEvent } from 'react';
import { LABEL_FONT, LINK_FONT, STAGE_HEADER } from './geometry';
import {
  BADGE_FONT,
  KIND_FONT,
  STAGE_FONT,
  badgeRect,
  barPath,
  chevronPoints,
  kindBaseline,
  labelBaseline,
  labelX,
  linkLineBaseline,
  stageBackground,
  stageFill,
} from './drawing';
import { INK, LINK_COLOUR, type BandShape, type BoxShape, type LinkShape } from './scene';

export const ARROW = 'theory-arrow';
export const ARROW_SELECTED = 'theory-arrow-selected';
const ACCENT = '#3b5bdb';

export function ArrowMarkers() {
  return (
    <defs>
      {[
        [ARROW, LINK_COLOUR],
        [ARROW_SELECTED, ACCENT],
      ].map(([id, fill]) => (
        <marker
          key={id}
          id={id}
          viewBox="0 0 10 10"
          refX={9}
          refY={5}
          markerWidth={7}
          markerHeight={7}
          markerUnits="strokeWidth"
          orient="auto"
        >
          <path d="M0,0 L10,5 L0,10 Z" fill={fill} />
        </marker>
      ))}
    </defs>
  );
}

export function Band({ band, count }: { band: BandShape; count: number }) {
  return (
    <g className="theory-band" data-stage={band.name}>
      <rect
        x={band.x}
        y={band.y}
        width={band.w}
        height={band.h}
        fill={stageBackground(band.index)}
      />
      <polygon
        points={chevronPoints(band, band.index === count - 1)}
        fill={stageFill(band.index, count)}
      />
      <text
        x={band.x + band.w / 2 + (band.index > 0 ? 7 : 0)}
        y={band.y + STAGE_HEADER / 2 + 5}
        textAnchor="middle"
        fontSize={STAGE_FONT}
        fontWeight={600}
        fill="#2c3a78"
      >
        <title>{band.name}</title>
        {band.shown}
      </text>
    </g>
  );
}

const KIND_NAMES = { concept: 'Concept', cmoc: 'CMOC', note: 'Note' } as const;

interface BoxProps {
  box: BoxShape;
  selected: boolean;
  /** The first item chosen in link mode. */
  linkSource: boolean;
  onPointerDown(e: PointerEvent<SVGGElement>, box: BoxShape): void;
  onDoubleClick(box: BoxShape): void;
  onKeyDown(e: KeyboardEvent<SVGGElement>, box: BoxShape): void;
  onFocus(box: BoxShape): void;
}

export function Box({
  box,
  selected,
  linkSource,
  onPointerDown,
  onDoubleClick,
  onKeyDown,
  onFocus,
}: BoxProps) {
  const badge = box.badge ? badgeRect(box, box.badge.text) : null;
  return (
    <g
      className={`theory-item${selected ? ' selected' : ''}${linkSource ? ' link-source' : ''}`}
      data-item-id={box.id}
      data-kind={box.kind}
      tabIndex={0}
      role="button"
      aria-label={`${KIND_NAMES[box.kind]}: ${box.label}`}
      aria-pressed={selected}
      onPointerDown={(e) => onPointerDown(e, box)}
      onDoubleClick={() => onDoubleClick(box)}
      onKeyDown={(e) => onKeyDown(e, box)}
      onFocus={() => onFocus(box)}
    >
      <title>
        {box.kind === 'cmoc' ? `${box.label} — double-click to open the CMOC` : box.label}
      </title>
      {(selected || linkSource) && (
        <rect
          className="theory-ring"
          x={box.x - 4}
          y={box.y - 4}
          width={box.w + 8}
          height={box.h + 8}
          rx={9}
          fill="none"
          stroke={ACCENT}
          strokeWidth={2}
          strokeDasharray={linkSource && !selected ? '5 4' : undefined}
        />
      )}
      <rect
        className="theory-box"
        x={box.x}
        y={box.y}
        width={box.w}
        height={box.h}
        rx={6}
        fill={box.fill}
        stroke={box.stroke}
        strokeWidth={1.2}
      />
      {box.bar && <path d={barPath(box)} fill={box.bar} />}
      <text
        x={labelX(box)}
        y={kindBaseline(box)}
        fontSize={KIND_FONT}
        fontWeight={700}
        letterSpacing={0.8}
        fill={box.kindColor}
      >
        {box.kindText}
      </text>
      {box.badge && badge && (
        <>
          <rect
            x={badge.x}
            y={badge.y}
            width={badge.w}
            height={badge.h}
            rx={badge.h / 2}
            fill={box.badge.fill}
          />
          <text
            x={badge.x + badge.w / 2}
            y={badge.y + 11}
            textAnchor="middle"
            fontSize={BADGE_FONT}
            fontWeight={700}
            fill={box.badge.color}
          >
            {box.badge.text}
          </text>
        </>
      )}
      <g
        fontSize={LABEL_FONT}
        fontWeight={box.bold ? 600 : undefined}
        fontStyle={box.italic ? 'italic' : undefined}
        fill={INK}
      >
        {box.lines.map((line, i) => (
          <text key={i} x={labelX(box)} y={labelBaseline(box, i)}>
            {line}
          </text>
        ))}
      </g>
    </g>
  );
}

export function LinkPath({
  link,
  selected,
  onSelect,
}: {
  link: LinkShape;
  selected: boolean;
  onSelect(link: LinkShape): void;
}) {
  return (
    <g className="theory-link" data-link-id={link.id}>
      <path
        d={link.d}
        fill="none"
        stroke={selected ? ACCENT : LINK_COLOUR}
        strokeWidth={selected ? 2.2 : 1.6}
        markerEnd={`url(#${selected ? ARROW_SELECTED : ARROW})`}
      />
      {/* A wide invisible stroke, so that a thin line is easy to click. */}
      <path
        d={link.d}
        fill="none"
        stroke="transparent"
        strokeWidth={12}
        onPointerDown={(e) => {
          e.stopPropagation();
          onSelect(link);
        }}
      />
    </g>
  );
}

interface LinkLabelProps {
  link: LinkShape;
  fromLabel: string;
  toLabel: string;
  selected: boolean;
  onEdit(link: LinkShape): void;
  onKeyDown(e: KeyboardEvent<SVGGElement>, link: LinkShape): void;
  onFocus(link: LinkShape): void;
}

/** A link's label (or, for a link without one, nothing but keyboard access to it). */
export function LinkLabel({
  link,
  fromLabel,
  toLabel,
  selected,
  onEdit,
  onKeyDown,
  onFocus,
}: LinkLabelProps) {
  const r = link.labelRect;
  const name = `Link from ${fromLabel} to ${toLabel}${link.label ? `: ${link.label}` : ''}`;
  return (
    <g
      className={`theory-link-label${selected ? ' selected' : ''}`}
      data-link-id={link.id}
      tabIndex={0}
      role="button"
      aria-label={name}
      aria-pressed={selected}
      onPointerDown={(e) => {
        e.stopPropagation();
        onEdit(link);
      }}
      onKeyDown={(e) => onKeyDown(e, link)}
      onFocus={() => onFocus(link)}
    >
      <title>{`${name} — click to edit the label`}</title>
      {!r && (
        <circle
          cx={link.route.mid.x}
          cy={link.route.mid.y}
          r={6}
          fill={selected ? ACCENT : 'transparent'}
          stroke="transparent"
        />
      )}
      {r && (
        <>
          <rect
            x={r.x}
            y={r.y}
            width={r.w}
            height={r.h}
            rx={4}
            fill="#ffffff"
            stroke={selected ? ACCENT : '#d8d4cc'}
            strokeWidth={selected ? 1.6 : 1}
          />
          <g fontSize={LINK_FONT} fill="#4a463f">
            {link.lines.map((line, i) => (
              <text key={i} x={r.x + r.w / 2} y={linkLineBaseline(r, i)} textAnchor="middle">
                {line}
              </text>
            ))}
          </g>
        </>
      )}
    </g>
  );
}
