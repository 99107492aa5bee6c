// Pan and zoom: how the canvas's plane maps onto the board on screen. A point on the plane
// (world) is drawn at world × scale + (tx, ty) in the board's own pixels.
import type { Point, Rect } from './geometry';

export interface Viewport {
  scale: number;
  tx: number;
  ty: number;
}

export const MIN_SCALE = 0.2;
export const MAX_SCALE = 3;
/** Fitting never blows a small drawing up beyond its natural size. */
const FIT_MAX = 1;

const clampScale = (s: number) => Math.min(MAX_SCALE, Math.max(MIN_SCALE, s));

export function toWorld(v: Viewport, screen: Point): Point {
  return { x: (screen.x - v.tx) / v.scale, y: (screen.y - v.ty) / v.scale };
}

export function toScreen(v: Viewport, world: Point): Point {
  return { x: world.x * v.scale + v.tx, y: world.y * v.scale + v.ty };
}

/** Zooms by `factor` keeping the world point under `at` (board pixels) where it is. */
export function zoomAt(v: Viewport, factor: number, at: Point): Viewport {
  const scale = clampScale(v.scale * factor);
  const w = toWorld(v, at);
  return { scale, tx: at.x - w.x * scale, ty: at.y - w.y * scale };
}

/** Shows all of `content` centred in a board of `size`, as large as fits (up to 100%). */
export function fitTo(content: Rect, size: { w: number; h: number }): Viewport {
  if (size.w <= 0 || size.h <= 0 || content.w <= 0 || content.h <= 0)
    return { scale: 1, tx: -content.x, ty: -content.y };
  const scale = clampScale(Math.min(size.w / content.w, size.h / content.h, FIT_MAX));
  return {
    scale,
    tx: (size.w - content.w * scale) / 2 - content.x * scale,
    ty: (size.h - content.h * scale) / 2 - content.y * scale,
  };
}

/** The plane's point at the middle of the board. */
export function visibleCentre(v: Viewport, size: { w: number; h: number }): Point {
  return toWorld(v, { x: size.w / 2, y: size.h / 2 });
}
