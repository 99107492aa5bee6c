// Codings are painted with the CSS Custom Highlight API: one Highlight per code, holding a
// Range per coding. Nothing is written into the document, so Lexical's DOM stays its own and
// thousands of overlapping codings cost no extra elements.

const PREFIX = 'weft-code-';
export const FOCUS_HIGHLIGHT = 'weft-focus';
export const SELECTION_HIGHLIGHT = 'weft-selection';

export function highlightsSupported(): boolean {
  return typeof CSS !== 'undefined' && 'highlights' in CSS;
}

function styleSheet(): HTMLStyleElement {
  let el = document.getElementById('weft-highlight-styles') as HTMLStyleElement | null;
  if (!el) {
    el = document.createElement('style');
    el.id = 'weft-highlight-styles';
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

/** Replaces every code highlight with `byCode` (code id -> its colour and ranges). */
export function paintCodes(byCode: Map<number, { color: string; ranges: Range[] }>): void {
  if (!highlightsSupported()) return;
  for (const name of [...CSS.highlights.keys()])
    if (name.startsWith(PREFIX)) CSS.highlights.delete(name);
  const rules: string[] = [];
  for (const [codeId, { color, ranges }] of byCode) {
    const name = codeHighlightName(codeId);
    const h = new Highlight(...ranges);
    h.priority = 0;
    CSS.highlights.set(name, h);
    rules.push(`::highlight(${name}) { background-color: ${hexToRgba(color, 0.28)}; }`);
  }
  styleSheet().textContent = rules.join('\n');
}

export function paintFocus(range: Range | null): void {
  if (!highlightsSupported()) return;
  if (!range) CSS.highlights.delete(FOCUS_HIGHLIGHT);
  else {
    const h = new Highlight(range);
    h.priority = 10;
    CSS.highlights.set(FOCUS_HIGHLIGHT, h);
  }
}

export function clearAll(): void {
  if (!highlightsSupported()) return;
  for (const name of [...CSS.highlights.keys()])
    if (name.startsWith(PREFIX) || name === FOCUS_HIGHLIGHT) CSS.highlights.delete(name);
}
