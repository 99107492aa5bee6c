import type { SourceImpact } from '../../../electron/api/contract';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The prompt's sentences: what goes with the source, and which CMOCs will show a gap. */
export function deleteSourceLines(impact: SourceImpact): string[] {
  const gone = [
    impact.codings && plural(impact.codings, 'coding'),
    impact.annotations && plural(impact.annotations, 'annotation'),
    impact.memoPassages && plural(impact.memoPassages, 'memo link'),
    impact.casePassages && plural(impact.casePassages, 'case passage'),
  ].filter((s): s is string => Boolean(s));
  const lines = [
    gone.length ? `Its ${gone.join(', ')} will be removed.` : 'Nothing has been coded in it yet.',
  ];
  if (impact.cmocs.length) {
    const quotes = impact.cmocs.reduce((n, c) => n + c.quotes, 0);
    const titles = impact.cmocs.map((c) => `‘${c.title}’`).join(', ');
    lines.push(
      `${plural(quotes, 'quote')} in it ${quotes === 1 ? 'is' : 'are'} evidence for ${plural(impact.cmocs.length, 'CMOC')}: ${titles}. The evidence stays on ${impact.cmocs.length === 1 ? 'that CMOC' : 'those CMOCs'}, with its words, flagged “source deleted”.`,
    );
  }
  if (impact.memos) lines.push(`${plural(impact.memos, 'memo')} about it will be kept.`);
  lines.push('This cannot be undone.');
  return lines;
}
