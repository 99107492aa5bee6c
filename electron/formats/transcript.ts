/**
 * Speaker turns in plain-text transcripts. A turn starts at a line that opens with a speaker
 * label and runs to the last non-blank line before the next label, so a speaker's answer may
 * span several paragraphs. Offsets are UTF-16 units into the text; `start`/`end` cover the
 * whole turn including its label (the label itself is the first `speaker.length` characters
 * after any timestamp or Markdown bold markers).
 *
 * Shapes recognised at the start of a line:
 *   "Interviewer: …", "Researcher 1: …", "P13: …", "LW01: …", "Dr Shah: …", "Ana María: …"
 *   "[00:01:02] Name: …", "00:01:02 Name: …", "Name (00:01:02): …", "**Name:** …" (Markdown)
 *   "[id1] …"  (a bracketed identifier holding a digit, as in QualCoder's example transcripts)
 *   "Name:" or "Name: 40:16" alone on its line, with the turn's text on the following line(s).
 * A label is 1–4 words, each starting with an upper-case letter or a digit, with at least one
 * letter overall; lower-case prose ("She said: yes") and times ("10:30 we met") are not labels.
 */
export interface Turn {
  start: number;
  end: number;
  speaker: string;
  /** hh:mm:ss when the transcript gives a timestamp for the turn. */
  time?: string;
}

export interface Label {
  speaker: string;
  time?: string;
  /** True when nothing but the label is on the line (the text follows on the next line). */
  alone: boolean;
  /** Offset just after the label (after its colon or closing bracket). */
  end: number;
}

const TIME = String.raw`\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?`;
const WORD = String.raw`[\p{Lu}\p{Lt}\p{N}][\p{L}\p{M}\p{N}'’.\-]*`;
const BOLD = String.raw`(?:\*\*|__)?`;
// Sticky, so it can be run at each line start of a 50 MB text without slicing it into lines.
// Only [ \t] (never \n) is allowed between parts, so a match cannot run past its line. A time
// right after the colon is the turn's time: "Lisa: 40:16" alone on its line (as Otter and Teams
// export, text on the next line) and the same joined by normaliseTurns ("Lisa: 40:16 Yes…").
const COLON_LABEL = new RegExp(
  String.raw`[ \t]*(?:[\[(](?<t1>${TIME})[\])][ \t]+|(?<t2>${TIME})[ \t]+)?${BOLD}` +
    String.raw`(?<speaker>${WORD}(?: ${WORD}){0,3})(?:[ \t]*[\[(](?<t3>${TIME})[\])])?${BOLD}[ \t]*:${BOLD}` +
    String.raw`(?:[ \t]+(?<t4>${TIME})(?=[ \t\n]|$))?(?=(?<alone>[ \t]*(?:\n|$))|[ \t])`,
  'uy',
);
const BRACKET_LABEL = /[ \t]*\[([\p{L}\p{N}][\p{L}\p{M}\p{N}_.\- ]{0,30})\](?=[ \t])/uy;

// Single words that open metadata lines ("Date: 12 May", "Location: Leeds"), not speech.
const NOT_SPEAKERS = new Set(
  (
    'date time location place venue title subject note notes nb duration length transcript ' +
    'transcription interview page source re cc bcc to from sent attendees participants present ' +
    'keywords summary abstract topic agenda tel phone email web website url ref reference ' +
    'references figure table example warning tip step chapter section part appendix contents ' +
    'version author authors editor pseudonym file recording'
  ).split(' '),
);

/** The speaker label at `pos` (a line start) in `text`, if the line opens with one. */
export function labelAt(text: string, pos: number): Label | undefined {
  COLON_LABEL.lastIndex = pos;
  const m = COLON_LABEL.exec(text);
  if (m) {
    const g = m.groups ?? {};
    const speaker = g.speaker ?? '';
    const lastWord = speaker.slice(speaker.lastIndexOf(' ') + 1).toLowerCase();
    if (/\p{L}/u.test(speaker) && !NOT_SPEAKERS.has(lastWord)) {
      const time = g.t1 ?? g.t2 ?? g.t3 ?? g.t4;
      return {
        speaker,
        alone: g.alone !== undefined,
        end: COLON_LABEL.lastIndex,
        ...(time ? { time: toHms(time) } : {}),
      };
    }
  }
  BRACKET_LABEL.lastIndex = pos;
  const b = BRACKET_LABEL.exec(text);
  const inner = b?.[1]?.trim();
  // An identifier, not a stage direction: "[id1]", "[P3]" but not "[laughs]" or "[inaudible]".
  if (inner && /\d/.test(inner) && /\p{L}/u.test(inner))
    return { speaker: inner, alone: false, end: BRACKET_LABEL.lastIndex };
  return undefined;
}

/** "1:02" -> "00:01:02", "01:02:03.450" -> "01:02:03". */
export function toHms(time: string): string {
  const parts = time.split(/[.,]/)[0]?.split(':') ?? [];
  while (parts.length < 3) parts.unshift('0');
  return parts.map((p) => p.padStart(2, '0')).join(':');
}

function lineEnd(text: string, pos: number): number {
  const nl = text.indexOf('\n', pos);
  return nl === -1 ? text.length : nl;
}

/** End of the last non-blank character before `limit`, but not before `floor`. */
function trimmedEnd(text: string, floor: number, limit: number): number {
  let end = limit;
  while (end > floor && /\s/.test(text[end - 1] ?? '')) end--;
  return end;
}

/**
 * Finds speaker turns. A text counts as a transcript only when at least two speakers each have
 * two or more turns: conversations come back to people, while a document's "Note: …" or
 * "ORCiD ID: …" lines do not make it a transcript. Other texts get no turns.
 */
export function detectTurns(text: string): Turn[] {
  return scan(text).turns;
}

/**
 * Joins a label that stands alone on its line with the line after it ("Lisa:\nYes…" becomes
 * "Lisa: Yes…"), so every turn reads like "Name: words" on one line, as in most transcripts.
 * Only joins in a text detectTurns accepts as a transcript (a heading such as "ReadMe:" in an
 * ordinary document stays as it is), and only when the next line is non-blank text that is not
 * itself a label: after a blank line the text may not be that speaker's.
 * Applied at import only: the result is the stored text that codings index into.
 */
export function normaliseTurns(text: string): string {
  return transcriptOf(text).text;
}

/** normaliseTurns and detectTurns together, scanning a text once when nothing needs joining. */
export function transcriptOf(text: string): { text: string; turns: Turn[] } {
  const first = scan(text);
  const parts: string[] = [];
  let from = 0;
  for (const pos of first.alone) {
    const end = lineEnd(text, pos);
    if (end >= text.length) continue;
    const nextEnd = lineEnd(text, end + 1);
    const nextLine = text.slice(end + 1, nextEnd);
    if (nextLine.trim() === '' || labelAt(text, end + 1)) continue;
    parts.push(text.slice(from, trimmedEnd(text, pos, end)), ' ', nextLine.trimStart());
    from = nextEnd;
  }
  if (from === 0) return { text, turns: first.turns };
  parts.push(text.slice(from));
  const joined = parts.join('');
  return { text: joined, turns: scan(joined).turns };
}

/** Turns, and the line starts of labels that stand alone on their line. */
function scan(text: string): { turns: Turn[]; alone: number[] } {
  const turns: Turn[] = [];
  const alone: number[] = [];
  let open: Turn | undefined;
  let colon = -1;
  for (let pos = 0; pos < text.length;) {
    const end = lineEnd(text, pos);
    // Most lines of prose hold no colon: skip them without running the label pattern. The
    // next colon is found once and reused, so this stays linear on a 50 MB text.
    if (colon < pos) colon = text.indexOf(':', pos) >>> 0; // -1 becomes 2^32-1: "none"
    const lead = text.charCodeAt(pos);
    const maybe = colon < end || lead === 0x5b /* [ */ || lead === 0x20 || lead === 0x09;
    const label = maybe && lead !== 0x0a ? labelAt(text, pos) : undefined;
    if (label) {
      if (open) open.end = trimmedEnd(text, open.start, pos);
      open = {
        start: pos,
        end,
        speaker: label.speaker,
        ...(label.time ? { time: label.time } : {}),
      };
      turns.push(open);
      if (label.alone) alone.push(pos);
    }
    pos = end + 1;
  }
  if (open) open.end = trimmedEnd(text, open.start, text.length);
  return isConversation(turns) ? { turns, alone } : { turns: [], alone: [] };
}

function isConversation(turns: Turn[]): boolean {
  const counts = new Map<string, number>();
  let recurring = 0;
  for (const { speaker } of turns) {
    const n = (counts.get(speaker) ?? 0) + 1;
    counts.set(speaker, n);
    if (n === 2 && ++recurring === 2) return true;
  }
  return false;
}
