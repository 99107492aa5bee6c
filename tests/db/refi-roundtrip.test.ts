import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RefiProject } from '../../electron/formats/qdpx/model.js';
import { openProject, type Db } from '../../db/open.js';
import { getCanvas } from '../../db/queries/canvas.js';
import { caseValues, listCasePassages, listCases } from '../../db/queries/cases.js';
import { cmocHistory, getCmoc, listCmocs } from '../../db/queries/cmocs.js';
import { listSets } from '../../db/queries/code-sets.js';
import { listCodes } from '../../db/queries/codes.js';
import { listConcepts } from '../../db/queries/concepts.js';
import { listAnnotations } from '../../db/queries/annotations.js';
import { listMemoPassages, listMemos } from '../../db/queries/memos.js';
import { stats } from '../../db/queries/project.js';
import { getSource, listSources } from '../../db/queries/sources.js';
import { importRefi } from '../../db/queries/refi/from-refi.js';
import { projectToRefi } from '../../db/queries/refi/to-refi.js';
import { buildDemoProject } from '../../electron/api/demo.js';
import { appRoot, tempDir } from '../helpers.js';
import { TEXTS, at, buildFixture } from './refi-fixture.js';

let dir: string;
const open: Db[] = [];
beforeEach(() => {
  dir = tempDir('weft-refi-');
});
afterEach(() => {
  for (const db of open.splice(0)) db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const OPTS = { name: 'Garden study', version: '9.9.9' };

function fresh(name: string): Db {
  const db = openProject(path.join(dir, name), { create: true });
  open.push(db);
  return db;
}

function fixture(): Db {
  const db = buildFixture(dir);
  open.push(db);
  return db;
}

/** What the reader and writer pass along is plain data: what survives JSON is what counts. */
const asFile = (p: RefiProject): RefiProject => JSON.parse(JSON.stringify(p)) as RefiProject;

function byName<T extends { name: string }>(list: T[], name: string): T {
  const hit = list.find((x) => x.name === name);
  if (!hit) throw new Error(`no ${name}`);
  return hit;
}

describe('projectToRefi → importRefi → projectToRefi', () => {
  it('gives the same model twice: GUIDs, texts, offsets, names, notes and sets', () => {
    const first = projectToRefi(fixture(), OPTS);
    const copy = fresh('copy.weft');
    const summary = importRefi(copy, asFile(first), { mode: 'new' });
    expect(summary.skipped).toEqual([]);
    expect(summary.warnings).toEqual([]);
    const second = projectToRefi(copy, OPTS);
    expect(second).toEqual(first);
    // and again, through a third project
    const third = fresh('third.weft');
    importRefi(third, asFile(second), { mode: 'new' });
    expect(projectToRefi(third, OPTS)).toEqual(first);
  });

  it('puts codings on the same words, across emoji, right-to-left and decomposed text', () => {
    const db = fixture();
    const copy = fresh('copy.weft');
    importRefi(copy, asFile(projectToRefi(db, OPTS)), { mode: 'new' });
    const words = (d: Db) =>
      listSources(d)
        .flatMap((s) => {
          const src = getSource(d, s.id)!;
          return d
            .prepare(
              'SELECT c.start, c.end, k.name FROM codings c JOIN codes k ON k.id = c.code_id WHERE c.source_id = ?',
            )
            .all(s.id)
            .map((r) => {
              const { start, end, name } = r as { start: number; end: number; name: string };
              return `${src.name}: ${name} = ${src.text.slice(start, end)}`;
            });
        })
        .sort();
    expect(words(copy)).toEqual(words(db));
    expect(words(copy)).toContain('Garden notes: Greeting = 👋🏽 hello');
    expect(words(copy)).toContain('Ward visit: Greeting = مرحبا');
    expect(getSource(copy, listSources(copy).find((s) => s.name === 'Café talk')!.id)!.text).toBe(
      TEXTS.nfd,
    );
  });

  it('brings the codebook back with folders, definitions, criteria and twins under other parents', () => {
    const copy = fresh('copy.weft');
    importRefi(copy, asFile(projectToRefi(fixture(), OPTS)), { mode: 'new' });
    const codes = listCodes(copy);
    const place = codes.find((c) => c.name === 'Place' && c.description.startsWith('Where'))!;
    expect(place).toMatchObject({
      color: '#2f9e44',
      description: 'Where things happen.\nMore than one line.',
      inclusion: 'Named rooms, gardens\n  and yards',
      exclusion: 'Online spaces',
      example: '“the garden”',
      origin: 'deductive',
    });
    expect(codes.filter((c) => c.name === 'Place')).toHaveLength(2);
    const folder = copy.prepare("SELECT codable FROM codes WHERE name = 'Setting'").pluck().get();
    expect(folder).toBe(0);
  });

  it('brings cases back with their classification, typed values, sources and passages', () => {
    const copy = fresh('copy.weft');
    importRefi(copy, asFile(projectToRefi(fixture(), OPTS)), { mode: 'new' });
    const cases = listCases(copy);
    const p1 = byName(cases, 'P1');
    expect(p1).toMatchObject({
      classificationName: 'Participant',
      description: 'First talker',
      sources: 1,
    });
    expect(Object.values(caseValues(copy, p1.id)).sort()).toEqual(
      [2.5, 47, '2024-03-09', true].sort(),
    );
    expect(byName(cases, 'Site 1').classificationName).toBe('Site');
    expect(byName(cases, 'Loose case').classificationName).toBeNull();
    expect(listCasePassages(copy, byName(cases, 'P2').id).map((p) => p.text)).toEqual([
      'Everyone brought seeds.',
    ]);
    expect(listCasePassages(copy, byName(cases, 'Loose case').id).map((p) => p.text)).toEqual([
      'the porter',
    ]);
  });

  it('brings memos back on the same targets, with their passages, and annotations on their words', () => {
    const copy = fresh('copy.weft');
    importRefi(copy, asFile(projectToRefi(fixture(), OPTS)), { mode: 'new' });
    const memos = listMemos(copy);
    const target = (title: string) => {
      const m = byName(
        memos.map((x) => ({ ...x, name: x.title })),
        title,
      );
      return [m.targetType, m.targetName];
    };
    expect(target('Project memo')).toEqual(['project', 'Project']);
    expect(target('On places')).toEqual(['code', 'Place']);
    expect(target('On the ward')).toEqual(['source', 'Ward visit']);
    expect(target('About P1')).toEqual(['case', 'P1']);
    expect(target('This greeting')).toEqual(['coding', 'Greeting · Garden notes']);
    expect(target('Loose thoughts')).toEqual([null, null]);
    const loose = memos.find((m) => m.title === 'Loose thoughts')!;
    expect(
      listMemoPassages(copy, loose.id)
        .map((p) => p.text)
        .sort(),
    ).toEqual(['brought seeds', 're\u0301sume\u0301'].sort());
    expect(listAnnotations(copy).map((a) => [a.text, a.body, a.author])).toEqual([
      ['Tuesday', 'Market day.', ''],
      ['the nurse', 'Night shift.', 'Ada Byrne'],
    ]);
  });

  it('brings CMOCs, concepts and the canvas back as themselves, lost evidence included', () => {
    const db = fixture();
    const copy = fresh('copy.weft');
    importRefi(copy, asFile(projectToRefi(db, OPTS)), { mode: 'new' });

    const concepts = listConcepts(copy);
    const community = byName(concepts, 'Community');
    expect(community).toMatchObject({
      description: 'Being among others.',
      color: '#ff8800',
      cmocs: 1,
    });
    expect(community.setIds).toHaveLength(1);
    expect(listSets(copy).map((s) => s.name)).toEqual(['Belonging', 'Empty set']);

    const cmocs = listCmocs(copy);
    expect(cmocs.map((c) => c.title).sort()).toEqual(['No theme yet', 'Shared soil']);
    const soil = getCmoc(
      copy,
      byName(
        cmocs.map((c) => ({ ...c, name: c.title })),
        'Shared soil',
      ).id,
    )!;
    const original = getCmoc(db, listCmocs(db).find((c) => c.title === 'Shared soil')!.id)!;
    expect(soil).toMatchObject({
      conceptName: 'Community',
      status: 'refined',
      statusReason: 'Round two said otherwise.',
      resource: 'a weekly slot',
      confidence: 'medium',
      lostEvidence: 2,
    });
    const strip = (e: (typeof soil.evidenceItems)[number]) => ({
      guid: e.guid,
      part: e.part,
      quote: e.quote,
      sourceName: e.sourceName,
      lost: e.lost,
      attribution: e.attribution,
      coded: e.codingId !== null,
    });
    expect(soil.evidenceItems.map(strip)).toEqual(original.evidenceItems.map(strip));
    expect(soil.evidenceItems.find((e) => e.lost === 'source')!.quote).toBe('This note');
    const history = cmocHistory(copy, soil.id);
    expect(history.map((h) => [h.version, h.action, h.by])).toEqual(
      cmocHistory(db, original.id).map((h) => [h.version, h.action, h.by]),
    );
    // the concept a change moved the CMOC to is the copy's own concept, not the original's id
    const moved = history.find((h) => h.after?.conceptId !== undefined && h.action === 'status')!;
    expect(moved.after!.conceptId).toBe(byName(concepts, 'Bare concept').id);

    const canvas = getCanvas(copy);
    expect(canvas.stages).toEqual(['Arrive', 'Stay']);
    expect(canvas.items.map((i) => [i.kind, i.label, i.x, i.y])).toEqual([
      ['concept', 'Community', 10, 0],
      ['cmoc', 'Shared soil', 200, 80],
      ['cmoc', 'No theme yet', 300, 80],
      ['note', 'Ask about winter', 5, 5],
      ['note', 'Ask about winter', 50, 5],
    ]);
    const label = (id: number) => canvas.items.find((i) => i.id === id)!.label;
    expect(canvas.links.map((l) => [label(l.from), label(l.to), l.label])).toEqual([
      ['Community', 'Shared soil', 'grounds'],
      ['Shared soil', 'Ask about winter', ''],
    ]);
  });

  it('keeps a CMOC readable for other tools: its note says what it is, and a set gathers it', () => {
    const model = projectToRefi(fixture(), OPTS);
    const note = model.notes.find((n) => n.name === 'Shared soil')!;
    expect(note.text).toContain('Context: When neighbours share a plot');
    expect(note.text).toContain('Status: refined (Round two said otherwise.)');
    expect(note.text).toContain('“This note” (Doomed note) [its source was deleted]');
    const set = model.sets.find((s) => s.name === 'CMOC: Shared soil')!;
    expect(set.notes).toEqual([note.guid]);
    expect(set.sources).toHaveLength(3); // not the deleted one
    const evidence = model.texts
      .flatMap((t) => t.selections)
      .filter((s) => s.noteRefs.includes(note.guid));
    expect(evidence).toHaveLength(3);
  });
});

describe('the demo study', () => {
  it('survives export → import → export whole, its CMOCs and their history included', () => {
    const file = path.join(dir, 'demo.weft');
    buildDemoProject(file, path.join(appRoot, 'fixtures', 'demo'));
    const demo = openProject(file);
    open.push(demo);
    const first = projectToRefi(demo, OPTS);
    const copy = fresh('copy.weft');
    const s = importRefi(copy, asFile(first), { mode: 'new' });
    expect(s.skipped).toEqual([]);
    expect(stats(copy)).toEqual(stats(demo));
    expect(projectToRefi(copy, OPTS)).toEqual(first);
    const history = (d: Db) =>
      listCmocs(d).map((c) => cmocHistory(d, c.id).map((h) => [h.action, h.before, h.after, h.by]));
    expect(history(copy)).toEqual(history(demo));
  });
});

describe('merging by GUID', () => {
  it('changes nothing when the same file is merged twice, or merged back into its origin', () => {
    const db = fixture();
    const model = asFile(projectToRefi(db, OPTS));
    const copy = fresh('copy.weft');
    importRefi(copy, model, { mode: 'merge' });
    const once = stats(copy);
    const before = projectToRefi(copy, OPTS);
    const again = importRefi(copy, model, { mode: 'merge' });
    expect(Object.entries(again.added).filter(([, n]) => n > 0)).toEqual([]);
    expect(again.present).toMatchObject({ codes: 5, sources: 3, codings: 5, cmocs: 2, memos: 6 });
    expect(stats(copy)).toEqual(once);
    expect(projectToRefi(copy, OPTS)).toEqual(before);

    const home = importRefi(db, model, { mode: 'merge' });
    expect(Object.entries(home.added).filter(([, n]) => n > 0)).toEqual([]);
    expect(projectToRefi(db, OPTS)).toEqual(model);
  });

  it('adds only the new codings of a source both projects have', () => {
    const db = fixture();
    const model = asFile(projectToRefi(db, OPTS));
    const copy = fresh('copy.weft');
    importRefi(copy, model, { mode: 'new' });
    const garden = model.texts.find((t) => t.name === 'Garden notes')!;
    const code = model.codes[1]!.guid; // People
    garden.selections.push({
      guid: 'a0000000-0000-4000-8000-000000000001',
      ...at(TEXTS.garden, 'seeds'),
      codings: [{ guid: 'a0000000-0000-4000-8000-000000000002', code }],
      noteRefs: [],
    });
    const s = importRefi(copy, model, { mode: 'merge', coderName: 'Merger' });
    expect(s.added.codings).toBe(1);
    expect(s.added.users).toBe(1); // the coder the new coding is attributed to
    expect(s.present.codings).toBe(5);
  });
});
