// A rich synthetic REFI model (every entity kind) for the writer tests. All text is invented.
import type {
  RefiCoding,
  RefiProject,
  RefiSelection,
  TextDoc,
} from '../../../electron/formats/qdpx/model.js';
import { emptyProject } from '../../../electron/formats/qdpx/model.js';

/** A valid, recognisable GUID for test entity `n`. */
export const guid = (n: number): string =>
  `0000aaaa-1111-4222-8333-${n.toString(16).padStart(12, '0')}`;

/** A selection over the first occurrence of `words` in `text`. */
export function selectionOf(
  text: string,
  words: string,
  id: number,
  codings: RefiCoding[] = [],
  extra: Partial<RefiSelection> = {},
): RefiSelection {
  const start = text.indexOf(words);
  if (start < 0) throw new Error(`"${words}" is not in the text`);
  return { guid: guid(id), start, end: start + words.length, codings, noteRefs: [], ...extra };
}

export const coding = (id: number, code: number, user?: number): RefiCoding => ({
  guid: guid(id),
  code: guid(code),
  creatingUser: user === undefined ? undefined : guid(user),
  created: '2024-03-05T10:20:30Z',
});

// Astral characters (emoji, a ZWJ family, a musical symbol), combining marks, right-to-left
// scripts and decomposed (NFD) letters, so code points and UTF-16 units differ in every way.
export const INTERVIEW =
  'Interviewer: How did the first visit go? 👋🏽\n' +
  'P07: Honestly 😅 it felt like somebody finally listened.\n' +
  'P07: My neighbour said مرحبا and שלום to everyone at the allotment 👩‍👩‍👧.\n' +
  'Interviewer: And the music group? 𝄞\n' +
  'P07: The cafe\u0301 after was the best part, a real rese\u0301au of people.\n';

export const FIELDNOTE = 'Fieldnote: the waiting room was quiet; posters about walking groups.\n';

export const NOTE_TEXT =
  'Memo \u0001about trust\u0007: people open up 🙂 when the worker <waits> & listens.\n' +
  'Second line with "quotes" and \'apostrophes\'.';

export function richProject(): RefiProject {
  const p = emptyProject('Threads & <Knots> "pilot" \'24\u0002');
  p.origin = 'Weft 9.9.9-test';
  p.description = 'A made-up pilot study\u0000 of befriending\r\nwith two coders.';
  p.creatingUser = guid(1);
  p.created = '2024-03-01 09:00:00';
  p.modified = '2024-03-09T17:45:00.125+01:00';
  p.users = [
    { guid: guid(1), name: 'Ada "A" <Coder> & co', id: 'ada' },
    { guid: guid(2), name: 'Bo\u0003 Tabbed\tName' },
  ];
  p.codes = [
    {
      guid: guid(10),
      name: 'Feelings',
      codable: false,
      color: '#ABC',
      description: 'A folder\u0008 for emotions',
      noteRefs: [guid(300)],
      children: [
        {
          guid: guid(11),
          name: 'Relief & <joy>',
          codable: true,
          color: '#10A0F0',
          noteRefs: [],
          children: [
            { guid: guid(12), name: 'Being heard', codable: true, noteRefs: [], children: [] },
          ],
        },
      ],
    },
    { guid: guid(13), name: 'Places', codable: true, color: 'blue', noteRefs: [], children: [] },
  ];
  p.variables = [
    { guid: guid(20), name: 'Age', type: 'Integer', description: 'Years at interview' },
    { guid: guid(21), name: 'Score', type: 'Float' },
    { guid: guid(22), name: 'Consented', type: 'Boolean' },
    { guid: guid(23), name: 'First visit', type: 'Date' },
    { guid: guid(24), name: 'Recorded at', type: 'DateTime' },
    { guid: guid(25), name: 'Site', type: 'Text' },
  ];
  const interviewSelections = [
    selectionOf(INTERVIEW, 'somebody finally listened', 100, [coding(200, 12, 1)], {
      name: 'heard',
      description: 'Key <moment>',
      creatingUser: guid(1),
      created: '2024-03-05T10:20:30Z',
      noteRefs: [guid(301)],
    }),
    selectionOf(INTERVIEW, 'مرحبا and שלום', 101, [coding(201, 13, 2), coding(202, 11, 1)]),
    selectionOf(INTERVIEW, 'allotment 👩‍👩‍👧', 102, [coding(203, 13)]),
    selectionOf(INTERVIEW, 'music group? 𝄞', 103, [coding(204, 11)]),
    selectionOf(INTERVIEW, 'cafe\u0301 after', 104, [coding(205, 11)]),
    selectionOf(INTERVIEW, 'rese\u0301au of people', 105, [coding(206, 12)]),
    selectionOf(INTERVIEW, 'Interviewer', 106),
  ];
  const interview: TextDoc = {
    guid: guid(30),
    name: 'Interview P07 & <draft>',
    origin: 'transcript',
    description: 'Second visit',
    text: INTERVIEW,
    creatingUser: guid(2),
    created: '2024-03-02T08:00:00Z',
    modified: '2024-03-03T08:00:00Z',
    selections: interviewSelections,
    codings: [coding(207, 12, 2)],
    noteRefs: [guid(300)],
    values: [
      { variable: guid(25), value: 'Northgate' },
      { variable: guid(22), value: true },
    ],
  };
  const fieldnote: TextDoc = {
    guid: guid(31),
    name: 'Fieldnote from a PDF',
    origin: 'pdf',
    text: FIELDNOTE,
    selections: [selectionOf(FIELDNOTE, 'walking groups', 107, [coding(208, 13)])],
    codings: [],
    noteRefs: [],
    values: [],
    original: { name: 'fieldnote.pdf', bytes: new Uint8Array([37, 80, 68, 70]) },
  };
  const letter: TextDoc = {
    guid: guid(32),
    name: 'Letter',
    origin: 'text',
    text: 'A short letter.',
    selections: [],
    codings: [],
    noteRefs: [],
    values: [],
    original: { name: 'letter.docx', bytes: new Uint8Array([80, 75, 3, 4, 1, 2, 3]) },
  };
  const empty: TextDoc = {
    guid: guid(33),
    name: 'Empty note',
    origin: 'note',
    text: '',
    selections: [],
    codings: [],
    noteRefs: [],
    values: [],
  };
  p.texts = [interview, fieldnote, letter, empty];
  p.media = [
    { guid: guid(40), name: 'Allotment photo', kind: 'picture', skippedSelections: 2, values: [] },
    { guid: guid(41), name: 'Voice memo', kind: 'audio', skippedSelections: 0, values: [] },
  ];
  p.cases = [
    {
      guid: guid(50),
      name: 'P07',
      description: 'Participant seven',
      codeRefs: [guid(12)],
      values: [
        { variable: guid(20), value: 67 },
        { variable: guid(21), value: 0.0000001 },
        { variable: guid(22), value: 'yes' },
        { variable: guid(23), value: '2024-02-29' },
        { variable: guid(24), value: '2024-03-02 14:05:00' },
        { variable: guid(25), value: 'Northgate & <Mill>' },
      ],
      sourceRefs: [guid(30)],
      selectionRefs: [guid(101)],
    },
    {
      guid: guid(51),
      name: 'Site: Northgate',
      codeRefs: [],
      values: [{ variable: guid(21), value: 1e21 }],
      sourceRefs: [guid(30), guid(31)],
      selectionRefs: [],
    },
  ];
  p.notes = [
    {
      guid: guid(300),
      name: 'Memo on trust',
      description: 'Written after the second round',
      text: NOTE_TEXT,
      creatingUser: guid(1),
      created: '2024-03-06T12:00:00Z',
      modified: '2024-03-07T12:00:00Z',
      selections: [selectionOf(NOTE_TEXT, 'when the worker <waits>', 110)],
    },
    { guid: guid(301), name: 'Annotation', text: 'Check this with the team.', selections: [] },
    { guid: guid(302), name: 'Project memo', text: '', selections: [] },
  ];
  p.projectNoteRefs = [guid(302)];
  p.sets = [
    {
      guid: guid(60),
      name: 'Core codes',
      description: 'Used in the first report',
      codes: [guid(11), guid(12)],
      sources: [guid(30)],
      notes: [guid(300)],
    },
    { guid: guid(61), name: 'Empty set', codes: [], sources: [], notes: [] },
  ];
  p.links = [
    {
      guid: guid(70),
      name: 'leads to',
      direction: 'OneWay',
      color: '#ff0000',
      origin: guid(11),
      target: guid(12),
      noteRefs: [guid(301)],
    },
    { guid: guid(71), origin: guid(300), target: guid(101), noteRefs: [] },
  ];
  p.graphs = [
    {
      guid: guid(80),
      name: 'Programme theory',
      vertices: [
        {
          guid: guid(81),
          representedGUID: guid(11),
          name: 'Relief',
          x: 10.4,
          y: 20.6,
          width: 100,
          height: 40,
          color: '#00ff00',
          shape: 'Oval',
        },
        { guid: guid(82), representedGUID: guid(300), x: 200, y: 20 },
      ],
      edges: [
        {
          guid: guid(83),
          source: guid(81),
          target: guid(82),
          name: 'supports',
          direction: 'Associative',
        },
      ],
    },
  ];
  return p;
}
