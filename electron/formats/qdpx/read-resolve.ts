/**
 * After the whole file is read, references are checked against what was actually imported, so
 * the model handed on is self-consistent: a coding of a code that is not in the file, a set
 * member or case reference to a source that was left out, a link to a picture region — each is
 * dropped and counted, never carried as a dangling GUID.
 */
import type { Guid, RefiCode, RefiCoding, RefiProject, RefiSet } from './model.js';
import type { ReadReport } from './read-report.js';
import { plural } from './read-report.js';

export function resolveReferences(project: RefiProject, report: ReadReport): void {
  const codes = new Set<Guid>();
  const walk = (list: RefiCode[]): void => {
    for (const c of list) {
      codes.add(c.guid);
      walk(c.children);
    }
  };
  walk(project.codes);
  const notes = new Set(project.notes.map((n) => n.guid));
  const sources = new Set<Guid>([...project.texts, ...project.media].map((s) => s.guid));
  const selections = new Set<Guid>();
  for (const t of project.texts) for (const s of t.selections) selections.add(s.guid);
  for (const n of project.notes) for (const s of n.selections) selections.add(s.guid);

  let lostCodings = 0;
  // Most lists are empty or all sound: keep them as they are rather than copy 200k arrays.
  const keepCodings = (list: RefiCoding[]): RefiCoding[] => {
    if (list.every((c) => codes.has(c.code))) return list;
    const kept = list.filter((c) => codes.has(c.code));
    lostCodings += list.length - kept.length;
    return kept;
  };
  let lostNoteRefs = 0;
  const keepNotes = (list: Guid[]): Guid[] => {
    if (list.length === 0) return list;
    const kept = list.filter((g) => notes.has(g));
    lostNoteRefs += list.length - kept.length;
    return kept;
  };

  for (const text of project.texts) {
    text.codings = keepCodings(text.codings);
    text.noteRefs = keepNotes(text.noteRefs);
    for (const s of text.selections) {
      s.codings = keepCodings(s.codings);
      s.noteRefs = keepNotes(s.noteRefs);
    }
  }
  for (const note of project.notes)
    for (const s of note.selections) {
      s.codings = keepCodings(s.codings);
      s.noteRefs = keepNotes(s.noteRefs);
    }
  const walkNotes = (list: RefiCode[]): void => {
    for (const c of list) {
      c.noteRefs = keepNotes(c.noteRefs);
      walkNotes(c.children);
    }
  };
  walkNotes(project.codes);
  project.projectNoteRefs = keepNotes(project.projectNoteRefs);

  report.warn(
    'coding-unknown-code',
    (n) =>
      `${n} ${plural(n, 'coding')} referred to codes that are not in the file and ${plural(n, 'was', 'were')} left out.`,
    undefined,
    lostCodings,
  );

  let lostCaseRefs = 0;
  for (const c of project.cases) {
    const before = c.codeRefs.length + c.sourceRefs.length + c.selectionRefs.length;
    c.codeRefs = c.codeRefs.filter((g) => codes.has(g));
    c.sourceRefs = c.sourceRefs.filter((g) => sources.has(g));
    c.selectionRefs = c.selectionRefs.filter((g) => selections.has(g));
    lostCaseRefs += before - c.codeRefs.length - c.sourceRefs.length - c.selectionRefs.length;
  }
  report.warn(
    'case-refs',
    (n) =>
      `${n} case ${plural(n, 'reference')} to codes, sources or selections that were not imported ${plural(n, 'was', 'were')} left out.`,
    undefined,
    lostCaseRefs,
  );

  const lostMembers = resolveSets(project.sets, codes, sources, notes);
  report.warn(
    'set-members',
    (n) =>
      `${n} set ${plural(n, 'member')} that ${plural(n, 'was', 'were')} not imported ${plural(n, 'was', 'were')} left out of ${plural(n, 'its set', 'their sets')}.`,
    undefined,
    lostMembers,
  );

  // A link may join any two things the file identifies; keep it when both ends came in.
  const known = new Set<Guid>([...codes, ...notes, ...sources, ...selections]);
  for (const c of project.cases) known.add(c.guid);
  const links = project.links.filter((l) => known.has(l.origin) && known.has(l.target));
  report.skip(
    'links',
    (n) =>
      `${n} ${plural(n, 'link')} to things Weft did not import (such as picture regions or media clips) ${plural(n, 'was', 'were')} left out.`,
    undefined,
    project.links.length - links.length,
  );
  project.links = links;
  for (const l of project.links) l.noteRefs = keepNotes(l.noteRefs);

  report.warn(
    'note-refs',
    (n) =>
      `${n} ${plural(n, 'reference')} to notes that are not in the file ${plural(n, 'was', 'were')} left out.`,
    undefined,
    lostNoteRefs,
  );
}

/** Drops set members that were not imported; returns how many. */
export function resolveSets(
  sets: RefiSet[],
  codes: Set<Guid>,
  sources: Set<Guid>,
  notes: Set<Guid>,
): number {
  let lost = 0;
  for (const s of sets) {
    const before = s.codes.length + s.sources.length + s.notes.length;
    s.codes = s.codes.filter((g) => codes.has(g));
    s.sources = s.sources.filter((g) => sources.has(g));
    s.notes = s.notes.filter((g) => notes.has(g));
    lost += before - s.codes.length - s.sources.length - s.notes.length;
  }
  return lost;
}
