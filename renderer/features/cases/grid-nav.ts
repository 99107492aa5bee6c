// Where the active cell of a grid goes when a key is pressed: pure, so it is easy to reason about.

/** A cell by row index and column index. */
export interface Pos {
  r: number;
  c: number;
}

export interface Rect {
  r0: number;
  r1: number;
  c0: number;
  c1: number;
}

export type Move = 'up' | 'down' | 'left' | 'right' | 'next' | 'prev';

export function clamp(p: Pos, rows: number, cols: number): Pos {
  return {
    r: Math.max(0, Math.min(p.r, rows - 1)),
    c: Math.max(0, Math.min(p.c, cols - 1)),
  };
}

export function rectOf(a: Pos, b: Pos): Rect {
  return {
    r0: Math.min(a.r, b.r),
    r1: Math.max(a.r, b.r),
    c0: Math.min(a.c, b.c),
    c1: Math.max(a.c, b.c),
  };
}

export const inRect = (x: Rect, r: number, c: number): boolean =>
  r >= x.r0 && r <= x.r1 && c >= x.c0 && c <= x.c1;

/**
 * One step: arrows stop at the edges; Tab runs along the row and on to the next one. Answers
 * null when Tab would go past the first or last cell, so focus can leave the grid.
 */
export function step(p: Pos, move: Move, rows: number, cols: number): Pos | null {
  switch (move) {
    case 'up':
      return clamp({ r: p.r - 1, c: p.c }, rows, cols);
    case 'down':
      return clamp({ r: p.r + 1, c: p.c }, rows, cols);
    case 'left':
      return clamp({ r: p.r, c: p.c - 1 }, rows, cols);
    case 'right':
      return clamp({ r: p.r, c: p.c + 1 }, rows, cols);
    case 'next':
      if (p.c < cols - 1) return { r: p.r, c: p.c + 1 };
      return p.r < rows - 1 ? { r: p.r + 1, c: 0 } : null;
    case 'prev':
      if (p.c > 0) return { r: p.r, c: p.c - 1 };
      return p.r > 0 ? { r: p.r - 1, c: cols - 1 } : null;
  }
}

const ARROWS: Record<string, Move> = {
  ArrowUp: 'up',
  ArrowDown: 'down',
  ArrowLeft: 'left',
  ArrowRight: 'right',
};

/** Where a navigation key takes the active cell, or undefined for keys that do not navigate. */
export function navigate(
  p: Pos,
  key: string,
  ctrl: boolean,
  rows: number,
  cols: number,
  page = 10,
): Pos | undefined {
  const arrow = ARROWS[key];
  if (arrow && ctrl) {
    // Ctrl+arrow jumps to the edge, as in spreadsheets.
    if (arrow === 'up') return { r: 0, c: p.c };
    if (arrow === 'down') return { r: rows - 1, c: p.c };
    if (arrow === 'left') return { r: p.r, c: 0 };
    return { r: p.r, c: cols - 1 };
  }
  if (arrow) return step(p, arrow, rows, cols) ?? p;
  if (key === 'Home') return ctrl ? { r: 0, c: 0 } : { r: p.r, c: 0 };
  if (key === 'End') return ctrl ? { r: rows - 1, c: cols - 1 } : { r: p.r, c: cols - 1 };
  if (key === 'PageUp') return clamp({ r: p.r - page, c: p.c }, rows, cols);
  if (key === 'PageDown') return clamp({ r: p.r + page, c: p.c }, rows, cols);
  return undefined;
}
