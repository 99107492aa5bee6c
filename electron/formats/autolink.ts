import { sourceNameFromFile } from './text.js';

/** What a file's name suggests about the source: where, who, which round, what kind. */
export interface NameHints {
  site?: string;
  caseName?: string;
  round?: 'first' | 'follow-up';
  kind?: 'interview' | 'follow-up interview' | 'fieldnote' | 'debrief' | 'document' | 'memo';
}

type Kind = NonNullable<NameHints['kind']>;

// Words that name what a file is. A collected document is named by what it is (a leaflet,
// a job description), so those words all mean 'document'.
const KIND_WORDS: Record<string, Kind> = {
  interview: 'interview',
  interviews: 'interview',
  transcript: 'interview',
  fieldnote: 'fieldnote',
  fieldnotes: 'fieldnote',
  observation: 'fieldnote',
  observations: 'fieldnote',
  debrief: 'debrief',
  debriefs: 'debrief',
  debriefing: 'debrief',
  memo: 'memo',
  memos: 'memo',
  document: 'document',
  documents: 'document',
  leaflet: 'document',
  flyer: 'document',
  poster: 'document',
  brochure: 'document',
  pamphlet: 'document',
  newsletter: 'document',
  policy: 'document',
  guidance: 'document',
  handbook: 'document',
  agenda: 'document',
  minutes: 'document',
  report: 'document',
};

// Two-word kinds, written with a space, underscore or hyphen in file names.
const KIND_PAIRS: Record<string, Kind> = {
  'field note': 'fieldnote',
  'field notes': 'fieldnote',
  'job description': 'document',
};

// Letters+digits tokens that are not participant IDs: versions, pages, paper sizes, months…
// A wrong link is worse than none, so anything doubtful is left for the researcher.
const NOT_IDS = new Set(
  (
    'v ver rev draft final copy page pg part pt no num nr fig tab ch sec img pic doc file ' +
    'note memo scan mp wk day week year yr q qu take rec ' +
    'jan feb mar apr may jun jul aug sep sept oct nov dec'
  ).split(' '),
);
const PAPER_SIZES = new Set(['a3', 'a4', 'a5']);

/**
 * Reads hints from a file name such as `Site2_LW02_followup.docx`. Participant IDs are
 * letters+digits (LW01, HCP02, VCSE03, P13). A plain personal name (`Ana.txt`) is too
 * ambiguous to infer, unless it names one of `knownCases` (matched case-insensitively).
 */
export function hintsFromFileName(fileName: string, knownCases: string[] = []): NameHints {
  const tokens = sourceNameFromFile(fileName)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t !== '');
  const lower = tokens.map((t) => t.toLowerCase());
  const used = new Set<number>();
  let site: string | undefined;
  let round: NameHints['round'];
  let weakRound: NameHints['round'];
  const kinds: Kind[] = [];
  const ids: string[] = [];
  const siteLike: string[] = [];

  for (let i = 0; i < lower.length; i++) {
    const t = lower[i] ?? '';
    const next = lower[i + 1] ?? '';
    const pair = `${t} ${next}`;
    let m: RegExpExecArray | null;
    if ((m = /^site(\d+)$/.exec(t))) {
      site = trimZeros(m[1] ?? '');
    } else if (t === 'site' && /^(\d+|[a-z])$/.test(next)) {
      site = /^\d+$/.test(next) ? trimZeros(next) : next.toUpperCase();
      used.add(++i);
    } else if (/^followups?$/.test(t) || pair === 'follow up') {
      round = 'follow-up';
      if (pair === 'follow up') used.add(++i);
    } else if ((m = /^(?:round|wave)(\d+)$/.exec(t))) {
      round = m[1] === '1' ? 'first' : 'follow-up';
    } else if ((t === 'round' || t === 'wave') && /^\d+$/.test(next)) {
      round = Number(next) === 1 ? 'first' : 'follow-up';
      used.add(++i);
    } else if (['first', '1st', 'initial', 'baseline'].includes(t)) {
      weakRound = 'first';
    } else if (['second', '2nd'].includes(t)) {
      weakRound = 'follow-up';
    } else if (KIND_PAIRS[pair]) {
      kinds.push(KIND_PAIRS[pair]);
      used.add(++i);
    } else if (KIND_WORDS[t]) {
      kinds.push(KIND_WORDS[t]);
    } else if (/^s\d{1,2}$/.test(t)) {
      // S3 is a site next to a participant ID (S3-P07) but may be a participant on its own.
      siteLike.push(tokens[i] ?? t);
    } else if (isParticipantId(tokens[i] ?? '')) {
      ids.push((tokens[i] ?? '').toUpperCase());
    } else {
      continue;
    }
    used.add(i);
  }

  if (site === undefined && siteLike.length === 1 && ids.length > 0) {
    site = trimZeros((siteLike[0] ?? '').slice(1));
  } else {
    ids.push(...siteLike.map((s) => s.toUpperCase()));
  }
  // Two different IDs (a joint interview?) cannot be linked to one case with confidence.
  const distinct = [...new Set(ids)];
  let caseName = distinct.length === 1 ? distinct[0] : undefined;
  caseName = knownCase(caseName, tokens, used, knownCases);

  const kind0 = kinds.find((k) => k !== 'interview') ?? kinds[0];
  // 'first' or 'second' alone could be a draft's name; it means a round only beside other hints.
  if (!round && weakRound && (caseName || kind0 === 'interview')) round = weakRound;
  const interview = !kind0 || kind0 === 'interview';
  let kind: Kind | undefined = kind0;
  if (interview && (kind0 || caseName || round)) {
    kind = round === 'follow-up' ? 'follow-up interview' : 'interview';
  }

  const hints: NameHints = {};
  if (site !== undefined) hints.site = site;
  if (caseName !== undefined) hints.caseName = caseName;
  if (round) hints.round = round;
  if (kind) hints.kind = kind;
  return hints;
}

function isParticipantId(token: string): boolean {
  const m = /^([A-Za-z]{1,4})(\d{1,4})$/.exec(token);
  if (!m) return false;
  const letters = m[1] ?? '';
  const digits = m[2] ?? '';
  if (NOT_IDS.has(letters.toLowerCase()) || PAPER_SIZES.has(token.toLowerCase())) return false;
  // 'P1' and 'lw01' read as IDs; 'ana2' (lower case, one digit) reads as a name with a number.
  return letters === letters.toUpperCase() || digits.length >= 2;
}

/**
 * Maps an ID to the project's own spelling of the case, or, when no ID was found, matches the
 * name left once the recognised words are removed ('Ana', 'Ana_followup') against known cases.
 */
function knownCase(
  found: string | undefined,
  tokens: string[],
  used: Set<number>,
  knownCases: string[],
): string | undefined {
  const key = (s: string) =>
    s
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim();
  const byKey = new Map(knownCases.map((c) => [key(c), c]));
  if (found !== undefined) return byKey.get(key(found)) ?? found;
  const whole = byKey.get(key(tokens.join(' ')));
  const rest = tokens.filter((_, i) => !used.has(i)).join(' ');
  return whole ?? (rest ? byKey.get(key(rest)) : undefined);
}

function trimZeros(digits: string): string {
  return digits.replace(/^0+(?=\d)/, '');
}

/** A source's kind from its name (the same hints as case links); a document when nothing says. */
export function kindFromName(name: string): NonNullable<NameHints['kind']> {
  return hintsFromFileName(name).kind ?? 'document';
}
