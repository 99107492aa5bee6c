/**
 * The If–Then–Because statement of a CMOC, drafted from its parts. Pure: the renderer shows the
 * same draft while the user types, and the exports print it.
 *
 *   "If {context}, then {outcome}, because {mechanism}."
 *
 * - The mechanism is the mechanism's own text when it has one; otherwise, when it is split, the
 *   resource and the reasoning joined as "{resource} and {reasoning}" (what the programme offers,
 *   and how people respond to it, read as one clause), or whichever of the two is written.
 * - Each part is tidied to sit inside one sentence: whitespace collapsed, trailing punctuation
 *   (. , ; : ! ? …) dropped, a leading "if" / "then" / "because" the user already wrote dropped,
 *   and the first letter lower-cased unless the first word looks like a name or an acronym
 *   ("NHS", "GP", "I", "McKenzie", "Men's Shed", "2020s").
 * - A part with no text shows as "[context?]", "[outcome?]" or "[mechanism?]", so the gap reads
 *   as a gap.
 * - The statement ends with exactly one full stop.
 */
export interface StatementParts {
  context: string;
  mechanism: string;
  resource: string;
  reasoning: string;
  outcome: string;
}

export function draftStatement(p: StatementParts): string {
  const context = clause(p.context, 'if') || '[context?]';
  const outcome = clause(p.outcome, 'then') || '[outcome?]';
  const mechanism = mechanismClause(p) || '[mechanism?]';
  return `If ${context}, then ${outcome}, because ${mechanism}.`;
}

/** The mechanism as one clause: its own text, else resource and reasoning joined. */
export function mechanismClause(p: Pick<StatementParts, 'mechanism' | 'resource' | 'reasoning'>) {
  const own = clause(p.mechanism, 'because');
  if (own) return own;
  const resource = clause(p.resource, 'because');
  const reasoning = clause(p.reasoning, 'because');
  return resource && reasoning ? `${resource} and ${reasoning}` : resource || reasoning;
}

const TRAILING = /[\s.,;:!?…]+$/u;

/** One part made ready to sit after "If", "then" or "because"; '' when it has no words. */
export function clause(raw: string, lead: 'if' | 'then' | 'because'): string {
  let s = raw.replace(/\s+/gu, ' ').trim().replace(TRAILING, '');
  // "If people feel…" typed into the context would otherwise read "If if people feel…".
  const already = new RegExp(`^${lead}\\b[\\s,]*`, 'iu');
  if (already.test(s)) s = s.replace(already, '');
  s = s.replace(/^[\s,;:]+/u, '');
  return lowerFirst(s);
}

function lowerFirst(s: string): string {
  const words = s.split(' ');
  const first = words[0] ?? '';
  if (!first || keepsCapital(first, words[1])) return s;
  return first.charAt(0).toLocaleLowerCase() + s.slice(1);
}

/** Whether a first word reads as a name or an acronym rather than a sentence's first word. */
function keepsCapital(word: string, next: string | undefined): boolean {
  const letters = word.replace(/[^\p{L}\p{N}]/gu, '');
  if (!letters) return true;
  // "I", "I'm", "I've": the pronoun stays upper case.
  if (/^I(['’]\p{L}+)?$/u.test(word.replace(/[^\p{L}'’]/gu, ''))) return true;
  // Another capital or a digit inside the word: an acronym or a name (NHS, GP, McKenzie, 2020s).
  if (/\p{Lu}/u.test(letters.slice(1)) || /\p{N}/u.test(letters)) return true;
  // Two capitalised words in a row: a name of several words ("Men's Shed", "Link Worker Service").
  if (/^\p{Lu}/u.test(letters) && next !== undefined && /^\p{Lu}/u.test(next)) return true;
  return false;
}
