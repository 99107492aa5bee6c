// What the code pane says, as pure functions: the counts' tooltip and the delete confirmation.
import type { Code, CodeImpact } from '../../../electron/api/contract';

export const plural = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;

/** The counts pill's tooltip: the code's own counts and, with subcodes, the totals. */
export function countsTitle(code: Code, hasChildren: boolean): string {
  const own = `${plural(code.codings, 'coding')} in ${plural(code.sources, 'source')}`;
  if (!hasChildren) return own;
  const total = `${plural(code.totalCodings, 'coding')} in ${plural(code.totalSources, 'source')}`;
  return `With its subcodes: ${total}. ‘${code.name}’ itself: ${own}.`;
}

/** The delete confirmation, from what codes.impact counted. */
export function deleteMessage(name: string, impact: CodeImpact): string {
  const children = impact.codes - 1;
  const them = children > 0 ? 'them' : 'it';
  const words = [
    children > 0
      ? `Delete ‘${name}’ and its ${plural(children, 'child code')}?`
      : `Delete ‘${name}’?`,
    impact.codings > 0
      ? `${plural(impact.codings, 'coding')} in ${plural(impact.sources, 'source')} will be removed.`
      : `${children > 0 ? 'They have' : 'It has'} no codings.`,
  ];
  if (impact.memos > 0) words.push(`${plural(impact.memos, 'memo')} about ${them} will go too.`);
  if (impact.sets > 0)
    words.push(`${children > 0 ? 'They' : 'It'} will leave ${plural(impact.sets, 'code set')}.`);
  words.push('You can undo this.');
  return words.join(' ');
}
