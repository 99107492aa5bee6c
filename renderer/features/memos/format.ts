import type { Memo } from '../../../electron/api/contract';

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const timeOnly = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });

/** "14:05" today, else "3 Mar 2025, 14:05". */
export function when(iso: string, now = new Date()): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return d.toDateString() === now.toDateString() ? timeOnly.format(d) : dateTime.format(d);
}

const KIND_NAMES: Record<NonNullable<Memo['targetType']>, string> = {
  project: 'the project',
  code: 'code',
  source: 'source',
  case: 'case',
  coding: 'coding',
};

/** What a memo is about, in words: "the project", "code ‘Trust’". */
export function aboutText(m: Pick<Memo, 'targetType' | 'targetName'>): string {
  if (!m.targetType) return 'nothing in particular';
  if (m.targetType === 'project') return 'the project';
  return m.targetName
    ? `${KIND_NAMES[m.targetType]} ‘${m.targetName}’`
    : `a deleted ${KIND_NAMES[m.targetType]}`;
}

/**
 * A short piece of text to show in a list: around the first word of `query` found in it, else
 * its start. Returns the piece split at the match so the match can be marked.
 */
export function snippet(
  text: string,
  query: string,
  width = 110,
): { before: string; match: string; after: string } {
  const flat = text.replace(/\s+/g, ' ').trim();
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const lower = flat.toLowerCase();
  let at = -1;
  let len = 0;
  for (const w of words) {
    const i = lower.indexOf(w);
    if (i >= 0 && (at < 0 || i < at)) {
      at = i;
      len = w.length;
    }
  }
  if (at < 0) {
    const cut = flat.length > width;
    return { before: cut ? `${flat.slice(0, width).trimEnd()}…` : flat, match: '', after: '' };
  }
  const from = Math.max(0, at - Math.floor((width - len) / 3));
  const to = Math.min(flat.length, from + width);
  return {
    before: (from > 0 ? '…' : '') + flat.slice(from, at),
    match: flat.slice(at, at + len),
    after: flat.slice(at + len, to) + (to < flat.length ? '…' : ''),
  };
}
