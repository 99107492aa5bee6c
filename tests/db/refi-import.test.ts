import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  emptyProject,
  type RefiProject,
  type RefiSelection,
} from '../../electron/formats/qdpx/model.js';
import type { WeftError } from '../../db/errors.js';
import { openProject, type Db } from '../../db/open.js';
import { listAnnotations } from '../../db/queries/annotations.js';
import { caseGrid, listCases, listClassifications, sourceGrid } from '../../db/queries/cases.js';
import { listSets } from '../../db/queries/code-sets.js';
import { deleteCode, listCodes } from '../../db/queries/codes.js';
import { listMemos } from '../../db/queries/memos.js';
import { stats } from '../../db/queries/project.js';
import { getSource, listSources } from '../../db/queries/sources.js';
import { importRefi } from '../../db/queries/refi/from-refi.js';
import { projectToRefi } from '../../db/queries/refi/to-refi.js';
import { tempDir } from '../helpers.js';
import { buildFixture } from './refi-fixture.js';

let dir: string;
let db: Db;
beforeEach(() => {
  dir = tempDir('weft-refi-in-');
  db = openProject(path.join(dir, 'p.weft'), { create: true });
});
afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** GUIDs as another tool might write them, numbered for reading. */
const g = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const TEXT = 'Alice met Bob at the allotment on a wet Saturday.';

const sel = (n: number, start: number, end: number, extra: Partial<RefiSelection> = {}) => ({
  guid: g(n),
  start,
  end,
  codings: [],
  noteRefs: [],
  ...extra,
});

/** Another tool's project: sound parts and broken ones side by side. */
function foreign(): RefiProject {
  const p = emptyProject('Their study');
  p.origin = 'Some Other QDA 3';
  p.users = [{ guid: g(1), name: 'Mira Sol' }];
  p.codes = [
    { guid: g(10), name: 'Trust', codable: true, children: [], noteRefs: [g(60)] },
    { guid: g(11), name: 'trust', codable: true, children: [], noteRefs: [] },
    {
      guid: g(12),
      name: 'Places',
      codable: false,
      color: '#ABCDEF',
      description: 'Plain words from elsewhere.\nInclusion: not ours',
      children: [{ guid: g(13), name: 'Allotment', codable: true, children: [], noteRefs: [] }],
      noteRefs: [],
    },
  ];
  p.variables = [
    { guid: g(20), name: 'Age', type: 'Integer' },
    { guid: g(21), name: 'Member', type: 'Boolean' },
    { guid: g(22), name: 'Round', type: 'Text' },
  ];
  p.texts = [
    {
      guid: g(30),
      name: 'Interview A',
      origin: 'text',
      text: TEXT,
      convention: 'utf16-crlf2',
      creatingUser: g(1),
      selections: [
        sel(40, 0, 5, { codings: [{ guid: g(50), code: g(10), creatingUser: g(1) }] }),
        // the same words, coded by someone the file never lists
        sel(41, 0, 5, { codings: [{ guid: g(51), code: g(13), creatingUser: g(2) }] }),
        sel(42, 10, 13, { codings: [{ guid: g(52), code: g(99) }] }), // unknown code
        sel(43, 40, 400, { codings: [{ guid: g(53), code: g(10) }] }), // past the end
        sel(44, 7, 7, { codings: [{ guid: g(54), code: g(10) }] }), // empty
        sel(45, 21, 30, { noteRefs: [g(61), g(98)] }), // an annotation and a missing note
        sel(46, 10, 13), // a case's passage
      ],
      codings: [{ guid: g(55), code: g(11) }], // the whole source
      noteRefs: [],
      values: [{ variable: g(22), value: 'one' }],
    },
    {
      guid: g(31),
      name: 'Interview A', // a name taken by the first
      origin: 'pdf',
      text: 'Short.',
      convention: 'codepoints',
      selections: [],
      codings: [],
      noteRefs: [],
      values: [{ variable: g(97), value: 'x' }],
    },
  ];
  p.media = [{ guid: g(32), name: 'Voice memo', kind: 'audio', skippedSelections: 3, values: [] }];
  p.cases = [
    {
      guid: g(70),
      name: 'Alice',
      codeRefs: [g(10)],
      values: [
        { variable: g(20), value: 34 },
        { variable: g(21), value: 'perhaps' }, // not a yes/no
      ],
      sourceRefs: [g(30), g(96)],
      selectionRefs: [g(46), g(95)],
    },
  ];
  p.notes = [
    { guid: g(60), name: 'About trust', text: 'Slow to build.', selections: [] },
    {
      guid: g(61),
      name: 'Weather',
      text: 'It rained all day.',
      creatingUser: g(1),
      selections: [],
    },
    { guid: g(62), name: 'For Alice', text: 'Call back in May.', selections: [sel(63, 0, 4)] },
    { guid: g(64), name: 'Loose', text: 'Nothing points here.', selections: [] },
  ];
  p.links = [
    { guid: g(80), origin: g(62), target: g(70), noteRefs: [] },
    { guid: g(81), name: 'leads to', origin: g(10), target: g(13), noteRefs: [] },
    { guid: g(82), origin: g(10), target: g(94), noteRefs: [] },
  ];
  p.sets = [
    { guid: g(90), name: 'Core', codes: [g(10), g(93)], sources: [], notes: [] },
    { guid: g(91), name: 'Early interviews', codes: [], sources: [g(30)], notes: [] },
  ];
  p.graphs = [
    {
      guid: g(92),
      name: 'Their map',
      vertices: [{ guid: g(85), representedGUID: g(10), x: 1, y: 2 }],
      edges: [],
    },
  ];
  p.skipped.push('1 picture selection had no area.');
  p.warnings.push('The file named no basePath.');
  return p;
}

describe('importing another tool’s project', () => {
  it('imports what is sound and says what it skipped, without crashing', () => {
    const s = importRefi(db, foreign(), { mode: 'new', coderName: 'Pat Doe' });

    expect(listCodes(db).map((c) => c.name)).toEqual(['Trust', 'trust (2)', 'Places', 'Allotment']);
    expect(s.warnings).toContain(
      'Code “trust” renamed “trust (2)”: another code beside it has that name.',
    );
    expect(db.prepare("SELECT codable FROM codes WHERE name = 'Places'").pluck().get()).toBe(0);
    const places = listCodes(db).find((c) => c.name === 'Places')!;
    expect(places).toMatchObject({
      color: '#abcdef',
      description: 'Plain words from elsewhere.\nInclusion: not ours',
      inclusion: '',
    });

    const sources = listSources(db);
    expect(sources.map((x) => [x.name, x.kind, x.length])).toEqual([
      ['Interview A', 'document', TEXT.length],
      ['Interview A (2)', 'pdf', 6],
      ['Voice memo', 'audio', 0],
    ]);
    const text = getSource(db, sources[0]!.id)!.text;
    const coded = db
      .prepare(
        'SELECT c.start, c.end, k.name, u.name AS coder FROM codings c JOIN codes k ON k.id = c.code_id JOIN users u ON u.id = c.coder_id ORDER BY c.id',
      )
      .all() as { start: number; end: number; name: string; coder: string }[];
    expect(coded.map((c) => [text.slice(c.start, c.end), c.name, c.coder])).toEqual([
      [TEXT, 'trust (2)', 'Pat Doe'],
      ['Alice', 'Trust', 'Mira Sol'],
      ['Alice', 'Allotment', 'Coder 00000000'],
    ]);

    expect(s.added).toMatchObject({
      codes: 4,
      sources: 3,
      codings: 3,
      cases: 1,
      casePassages: 1,
      annotations: 1,
      memos: 3,
      codeSets: 1,
    });
    expect(s.conventions).toEqual({ 'utf16-crlf2': 1, codepoints: 1 });
    expect(s.skipped).toEqual(
      expect.arrayContaining([
        '1 picture selection had no area.',
        '1 coding of codes the file does not define skipped.',
        "2 codings skipped: the passage is empty, splits a character or lies outside its source's text.",
        '1 reference to notes the file does not contain ignored.',
        '2 references from cases to sources or passages the file does not contain ignored.',
        '1 link from cases to codes not imported (Weft links cases to sources and passages).',
        "1 value skipped: not of their variable's type.",
        '1 value of variables the file does not define skipped.',
        '1 set member the file does not contain ignored.',
        "1 passage inside notes not imported (Weft keeps a note's text only).",
        '1 picture, audio or video source imported by name only, without its contents.',
        '3 selections in picture, audio or video sources skipped (Weft codes text only).',
        '1 link between things the file does not contain skipped.',
      ]),
    );
    expect(s.warnings).toContain('The file named no basePath.');
    expect(s.warnings).toContain('1 coder the file refers to without listing was added by GUID.');
  });

  it('makes notes into memos and annotations by what refers to them', () => {
    importRefi(db, foreign(), { mode: 'new' });
    const memos = listMemos(db).map((m) => [m.title, m.targetType, m.targetName]);
    expect(memos).toEqual(
      expect.arrayContaining([
        ['About trust', 'code', 'Trust'],
        ['For Alice', 'case', 'Alice'],
        ['Loose', null, null],
      ]),
    );
    expect(listAnnotations(db).map((a) => [a.text, a.body, a.author])).toEqual([
      ['allotment', 'It rained all day.', 'Mira Sol'],
    ]);
  });

  it('puts the cases and their typed values in a classification of their own', () => {
    importRefi(db, foreign(), { mode: 'new' });
    const [cls] = listClassifications(db);
    expect(cls!.name).toBe('Cases');
    const grid = caseGrid(db, cls!.id);
    expect(grid.attributes.map((a) => [a.name, a.type])).toEqual([
      ['Age', 'number'],
      ['Member', 'boolean'],
    ]);
    expect(grid.rows.map((r) => [r.case.name, Object.values(r.values)])).toEqual([['Alice', [34]]]);
    const sources = sourceGrid(db);
    expect(sources.attributes.map((a) => a.name)).toEqual(['Round']);
    expect(listCases(db)[0]).toMatchObject({ sources: 1, passages: 1 });
  });

  it('keeps links, graphs and sets it cannot show, and writes them out again while they hold', () => {
    importRefi(db, foreign(), { mode: 'new' });
    expect(listSets(db).map((x) => x.name)).toEqual(['Core']);
    const out = projectToRefi(db, { name: 'x', version: '1' });
    // the memo on a case goes out as Weft's own link; the other is kept as it came
    expect(out.links.map((l) => l.name)).toEqual(['Memo', 'leads to']);
    expect(out.graphs.map((x) => x.name)).toEqual(['Their map']);
    expect(out.sets.find((x) => x.name === 'Early interviews')!.sources).toEqual([g(30)]);

    deleteCode(db, listCodes(db).find((c) => c.name === 'Trust')!.id);
    const after = projectToRefi(db, { name: 'x', version: '1' });
    expect(after.links.map((l) => l.name)).toEqual(['Memo']); // the other's origin is gone
    expect(after.graphs[0]!.vertices[0]!.representedGUID).toBeUndefined();
  });

  it('is idempotent for another tool’s file too', () => {
    importRefi(db, foreign(), { mode: 'new' });
    const once = stats(db);
    const again = importRefi(db, foreign(), { mode: 'merge' });
    expect(Object.entries(again.added).filter(([, n]) => n > 0)).toEqual([]);
    expect(stats(db)).toEqual(once);
    expect(listAnnotations(db)).toHaveLength(1);
  });

  it('skips the passages of a source that is already there with other words', () => {
    importRefi(db, foreign(), { mode: 'new' });
    const changed = foreign();
    changed.texts[0]!.text = 'Different words now.';
    changed.texts[0]!.selections.push(sel(47, 0, 9, { codings: [{ guid: g(56), code: g(10) }] }));
    const s = importRefi(db, changed, { mode: 'merge' });
    expect(s.added.codings).toBe(0);
    expect(s.skipped).toContain(
      '9 passages skipped because their sources already in the project have different text.',
    );
  });
});

describe('refusing bad input', () => {
  it('writes nothing when an error is thrown halfway', () => {
    const fixture = buildFixture(dir, 'fixture.weft');
    const model = projectToRefi(fixture, { name: 'x', version: '1' });
    fixture.close();
    const before = stats(db);
    const users = db.prepare('SELECT count(*) FROM users').pluck().get();
    let calls = 0;
    expect(() =>
      importRefi(db, model, {
        mode: 'new',
        onProgress: () => {
          calls++;
          throw new Error('disk full');
        },
      }),
    ).toThrow('disk full');
    expect(calls).toBe(1);
    expect(stats(db)).toEqual(before);
    expect(db.prepare('SELECT count(*) FROM users').pluck().get()).toBe(users);
    // and the same model then imports whole
    importRefi(db, model, { mode: 'new' });
    expect(stats(db).cmocs).toBe(2);
  });

  it('refuses what is not a project, and a new import into a project that has work in it', () => {
    const shape = (p: unknown) => {
      try {
        importRefi(db, p as RefiProject, { mode: 'merge' });
      } catch (e) {
        return [(e as WeftError).code, (e as Error).message];
      }
      return 'imported';
    };
    expect(shape(null)).toEqual([
      'invalid_model',
      'The file did not give a REFI-QDA project to import.',
    ]);
    expect(shape({ ...emptyProject('x'), codes: 'Trust' })).toEqual([
      'invalid_model',
      "The project's codes is not a list; nothing was imported.",
    ]);
    expect(shape({ name: 'bare' })).toBe('imported');
    importRefi(db, foreign(), { mode: 'new' });
    const before = stats(db);
    expect(() => importRefi(db, foreign(), { mode: 'new' })).toThrowError(
      expect.objectContaining({ code: 'not_empty' }),
    );
    expect(stats(db)).toEqual(before);
  });

  it('leaves out entries it cannot read (no GUID, offsets that are not numbers)', () => {
    const p = foreign();
    p.codes.push({ guid: '', name: 'No guid', codable: true, children: [], noteRefs: [] });
    p.texts[0]!.selections.push(
      sel(48, Number.NaN, 3, { codings: [{ guid: g(57), code: g(10) }] }),
      sel(49, 1.5, 3, { codings: [{ guid: g(58), code: g(10) }] }),
    );
    p.texts.push({ ...p.texts[1]!, guid: g(33), text: undefined as unknown as string });
    const s = importRefi(db, p, { mode: 'new' });
    expect(s.added.codings).toBe(3);
    expect(listCodes(db).map((c) => c.name)).not.toContain('No guid');
    expect(s.skipped).toContain(
      '2 entries of the file could not be read (a missing GUID, name or offset) and were left out.',
    );
    expect(s.skipped).toContain(
      "4 codings skipped: the passage is empty, splits a character or lies outside its source's text.",
    );
  });

  it('does not let a passage split an emoji', () => {
    const p = emptyProject('emoji');
    p.codes = [{ guid: g(10), name: 'Joy', codable: true, children: [], noteRefs: [] }];
    p.texts = [
      {
        guid: g(30),
        name: 'Smiles',
        origin: 'text',
        text: 'a😀b',
        selections: [
          sel(40, 1, 2, { codings: [{ guid: g(50), code: g(10) }] }),
          sel(41, 1, 3, { codings: [{ guid: g(51), code: g(10) }] }),
        ],
        codings: [],
        noteRefs: [],
        values: [],
      },
    ];
    const s = importRefi(db, p, { mode: 'new' });
    expect(s.added.codings).toBe(1);
    const [row] = db.prepare('SELECT start, end FROM codings').all() as {
      start: number;
      end: number;
    }[];
    expect('a😀b'.slice(row!.start, row!.end)).toBe('😀');
  });
});
