// Speaker turns in plain-text transcripts: which line starts are labels, and where turns end.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectTurns, labelAt, normaliseTurns } from '../../../electron/formats/transcript.js';
import { speakers } from './helpers.js';

/** Two speakers, each speaking twice, after `first` (which is what is under test). */
const conversation = (first: string) =>
  `${first}\nInterviewer: Thank you.\nP01: You are welcome.\nInterviewer: Bye.\nP01: Bye.`;

describe('labelAt', () => {
  it.each([
    ['Interviewer: How are you?', 'Interviewer'],
    ['Researcher 1: Perfect.', 'Researcher 1'],
    ['P13: yes', 'P13'],
    ['LW01: The referral came in.', 'LW01'],
    ['Dr Shah: We saw him twice.', 'Dr Shah'],
    ['Dr. Shah: We saw him twice.', 'Dr. Shah'],
    ['Émilie: Oui.', 'Émilie'],
    ['Ana María: Sí, claro.', 'Ana María'],
    ["Mary O'Brien-Smith: Hello", "Mary O'Brien-Smith"],
    ['**Interviewer:** In Markdown', 'Interviewer'],
    ['**Interviewer**: In Markdown', 'Interviewer'],
    ['  P2: indented', 'P2'],
    ['[id1] hello, I like the course.', 'id1'],
  ])('finds the label in %j', (line, speaker) => {
    expect(labelAt(line, 0)?.speaker).toBe(speaker);
  });

  it.each([
    ['[00:01:02] Kelly: Yes.', 'Kelly', '00:01:02'],
    ['00:01:02 Kelly: Yes.', 'Kelly', '00:01:02'],
    ['(1:02) Kelly: Yes.', 'Kelly', '00:01:02'],
    ['Kelly (00:01:02.500): Yes.', 'Kelly', '00:01:02'],
    ['Kelly [1:02:03]: Yes.', 'Kelly', '01:02:03'],
    ['Lisa: 40:16', 'Lisa', '00:40:16'],
    ['Researcher 1:   1:05:33 Thank you.', 'Researcher 1', '01:05:33'],
  ])('reads the timestamp in %j', (line, speaker, time) => {
    expect(labelAt(line, 0)).toMatchObject({ speaker, time });
  });

  it.each([
    'She said: yes',
    'the interviewer: lower case',
    '10:30 we met at the centre',
    '12-May-2023 - 10:36 - 1h09m31s – Ana',
    'Kiger, M. & Varpio, L. (2020): Thematic analysis',
    'See https://example.org for more',
    'One Two Three Four Five: too many words',
    'Date: 12 May 2023',
    'Interview Date: 12 May 2023',
    '2023: a good year',
    '[laughs] yes, I think so',
    '[inaudible] something',
    'Ratio 3:1 was used',
    '',
  ])('does not take %j for a speaker', (line) => {
    expect(labelAt(line, 0)).toBeUndefined();
  });

  it('knows when the label stands alone on its line', () => {
    expect(labelAt('Lisa: \nYes', 0)?.alone).toBe(true);
    expect(labelAt('Lisa:', 0)?.alone).toBe(true);
    expect(labelAt('Lisa: Yes', 0)?.alone).toBe(false);
    expect(labelAt('Lisa: 40:16 \nYes', 0)?.alone).toBe(true);
  });
});

describe('detectTurns', () => {
  it('gives offsets that cover each turn from its label to its last word', () => {
    const text = 'Header line\nInterviewer: Hi.\nP01: Hello.\nInterviewer: Bye.\nP01: Bye now.\n';
    const turns = detectTurns(text);
    expect(speakers(turns)).toEqual(['Interviewer', 'P01', 'Interviewer', 'P01']);
    expect(turns.map((t) => text.slice(t.start, t.end))).toEqual([
      'Interviewer: Hi.',
      'P01: Hello.',
      'Interviewer: Bye.',
      'P01: Bye now.',
    ]);
  });

  it('keeps a multi-paragraph answer in one turn, without trailing blank lines', () => {
    const text = conversation('Interviewer: Tell me.\n\nP01: First part.\nSecond part.\n\n');
    const turns = detectTurns(text);
    expect(text.slice(turns[1]?.start, turns[1]?.end)).toBe('P01: First part.\nSecond part.');
  });

  it('counts offsets in UTF-16 units (emoji, right-to-left text)', () => {
    const text = conversation('P01: 👋🏽 مرحبا שלום');
    const turns = detectTurns(text);
    expect(text.slice(turns[0]?.start, turns[0]?.end)).toBe('P01: 👋🏽 مرحبا שלום');
    expect(text.slice(turns[1]?.start, turns[1]?.end)).toBe('Interviewer: Thank you.');
  });

  it('finds turns whose label is alone on its line (Lisa.txt layout)', () => {
    const text =
      'Researcher 1:\nOkay. Great.\n\nLisa: \nYeah.\n\nResearcher 1:\nSo.\n\nLisa:\nRight.';
    const turns = detectTurns(text);
    expect(speakers(turns)).toEqual(['Researcher 1', 'Lisa', 'Researcher 1', 'Lisa']);
    expect(text.slice(turns[1]?.start, turns[1]?.end)).toBe('Lisa: \nYeah.');
  });

  it('carries timestamps as hh:mm:ss', () => {
    const text =
      '[00:00:05] Ann: Hi.\n[00:01:10] Bo: Hi.\n[01:02:03] Ann: Bye.\n[1:02:09] Bo: Bye.';
    expect(detectTurns(text).map((t) => t.time)).toEqual([
      '00:00:05',
      '00:01:10',
      '01:02:03',
      '01:02:09',
    ]);
  });

  it('gives no turns to a document that is not a conversation', () => {
    expect(detectTurns('Note: the room was cold.\nWe left at noon.')).toEqual([]);
    // Key-value lines, as in a dataset's readme: one recurring label is not a conversation.
    const readme = 'Co-investigator: Dr Pineda\nORCiD ID: 0000\nLead: Dr Hanchard\nORCiD ID: 0001';
    expect(detectTurns(readme)).toEqual([]);
  });

  it('returns sorted, non-overlapping turns that start with their label (property)', () => {
    const line = fc.oneof(
      fc.constantFrom('Interviewer: ', 'P01: ', 'Ana María:', '[id1] ', '', '  '),
      fc.string({ unit: 'grapheme', maxLength: 12 }),
    );
    const textArb = fc.array(fc.tuple(line, fc.string({ maxLength: 20 })), { maxLength: 30 });
    fc.assert(
      fc.property(textArb, (rows) => {
        const text = rows.map(([a, b]) => a + b).join('\n');
        const turns = detectTurns(text);
        let previousEnd = -1;
        for (const t of turns) {
          expect(t.start).toBeGreaterThan(previousEnd);
          expect(t.end).toBeGreaterThanOrEqual(t.start);
          expect(t.end).toBeLessThanOrEqual(text.length);
          expect(t.start === 0 || text[t.start - 1] === '\n').toBe(true);
          expect(text.slice(t.start, t.end)).toContain(t.speaker);
          previousEnd = t.end;
        }
      }),
    );
  });
});

describe('normaliseTurns', () => {
  it('joins a label alone on its line with the text under it', () => {
    const text =
      'Header\nResearcher 1:\nOkay.\n\nLisa: \nYeah, which one?\n\nResearcher 1:\nThis.\n\nLisa:\nGood.';
    expect(normaliseTurns(text)).toBe(
      'Header\nResearcher 1: Okay.\n\nLisa: Yeah, which one?\n\nResearcher 1: This.\n\nLisa: Good.',
    );
  });

  it('leaves a label followed by a blank line, or by another label, as it is', () => {
    const text = conversation('Interviewer:\n\nP01: Hello.\nInterviewer:\nP01:');
    expect(normaliseTurns(text)).toBe(text);
  });

  it('leaves ordinary documents alone, even with a "Heading:" line', () => {
    const text = 'ReadMe:\nFostering cultures of open research\nCo-investigator:\nDr Pineda';
    expect(normaliseTurns(text)).toBe(text);
  });

  it('only moves whitespace, and is idempotent (property)', () => {
    const line = fc.oneof(
      fc.constantFrom('Interviewer:', 'P01: ', 'Lisa:  ', 'Bo:', ''),
      fc.string({ maxLength: 15 }),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 30 }), (lines) => {
        const text = lines.join('\n');
        const once = normaliseTurns(text);
        expect(once.replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
        expect(normaliseTurns(once)).toBe(once);
      }),
    );
  });
});
