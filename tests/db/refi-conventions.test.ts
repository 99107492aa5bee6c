import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { RefiCode, RefiProject } from '../../electron/formats/qdpx/model.js';
import {
  deriveGuid,
  foldEntry,
  isDerivedSet,
  readMachine,
  refiGuid,
  unfoldEntry,
  withMachine,
  type CodebookEntry,
} from '../../db/queries/refi/conventions.js';
import { projectToRefi } from '../../db/queries/refi/to-refi.js';
import { tempDir } from '../helpers.js';
import { buildFixture } from './refi-fixture.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const entry = (e: Partial<CodebookEntry>): CodebookEntry => ({
  description: '',
  inclusion: '',
  exclusion: '',
  example: '',
  origin: '',
  ...e,
});

describe('codebook entries folded into a Description', () => {
  const cases: [string, CodebookEntry][] = [
    ['nothing', entry({})],
    ['a definition alone', entry({ description: 'Just words.' })],
    [
      'every field',
      entry({
        description: 'Def',
        inclusion: 'In',
        exclusion: 'Out',
        example: 'Eg',
        origin: 'inductive',
      }),
    ],
    ['criteria without a definition', entry({ exclusion: 'Not this' })],
    [
      'line breaks and indents in values',
      entry({ inclusion: 'one\n  two\n\nthree  ', example: '\n' }),
    ],
    ['a label inside a value', entry({ inclusion: 'x\nExclusion: fake', exclusion: 'real' })],
    [
      'a definition that looks folded',
      entry({ description: 'Def\n\n[Weft codebook entry]\nInclusion: no' }),
    ],
    [
      'the same, with real criteria',
      entry({ description: '[Weft codebook entry]\nOrigin: deductive', origin: 'inductive' }),
    ],
    ['emoji and right-to-left words', entry({ description: 'שלום 👋🏽', example: 'مرحبا' })],
  ];
  it.each(cases)('reads back exactly: %s', (_, e) => {
    expect(unfoldEntry(foldEntry(e))).toEqual(e);
  });

  it('reads as labelled lines in other tools', () => {
    expect(foldEntry(entry({ description: 'Def', inclusion: 'a\nb', origin: 'deductive' }))).toBe(
      'Def\n\n[Weft codebook entry]\nInclusion: a\n  b\nOrigin: deductive',
    );
  });

  it('takes another tool’s description as the definition, whatever it says', () => {
    for (const text of [
      'Inclusion: looks like ours',
      'Def\n\n[Weft codebook entry]\nColour: red',
      'Def\n\n[Weft codebook entry]\nOrigin: sideways',
      'Def\n\n[Weft codebook entry]\nExample: a\nExample: b',
    ])
      expect(unfoldEntry(text)).toEqual(entry({ description: text }));
  });
});

describe('machine lines', () => {
  it('carry data below readable text and give both back', () => {
    const text = withMachine('Readable\n\nparagraphs\n', 'concept', { color: '#ffffff', n: [1] });
    expect(readMachine(text)).toEqual({
      tag: 'concept',
      data: { color: '#ffffff', n: [1] },
      readable: 'Readable\n\nparagraphs\n',
    });
    expect(readMachine(withMachine('', 'kind', { kind: 'x' }))).toEqual({
      tag: 'kind',
      data: { kind: 'x' },
      readable: '',
    });
  });

  it('are not found in ordinary text or in broken lines', () => {
    for (const text of [
      undefined,
      '',
      'plain',
      'x\n[weft:cmoc {bad json}]',
      'x\n[weft:cmoc {"a":1}]',
      '[weft:cmoc {"a":1}] trailing',
    ])
      expect(readMachine(text)).toBeUndefined();
  });
});

describe('sets Weft derives', () => {
  it('are told apart from code sets and concepts, so a codebook can leave them out', () => {
    expect(isDerivedSet(withMachine('Sources in “A”.', 'folder', { path: 'A' }))).toBe(true);
    expect(isDerivedSet(withMachine('', 'cmoc-set', { cmoc: 'x' }))).toBe(true);
    expect(isDerivedSet(withMachine('Being among others.', 'concept', { color: '#000000' }))).toBe(
      false,
    );
    expect(isDerivedSet('A plain set')).toBe(false);
    expect(isDerivedSet(undefined)).toBe(false);
  });
});

describe('GUIDs', () => {
  it('are derived the same way every time, as lower-case version-5 UUIDs', () => {
    const a = deriveGuid('0f8fad5b-d9cb-469f-a165-70867728950e', 'selection');
    expect(a).toMatch(UUID);
    expect(a[14]).toBe('5');
    expect(deriveGuid('0f8fad5b-d9cb-469f-a165-70867728950e', 'selection')).toBe(a);
    expect(deriveGuid('0f8fad5b-d9cb-469f-a165-70867728950e', 'set')).not.toBe(a);
    expect(refiGuid('0F8FAD5B-D9CB-469F-A165-70867728950E')).toBe(
      '0f8fad5b-d9cb-469f-a165-70867728950e',
    );
    expect(refiGuid('k1')).toMatch(UUID);
  });

  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });

  it('in an export are all UUIDs, each naming one thing, and every reference resolves', () => {
    const dir = tempDir('weft-refi-guid-');
    dirs.push(dir);
    const db = buildFixture(dir);
    const p: RefiProject = projectToRefi(db, { name: 'x', version: '1' });
    db.close();
    const owned: string[] = [];
    const walk = (codes: RefiCode[]) => {
      for (const c of codes) {
        owned.push(c.guid);
        walk(c.children);
      }
    };
    walk(p.codes);
    for (const list of [
      p.users,
      p.variables,
      p.cases,
      p.texts,
      p.media,
      p.notes,
      p.links,
      p.sets,
      p.graphs,
    ])
      owned.push(...list.map((x) => x.guid));
    for (const t of p.texts)
      for (const s of t.selections) owned.push(s.guid, ...s.codings.map((c) => c.guid));
    for (const gr of p.graphs)
      owned.push(...gr.vertices.map((v) => v.guid), ...gr.edges.map((e) => e.guid));
    for (const guid of owned) expect(guid).toMatch(UUID);
    expect(new Set(owned).size).toBe(owned.length);

    const known = new Set(owned);
    const refs = [
      ...p.projectNoteRefs,
      ...p.texts.flatMap((t) => [
        ...t.noteRefs,
        ...t.selections.flatMap((s) => [...s.noteRefs, ...s.codings.map((c) => c.code)]),
      ]),
      ...p.cases.flatMap((c) => [...c.sourceRefs, ...c.selectionRefs]),
      ...p.sets.flatMap((s) => [...s.codes, ...s.sources, ...s.notes]),
      ...p.links.flatMap((l) => [l.origin, l.target]),
    ];
    for (const r of refs) expect(known.has(r), r).toBe(true);
  });
});
