/**
 * WebVTT (.vtt) and SubRip (.srt) captions to a transcript: one turn per line, "Name: words",
 * consecutive cues of the same speaker merged. Speakers come from VTT voice tags
 * (<v Roger Bingham>) or a leading "Name:" in the cue text (Zoom, many SRT files). A cue with no
 * speaker continues the current speaker's turn, because files that name speakers usually name
 * them only when the speaker changes. Text before anyone is named is kept without a label and
 * split into paragraphs at pauses of two seconds or more. Only named turns appear in `turns`.
 */
import { WeftError } from '../../db/errors.js';
import { decodeEntities } from './html.js';
import type { Turn } from './transcript.js';
import { labelAt, toHms } from './transcript.js';

export interface CaptionText {
  text: string;
  turns: Turn[];
  warnings: string[];
}

interface Segment {
  speaker: string | undefined;
  words: string;
  start: number; // seconds
  end: number;
}

const STAMP = String.raw`(?:\d+:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?`;
const TIMING = new RegExp(String.raw`^\s*(${STAMP})\s*-->\s*(${STAMP})`);
const PAUSE_SECONDS = 2;

export function readCaptions(text: string, fileName: string): CaptionText {
  const segments = parseCues(text);
  if (segments.length === 0)
    throw new WeftError(
      'empty',
      `“${fileName}” has no captions: Weft found no cue with a time line ("00:00:01.000 --> …") ` +
        'and text. Check that it is a WebVTT or SubRip file and export it again.',
    );
  return assemble(segments);
}

function parseCues(text: string): Segment[] {
  const segments: Segment[] = [];
  for (const block of text.split(/\n[ \t]*\n/)) {
    const lines = block.split('\n').filter((l) => l.trim() !== '');
    const t = lines.findIndex((l) => TIMING.test(l));
    if (t === -1) {
      // Headers and notes are not text; anything else is a cue whose text contained a blank line.
      const head = lines[0]?.trim() ?? '';
      const last = segments.at(-1);
      if (last && head !== '' && !/^(WEBVTT|NOTE|STYLE|REGION)\b|^\d+$/.test(head))
        last.words = `${last.words} ${cueWords(lines.join(' '))}`.trim();
      continue;
    }
    const m = TIMING.exec(lines[t] ?? '');
    const start = seconds(m?.[1] ?? '0');
    const end = seconds(m?.[2] ?? '0');
    for (const seg of voices(lines.slice(t + 1).join('\n'))) {
      const named = seg.speaker === undefined ? splitLabel(seg.words) : seg;
      if (named.words !== '' || named.speaker !== undefined)
        segments.push({ ...named, start, end });
    }
  }
  return segments;
}

/** Splits a cue's payload at VTT voice tags: "<v Ann>Hi</v> <v Bo>Hello" -> Ann, Bo. */
function voices(payload: string): { speaker: string | undefined; words: string }[] {
  const out: { speaker: string | undefined; words: string }[] = [];
  const tag = /<v(?:\.[^\s>]*)?[ \t]+([^>]*)>|<\/v>/g;
  let speaker: string | undefined;
  let last = 0;
  const push = (end: number) => {
    const words = cueWords(payload.slice(last, end));
    if (words !== '') out.push({ speaker, words });
  };
  for (let m = tag.exec(payload); m; m = tag.exec(payload)) {
    push(m.index);
    last = tag.lastIndex;
    speaker = m[1] !== undefined ? m[1].trim() || undefined : undefined;
  }
  push(payload.length);
  return out;
}

/** Cue text without markup (<i>, <c.yellow>, <00:00:01.500>, <font>) on one line. */
function cueWords(raw: string): string {
  return decodeEntities(raw.replace(/<[^>]*>/g, ''))
    .replace(/\s+/g, ' ')
    .trim();
}

function splitLabel(words: string): { speaker: string | undefined; words: string } {
  const label = labelAt(words, 0);
  if (!label) return { speaker: undefined, words };
  return { speaker: label.speaker, words: words.slice(label.end).trim() };
}

function assemble(segments: Segment[]): CaptionText {
  const merged: Segment[] = [];
  for (const seg of segments) {
    const cur = merged.at(-1);
    const continues =
      cur &&
      (seg.speaker === undefined || seg.speaker === cur.speaker) &&
      (cur.speaker !== undefined || seg.start - cur.end < PAUSE_SECONDS);
    if (cur && continues) {
      cur.words = `${cur.words} ${seg.words}`.trim();
      cur.end = seg.end;
    } else {
      merged.push({ ...seg });
    }
  }
  const lines: string[] = [];
  const turns: Turn[] = [];
  let offset = 0;
  for (const seg of merged) {
    const line = seg.speaker === undefined ? seg.words : `${seg.speaker}: ${seg.words}`.trimEnd();
    if (seg.speaker !== undefined)
      turns.push({
        start: offset,
        end: offset + line.length,
        speaker: seg.speaker,
        time: hms(seg.start),
      });
    lines.push(line);
    offset += line.length + 1;
  }
  return { text: lines.join('\n'), turns, warnings: [] };
}

function seconds(stamp: string): number {
  const [clock = '0', fraction = '0'] = stamp.split(/[.,]/);
  const parts = clock.split(':').map(Number);
  const whole = parts.reduce((acc, p) => acc * 60 + p, 0);
  return whole + Number(`0.${fraction}`);
}

function hms(total: number): string {
  const s = Math.floor(total);
  return toHms(`${Math.floor(s / 3600)}:${Math.floor(s / 60) % 60}:${s % 60}`);
}
