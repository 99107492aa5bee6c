// Saving and copying from the page: a Blob behind an <a download> click (the desktop app asks
// where to save it), and the clipboard with a fallback for when the page may not write to it.

export function downloadBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  // The download has started by the next tick; give slow machines a generous margin.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function downloadBase64(fileName: string, mime: string, base64: string): void {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  downloadBlob(fileName, new Blob([bytes], { type: mime }));
}

export function downloadText(fileName: string, mime: string, text: string): void {
  // A BOM so Excel reads UTF-8 CSV as UTF-8 (names with accents survive the round trip).
  downloadBlob(fileName, new Blob(['\ufeff', text], { type: `${mime};charset=utf-8` }));
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Tab-separated lines as an HTML table, so Word pastes a real table. */
export function tsvToHtmlTable(text: string): string {
  const rows = text.replace(/\n$/, '').split('\n');
  const body = rows
    .map((line, i) => {
      const tag = i === 0 ? 'th' : 'td';
      const cells = line.split('\t').map((c) => `<${tag}>${escapeHtml(c)}</${tag}>`);
      return `<tr>${cells.join('')}</tr>`;
    })
    .join('');
  return `<table>${body}</table>`;
}

/** Puts text (and, when given, an HTML version) on the clipboard. */
export async function copyToClipboard(text: string, html?: string): Promise<void> {
  try {
    if (html && typeof ClipboardItem !== 'undefined') {
      await navigator.clipboard.write([
        new ClipboardItem({
          'text/plain': new Blob([text], { type: 'text/plain' }),
          'text/html': new Blob([html], { type: 'text/html' }),
        }),
      ]);
    } else {
      await navigator.clipboard.writeText(text);
    }
    return;
  } catch {
    // Not allowed (no focus, no permission): fall back to a selection and the copy command.
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.append(area);
  area.select();
  const ok = document.execCommand('copy');
  area.remove();
  if (!ok) throw new Error('Weft could not reach the clipboard. Use Export CSV instead.');
}
