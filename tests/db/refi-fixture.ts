/**
 * A small project holding every kind of thing Weft keeps, built through the query functions
 * the app uses, for the REFI-QDA mapping tests. All words are this fixture's own.
 */
import path from 'node:path';
import { openProject, type Db } from '../../db/open.js';
import { addConceptCodes, addConceptSets, createConcept } from '../../db/queries/concepts.js';
import { linkItems, placeItem, setStages } from '../../db/queries/canvas.js';
import {
  addCasePassage,
  createAttribute,
  createCase,
  createClassification,
  linkSourceToCase,
  setCaseValue,
  setSourceMeta,
  setSourceValue,
} from '../../db/queries/cases.js';
import { insertCmoc, insertEvidence, updateCmoc } from '../../db/queries/cmocs.js';
import { createSet } from '../../db/queries/code-sets.js';
import { insertCode } from '../../db/queries/codes.js';
import { deleteCoding, insertCoding } from '../../db/queries/codings.js';
import { addMemoPassage, insertMemo } from '../../db/queries/memos.js';
import { insertAnnotation } from '../../db/queries/annotations.js';
import { setMeta } from '../../db/queries/project.js';
import { deleteSource, insertSource } from '../../db/queries/sources.js';
import { ensureUser } from '../../db/queries/users.js';

export const TEXTS = {
  // Emoji with a skin tone (two surrogate pairs) before the coded words.
  garden: 'Wave 👋🏽 hello. The garden group met on Tuesday.\nEveryone brought seeds.',
  // Right-to-left Arabic and Hebrew words among English ones.
  rtl: 'She said مرحبا to the nurse and שלום to the porter.',
  // Decomposed (NFD) accents: e + combining acute.
  nfd: 'The cafe\u0301 by the clinic felt like a re\u0301sume\u0301 of the week.',
  doomed: 'This note will be deleted, but its quote must survive as evidence.',
};

/** Offsets of `words` in `text` (UTF-16 units), failing loudly when absent. */
export function at(text: string, words: string): { start: number; end: number } {
  const start = text.indexOf(words);
  if (start < 0) throw new Error(`fixture: "${words}" not in text`);
  return { start, end: start + words.length };
}

export function buildFixture(dir: string, file = 'fixture.weft'): Db {
  const db = openProject(path.join(dir, file), { create: true, name: 'Fixture' });
  db.transaction(() => {
    setMeta(db, 'description', 'A small study of a community garden and its clinic.');
    const ada = ensureUser(db, 'Ada Byrne').id;
    const kofi = ensureUser(db, 'Kofi Mensah', 'KM').id;

    const folder = insertCode(db, { name: 'Setting', createdBy: ada });
    db.prepare('UPDATE codes SET codable = 0 WHERE id = ?').run(folder);
    const place = insertCode(db, {
      name: 'Place',
      parentId: folder,
      color: '#2F9E44',
      description: 'Where things happen.\nMore than one line.',
      inclusion: 'Named rooms, gardens\n  and yards',
      exclusion: 'Online spaces',
      example: '“the garden”',
      origin: 'deductive',
    });
    const people = insertCode(db, { name: 'People', origin: 'inductive' });
    const greeting = insertCode(db, { name: 'Greeting', parentId: people });
    const placeTwin = insertCode(db, {
      name: 'Place',
      parentId: people,
      description: 'Same name, other parent.',
    });

    const garden = insertSource(db, { name: 'Garden notes', text: TEXTS.garden, createdBy: ada });
    const rtl = insertSource(db, { name: 'Ward visit', kind: 'interview', text: TEXTS.rtl });
    const nfd = insertSource(db, { name: 'Café talk', kind: 'fieldnote', text: TEXTS.nfd });
    const doomed = insertSource(db, { name: 'Doomed note', text: TEXTS.doomed });
    setSourceMeta(db, garden, { folder: 'Site 1/Fieldnotes', description: 'Written on the day.' });
    setSourceMeta(db, nfd, { folder: 'Site 1/Fieldnotes' });

    const wave = at(TEXTS.garden, '👋🏽 hello');
    const c1 = insertCoding(db, { sourceId: garden, codeId: greeting, ...wave, coderId: ada });
    const groupAt = at(TEXTS.garden, 'The garden group met');
    const c2 = insertCoding(db, { sourceId: garden, codeId: place, ...groupAt, coderId: kofi });
    insertCoding(db, { sourceId: garden, codeId: people, ...groupAt, coderId: ada });
    const hello = insertCoding(db, {
      sourceId: rtl,
      codeId: greeting,
      ...at(TEXTS.rtl, 'مرحبا'),
      coderId: kofi,
    });
    insertCoding(db, { sourceId: rtl, codeId: greeting, ...at(TEXTS.rtl, 'שלום'), coderId: kofi });
    const cafe = insertCoding(db, {
      sourceId: nfd,
      codeId: placeTwin,
      ...at(TEXTS.nfd, 'cafe\u0301'),
      coderId: ada,
    });
    const doomedCoding = insertCoding(db, {
      sourceId: doomed,
      codeId: people,
      start: 0,
      end: 9,
      coderId: ada,
    });

    const people1 = createClassification(db, {
      name: 'Participant',
      description: 'People we spoke with.',
    });
    const sites = createClassification(db, { name: 'Site' });
    const age = createAttribute(db, {
      scope: 'case',
      classificationId: people1.id,
      name: 'Age',
      type: 'number',
    });
    const hours = createAttribute(db, {
      scope: 'case',
      classificationId: people1.id,
      name: 'Hours',
      type: 'number',
    });
    const joined = createAttribute(db, {
      scope: 'case',
      classificationId: people1.id,
      name: 'Joined',
      type: 'date',
    });
    const gardener = createAttribute(db, {
      scope: 'case',
      classificationId: people1.id,
      name: 'Gardener',
      type: 'boolean',
    });
    const siteAge = createAttribute(db, {
      scope: 'case',
      classificationId: sites.id,
      name: 'Age',
      type: 'text',
    });
    const round = createAttribute(db, { scope: 'source', name: 'Round', type: 'text' });
    const p1 = createCase(db, {
      name: 'P1',
      classificationId: people1.id,
      description: 'First talker',
    }).id;
    const p2 = createCase(db, { name: 'P2', classificationId: people1.id }).id;
    const s1 = createCase(db, { name: 'Site 1', classificationId: sites.id }).id;
    const loose = createCase(db, { name: 'Loose case' }).id;
    setCaseValue(db, p1, age.id, 47);
    setCaseValue(db, p1, hours.id, 2.5);
    setCaseValue(db, p1, joined.id, '2024-03-09');
    setCaseValue(db, p1, gardener.id, true);
    setCaseValue(db, p2, gardener.id, false);
    setCaseValue(db, s1, siteAge.id, 'about ten years');
    setSourceValue(db, garden, round.id, 'first');
    linkSourceToCase(db, garden, p1);
    linkSourceToCase(db, garden, s1);
    linkSourceToCase(db, rtl, p2);
    addCasePassage(db, {
      caseId: p2,
      sourceId: garden,
      ...at(TEXTS.garden, 'Everyone brought seeds.'),
    });
    addCasePassage(db, { caseId: loose, sourceId: rtl, ...at(TEXTS.rtl, 'the porter') });

    insertMemo(db, {
      title: 'Project memo',
      body: 'What we are after.',
      targetType: 'project',
      createdBy: ada,
    });
    insertMemo(db, {
      title: 'On places',
      body: 'Places carry the meetings.',
      targetType: 'code',
      targetId: place,
    });
    insertMemo(db, {
      title: 'On the ward',
      body: 'Two languages at once.',
      targetType: 'source',
      targetId: rtl,
    });
    insertMemo(db, {
      title: 'About P1',
      body: 'Keen, busy.',
      targetType: 'case',
      targetId: p1,
      createdBy: kofi,
    });
    insertMemo(db, {
      title: 'This greeting',
      body: 'A wave first.',
      targetType: 'coding',
      targetId: c1,
    });
    const free = insertMemo(db, { title: 'Loose thoughts', body: 'Seeds as gifts?\nMaybe.' });
    addMemoPassage(db, { memoId: free, sourceId: garden, ...at(TEXTS.garden, 'brought seeds') });
    addMemoPassage(db, { memoId: free, sourceId: nfd, ...at(TEXTS.nfd, 're\u0301sume\u0301') });
    insertAnnotation(db, {
      sourceId: rtl,
      ...at(TEXTS.rtl, 'the nurse'),
      body: 'Night shift.',
      createdBy: ada,
    });
    insertAnnotation(db, {
      sourceId: garden,
      ...at(TEXTS.garden, 'Tuesday'),
      body: 'Market day.',
      createdBy: null,
    });

    const belonging = createSet(db, {
      name: 'Belonging',
      description: 'Feeling part of it.',
      codeIds: [people, place],
    });
    createSet(db, { name: 'Empty set', codeIds: [] });
    const community = createConcept(db, {
      name: 'Community',
      description: 'Being among others.',
      color: '#ff8800',
      createdBy: ada,
    });
    addConceptCodes(db, community, [greeting, place]);
    addConceptSets(db, community, [belonging]);
    const bare = createConcept(db, { name: 'Bare concept' });

    const m1 = insertCmoc(
      db,
      {
        title: 'Shared soil',
        conceptId: community,
        context: 'When neighbours share a plot',
        resource: 'a weekly slot',
        reasoning: 'they feel expected',
        outcome: 'they come back',
        provenance: 'data',
        confidence: 'medium',
        notes: 'Check in round two.',
      },
      ada,
    );
    insertEvidence(
      db,
      { cmocId: m1, part: 'context', sourceId: garden, ...groupAt, codingId: c2 },
      ada,
    );
    insertEvidence(
      db,
      { cmocId: m1, part: 'outcome', sourceId: rtl, ...at(TEXTS.rtl, 'مرحبا'), codingId: hello },
      kofi,
    );
    insertEvidence(
      db,
      { cmocId: m1, part: 'mechanism', sourceId: doomed, start: 0, end: 9, codingId: doomedCoding },
      ada,
    );
    insertEvidence(
      db,
      {
        cmocId: m1,
        part: 'outcome',
        sourceId: nfd,
        ...at(TEXTS.nfd, 'cafe\u0301'),
        codingId: cafe,
      },
      ada,
    );
    updateCmoc(db, m1, { status: 'refined', conceptId: bare }, 'Round two said otherwise.', kofi);
    updateCmoc(db, m1, { conceptId: community }, undefined, kofi);
    const m2 = insertCmoc(
      db,
      {
        title: 'No theme yet',
        statement: 'If it rains, then nobody comes, because the shed leaks.',
      },
      kofi,
    );
    deleteSource(db, doomed); // its evidence stays, flagged lost, with its quote
    deleteCoding(db, cafe); // evidence whose coding went

    setStages(db, ['Arrive', 'Stay']);
    const iConcept = placeItem(db, { kind: 'concept', refId: community, x: 10.4, y: -0.4 });
    const iCmoc = placeItem(db, { kind: 'cmoc', refId: m1, x: 200, y: 80 });
    placeItem(db, { kind: 'cmoc', refId: m2, x: 300, y: 80 });
    const n1 = placeItem(db, { kind: 'note', refId: null, label: 'Ask about winter', x: 5, y: 5 });
    placeItem(db, { kind: 'note', refId: null, label: 'Ask about winter', x: 50, y: 5 });
    linkItems(db, iConcept, iCmoc, 'grounds');
    linkItems(db, iCmoc, n1);
  })();
  return db;
}
