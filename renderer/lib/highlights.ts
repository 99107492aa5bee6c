// Codings are painted with the CSS Custom Highlight API: one Highlight per code, holding a
// Range per coding. Nothing is written into the document, so Lexical's DOM stays its own and
// thousands of overlapping codings cost no extra elements. Changes are applied as a diff (one
// coding added is one Range added to one Highlight), so applying a code does not repaint all.

const PREFIX = 'weft-code-';
export const FOCUS_HIGHLIGHT = 'weft-focus';
export const SELECTION_HIGHLIGHT = 'weft-selection';
/** A code's passages lit up while its stripe is hovered. */
export const LIT_HIGHLIGHT = 'weft-lit';
/** A code's passages picked by clicking its stripe. */
export const PICKED_HIGHLIGHT = 'weft-picked';
export const ANNOTATION_HIGHLIGHT = 'weft-annotation';

export function highlightsSupported(): boolean {
  return typeof CSS !== 'undefined' && 'highlights' in CSS;
}

function styleSheet(id: string): HTMLStyleElement {
  let el = document.getElementById(id) as HTMLStyleElement | null;
  if (!el) {
    el = document.createElement('style');
    el.id = id;
    document.head.appendChild(el);
  }
  return el;
}

export function hexToRgba(hex: string, alpha: number): string {
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}

export function codeHighlightName(codeId: number): string {
  return `${PREFIX}${codeId}`;
}

/** One coding to paint: `key` identifies it across repaints. */
export interface Paintable {
  key: string;
  codeId: number;
  start: number;
  end: number;
}

// The colour rules of every code live in one style sheet that changes only when a code's colour
// does (or a code is added). Changing a sheet restyles the whole document, which with
// highlights present is slow, so opening a source or hovering never touches it.
let sheetColors = new Map<number, string>();

/** Makes sure each code's highlight has its colour rule (all codes of the codebook). */
export function setCodeColors(colors: ReadonlyMap<number, string>): void {
  if (!highlightsSupported()) return;
  let same = colors.size === sheetColors.size;
  if (same) for (const [id, c] of colors) if (sheetColors.get(id) !== c) same = false;
  if (same) return;
  sheetColors = new Map(colors);
  const rules: string[] = [];
  for (const [codeId, color] of colors)
    rules.push(
      `::highlight(${codeHighlightName(codeId)}) { background-color: ${hexToRgba(color, 0.28)}; }`,
    );
  styleSheet('weft-highlight-styles').textContent = rules.join('\n');
}

/**
 * Keeps the code highlights in step with a list of codings, touching only what changed.
 * `rangeFor` maps source offsets to a DOM Range (null when the reader has no such text).
 * The browser re-marks every highlighted range when the page changes, so on a densely coded
 * source the reader gives this only the codings near the viewport.
 */
export class CodePainter {
  private readonly painted = new Map<string, { codeId: number; range: Range }>();
  private readonly byCode = new Map<number, Highlight>();

  constructor(private readonly rangeFor: (start: number, end: number) => Range | null) {}

  /** Paints exactly `items` (already filtered to what is shown and near the viewport). */
  sync(items: readonly Paintable[]): void {
    if (!highlightsSupported()) return;
    const wanted = new Map<string, Paintable>();
    for (const it of items) wanted.set(it.key, it);
    for (const [key, p] of this.painted)
      if (!wanted.has(key)) {
        this.byCode.get(p.codeId)?.delete(p.range);
        this.painted.delete(key);
      }
    // New ranges are gathered per code and added in one go per highlight.
    const added = new Map<number, Range[]>();
    for (const [key, it] of wanted) {
      if (this.painted.has(key)) continue;
      const range = this.rangeFor(it.start, it.end);
      if (!range) continue;
      this.painted.set(key, { codeId: it.codeId, range });
      const list = added.get(it.codeId);
      if (list) list.push(range);
      else added.set(it.codeId, [range]);
    }
    for (const [codeId, ranges] of added) {
      const h = this.byCode.get(codeId);
      if (h) for (const r of ranges) h.add(r);
      else {
        const fresh = new Highlight(...ranges);
        fresh.priority = 0;
        this.byCode.set(codeId, fresh);
        CSS.highlights.set(codeHighlightName(codeId), fresh);
      }
    }
    for (const [codeId, h] of this.byCode)
      if (h.size === 0) {
        CSS.highlights.delete(codeHighlightName(codeId));
        this.byCode.delete(codeId);
      }
  }

  /** The ranges painted for one code (for lighting up or picking its passages). */
  rangesOf(codeId: number): Range[] {
    const h = this.byCode.get(codeId);
    return h ? ([...h] as Range[]) : [];
  }

  /** How many codings are painted now. */
  get size(): number {
    return this.painted.size;
  }

  clear(): void {
    if (!highlightsSupported()) return;
    for (const codeId of this.byCode.keys()) CSS.highlights.delete(codeHighlightName(codeId));
    this.byCode.clear();
    this.painted.clear();
  }
}

function setOrDelete(name: string, ranges: readonly Range[], priority: number): void {
  if (!highlightsSupported()) return;
  if (!ranges.length) return void CSS.highlights.delete(name);
  const h = new Highlight(...ranges);
  h.priority = priority;
  CSS.highlights.set(name, h);
}

/**
 * Paints one code's passages stronger than the rest: LIT_HIGHLIGHT while its stripe is hovered,
 * PICKED_HIGHLIGHT once it is clicked. Their look is fixed in coding.css (no sheet changes).
 */
export function paintEmphasis(
  name: typeof LIT_HIGHLIGHT | typeof PICKED_HIGHLIGHT,
  ranges: readonly Range[],
): void {
  setOrDelete(name, ranges, name === LIT_HIGHLIGHT ? 6 : 5);
}

export function paintAnnotations(ranges: readonly Range[]): void {
  setOrDelete(ANNOTATION_HIGHLIGHT, ranges, 2);
}

export function paintFocus(range: Range | null): void {
  setOrDelete(FOCUS_HIGHLIGHT, range ? [range] : [], 10);
}

export function paintSelection(range: Range | null): void {
  setOrDelete(SELECTION_HIGHLIGHT, range ? [range] : [], 8);
}

/** Removes everything the reader painted (it closed, or shows another source). */
export function clearAll(): void {
  if (!highlightsSupported()) return;
  for (const name of [...CSS.highlights.keys()])
    if (
      name.startsWith(PREFIX) ||
      name === FOCUS_HIGHLIGHT ||
      name === LIT_HIGHLIGHT ||
      name === PICKED_HIGHLIGHT ||
      name === ANNOTATION_HIGHLIGHT ||
      name === SELECTION_HIGHLIGHT
    )
      CSS.highlights.delete(name);
}
