// Writing, renaming, deleting and editing sources through the real dispatch: codings (and case
// passages) ride along with every edit of the text, and Undo/Redo put things back exactly.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  Annotation,
  Code,
  Coding,
  CodingCreated,
  Excerpt,
  ImportResult,
  Memo,
  MemoPassage,
  Source,
  SourceSummary,
  Stats,
  UndoState,
} from '../../electron/api/contract.js';
import type {
  Case,
  CasePassage,
  SourceGrid,
  SourceMeta,
  TextEditResult,
} from '../../electron/api/contract-cases.js';
import { closeSession } from '../../electron/api/handlers/project.js';
import { tempDir, testCtx, type TestCtx, errorOf } from '../helpers.js';

const TEXT =
  'Interviewer: How is the new room?\nLW01: It is small but it is ours. We share it on Fridays.\n';
const SOURCES_CHANGED = { event: 'project.changed', payload: { what: 'sources' } };
/** Coding undo forgotten: its steps point at words of the text as it was. */
const UNDO_CLEARED = { event: 'undo.changed', payload: { undo: null, redo: null } };
const codingsChanged = (sourceId: number) => ({
  event: 'project.changed',
  payload: { what: 'codings', sourceId },
});

let dir: string;
let ctxs: TestCtx[];

beforeEach(() => {
  dir = tempDir('weft-edit-');
  ctxs = [];
});

afterEach(() => {
  for (const c of ctxs) closeSession(c);
  fs.rmSync(dir, { recursive: true, force: true });
});

function newCtx(): TestCtx {
  const c = testCtx(dir);
  ctxs.push(c);
  return c;
}

/** A project with one interview; returns its id. */
function study(ctx: TestCtx, text = TEXT): number {
  ctx.ok('project.create', { path: path.join(dir, 'Study') });
  return ctx.ok<ImportResult>('sources.import', {
    files: [{ name: 'Interview.txt', content: text }],
  }).imported[0]!.id;
}

/** Codes the first occurrence of `quote` in the source with a code called `codeName`. */
function code(ctx: TestCtx, sourceId: number, quote: string, codeName: string): Coding {
  const text = ctx.ok<Source>('sources.get', { id: sourceId }).text;
  const start = text.indexOf(quote);
  expect(start).toBeGreaterThanOrEqual(0);
  return ctx.ok<CodingCreated>('codings.create', {
    sourceId,
    start,
    end: start + quote.length,
    codeName,
  }).coding;
}

/** Each code's coded words, as the Codes view lists them. */
function excerpts(ctx: TestCtx): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const c of ctx.ok<Code[]>('codes.list'))
    out[c.name] = ctx.ok<Excerpt[]>('excerpts.forCode', { codeId: c.id }).map((e) => e.text);
  return out;
}

const textOf = (ctx: TestCtx, id: number) => ctx.ok<Source>('sources.get', { id }).text;
const codingsOf = (ctx: TestCtx, sourceId: number) =>
  ctx.ok<Coding[]>('codings.forSource', { sourceId });

function edit(ctx: TestCtx, id: number, text: string): TextEditResult {
  return ctx.ok<TextEditResult>('sources.editText', {
    id,
    text,
    baseLength: textOf(ctx, id).length,
  });
}

/** Everything a user can see of one source: its text, codings, excerpts and case passages. */
function visible(ctx: TestCtx, sourceId: number) {
  return {
    source: ctx.ok<Source>('sources.get', { id: sourceId }),
    codings: codingsOf(ctx, sourceId),
    excerpts: excerpts(ctx),
    marks: ctx.ok('cases.passageMarks', { sourceId }),
    stats: ctx.ok<Stats>('project.stats'),
  };
}

describe('sources.createNote', () => {
  it('writes a fieldnote or memo in Weft, with a free name and LF line endings', () => {
    const ctx = newCtx();
    study(ctx);
    ctx.events.length = 0;
    const note = ctx.ok<SourceSummary>('sources.createNote', {
      name: 'Site visit',
      kind: 'fieldnote',
      text: 'Busy morning.\r\nTea urn broken.\rLeaflets out.',
    });
    expect(note).toMatchObject({ name: 'Site visit', kind: 'fieldnote', codings: 0, length: 43 });
    expect(textOf(ctx, note.id)).toBe('Busy morning.\nTea urn broken.\nLeaflets out.');
    expect(ctx.events).toEqual([SOURCES_CHANGED]);

    const again = ctx.ok<SourceSummary>('sources.createNote', { name: 'site visit', kind: 'memo' });
    expect(again).toMatchObject({ name: 'site visit (2)', kind: 'memo', length: 0 });
    const interview = ctx.ok<SourceSummary>('sources.createNote', {
      name: 'Interview',
      kind: 'debrief',
    });
    expect(interview.name).toBe('Interview (2)');
    expect(ctx.ok<SourceSummary[]>('sources.list').map((s) => s.name)).toEqual([
      'Interview',
      'Interview (2)',
      'Site visit',
      'site visit (2)',
    ]);
    expect(ctx.ok<Stats>('project.stats')).toMatchObject({ sources: 4, users: 1 });
  });

  it('an empty note can be written into, and the words coded', () => {
    const ctx = newCtx();
    study(ctx);
    const note = ctx.ok<SourceSummary>('sources.createNote', { name: 'Memo', kind: 'memo' });
    const r = ctx.ok<TextEditResult>('sources.editText', {
      id: note.id,
      text: 'Trust grows slowly.',
      baseLength: 0,
    });
    expect(r.source).toMatchObject({ text: 'Trust grows slowly.', length: 19, kind: 'memo' });
    expect(r.canUndo).toBe(true);
    code(ctx, note.id, 'Trust', 'Trust');
    expect(excerpts(ctx)).toEqual({ Trust: ['Trust'] });
  });

  it('refuses a kind that is not a note, binary text, or a blank name, and changes nothing', () => {
    const ctx = newCtx();
    study(ctx);
    ctx.events.length = 0;
    const before = ctx.ok('sources.list');
    expect(errorOf(ctx, 'sources.createNote', { name: 'X', kind: 'interview' }).code).toBe(
      'invalid_input',
    );
    expect(errorOf(ctx, 'sources.createNote', { name: ' ', kind: 'memo' }).code).toBe(
      'invalid_input',
    );
    expect(
      errorOf(ctx, 'sources.createNote', { name: 'X', kind: 'memo', text: 'a\u0000b' }).code,
    ).toBe('not_text');
    expect(ctx.ok('sources.list')).toEqual(before);
    expect(ctx.events).toEqual([]);
  });
});

describe('sources.update', () => {
  function meta(ctx: TestCtx, id: number): SourceMeta {
    return ctx.ok<SourceGrid>('grid.sources').rows.find((r) => r.source.id === id)!.source;
  }

  it('renames, sets the kind, files it in a normalised folder and describes it', () => {
    const ctx = newCtx();
    const id = study(ctx);
    ctx.events.length = 0;
    const m = ctx.ok<SourceMeta>('sources.update', {
      id,
      name: 'LW01 first interview',
      kind: 'follow-up interview',
      folder: ' Interviews \\ Site 1 /',
      description: '  Recorded in the staff room. ',
    });
    expect(m).toEqual({
      id,
      guid: expect.any(String) as string,
      name: 'LW01 first interview',
      kind: 'follow-up interview',
      folder: 'Interviews/Site 1',
      description: 'Recorded in the staff room.',
    });
    expect(meta(ctx, id)).toEqual(m);
    expect(ctx.ok<SourceSummary[]>('sources.list')[0]).toMatchObject({
      name: 'LW01 first interview',
      kind: 'follow-up interview',
    });
    expect(ctx.events).toEqual([SOURCES_CHANGED]);
    // fields left out stay as they are; a rename to its own name in other letters is fine
    ctx.ok('sources.update', { id, name: 'lw01 FIRST interview' });
    expect(meta(ctx, id)).toEqual({ ...m, name: 'lw01 FIRST interview' });
    ctx.ok('sources.update', { id, folder: '' });
    expect(meta(ctx, id).folder).toBe('');
  });

  it('refuses a name another source has, and then changes nothing else either', () => {
    const ctx = newCtx();
    const id = study(ctx);
    const other = ctx.ok<SourceSummary>('sources.createNote', { name: 'Notes', kind: 'memo' });
    ctx.events.length = 0;
    const before = ctx.ok<SourceGrid>('grid.sources');
    const e = errorOf(ctx, 'sources.update', {
      id: other.id,
      name: 'INTERVIEW',
      kind: 'fieldnote',
      folder: 'Elsewhere',
    });
    expect(e).toEqual({
      code: 'duplicate',
      message: 'A source called "INTERVIEW" already exists.',
    });
    expect(errorOf(ctx, 'sources.update', { id: 99, name: 'X' }).code).toBe('not_found');
    expect(errorOf(ctx, 'sources.update', { id, kind: 'novel' }).code).toBe('invalid_input');
    expect(ctx.ok('grid.sources')).toEqual(before);
    expect(ctx.events).toEqual([]);
  });
});

describe('sources.delete', () => {
  it('deletes the source with its codings and case passages, keeping codes and cases', () => {
    const ctx = newCtx();
    const id = study(ctx);
    const keep = ctx.ok<SourceSummary>('sources.createNote', {
      name: 'Notes',
      kind: 'memo',
      text: 'Small rooms everywhere.',
    });
    code(ctx, id, 'small but it is ours', 'Space');
    code(ctx, keep.id, 'Small rooms', 'Space');
    const lw01 = ctx.ok<Case>('cases.create', { name: 'LW01' });
    ctx.ok('cases.linkSource', { caseId: lw01.id, sourceId: id });
    ctx.ok('cases.addPassage', { caseId: lw01.id, sourceId: id, start: 0, end: 11 });
    ctx.events.length = 0;

    expect(ctx.ok('sources.delete', { id })).toBeNull();
    expect(ctx.events).toEqual([
      UNDO_CLEARED,
      SOURCES_CHANGED,
      { event: 'project.changed', payload: { what: 'codings' } },
    ]);
    expect(errorOf(ctx, 'sources.get', { id }).code).toBe('not_found');
    expect(errorOf(ctx, 'sources.delete', { id }).code).toBe('not_found');
    expect(excerpts(ctx)).toEqual({ Space: ['Small rooms'] });
    expect(ctx.ok<Stats>('project.stats')).toMatchObject({
      sources: 1,
      codes: 1,
      codings: 1,
      cases: 1,
    });
    expect(ctx.ok<CasePassage[]>('cases.passages', { caseId: lw01.id })).toEqual([]);
    expect(ctx.ok<Case[]>('cases.list', {})[0]).toMatchObject({ sources: 0, passages: 0 });
  });
});

describe('sources.editText', () => {
  it('keeps codings on their words through edits before, inside and after them', () => {
    const ctx = newCtx();
    const id = study(ctx);
    code(ctx, id, 'Interviewer', 'Speaker');
    code(ctx, id, 'small but it is ours', 'Space');
    code(ctx, id, 'share it', 'Sharing');
    ctx.events.length = 0;
    const next =
      'Q1. Interviewer: How is the lovely new room?\n' +
      'LW01: It is small but honestly it is ours. We share it on Fridays and Mondays.\n';
    const r = edit(ctx, id, next);
    expect(r).toMatchObject({ moved: 3, removed: 0, canUndo: true, canRedo: false });
    expect(r.source.text).toBe(next);
    expect(r.source.length).toBe(next.length);
    expect(textOf(ctx, id)).toBe(next);
    expect(excerpts(ctx)).toEqual({
      Speaker: ['Interviewer'],
      Space: ['small but honestly it is ours'],
      Sharing: ['share it'],
    });
    expect(codingsOf(ctx, id).map((c) => next.slice(c.start, c.end))).toEqual([
      'Interviewer',
      'small but honestly it is ours',
      'share it',
    ]);
    expect(ctx.events).toEqual([UNDO_CLEARED, codingsChanged(id), SOURCES_CHANGED]);
  });

  it('carries case passages along too', () => {
    const ctx = newCtx();
    const id = study(ctx);
    const lw01 = ctx.ok<Case>('cases.create', { name: 'LW01' });
    const start = TEXT.indexOf('It is small');
    ctx.ok('cases.addPassage', { caseId: lw01.id, sourceId: id, start, end: TEXT.length - 1 });
    edit(ctx, id, TEXT.replace('How is', 'So, how is'));
    expect(ctx.ok<CasePassage[]>('cases.passages', { caseId: lw01.id }).map((p) => p.text)).toEqual(
      ['It is small but it is ours. We share it on Fridays.'],
    );
  });

  it('removes a coding whose words are all deleted, and counts it', () => {
    const ctx = newCtx();
    const id = study(ctx);
    code(ctx, id, 'small but it is ours', 'Space');
    const sharing = code(ctx, id, 'share it', 'Sharing');
    const r = edit(ctx, id, TEXT.replace(' We share it on Fridays.', ''));
    expect(r).toMatchObject({ moved: 0, removed: 1, canUndo: true });
    expect(codingsOf(ctx, id).map((c) => c.id)).not.toContain(sharing.id);
    expect(excerpts(ctx)).toEqual({ Space: ['small but it is ours'], Sharing: [] });
    expect(ctx.ok<Stats>('project.stats').codings).toBe(1);
    expect(ctx.ok<SourceSummary[]>('sources.list')[0]!.codings).toBe(1);
  });

  it('stores CRLF and CR line endings as LF, so offsets match what is shown', () => {
    const ctx = newCtx();
    const id = study(ctx);
    code(ctx, id, 'share it', 'Sharing');
    const r = edit(ctx, id, 'Intro\r\n' + TEXT.replace(/\n/g, '\r\n') + 'End\r');
    const expected = 'Intro\n' + TEXT + 'End\n';
    expect(r.source.text).toBe(expected);
    expect(r.source.length).toBe(expected.length);
    expect(excerpts(ctx)).toEqual({ Sharing: ['share it'] });
  });

  it('refuses a stale baseLength with conflict, and changes nothing', () => {
    const ctx = newCtx();
    const id = study(ctx);
    code(ctx, id, 'share it', 'Sharing');
    ctx.events.length = 0;
    const before = visible(ctx, id);
    const e = errorOf(ctx, 'sources.editText', {
      id,
      text: 'Something else entirely.',
      baseLength: TEXT.length - 1,
    });
    expect(e.code).toBe('conflict');
    expect(e.message).toContain('changed elsewhere');
    expect(visible(ctx, id)).toEqual(before);
    expect(ctx.events).toEqual([]);
    expect(errorOf(ctx, 'sources.undoEdit', { id }).code).toBe('nothing_to_undo');
    expect(errorOf(ctx, 'sources.editText', { id: 99, text: 'x', baseLength: 0 }).code).toBe(
      'not_found',
    );
  });
  // BUG: db/text-edit.ts diffToEdits -> diffBy -> commonEnds trims the common prefix and
  // suffix by characters before the word diff runs, so when a false start is deleted in one save
  // ("we well" -> "well", a selection deleted within the editor's 600 ms save delay) the
  // deletion is read as " we" taken from inside "well": the coding on "well, it depends" is
  // clipped to "ll, it depends". The same happens to "I I think" -> "I think" (the coding on
  // "I think it helps" loses "I "). The trim should stop at a token (word) boundary, as the
  // word-level diff does, so deleted words never take letters from the words kept.
  it('keeps a coding whole when a false start just before it is deleted', () => {
    const ctx = newCtx();
    const id = study(ctx, 'LW01: we well, it depends. So I I think it helps.\n');
    code(ctx, id, 'well, it depends', 'Hedge');
    code(ctx, id, 'I think it helps', 'Benefit');
    const r = edit(ctx, id, 'LW01: well, it depends. So I think it helps.\n');
    expect(r.removed).toBe(0);
    expect(excerpts(ctx)).toEqual({ Hedge: ['well, it depends'], Benefit: ['I think it helps'] });
  });

  // BUG: electron/api/handlers/source-edit.ts editText (and undoEdit/redoEdit) read the current
  // text through sourceText(), whose per-handle cache (db/queries/sources.ts textCache) never
  // learns of a write made through another connection to the same file (the project open in a
  // second process, e.g. browser mode beside the desktop app). The baseLength check compares
  // against the stale cached length and passes, and the diff against the stale text is applied
  // to the stored text at the wrong offsets: the other writer's save survives but this one
  // lands inside "share" ("We sMone it on Fridays."), and the coding now reads "sMone it". It
  // should be refused with 'conflict' (the stored length is no longer baseLength) and change
  // nothing.
  it('refuses a save over a change made through another connection to the file', () => {
    const a = newCtx();
    const id = study(a);
    code(a, id, 'share it', 'Sharing');
    const b = newCtx();
    b.ok('project.open', { path: path.join(dir, 'Study.weft') });
    const theirs = TEXT.replace('new room', 'new consulting room');
    b.ok('sources.editText', { id, text: theirs, baseLength: TEXT.length });

    const e = errorOf(a, 'sources.editText', {
      id,
      text: TEXT.replace('Fridays', 'Mondays'),
      baseLength: TEXT.length,
    });
    expect(e.code).toBe('conflict');
    expect(textOf(a, id)).toBe(theirs);
    expect(excerpts(a)).toEqual({ Sharing: ['share it'] });
  });
});

describe('undo and redo of text edits', () => {
  it('undo restores the text and the removed coding exactly; redo applies the edit again', () => {
    const ctx = newCtx();
    const id = study(ctx);
    code(ctx, id, 'Interviewer', 'Speaker');
    code(ctx, id, 'small but it is ours', 'Space');
    code(ctx, id, 'share it', 'Sharing');
    const original = visible(ctx, id);
    // deletes "Sharing"'s words and clips "Space" (its first two words go)
    const edited = TEXT.replace('small but ', '').replace('We share it on Fridays.', '');
    const r = edit(ctx, id, edited);
    expect(r).toMatchObject({ removed: 1, canUndo: true, canRedo: false });
    expect(excerpts(ctx)).toEqual({ Speaker: ['Interviewer'], Space: ['it is ours'], Sharing: [] });
    const afterEdit = visible(ctx, id);
    ctx.events.length = 0;

    const undone = ctx.ok<TextEditResult>('sources.undoEdit', { id });
    expect(undone).toMatchObject({ removed: 0, canUndo: false, canRedo: true });
    expect(undone.source.text).toBe(TEXT);
    expect(visible(ctx, id)).toEqual(original); // same ids, guids, offsets, coders, times
    expect(ctx.events).toEqual([codingsChanged(id), SOURCES_CHANGED]);

    const redone = ctx.ok<TextEditResult>('sources.redoEdit', { id });
    expect(redone).toMatchObject({ removed: 1, canUndo: true, canRedo: false });
    expect(visible(ctx, id)).toEqual(afterEdit);
    // and back once more: the history holds what the redo removed
    ctx.ok('sources.undoEdit', { id });
    expect(visible(ctx, id)).toEqual(original);
  });

  it('undoes several edits in turn, newest first', () => {
    const ctx = newCtx();
    const id = study(ctx);
    code(ctx, id, 'share it', 'Sharing');
    const steps = [
      TEXT,
      TEXT.replace('new', 'old'),
      TEXT.replace('new', 'old').replace('Fridays', 'Sundays'),
    ];
    edit(ctx, id, steps[1]!);
    edit(ctx, id, steps[2]!);
    expect(ctx.ok<TextEditResult>('sources.undoEdit', { id })).toMatchObject({
      canUndo: true,
      canRedo: true,
    });
    expect(textOf(ctx, id)).toBe(steps[1]);
    ctx.ok('sources.undoEdit', { id });
    expect(textOf(ctx, id)).toBe(steps[0]);
    expect(excerpts(ctx)).toEqual({ Sharing: ['share it'] });
    expect(errorOf(ctx, 'sources.undoEdit', { id }).code).toBe('nothing_to_undo');
  });

  it('undo and redo bring the formatting back with the text; formatting alone is saved', () => {
    const ctx = newCtx();
    const id = study(ctx);
    const rich = (n: number) => JSON.stringify({ root: { children: [], version: n } });
    const richOf = () => ctx.ok<Source>('sources.get', { id }).rich;
    expect(richOf()).toBeNull();
    const next = TEXT.replace('new', 'old');
    ctx.ok('sources.editText', { id, text: next, rich: rich(1), baseLength: TEXT.length });
    expect(richOf()).toBe(rich(1));
    // bold on a word: same text, new formatting, saved without becoming a step to undo
    const r = ctx.ok<TextEditResult>('sources.editText', {
      id,
      text: next,
      rich: rich(2),
      baseLength: next.length,
    });
    expect(r).toMatchObject({ moved: 0, removed: 0, canUndo: true });
    expect(richOf()).toBe(rich(2));
    ctx.ok('sources.undoEdit', { id });
    expect([textOf(ctx, id), richOf()]).toEqual([TEXT, null]);
    ctx.ok('sources.redoEdit', { id });
    expect([textOf(ctx, id), richOf()]).toEqual([next, rich(1)]);
    // a save without formatting keeps the formatting there is
    edit(ctx, id, next + 'More.');
    expect(richOf()).toBe(rich(1));
  });

  it('answers nothing_to_undo / nothing_to_redo when there is nothing, changing nothing', () => {
    const ctx = newCtx();
    const id = study(ctx);
    ctx.events.length = 0;
    const before = visible(ctx, id);
    expect(errorOf(ctx, 'sources.undoEdit', { id })).toEqual({
      code: 'nothing_to_undo',
      message: 'There is no edit of this source to undo.',
    });
    expect(errorOf(ctx, 'sources.redoEdit', { id }).code).toBe('nothing_to_redo');
    // saving the same text is not an edit to undo
    expect(edit(ctx, id, TEXT)).toMatchObject({ moved: 0, removed: 0, canUndo: false });
    expect(errorOf(ctx, 'sources.undoEdit', { id }).code).toBe('nothing_to_undo');
    expect(visible(ctx, id)).toEqual(before);
  });

  it('a new edit after an undo clears redo', () => {
    const ctx = newCtx();
    const id = study(ctx);
    edit(ctx, id, TEXT.replace('new', 'old'));
    ctx.ok('sources.undoEdit', { id });
    const r = edit(ctx, id, TEXT.replace('Fridays', 'Mondays'));
    expect(r).toMatchObject({ canUndo: true, canRedo: false });
    expect(errorOf(ctx, 'sources.redoEdit', { id }).code).toBe('nothing_to_redo');
    expect(textOf(ctx, id)).toBe(TEXT.replace('Fridays', 'Mondays'));
  });

  it('refuses to undo with conflict when the text changed since, and changes nothing', () => {
    const ctx = newCtx();
    const id = study(ctx);
    code(ctx, id, 'share it', 'Sharing');
    edit(ctx, id, TEXT.replace(' We share it on Fridays.', ''));
    // another writer (a second window, the CLI) changes the text behind this session's back
    const changed = 'Rewritten elsewhere.\n';
    ctx.session
      .db!.prepare('UPDATE sources SET text = ?, text_length = ? WHERE id = ?')
      .run(changed, changed.length, id);
    ctx.events.length = 0;
    const before = visible(ctx, id);
    const e = errorOf(ctx, 'sources.undoEdit', { id });
    expect(e).toEqual({
      code: 'conflict',
      message: 'The source changed since that edit; it cannot be undone.',
    });
    expect(visible(ctx, id)).toEqual(before);
    expect(textOf(ctx, id)).toBe(changed);
    expect(ctx.events).toEqual([]);
  });

  it('keeps each source its own history', () => {
    const ctx = newCtx();
    const a = study(ctx);
    const b = ctx.ok<SourceSummary>('sources.createNote', {
      name: 'Notes',
      kind: 'memo',
      text: 'One.',
    }).id;
    edit(ctx, a, TEXT.replace('new', 'old'));
    edit(ctx, b, 'One. Two.');
    ctx.ok('sources.undoEdit', { id: b });
    expect(textOf(ctx, b)).toBe('One.');
    expect(textOf(ctx, a)).toBe(TEXT.replace('new', 'old'));
    expect(errorOf(ctx, 'sources.undoEdit', { id: b }).code).toBe('nothing_to_undo');
    ctx.ok('sources.undoEdit', { id: a });
    expect(textOf(ctx, a)).toBe(TEXT);
  });

  // BUG: codings and case_passages have no AUTOINCREMENT (db/migrations/0001-init.ts codings,
  // 0002-cases.ts case_passages), so SQLite hands the id of a coding an edit removed to the next
  // coding created. Undo then cannot put the removed coding back (db/queries/edit-source.ts
  // putBack throws 'Another codings row now has id N') and the whole undo is refused with
  // 'conflict': delete a coded sentence, code something else, press Undo, and the sentence
  // cannot come back. Undo should restore the text and the removed coding and keep the new one.
  it('undo still works after a new coding is made since the edit', () => {
    const ctx = newCtx();
    const id = study(ctx);
    code(ctx, id, 'small but it is ours', 'Space');
    code(ctx, id, 'share it', 'Sharing');
    edit(ctx, id, TEXT.replace(' We share it on Fridays.', ''));
    code(ctx, id, 'Interviewer', 'Speaker');
    const r = ctx.call('sources.undoEdit', { id });
    expect(r.ok).toBe(true);
    expect(textOf(ctx, id)).toBe(TEXT);
    expect(excerpts(ctx)).toEqual({
      Space: ['small but it is ours'],
      Sharing: ['share it'],
      Speaker: ['Interviewer'],
    });
  });

  // BUG: electron/api/handlers/source-edit.ts undoEdit calls restoreRows(step.rows), and the
  // step keeps every coding the edit clipped ("reshaped"), whether or not it still exists; a
  // missing one is re-inserted (db/queries/edit-source.ts putBack). So a coding the user
  // deleted after the edit comes back when the edit is undone, but only if the edit happened to
  // touch its words: one the edit merely shifted stays deleted. Undo of a text edit should not
  // undo a later, separate deletion of a coding.
  it('undo does not bring back a coding deleted after the edit', () => {
    const ctx = newCtx();
    const id = study(ctx);
    const space = code(ctx, id, 'small but it is ours', 'Space');
    const sharing = code(ctx, id, 'share it', 'Sharing');
    edit(ctx, id, TEXT.replace('small but ', '')); // clips "Space", shifts "Sharing"
    ctx.ok('codings.delete', { id: space.id });
    ctx.ok('codings.delete', { id: sharing.id });
    ctx.ok('sources.undoEdit', { id });
    expect(textOf(ctx, id)).toBe(TEXT);
    expect(excerpts(ctx)).toEqual({ Space: [], Sharing: [] });
  });
});

describe('annotations and memo passages through text edits', () => {
  /** Annotates and links to a memo the first occurrence of `quote`. */
  function note(ctx: TestCtx, sourceId: number, quote: string, memoId: number) {
    const start = textOf(ctx, sourceId).indexOf(quote);
    expect(start).toBeGreaterThanOrEqual(0);
    const at = { sourceId, start, end: start + quote.length };
    ctx.ok('annotations.create', { ...at, body: `About “${quote}”` });
    ctx.ok('memos.linkPassage', { memoId, ...at });
  }

  const notes = (ctx: TestCtx, memoId: number) => ({
    annotations: ctx.ok<Annotation[]>('annotations.list', {}).map((a) => [a.text, a.body]),
    passages: ctx.ok<MemoPassage[]>('memos.passages', { id: memoId }).map((p) => p.text),
  });

  it('move with their words, go with them, and come back on the editor’s undo', () => {
    const ctx = newCtx();
    const id = study(ctx);
    const memo = ctx.ok<Memo>('memos.create', { title: 'Rooms' });
    note(ctx, id, 'small but it is ours', memo.id);
    note(ctx, id, 'share it', memo.id);
    const original = {
      notes: notes(ctx, memo.id),
      rows: ctx.ok<Annotation[]>('annotations.list', {}),
      passages: ctx.ok<MemoPassage[]>('memos.passages', { id: memo.id }),
    };
    ctx.events.length = 0;

    // words before both shift them; "share it" is deleted outright
    const r = edit(
      ctx,
      id,
      TEXT.replace('How is', 'So, how is').replace(' We share it on Fridays.', ''),
    );
    expect(r.removed).toBe(2);
    expect(notes(ctx, memo.id)).toEqual({
      annotations: [['small but it is ours', 'About “small but it is ours”']],
      passages: ['small but it is ours'],
    });
    expect(ctx.events).toContainEqual({
      event: 'project.changed',
      payload: { what: 'annotations', sourceId: id },
    });
    expect(ctx.events).toContainEqual({ event: 'project.changed', payload: { what: 'memos' } });

    ctx.ok('sources.undoEdit', { id });
    expect(textOf(ctx, id)).toBe(TEXT);
    expect(ctx.ok<Annotation[]>('annotations.list', {})).toEqual(original.rows); // same ids too
    expect(ctx.ok<MemoPassage[]>('memos.passages', { id: memo.id })).toEqual(original.passages);

    ctx.ok('sources.redoEdit', { id });
    expect(notes(ctx, memo.id).passages).toEqual(['small but it is ours']);
  });

  it('makes the coding undo forget its steps, which point at the old words', () => {
    const ctx = newCtx();
    const id = study(ctx);
    code(ctx, id, 'share it', 'Sharing');
    ctx.ok('annotations.create', { sourceId: id, start: 0, end: 11, body: 'Who?' });
    expect(ctx.ok<UndoState>('undo.state').undo).toBe('Annotate passage');
    ctx.events.length = 0;

    edit(ctx, id, `Note. ${TEXT}`);
    expect(ctx.events).toContainEqual(UNDO_CLEARED);
    expect(ctx.ok<UndoState>('undo.state')).toEqual({ undo: null, redo: null });
    expect(errorOf(ctx, 'undo.undo').code).toBe('nothing_to_undo');
    // the coding and the note stay on their words
    expect(excerpts(ctx)).toEqual({ Sharing: ['share it'] });
    expect(ctx.ok<Annotation[]>('annotations.list', {})[0]!.text).toBe('Interviewer');

    // the editor's own undo of the text is a change of text too
    code(ctx, id, 'small', 'Space');
    ctx.ok('sources.undoEdit', { id });
    expect(ctx.ok<UndoState>('undo.state')).toEqual({ undo: null, redo: null });
    expect(errorOf(ctx, 'undo.undo').code).toBe('nothing_to_undo');
  });

  it('forgets the coding undo when a source is deleted', () => {
    const ctx = newCtx();
    const id = study(ctx);
    const other = ctx.ok<SourceSummary>('sources.createNote', {
      name: 'Notes',
      kind: 'memo',
      text: 'Small rooms everywhere.',
    });
    code(ctx, other.id, 'Small rooms', 'Space');
    ctx.ok('annotations.create', { sourceId: id, start: 0, end: 11, body: 'Who?' });
    ctx.events.length = 0;
    ctx.ok('sources.delete', { id });
    expect(ctx.events[0]).toEqual(UNDO_CLEARED);
    expect(ctx.events).toContainEqual({
      event: 'project.changed',
      payload: { what: 'annotations', sourceId: id },
    });
    expect(errorOf(ctx, 'undo.undo').code).toBe('nothing_to_undo');
    expect(ctx.ok<Annotation[]>('annotations.list', {})).toEqual([]);
    expect(excerpts(ctx)).toEqual({ Space: ['Small rooms'] });
  });

  it('sends no undo event when there was nothing to forget', () => {
    const ctx = newCtx();
    const id = study(ctx);
    ctx.events.length = 0;
    edit(ctx, id, `${TEXT}More.`);
    expect(ctx.events.map((e) => e.event)).not.toContain('undo.changed');
  });
});
