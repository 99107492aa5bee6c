import type { RefiNote } from './model.js';
import { NOTE_MARK, annotationSelectionGuid, memoLinkGuid, refiGuid } from './conventions.js';
import { place, type ExportState } from './to-refi.js';

interface MemoRow {
  id: number;
  guid: string;
  title: string;
  body: string;
  targetType: 'project' | 'source' | 'code' | 'case' | 'coding' | null;
  targetId: number | null;
  created: string;
  modified: string;
  createdBy: number | null;
}

function note(
  s: ExportState,
  n: Omit<RefiNote, 'selections' | 'creatingUser'> & { createdBy: number | null },
): RefiNote {
  const { createdBy, ...rest } = n;
  const creatingUser = createdBy === null ? undefined : s.users.get(createdBy);
  return { ...rest, ...(creatingUser ? { creatingUser } : {}), selections: [] };
}

/**
 * Memos as notes, referred to from what they are about (conventions.ts), and their passages
 * as selections that refer to them. Must run before the codings are made into selections: a
 * memo on a coding is a NoteRef of that coding's selection.
 */
export function addMemos(s: ExportState): void {
  const rows = s.db
    .prepare(
      `SELECT id, guid, title, body, target_type AS targetType, target_id AS targetId,
              created_at AS created, updated_at AS modified, created_by AS createdBy
         FROM memos ORDER BY id`,
    )
    .all() as MemoRow[];
  const guids = new Map<number, string>();
  for (const m of rows) {
    const guid = refiGuid(m.guid);
    guids.set(m.id, guid);
    s.project.notes.push(
      note(s, {
        guid,
        name: m.title,
        description: NOTE_MARK.memo,
        text: m.body,
        created: m.created,
        modified: m.modified,
        createdBy: m.createdBy,
      }),
    );
    const id = m.targetId ?? -1;
    const linkTo = (target: string) =>
      s.project.links.push({
        guid: memoLinkGuid(guid),
        name: 'Memo',
        direction: 'OneWay',
        origin: guid,
        target,
        noteRefs: [],
      });
    switch (m.targetType) {
      case 'project':
        s.project.projectNoteRefs.push(guid);
        break;
      case 'code':
        s.codes.get(id)?.noteRefs.push(guid);
        break;
      case 'source': {
        const text = s.texts.get(id);
        const media = s.media.get(id);
        if (text) text.noteRefs.push(guid);
        else if (media) linkTo(media.guid);
        break;
      }
      case 'case': {
        const c = s.cases.get(id);
        if (c) linkTo(c.guid);
        break;
      }
      case 'coding':
        s.codingMemos.set(id, [...(s.codingMemos.get(id) ?? []), guid]);
        break;
      default:
        break;
    }
  }
  const passages = s.db
    .prepare(
      'SELECT id, guid, memo_id, source_id, start, end, created_at FROM memo_passages ORDER BY id',
    )
    .raw()
    .all() as [number, string, number, number, number, number, string][];
  for (const [id, guid, memoId, sourceId, start, end, created] of passages) {
    const memo = guids.get(memoId);
    if (!memo) continue;
    place(s, sourceId, {
      sel: { guid: refiGuid(guid), start, end, created, codings: [], noteRefs: [memo] },
      rank: 2,
      seq: id,
    });
  }
}

/**
 * Each annotation as a note and a selection that refers to it. Notes in the order an import
 * creates them again (source by source, by position), so a re-export lists them alike.
 */
export function addAnnotations(s: ExportState): void {
  const rows = s.db
    .prepare(
      `SELECT a.id, a.guid, a.source_id AS sourceId, s.name AS sourceName, a.start, a.end, a.body,
              a.created_at AS created, a.updated_at AS modified, a.created_by AS createdBy
         FROM annotations a JOIN sources s ON s.id = a.source_id
        ORDER BY a.source_id, a.start, a.end, a.id`,
    )
    .all() as {
    id: number;
    guid: string;
    sourceId: number;
    sourceName: string;
    start: number;
    end: number;
    body: string;
    created: string;
    modified: string;
    createdBy: number | null;
  }[];
  for (const a of rows) {
    const guid = refiGuid(a.guid);
    s.project.notes.push(
      note(s, {
        guid,
        name: `Annotation in ${a.sourceName}`,
        description: NOTE_MARK.annotation,
        text: a.body,
        created: a.created,
        modified: a.modified,
        createdBy: a.createdBy,
      }),
    );
    const creatingUser = a.createdBy === null ? undefined : s.users.get(a.createdBy);
    place(s, a.sourceId, {
      sel: {
        guid: annotationSelectionGuid(guid),
        start: a.start,
        end: a.end,
        ...(creatingUser ? { creatingUser } : {}),
        created: a.created,
        codings: [],
        noteRefs: [guid],
      },
      rank: 3,
      seq: a.id,
    });
  }
}
