// Saving the programme theory as a picture: the SVG as it is, or a PNG drawn from that SVG at
// twice its size (sharp in a Word document or on a slide).
import { downloadBlob } from '../cases/download';

/** The largest side a canvas reliably draws in Chromium; bigger drawings are scaled down. */
const MAX_SIDE = 16_000;

/** A file name from the project's name, without characters file systems refuse. */
export function exportName(projectName: string | undefined, ext: 'svg' | 'png'): string {
  const base = (projectName ?? '')
    // eslint-disable-next-line no-control-regex -- control characters are what is being removed
    .replace(/[\\/:*?"<>|\u0000-\u001f]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return `${base ? `${base} – ` : ''}programme theory.${ext}`;
}

export function downloadSvg(svg: string, fileName: string): void {
  downloadBlob(fileName, new Blob([svg], { type: 'image/svg+xml;charset=utf-8' }));
}

/** The SVG's own size, from its width and height attributes. */
function svgSize(svg: string): { w: number; h: number } {
  const w = /<svg[^>]*\swidth="(\d+(?:\.\d+)?)"/.exec(svg);
  const h = /<svg[^>]*\sheight="(\d+(?:\.\d+)?)"/.exec(svg);
  return { w: Number(w?.[1] ?? 800), h: Number(h?.[1] ?? 600) };
}

/** Draws `svg` into a canvas at `scale` and answers it as a PNG. */
export async function svgToPng(svg: string, scale = 2): Promise<Blob> {
  const { w, h } = svgSize(svg);
  const k = Math.min(scale, MAX_SIDE / w, MAX_SIDE / h);
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml;charset=utf-8' }));
  try {
    const img = new Image();
    img.decoding = 'async';
    img.src = url;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(w * k));
    canvas.height = Math.max(1, Math.round(h * k));
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('Weft could not draw the picture (no 2D canvas).');
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob(
        (b) => (b ? resolve(b) : reject(new Error('Weft could not make the PNG.'))),
        'image/png',
      ),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}

export async function downloadPng(svg: string, fileName: string): Promise<void> {
  downloadBlob(fileName, await svgToPng(svg));
}
