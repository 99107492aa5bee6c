// WebVTT and SubRip captions become a transcript with one line per speaker turn.
import { describe, expect, it } from 'vitest';
import { readSourceFile } from '../../../electron/formats/read.js';
import { expectWeftError, utf8 } from './helpers.js';

const turnTexts = (read: { text: string; turns?: { start: number; end: number }[] }) =>
  (read.turns ?? []).map((t) => read.text.slice(t.start, t.end));

describe('reading .vtt', () => {
  const VTT = `WEBVTT - Team meeting

NOTE This note is not part of the text.

STYLE
::cue { color: yellow }

1
00:00:01.000 --> 00:00:04.200 align:start
<v Roger Bingham>We are in New York City

2
00:00:04.500 --> 00:00:06.000
<v Roger Bingham>and we’re <i>actually</i> at the Lucern Hotel,</v>

00:00:06.100 --> 00:00:08.000
<v.loud Neil deGrasse Tyson>Hi &amp; welcome &lt;3</v>

01:02:03.400 --> 01:02:05.000
<v Roger Bingham>You know <00:01:02.500>I’m so excited</v>
<v Émilie>Moi aussi 🎉
`;

  it('names speakers from voice tags, merges their consecutive cues, and keeps start times', async () => {
    const read = await readSourceFile(utf8(VTT), 'meeting.vtt');
    expect(read.format).toBe('vtt');
    expect(read.text).toBe(
      [
        'Roger Bingham: We are in New York City and we’re actually at the Lucern Hotel,',
        'Neil deGrasse Tyson: Hi & welcome <3',
        'Roger Bingham: You know I’m so excited',
        'Émilie: Moi aussi 🎉',
      ].join('\n'),
    );
    expect(read.turns?.map((t) => [t.speaker, t.time])).toEqual([
      ['Roger Bingham', '00:00:01'],
      ['Neil deGrasse Tyson', '00:00:06'],
      ['Roger Bingham', '01:02:03'],
      ['Émilie', '01:02:03'],
    ]);
    expect(turnTexts(read)).toEqual(read.text.split('\n'));
  });

  it('reads Zoom-style "Name: words" cues, with a BOM and CRLF line endings', async () => {
    const zoom =
      '\ufeffWEBVTT\r\n\r\n1\r\n00:00:00.500 --> 00:00:02.000\r\nAsha Patel: Can you hear me?\r\n\r\n' +
      '2\r\n00:00:02.500 --> 00:00:03.000\r\nLW04: Yes.\r\n\r\n' +
      '3\r\n00:00:03.000 --> 00:00:04.000\r\nI can hear you fine.\r\n';
    const read = await readSourceFile(utf8(zoom), 'zoom.vtt');
    expect(read.text).toBe('Asha Patel: Can you hear me?\nLW04: Yes. I can hear you fine.');
    expect(read.turns?.map((t) => t.speaker)).toEqual(['Asha Patel', 'LW04']);
  });

  it('keeps unnamed captions as paragraphs split at pauses, with no turns', async () => {
    const plain =
      'WEBVTT\n\n00:01.000 --> 00:02.000\nThe room was quiet\n\n00:02.100 --> 00:03.000\nuntil the bell.\n\n' +
      '00:09.000 --> 00:10.000\nThen everyone stood up.\n';
    const read = await readSourceFile(utf8(plain), 'plain.vtt');
    expect(read.text).toBe('The room was quiet until the bell.\nThen everyone stood up.');
    expect(read.turns).toBeUndefined();
  });

  it('rejects a caption file with no cues as empty', async () => {
    await expectWeftError(
      readSourceFile(utf8('WEBVTT\n\nNOTE nothing here\n'), 'none.vtt'),
      'empty',
      'none.vtt',
    );
  });
});

describe('reading .srt', () => {
  const SRT = `1
00:00:01,000 --> 00:00:03,500
Interviewer: How long have you
worked at the hub?

2
00:00:03,600 --> 00:00:05,000
<i>LW02:</i> Nearly three years.

3
00:00:05,100 --> 00:00:07,000
It was my first job
after the NHS.

4
00:00:07,500 --> 00:00:08,000
Interviewer: And before that?

5
00:01:10,000 --> 00:01:12,000
LW02: <b>Retail</b>, mostly.
`;

  it('takes speakers from leading "Name:" and continues the turn through unlabelled cues', async () => {
    const read = await readSourceFile(utf8(SRT), 'lw02.srt');
    expect(read.format).toBe('srt');
    expect(read.text).toBe(
      [
        'Interviewer: How long have you worked at the hub?',
        'LW02: Nearly three years. It was my first job after the NHS.',
        'Interviewer: And before that?',
        'LW02: Retail, mostly.',
      ].join('\n'),
    );
    expect(read.turns?.map((t) => `${t.time} ${t.speaker}`)).toEqual([
      '00:00:01 Interviewer',
      '00:00:03 LW02',
      '00:00:07 Interviewer',
      '00:01:10 LW02',
    ]);
    expect(turnTexts(read)).toEqual(read.text.split('\n'));
  });

  it('keeps text that follows a stray blank line inside a cue', async () => {
    const broken =
      '1\n00:00:01,000 --> 00:00:02,000\nAnn: First part\n\nsecond part\n\n2\n00:00:03,000 --> 00:00:04,000\nBo: Reply\n';
    const read = await readSourceFile(utf8(broken), 'broken.srt');
    expect(read.text).toBe('Ann: First part second part\nBo: Reply');
  });
});
