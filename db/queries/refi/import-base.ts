import { z } from 'zod';
import type { RefiCode, RefiVariableValue, TextDoc, MediaDoc } from './model.js';
import { prep } from '../../stmt.js';
import { normaliseFolder } from '../cases.js';
import { PALETTE } from '../codes.js';
import { initialsOf } from '../users.js';
import { CLASSIFICATION_VARIABLE, readMachine, unfoldEntry } from './conventions.js';
import { freeIn, isInt, isStr, type ImportContext } from './import-context.js';
import { importValue, type Attributes, type Classifications } from './import-variables.js';

export function importUsers(ctx: ImportContext): void {
  const byGuid = prep(ctx.db, 'SELECT id FROM users WHERE guid = ?').pluck();
  const byName = prep(ctx.db, 'SELECT id FROM users WHERE name = ? ORDER BY id').pluck();
  const insert = prep(
    ctx.db,
    'INSERT INTO users (guid, name, initials, created_at) VALUES (?, ?, ?, ?)',
  );
  for (const u of ctx.project.users) {
    if (!isStr(u.guid)) {
      ctx.skip('malformed');
      continue;
    }
    const name = isStr(u.name) ? u.name : `Coder ${u.guid.slice(0, 8)}`;
    // The same person in another project has another GUID: a coder is known by name too.
    const found = (byGuid.get(u.guid) ?? byName.get(name)) as number | undefined;
    if (found !== undefined) {
      ctx.users.set(u.guid, found);
      ctx.count('users', false);
      continue;
    }
    const initials = isStr(u.id) && u.id.length <= 4 ? u.id : initialsOf(name) || '?';
    ctx.users.set(u.guid, Number(insert.run(u.guid, name, initials, ctx.now).lastInsertRowid));
    ctx.count('users', true);
  }
}

const HEX = /^#[0-9a-f]{6}$/i;

/** The codebook, parents before children; a name a sibling has already gets " (2)". */
export function importCodes(ctx: ImportContext): void {
  const byGuid = prep(ctx.db, 'SELECT id FROM codes WHERE guid = ?').pluck();
  const siblingNames = prep(
    ctx.db,
    'SELECT name FROM codes WHERE ifnull(parent_id, 0) = ?',
  ).pluck();
  const lastPosition = prep(
    ctx.db,
    'SELECT ifnull(max(position) + 1, 0) FROM codes WHERE ifnull(parent_id, 0) = ?',
  ).pluck();
  const count = prep(ctx.db, 'SELECT count(*) FROM codes').pluck();
  const insert = prep(
    ctx.db,
    `INSERT INTO codes (guid, parent_id, name, color, description, inclusion, exclusion, example,
       origin, codable, position, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const names = new Map<number, Set<string>>();
  const positions = new Map<number, number>();
  let colour = count.get() as number;
  const walk = (list: RefiCode[], parentId: number | null) => {
    for (const c of list) {
      if (!isStr(c.guid) || typeof c.name !== 'string') {
        ctx.skip('malformed');
        continue;
      }
      const existing = (ctx.codes.get(c.guid) ?? byGuid.get(c.guid)) as number | undefined;
      if (existing !== undefined) {
        ctx.codes.set(c.guid, existing);
        ctx.count('codes', false);
        walk(c.children ?? [], existing);
        continue;
      }
      const key = parentId ?? 0;
      let taken = names.get(key);
      if (!taken) {
        taken = new Set((siblingNames.all(key) as string[]).map((n) => n.toLowerCase()));
        names.set(key, taken);
      }
      const wanted = c.name.trim() || 'Unnamed code';
      const name = freeIn(taken, wanted);
      if (name !== wanted)
        ctx.warn(`Code “${wanted}” renamed “${name}”: another code beside it has that name.`);
      taken.add(name.toLowerCase());
      const position = positions.get(key) ?? (lastPosition.get(key) as number);
      positions.set(key, position + 1);
      const entry = unfoldEntry(c.description ?? '');
      const color =
        c.color && HEX.test(c.color) ? c.color.toLowerCase() : PALETTE[colour % PALETTE.length]!;
      colour++;
      const id = Number(
        insert.run(
          c.guid,
          parentId,
          name,
          color,
          entry.description,
          entry.inclusion,
          entry.exclusion,
          entry.example,
          entry.origin,
          c.codable === false ? 0 : 1,
          position,
          ctx.now,
        ).lastInsertRowid,
      );
      ctx.codes.set(c.guid, id);
      ctx.count('codes', true);
      walk(c.children ?? [], id);
    }
  };
  walk(ctx.project.codes, null);
}

// ---------------------------------------------------------------- sources

const folderBlock = z.object({ path: z.string() });
const kindBlock = z.object({ kind: z.string().min(1) });

/** Folders and kinds Weft wrote as sets of sources, by source GUID. */
function sourcePlaces(ctx: ImportContext) {
  const folder = new Map<string, string>();
  const kind = new Map<string, string>();
  for (const set of ctx.project.sets) {
    const m = readMachine(set.description);
    if (m?.tag === 'folder') {
      const b = folderBlock.safeParse(m.data);
      if (b.success) for (const g of set.sources ?? []) folder.set(g, normaliseFolder(b.data.path));
    } else if (m?.tag === 'kind') {
      const b = kindBlock.safeParse(m.data);
      if (b.success) for (const g of set.sources ?? []) kind.set(g, b.data.kind);
    }
  }
  return { folder, kind };
}

const KIND_OF_ORIGIN: Record<TextDoc['origin'], string> = {
  text: 'document',
  pdf: 'pdf',
  transcript: 'transcript',
  note: 'memo',
};

export function importSources(ctx: ImportContext, attributes: Attributes): void {
  const places = sourcePlaces(ctx);
  const byGuid = prep(ctx.db, 'SELECT id, text FROM sources WHERE guid = ?');
  const taken = new Set(
    (prep(ctx.db, 'SELECT name FROM sources').pluck().all() as string[]).map((n) =>
      n.toLowerCase(),
    ),
  );
  const insert = prep(
    ctx.db,
    `INSERT INTO sources (guid, name, kind, text, text_length, original_name, created_at, created_by,
       folder, description) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const add = (doc: TextDoc | MediaDoc, text: string, kind: string): number | undefined => {
    const found = byGuid.get(doc.guid) as { id: number; text: string } | undefined;
    if (found) {
      ctx.count('sources', false);
      const same = found.text === text;
      if (!same && 'selections' in doc)
        ctx.skip('sourceText', doc.selections.length + (doc.codings?.length ?? 0));
      ctx.sources.set(doc.guid, { id: found.id, text: same ? found.text : null });
      return undefined;
    }
    const wanted = doc.name?.trim() || 'Untitled source';
    const name = freeIn(taken, wanted);
    if (name !== wanted) ctx.warn(`Source “${wanted}” imported as “${name}”: the name was taken.`);
    taken.add(name.toLowerCase());
    const created = 'created' in doc && isStr(doc.created) ? doc.created : ctx.now;
    const createdBy = 'creatingUser' in doc ? ctx.optionalUser(doc.creatingUser) : null;
    const original = 'original' in doc ? (doc.original?.name ?? null) : null;
    const id = Number(
      insert.run(
        doc.guid,
        name,
        places.kind.get(doc.guid) ?? kind,
        text,
        text.length,
        original,
        created,
        createdBy,
        places.folder.get(doc.guid) ?? '',
        doc.description ?? '',
      ).lastInsertRowid,
    );
    ctx.sources.set(doc.guid, { id, text });
    ctx.count('sources', true);
    return id;
  };
  const values = (id: number | undefined, list: RefiVariableValue[] | undefined) => {
    if (id === undefined) return;
    for (const v of list ?? []) {
      const ref = attributes.get(v.variable)?.source;
      if (ref) importValue(ctx, 'source_values', id, ref, v);
      else ctx.skip('valueVariable');
    }
  };
  for (const t of ctx.project.texts) {
    if (!isStr(t.guid) || typeof t.text !== 'string') {
      ctx.skip('malformed');
      continue;
    }
    if (t.convention) ctx.conventions[t.convention] = (ctx.conventions[t.convention] ?? 0) + 1;
    values(add(t, t.text, KIND_OF_ORIGIN[t.origin] ?? 'document'), t.values);
    ctx.progress();
  }
  let mediaSelections = 0;
  let media = 0;
  for (const m of ctx.project.media) {
    if (!isStr(m.guid)) {
      ctx.skip('malformed');
      continue;
    }
    const id = add(m, '', m.kind);
    if (id !== undefined) {
      media++;
      mediaSelections += isInt(m.skippedSelections) ? m.skippedSelections : 0;
    }
    values(id, m.values);
  }
  // The reader already names what it left out of media sources; say it once.
  if (!ctx.project.skipped.some((s) => /by name only/i.test(s))) {
    ctx.skip('media', media);
    ctx.skip('mediaSelections', mediaSelections);
  }
}

// ---------------------------------------------------------------- cases

/** Cases, their values and whole sources; returns the cases each selection GUID names. */
export function importCases(
  ctx: ImportContext,
  attributes: Attributes,
  classes: Classifications,
): Map<string, number[]> {
  const byGuid = prep(ctx.db, 'SELECT id FROM cases WHERE guid = ?').pluck();
  const taken = new Set(
    (prep(ctx.db, 'SELECT name FROM cases').pluck().all() as string[]).map((n) => n.toLowerCase()),
  );
  const insert = prep(
    ctx.db,
    `INSERT INTO cases (guid, name, classification_id, description, created_at)
     VALUES (?, ?, ?, ?, ?)`,
  );
  const link = prep(
    ctx.db,
    'INSERT INTO source_cases (source_id, case_id, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
  );
  const passages = new Map<string, number[]>();
  for (const c of ctx.project.cases) {
    ctx.progress();
    if (!isStr(c.guid)) {
      ctx.skip('malformed');
      continue;
    }
    ctx.skip('caseCodeRef', c.codeRefs?.length ?? 0);
    let id = byGuid.get(c.guid) as number | undefined;
    const isNew = id === undefined;
    const values = c.values ?? [];
    if (id === undefined) {
      const named = values.find((v) => v.variable === CLASSIFICATION_VARIABLE);
      const classificationId =
        named && isStr(named.value)
          ? classes.ensure(undefined, named.value)
          : values.some((v) => attributes.get(v.variable)?.case)
            ? classes.imported()
            : null;
      const wanted = c.name?.trim() || 'Unnamed case';
      const name = freeIn(taken, wanted);
      if (name !== wanted) ctx.warn(`Case “${wanted}” imported as “${name}”: the name was taken.`);
      taken.add(name.toLowerCase());
      id = Number(
        insert.run(c.guid, name, classificationId, c.description ?? '', ctx.now).lastInsertRowid,
      );
      for (const v of values) {
        if (v.variable === CLASSIFICATION_VARIABLE) continue;
        const ref = attributes.get(v.variable)?.case;
        if (!ref) ctx.skip('valueVariable');
        else if (ref.classificationId !== classificationId) ctx.skip('valueClass');
        else importValue(ctx, 'case_values', id, ref, v);
      }
    }
    ctx.count('cases', isNew);
    ctx.cases.set(c.guid, id);
    for (const s of c.sourceRefs ?? []) {
      const source = ctx.sources.get(s);
      if (source) link.run(source.id, id, ctx.now);
      else ctx.skip('caseRef');
    }
    for (const sel of c.selectionRefs ?? []) passages.set(sel, [...(passages.get(sel) ?? []), id]);
  }
  return passages;
}
