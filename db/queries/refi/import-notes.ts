import type { RefiCode, RefiNote, RefiSelection } from './model.js';
import { prep } from '../../stmt.js';
import { deriveGuid, noteKindOf, readMachine } from './conventions.js';
import { cmocBlock, type ParsedCmoc } from './import-realist.js';
import { isInt, isStr, type ImportContext } from './import-context.js';

type MemoTarget = { type: 'project' | 'code' | 'source' | 'case' | 'coding'; id: number | null };

/** What each note became, decided before any passage is placed. */
export interface NotePlan {
  memos: Map<string, { id: number; target: MemoTarget | null; isNew: boolean }>;
  annotations: Map<string, RefiNote & { uses: number }>;
  cmocs: Map<string, ParsedCmoc>;
  /** Links used as a memo's target (a memo on a case or a media source). */
  usedLinks: Set<string>;
  /** Where each selection referring to a CMOC note lies, by selection GUID. */
  evidence: Map<string, { sourceId: number; start: number; end: number }>;
}

/** Every note referred to from the project, codes, text sources and links, with the target. */
function targets(ctx: ImportContext): Map<string, { target: MemoTarget; link?: string }[]> {
  const out = new Map<string, { target: MemoTarget; link?: string }[]>();
  const add = (note: string, target: MemoTarget, link?: string) =>
    out.set(note, [...(out.get(note) ?? []), { target, link }]);
  for (const n of ctx.project.projectNoteRefs ?? []) add(n, { type: 'project', id: null });
  const walk = (codes: RefiCode[]) => {
    for (const c of codes) {
      const id = ctx.codes.get(c.guid);
      if (id !== undefined) for (const n of c.noteRefs ?? []) add(n, { type: 'code', id });
      walk(c.children ?? []);
    }
  };
  walk(ctx.project.codes);
  for (const t of ctx.project.texts) {
    const source = ctx.sources.get(t.guid);
    if (source) for (const n of t.noteRefs ?? []) add(n, { type: 'source', id: source.id });
  }
  for (const l of ctx.project.links) {
    const caseId = ctx.cases.get(l.target);
    const source = ctx.sources.get(l.target);
    if (caseId !== undefined) add(l.origin, { type: 'case', id: caseId }, l.guid);
    else if (source) add(l.origin, { type: 'source', id: source.id }, l.guid);
  }
  return out;
}

/**
 * Decides what each note is (a Weft note says so in its Description; another tool's note is a
 * memo when something refers to it, an annotation when only passages do) and writes the memos.
 */
export function importNotes(ctx: ImportContext): NotePlan {
  const plan: NotePlan = {
    memos: new Map(),
    annotations: new Map(),
    cmocs: new Map(),
    usedLinks: new Set(),
    evidence: new Map(),
  };
  const refs = targets(ctx);
  const fromSelections = new Set<string>();
  for (const t of ctx.project.texts)
    for (const sel of t.selections ?? []) for (const n of sel.noteRefs ?? []) fromSelections.add(n);
  const byGuid = prep(
    ctx.db,
    'SELECT id, target_type AS type, target_id AS targetId FROM memos WHERE guid = ?',
  );
  const insert = prep(
    ctx.db,
    `INSERT INTO memos (guid, title, body, target_type, target_id, created_at, updated_at, created_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const known = new Set<string>();
  for (const note of ctx.project.notes) {
    ctx.progress();
    if (!isStr(note.guid) || typeof note.text !== 'string' || known.has(note.guid)) {
      ctx.skip('malformed');
      continue;
    }
    known.add(note.guid);
    ctx.skip('noteSelections', note.selections?.length ?? 0);
    const marked = noteKindOf(note.description);
    const machine = readMachine(note.text);
    if (machine?.tag === 'cmoc') {
      const block = cmocBlock.safeParse(machine.data);
      if (block.success) {
        plan.cmocs.set(note.guid, { note, block: block.data });
        continue;
      }
      ctx.warn(`The CMOC in note “${note.name}” could not be read; it was imported as a memo.`);
    }
    const mine = refs.get(note.guid) ?? [];
    const isAnnotation =
      marked === 'annotation' ||
      (marked === undefined && !mine.length && fromSelections.has(note.guid));
    if (isAnnotation && machine?.tag !== 'cmoc') {
      plan.annotations.set(note.guid, { ...note, uses: 0 });
      continue;
    }
    const [first, ...more] = mine;
    ctx.skip('extraTargets', more.length);
    if (first?.link) plan.usedLinks.add(first.link);
    const existing = byGuid.get(note.guid) as
      { id: number; type: MemoTarget['type'] | null; targetId: number | null } | undefined;
    if (existing) {
      const target = existing.type ? { type: existing.type, id: existing.targetId } : null;
      plan.memos.set(note.guid, { id: existing.id, target, isNew: false });
      ctx.count('memos', false);
      continue;
    }
    const created = isStr(note.created) ? note.created : ctx.now;
    const id = Number(
      insert.run(
        note.guid,
        note.name?.trim() || 'Untitled note',
        note.text,
        first?.target.type ?? null,
        first?.target.id ?? null,
        created,
        isStr(note.modified) ? note.modified : created,
        ctx.optionalUser(note.creatingUser),
      ).lastInsertRowid,
    );
    plan.memos.set(note.guid, { id, target: first?.target ?? null, isNew: true });
    ctx.count('memos', true);
  }
  return plan;
}

const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** [start, end) is a passage of `text`: inside it, not empty, not splitting a character. */
function sound(sel: RefiSelection, text: string): boolean {
  return (
    isInt(sel.start) &&
    isInt(sel.end) &&
    sel.start >= 0 &&
    sel.end > sel.start &&
    sel.end <= text.length &&
    !isLowSurrogate(text.charCodeAt(sel.start)) &&
    !(sel.end < text.length && isLowSurrogate(text.charCodeAt(sel.end)))
  );
}

/**
 * Every selection of every text: its codings, the case passages that name it, the memos,
 * annotations and CMOCs it refers to. One pass, prepared statements, no reads but lookups.
 */
export function importSelections(
  ctx: ImportContext,
  plan: NotePlan,
  casesOf: Map<string, number[]>,
): void {
  const db = ctx.db;
  const coding = prep(
    db,
    `INSERT INTO codings (guid, source_id, code_id, start, end, coder_id, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
  );
  const codingId = prep(db, 'SELECT id FROM codings WHERE guid = ?').pluck();
  const passage = prep(
    db,
    `INSERT INTO case_passages (guid, case_id, source_id, start, end, created_at, created_by)
     VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
  );
  const memoPassage = prep(
    db,
    `INSERT INTO memo_passages (guid, memo_id, source_id, start, end, created_at)
     SELECT @guid, @memo, @source, @start, @end, @created WHERE NOT EXISTS (
       SELECT 1 FROM memo_passages WHERE guid = @guid
          OR (memo_id = @memo AND source_id = @source AND start = @start AND end = @end))`,
  );
  const annotation = prep(
    db,
    `INSERT INTO annotations (guid, source_id, start, end, body, created_at, updated_at, created_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
  );
  const memoOnCoding = prep(
    db,
    "UPDATE memos SET target_type = 'coding', target_id = ? WHERE id = ?",
  );
  const placedCases = new Set<string>();

  for (const t of ctx.project.texts) {
    const source = ctx.sources.get(t.guid);
    const selections = t.selections ?? [];
    if (!source || source.text === null) {
      ctx.progress(selections.length);
      continue;
    }
    const text = source.text;
    // Codings of the whole source (REFI Coding directly under it) code all of its text.
    const whole: RefiSelection = {
      guid: deriveGuid(t.guid, 'whole-source'),
      start: 0,
      end: text.length,
      codings: t.codings ?? [],
      noteRefs: [],
    };
    const all = whole.codings.length ? [whole, ...selections] : selections;
    for (const sel of all) {
      ctx.progress();
      const codings = sel.codings ?? [];
      const noteRefs = sel.noteRefs ?? [];
      const cases = casesOf.get(sel.guid) ?? [];
      if (!sound(sel, text)) {
        ctx.skip('codingRange', codings.length);
        if (cases.length || noteRefs.length) ctx.skip('passageRange');
        continue;
      }
      let firstCoding: number | undefined;
      for (const c of codings) {
        const codeId = ctx.codes.get(c.code);
        if (!isStr(c.guid)) {
          ctx.skip('malformed');
          continue;
        }
        if (codeId === undefined) {
          ctx.skip('codingCode');
          continue;
        }
        const info = coding.run(
          c.guid,
          source.id,
          codeId,
          sel.start,
          sel.end,
          ctx.userId(c.creatingUser ?? sel.creatingUser),
          c.created ?? sel.created ?? ctx.now,
        );
        ctx.count('codings', info.changes > 0);
        firstCoding ??=
          info.changes > 0 ? Number(info.lastInsertRowid) : (codingId.get(c.guid) as number);
      }
      cases.forEach((caseId, i) => {
        const guid = i === 0 ? sel.guid : deriveGuid(sel.guid, `case:${caseId}`);
        const info = passage.run(
          guid,
          caseId,
          source.id,
          sel.start,
          sel.end,
          sel.created ?? ctx.now,
          ctx.optionalUser(sel.creatingUser),
        );
        ctx.count('casePassages', info.changes > 0);
      });
      if (cases.length) placedCases.add(sel.guid);
      noteRefs.forEach((noteGuid, i) => {
        const memo = plan.memos.get(noteGuid);
        const note = plan.annotations.get(noteGuid);
        if (memo) {
          // The coding's own memo, already on it (merging a file in twice).
          if (memo.target?.type === 'coding' && memo.target.id === firstCoding) return;
          if (memo.isNew && memo.target === null && firstCoding !== undefined) {
            memoOnCoding.run(firstCoding, memo.id);
            memo.target = { type: 'coding', id: firstCoding };
            return;
          }
          const guid = i === 0 ? sel.guid : deriveGuid(sel.guid, `memo:${noteGuid}`);
          const info = memoPassage.run({
            guid,
            memo: memo.id,
            source: source.id,
            start: sel.start,
            end: sel.end,
            created: sel.created ?? ctx.now,
          });
          ctx.count('memoPassages', info.changes > 0);
        } else if (note) {
          const guid = note.uses === 0 ? note.guid : deriveGuid(note.guid, sel.guid);
          note.uses++;
          const created = isStr(note.created) ? note.created : ctx.now;
          const info = annotation.run(
            guid,
            source.id,
            sel.start,
            sel.end,
            note.text,
            created,
            isStr(note.modified) ? note.modified : created,
            ctx.optionalUser(note.creatingUser),
          );
          ctx.count('annotations', info.changes > 0);
        } else if (plan.cmocs.has(noteGuid)) {
          plan.evidence.set(sel.guid, { sourceId: source.id, start: sel.start, end: sel.end });
        } else ctx.skip('noteRef');
      });
    }
  }
  for (const sel of casesOf.keys()) if (!placedCases.has(sel)) ctx.skip('caseRef');
  // An annotation no passage carried keeps its words as a memo.
  const insertMemo = prep(
    db,
    `INSERT INTO memos (guid, title, body, created_at, updated_at, created_by)
     VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
  );
  for (const note of plan.annotations.values()) {
    if (note.uses) continue;
    const created = isStr(note.created) ? note.created : ctx.now;
    const info = insertMemo.run(
      note.guid,
      note.name?.trim() || 'Untitled note',
      note.text,
      created,
      isStr(note.modified) ? note.modified : created,
      ctx.optionalUser(note.creatingUser),
    );
    ctx.count('memos', info.changes > 0);
  }
}
