import { useEffect, useRef } from 'react';

/** Eighteen colours that stay tellable apart as the reader's faint highlights and stripes. */
export const PALETTE: readonly { name: string; hex: string }[] = [
  { name: 'Red', hex: '#e03131' },
  { name: 'Orange', hex: '#f76707' },
  { name: 'Amber', hex: '#f59f00' },
  { name: 'Yellow', hex: '#fcc419' },
  { name: 'Lime', hex: '#82c91e' },
  { name: 'Green', hex: '#37b24d' },
  { name: 'Teal', hex: '#0ca678' },
  { name: 'Cyan', hex: '#15aabf' },
  { name: 'Blue', hex: '#1c7ed6' },
  { name: 'Indigo', hex: '#4263eb' },
  { name: 'Violet', hex: '#7048e8' },
  { name: 'Grape', hex: '#ae3ec9' },
  { name: 'Pink', hex: '#e64980' },
  { name: 'Raspberry', hex: '#a61e4d' },
  { name: 'Brown', hex: '#8d5a3b' },
  { name: 'Sand', hex: '#c4a574' },
  { name: 'Grey', hex: '#868e96' },
  { name: 'Charcoal', hex: '#343a40' },
];

/**
 * Swatches plus the system colour picker. `itemRole` lets the row menu present the swatches
 * as menu items; in a dialog they are plain toggle buttons.
 */
export function ColourPalette({
  value,
  onPick,
  itemRole,
}: {
  value: string;
  onPick(hex: string): void;
  itemRole?: 'menuitemradio';
}) {
  const custom = useRef<HTMLInputElement>(null);
  const pick = useRef(onPick);
  useEffect(() => {
    pick.current = onPick;
  });
  // The picker's 'input' fires on every drag of its handle; 'change' once when it settles,
  // which is the one worth saving (and undoing).
  useEffect(() => {
    const el = custom.current;
    if (!el) return;
    const onChange = () => pick.current(el.value);
    el.addEventListener('change', onChange);
    return () => el.removeEventListener('change', onChange);
  }, []);
  const lower = value.toLowerCase();
  return (
    <div className="palette">
      <div className="palette-grid" role="group" aria-label="Colours">
        {PALETTE.map((c) => (
          <button
            key={c.hex}
            type="button"
            className="palette-swatch"
            role={itemRole}
            aria-checked={itemRole ? lower === c.hex : undefined}
            aria-pressed={itemRole ? undefined : lower === c.hex}
            aria-label={c.name}
            title={c.name}
            style={{ background: c.hex }}
            onClick={() => onPick(c.hex)}
          />
        ))}
      </div>
      <label className="palette-custom">
        <input
          ref={custom}
          type="color"
          defaultValue={/^#[0-9a-f]{6}$/i.test(value) ? value : '#888888'}
          aria-label="Custom colour"
        />
        <span>Custom colour…</span>
      </label>
    </div>
  );
}
