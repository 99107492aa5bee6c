import type { Excerpt } from '../../../electron/api/contract';

/**
 * A passage as it goes into a report: in curly quotes, with its attribution after a space,
 * e.g. “I felt I belonged there.” (Site 2, LW02, follow-up interview).
 * Line breaks inside the passage become spaces, as a quote in running text has none.
 */
export function quoteOf(e: Pick<Excerpt, 'text' | 'attribution'>): string {
  const words = e.text.replace(/\s*\n+\s*/g, ' ').trim();
  const attribution = e.attribution.trim();
  return attribution ? `“${words}” ${attribution}` : `“${words}”`;
}

/** Every quote of a list, one paragraph each. */
export function quotesOf(list: readonly Pick<Excerpt, 'text' | 'attribution'>[]): string {
  return list.map(quoteOf).join('\n\n');
}

/** Whether the context shown before or after a passage stops short of the text's edge. */
export function cutBefore(e: Pick<Excerpt, 'start' | 'before'>): boolean {
  return e.before.length > 0 && e.start - e.before.length > 0;
}
export function cutAfter(
  e: Pick<Excerpt, 'end' | 'after'>,
  textLength: number | undefined,
): boolean {
  return e.after.length > 0 && (textLength === undefined || e.end + e.after.length < textLength);
}

/**
 * Puts text on the clipboard. The async Clipboard API needs a secure context and, in some
 * browsers, permission; when it is missing or refused, a hidden text area and the older copy
 * command do the same from the user's click.
 */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // fall through to the older way
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.append(area);
  const before = document.activeElement as HTMLElement | null;
  area.select();
  let ok = false;
  try {
    ok = document.execCommand('copy');
  } catch {
    ok = false;
  }
  area.remove();
  before?.focus();
  return ok;
}
