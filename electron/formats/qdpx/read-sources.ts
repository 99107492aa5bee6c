/**
 * Turns the sources of a project.qde into the model once each element has been read: loads each
 * text once (from the archive, inline content, or disk), converts its selections' offsets with
 * the detected convention, and decides what a PDF, picture, audio or video source becomes in
 * Weft (a text with codings when there is text to code, otherwise a media entry and a sentence
 * in the summary saying what was left behind).
 */
import type {
  Guid,
  MediaDoc,
  OffsetConvention,
  RefiCoding,
  RefiNote,
  RefiSelection,
  RefiVariableValue,
  TextDoc,
} from './model.js';
import { convertSelections, describeConvention, storedText } from './offsets.js';
import type { SourceFiles } from './read-files.js';
import { decodeRaw } from '../text.js';
import type { ReadReport } from './read-report.js';
import { plural, quoteList } from './read-report.js';

/** A TextSource, Representation, Transcript or Note while its element is open. */
export interface PendingText {
  kind: TextDoc['origin'];
  guid: Guid;
  name: string;
  description?: string;
  inline?: string;
  plainTextPath?: string;
  richTextPath?: string;
  creatingUser?: Guid;
  created?: string;
  modified?: string;
  /** As read: offsets are the file's until `loadText` converts them in place. */
  selections: RefiSelection[];
  codings: RefiCoding[];
  noteRefs: Guid[];
  values: RefiVariableValue[];
  syncPoints: Map<Guid, number>;
  /** TranscriptSelections, whose positions come from sync points. */
  syncRanges: Map<RefiSelection, { from?: Guid; to?: Guid }>;
}

/** A PDF, picture, audio or video source while its element is open. */
export interface PendingMedia {
  kind: MediaDoc['kind'];
  guid: Guid;
  name: string;
  description?: string;
  path?: string;
  creatingUser?: Guid;
  created?: string;
  modified?: string;
  codings: RefiCoding[];
  noteRefs: Guid[];
  values: RefiVariableValue[];
  /** GUIDs of its picture/PDF-area/time selections, which Weft cannot hold. */
  selectionGuids: Guid[];
  /** Codings inside those selections. */
  selectionCodings: number;
  representation?: LoadedText;
  transcripts: LoadedText[];
}

export interface LoadedText {
  pending: PendingText;
  text: string;
  convention: OffsetConvention;
  selections: RefiSelection[];
}

export interface SourceContext {
  files: SourceFiles;
  report: ReadReport;
  basePath?: string;
  hint: OffsetConvention;
  /** Non-standard conventions used, with the names of the sources that used them. */
  conventions: Map<OffsetConvention, string[]>;
}

export function pendingText(kind: TextDoc['origin'], guid: Guid, name: string): PendingText {
  return {
    kind,
    guid,
    name,
    selections: [],
    codings: [],
    noteRefs: [],
    values: [],
    syncPoints: new Map(),
    syncRanges: new Map(),
  };
}

/** Loads the text of `p` and converts its selections; undefined when the text is missing. */
export function loadText(ctx: SourceContext, p: PendingText): LoadedText | undefined {
  const raw = readRaw(ctx, p);
  if (raw === undefined) return undefined;
  const { text, shape } = storedText(raw);
  let pending = p.selections;
  if (p.syncRanges.size > 0) {
    pending = pending.filter((s) => resolveSync(p, s));
    ctx.report.skip(
      'sync-selection',
      (n) => `${n} transcript ${plural(n, 'selection')} without usable sync points were skipped.`,
      undefined,
      p.selections.length - pending.length,
    );
  }
  const converted = convertSelections(text, shape, pending, ctx.hint);
  // Offsets are rewritten in place: 200k selections need not be copied.
  const selections: RefiSelection[] = [];
  for (let i = 0; i < pending.length; i++) {
    const range = converted.ranges[i];
    if (!range) continue;
    const s = pending[i]!;
    s.start = range.start;
    s.end = range.end;
    selections.push(s);
  }
  const where = `"${p.name}"`;
  ctx.report.warn(
    'outside',
    (n, ex) =>
      `${n} ${plural(n, 'selection')} started beyond the end of ${plural(ex.length, 'its source', 'their sources')}` +
      ` (${ex.join(', ')}) and ${plural(n, 'was', 'were')} left out.`,
    where,
    converted.outside,
  );
  ctx.report.warn(
    'clamped',
    (n, ex) =>
      `${n} ${plural(n, 'selection')} ran past the end of ${plural(ex.length, 'its source', 'their sources')}` +
      ` (${ex.join(', ')}) and ${plural(n, 'was', 'were')} cut at the end of the text.`,
    where,
    converted.clamped,
  );
  if (!converted.standardEquivalent) {
    const names = ctx.conventions.get(converted.convention) ?? [];
    names.push(p.name);
    ctx.conventions.set(converted.convention, names);
  }
  return { pending: p, text, convention: converted.convention, selections };
}

/** Sets a TranscriptSelection's offsets from its sync points; false when they are unusable. */
function resolveSync(p: PendingText, s: RefiSelection): boolean {
  const sync = p.syncRanges.get(s);
  if (!sync) return true;
  const start = sync.from ? p.syncPoints.get(sync.from) : 0;
  const end = sync.to ? p.syncPoints.get(sync.to) : undefined;
  if (start === undefined || end === undefined || end < start) return false;
  s.start = start;
  s.end = end;
  return true;
}

function readRaw(ctx: SourceContext, p: PendingText): string | undefined {
  if (p.plainTextPath) {
    const found = ctx.files.find(p.plainTextPath, ctx.basePath, ['.txt']);
    if ('bytes' in found) {
      if (found.fromDisk)
        ctx.report.warn(
          'from-disk',
          (n, ex) =>
            `The text of ${n} ${plural(n, 'source')} was read from this computer, outside the ` +
            `archive: ${ex.join(', ')}.`,
          found.where,
        );
      const raw = decodeRaw(found.bytes);
      if (!raw.includes('\0')) return raw;
      missingText(ctx, p, `"${found.where}" holds binary data, not text`);
      return undefined;
    }
    if (p.inline !== undefined) return p.inline;
    missingText(ctx, p, found.missing);
    return undefined;
  }
  if (p.inline !== undefined) return p.inline;
  if (p.kind !== 'note') missingText(ctx, p, 'it names no text file and has no inline text');
  return undefined;
}

function missingText(ctx: SourceContext, p: PendingText, why: string): void {
  if (p.kind === 'note') {
    ctx.report.warn(
      'missing-note',
      (n, ex) =>
        `The text of ${n} ${plural(n, 'note')} could not be found, so ${plural(n, 'it was', 'they were')}` +
        ` imported empty (${ex.join('; ')}).`,
      `"${p.name}": ${why}`,
    );
    return;
  }
  if (p.kind !== 'text') {
    ctx.report.warn(
      'missing-representation',
      (n, ex) =>
        `The text of ${n} ${plural(n, 'transcript or PDF representation', 'transcripts or PDF representations')}` +
        ` could not be found, so ${plural(n, 'its selections were', 'their selections were')} left out (${ex.join('; ')}).`,
      `"${p.name}": ${why}`,
    );
    return;
  }
  ctx.report.warn(
    'missing-source',
    (n, ex) =>
      `The text of ${n} ${plural(n, 'source')} could not be found, so ${plural(n, 'it was', 'they were')}` +
      ` left out with ${plural(n, 'its', 'their')} selections (${ex.join('; ')}).`,
    `"${p.name}": ${why}`,
  );
}

/** The original file (docx, pdf) when the archive carries it; never read from disk. */
export function originalOf(
  ctx: SourceContext,
  name: string,
  pathValue: string | undefined,
): TextDoc['original'] {
  if (!pathValue || !/^internal:\/\//i.test(pathValue.trim())) return undefined;
  const found = ctx.files.find(pathValue, undefined, []);
  if (!('bytes' in found)) return undefined;
  const ext = /\.[A-Za-z0-9]+$/.exec(pathValue.trim())?.[0]?.toLowerCase() ?? '';
  const fileName = name.toLowerCase().endsWith(ext) ? name : `${name}${ext}`;
  return { name: fileName, bytes: found.bytes };
}

export function textDocOf(ctx: SourceContext, loaded: LoadedText): TextDoc {
  const p = loaded.pending;
  return {
    guid: p.guid,
    name: p.name,
    origin: p.kind,
    description: p.description,
    text: loaded.text,
    convention: loaded.convention,
    creatingUser: p.creatingUser,
    created: p.created,
    modified: p.modified,
    selections: loaded.selections,
    codings: p.codings,
    noteRefs: p.noteRefs,
    values: p.values,
    original: originalOf(ctx, p.name, p.richTextPath),
  };
}

export function noteOf(p: PendingText, loaded: LoadedText | undefined): RefiNote {
  return {
    guid: p.guid,
    name: p.name,
    description: p.description,
    text: loaded?.text ?? '',
    creatingUser: p.creatingUser,
    created: p.created,
    modified: p.modified,
    selections: loaded?.selections ?? [],
  };
}

/** What a PDF/picture/audio/video source becomes: text docs when it has text, else media. */
export function finishMedia(
  ctx: SourceContext,
  m: PendingMedia,
): { texts: TextDoc[]; media?: MediaDoc } {
  const { report } = ctx;
  const skippedSelections = (textGuids: Set<Guid>): number =>
    m.selectionGuids.filter((g) => !textGuids.has(g)).length;

  if (m.kind === 'pdf' && m.representation) {
    const rep = m.representation;
    const area = skippedSelections(new Set(rep.selections.map((s) => s.guid)));
    report.skip(
      'pdf-area',
      (n, ex) =>
        `${n} PDF area ${plural(n, 'selection')} (regions of a page rather than text) in ` +
        `${quoteList(ex, ex.length)} ${plural(n, 'was', 'were')} not imported; Weft codes the PDF's text.`,
      m.name,
      area,
    );
    const doc: TextDoc = {
      guid: m.guid,
      name: m.name,
      origin: 'pdf',
      description: m.description ?? rep.pending.description,
      text: rep.text,
      convention: rep.convention,
      creatingUser: m.creatingUser,
      created: m.created,
      modified: m.modified,
      selections: rep.selections,
      codings: [...m.codings, ...rep.pending.codings],
      noteRefs: [...m.noteRefs, ...rep.pending.noteRefs],
      values: [...m.values, ...rep.pending.values],
      original: originalOf(ctx, m.name, m.path),
    };
    return { texts: [doc] };
  }

  if ((m.kind === 'audio' || m.kind === 'video') && m.transcripts.length > 0) {
    const texts = m.transcripts.map((t, i): TextDoc => {
      const doc = textDocOf(ctx, t);
      doc.origin = 'transcript';
      if (i > 0) return doc;
      // The first transcript stands for the media source, so sets, cases and links that name
      // the recording still find it.
      return {
        ...doc,
        guid: m.guid,
        name: m.name,
        description: m.description ?? doc.description,
        codings: [...m.codings, ...doc.codings],
        noteRefs: [...m.noteRefs, ...doc.noteRefs],
        values: [...m.values, ...doc.values],
      };
    });
    report.skip(
      'time-selections',
      (n, ex) =>
        `${n} time-based ${plural(n, 'selection')} of ${quoteList(ex, ex.length)} ` +
        `${plural(n, 'was', 'were')} not imported; Weft kept the transcript text and its selections.`,
      m.name,
      m.selectionGuids.length,
    );
    return { texts };
  }

  const kindName = { pdf: 'PDF', picture: 'picture', audio: 'audio', video: 'video' }[m.kind];
  report.skip(
    `media-${m.kind}`,
    (n, ex) =>
      `${n} ${kindName} ${plural(n, 'source')} (${quoteList(ex, n)}) ${plural(n, 'was', 'were')} ` +
      `imported by name only: Weft ${m.kind === 'pdf' ? 'needs a text representation to code a PDF' : `does not hold ${kindName} files`}` +
      ', so their selections and codings were left out.',
    m.name,
  );
  const lostCodings = m.codings.length + m.selectionCodings;
  report.skip(
    'media-codings',
    (n) =>
      `${n} ${plural(n, 'coding')} of picture, audio, video or PDF areas ${plural(n, 'was', 'were')} not imported.`,
    undefined,
    lostCodings,
  );
  return {
    texts: [],
    media: {
      guid: m.guid,
      name: m.name,
      kind: m.kind,
      description: m.description,
      skippedSelections: m.selectionGuids.length,
      values: m.values,
    },
  };
}

/** One sentence per non-standard convention, for the summary. */
export function conventionSentences(conventions: Map<OffsetConvention, string[]>): string[] {
  return [...conventions].map(
    ([c, names]) =>
      `Selections in ${names.length} ${plural(names.length, 'source')} (${quoteList(names.slice(0, 3), names.length)}) ` +
      `were counted as ${describeConvention(c)}; Weft converted them so each coding stays on its words.`,
  );
}
