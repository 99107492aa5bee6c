/**
 * The streaming handler that builds a RefiProject (or a codebook) from REFI-QDA XML events.
 * One frame per open element; each element's meaning depends only on its own name and its
 * parent's frame, so unknown or vendor-specific elements are passed over without harm.
 * Elements Weft cannot hold (picture/PDF-area/time selections, picture text descriptions) are
 * skipped with their whole subtree and counted for the summary.
 */
import type { RefiCase, RefiCode, RefiCoding, RefiSelection, RefiVariable } from './model.js';
import { emptyProject } from './model.js';
import { conventionHint } from './offsets.js';
import type { ElementCtx, Frame } from './read-elements.js';
import {
  addGraphItem,
  addNoteRef,
  baseName,
  closeValue,
  openGraph,
  openLink,
  openSet,
  setDescription,
  textAttrs,
} from './read-elements.js';
import {
  VALUE_ELEMENTS,
  StringPool,
  nameOf,
  normaliseColor,
  optional,
  parseBoolean,
  parseInteger,
  parseTypedValue,
  parseVariableType,
} from './read-attrs.js';
import { RefiError } from './read-limits.js';
import type { ReadReport } from './read-report.js';
import { plural } from './read-report.js';
import type { PendingMedia, PendingText, SourceContext } from './read-sources.js';
import { finishMedia, loadText, noteOf, pendingText, textDocOf } from './read-sources.js';
import type { XmlAttributes, XmlHandler } from './xml.js';

const MEDIA_KINDS: Record<string, PendingMedia['kind']> = {
  PDFSource: 'pdf',
  PictureSource: 'picture',
  AudioSource: 'audio',
  VideoSource: 'video',
};
const MEDIA_SELECTIONS = new Set([
  'PictureSelection',
  'PDFSelection',
  'AudioSelection',
  'VideoSelection',
]);

export class RefiHandler implements XmlHandler, ElementCtx {
  readonly project = emptyProject('Imported project');
  private readonly stack: Frame[] = [];
  readonly pool = new StringPool();
  private skipFrom = -1;
  /** While skipping a picture/PDF-area/time selection: its media, to count its codings. */
  private skipMedia: PendingMedia | undefined;

  constructor(
    private readonly ctx: SourceContext,
    private readonly root: 'Project' | 'CodeBook',
  ) {}

  get report(): ReadReport {
    return this.ctx.report;
  }

  open(name: string, a: XmlAttributes, depth: number, qualified = name): boolean {
    if (this.skipFrom >= 0) {
      if (name === 'Coding' && this.skipMedia) this.skipMedia.selectionCodings++;
      return false;
    }
    const parent = this.stack[this.stack.length - 1];
    if (depth === 0) {
      this.openRoot(name, a, qualified);
      this.stack.push({ el: name, kind: 'root' });
      return false;
    }
    this.skipMedia = undefined;
    const frame = this.frameFor(name, a, parent);
    if (!frame) {
      this.skipFrom = depth;
      return false;
    }
    this.stack.push(frame);
    return (
      name === 'Description' ||
      (name === 'PlainTextContent' && parent?.kind === 'text') ||
      (VALUE_ELEMENTS.has(name) && parent?.kind === 'value')
    );
  }

  close(name: string, text: string, depth: number): void {
    if (this.skipFrom >= 0) {
      if (depth === this.skipFrom) this.skipFrom = -1;
      return;
    }
    const frame = this.stack.pop();
    const parent = this.stack[this.stack.length - 1];
    if (!frame) return;
    if (name === 'Description') return setDescription(this, parent, text);
    if (name === 'PlainTextContent' && parent?.kind === 'text') {
      parent.text.inline = text;
      return;
    }
    if (VALUE_ELEMENTS.has(name) && parent?.kind === 'value') {
      parent.typed = name;
      parent.value = parseTypedValue(name, text);
      return;
    }
    switch (frame.kind) {
      case 'value':
        return closeValue(this, frame, parent);
      case 'coding':
        return this.closeCoding(frame.coding, parent);
      case 'text':
        return this.closeText(frame.text, parent);
      case 'media': {
        const { texts, media } = finishMedia(this.ctx, frame.media);
        this.project.texts.push(...texts);
        if (media) this.project.media.push(media);
        return;
      }
      default:
        return;
    }
  }

  private openRoot(name: string, a: XmlAttributes, qualifiedRoot: string): void {
    if (name !== this.root) {
      if (this.root === 'Project' && name === 'CodeBook')
        throw new RefiError(
          'not-qdpx',
          'This file is a REFI-QDA codebook (.qdc), not a project; import it as a codebook.',
        );
      if (this.root === 'CodeBook' && name === 'Project')
        throw new RefiError(
          'not-qdc',
          'This file is a REFI-QDA project, not a codebook; import it as a project (.qdpx).',
        );
      throw new RefiError(
        this.root === 'Project' ? 'not-qdpx' : 'not-qdc',
        `This is not a REFI-QDA ${this.root === 'Project' ? 'project' : 'codebook'} (its XML starts with <${name}>).`,
      );
    }
    // The root's own namespace: the default one, or the one bound to its prefix.
    const colon = qualifiedRoot.indexOf(':');
    const ns = colon < 0 ? a.xmlns : a[`xmlns:${qualifiedRoot.slice(0, colon)}`];
    if (ns !== undefined && !/^urn:QDA-XML:/i.test(ns))
      this.report.warn(
        'namespace',
        () => `The file uses the namespace "${ns}" rather than REFI-QDA's; Weft read it anyway.`,
      );
    const p = this.project;
    p.name = nameOf(a.name, p.name);
    p.origin = optional(a.origin);
    p.creatingUser = this.pool.guid(a.creatingUserGUID);
    p.created = this.pool.date(a.creationDateTime);
    p.modified = this.pool.date(a.modifiedDateTime);
    this.ctx.basePath = optional(a.basePath);
    this.ctx.hint = conventionHint(p.origin);
  }

  /** The frame for an element, or undefined to skip it with its subtree. */
  private frameFor(name: string, a: XmlAttributes, parent: Frame | undefined): Frame | undefined {
    const p = this.project;
    const other: Frame = { el: name, kind: 'other' };
    const label = `${name} "${a.name ?? ''}"`;
    switch (name) {
      case 'User': {
        if (parent?.el !== 'Users') return other;
        const guid = this.report.claim(a.guid, `the user "${a.name ?? ''}"`);
        if (!guid) return undefined;
        p.users.push({
          guid,
          name: nameOf(a.name, nameOf(a.id, 'Unnamed user')),
          id: optional(a.id),
        });
        return other;
      }
      case 'Code':
        return this.openCode(a, parent);
      case 'Variable': {
        if (parent?.el !== 'Variables') return other;
        const guid = this.report.claim(a.guid, `the variable "${a.name ?? ''}"`);
        if (!guid) return undefined;
        let type = parseVariableType(a.typeOfVariable);
        if (!type) {
          this.report.warn(
            'variable-type',
            (n, ex) =>
              `${n} ${plural(n, 'variable')} had an unknown type (${ex.join(', ')}) and ${plural(n, 'was', 'were')} read as text.`,
            a.typeOfVariable ?? 'none',
          );
          type = 'Text';
        }
        const variable: RefiVariable = { guid, name: nameOf(a.name, 'Unnamed variable'), type };
        p.variables.push(variable);
        return { el: name, kind: 'variable', variable };
      }
      case 'Case': {
        if (parent?.el !== 'Cases') return other;
        const guid = this.report.claim(a.guid, `the case "${a.name ?? ''}"`);
        if (!guid) return undefined;
        const item: RefiCase = {
          guid,
          name: nameOf(a.name, 'Unnamed case'),
          codeRefs: [],
          values: [],
          sourceRefs: [],
          selectionRefs: [],
        };
        p.cases.push(item);
        return { el: name, kind: 'case', item };
      }
      case 'VariableValue':
        return { el: name, kind: 'value' };
      case 'VariableRef':
        if (parent?.kind === 'value') parent.variable = this.pool.guid(a.targetGUID);
        return other;
      case 'TextSource':
      case 'Note':
        if (parent?.el !== (name === 'Note' ? 'Notes' : 'Sources')) return other;
        return this.openText(name, name === 'Note' ? 'note' : 'text', a, label);
      case 'PDFSource':
      case 'PictureSource':
      case 'AudioSource':
      case 'VideoSource':
        if (parent?.el !== 'Sources') return other;
        return this.openMedia(name, a, label);
      case 'Representation':
        if (parent?.kind !== 'media' || parent.media.kind !== 'pdf') return undefined;
        return {
          el: name,
          kind: 'text',
          text: { ...pendingText('pdf', '', parent.media.name), ...textAttrs(a, this.pool) },
        };
      case 'Transcript':
        if (parent?.kind !== 'media') return undefined;
        return this.openText(name, 'transcript', a, label);
      case 'SyncPoint': {
        const position = parseInteger(a.position);
        const guid = this.pool.guid(a.guid);
        if (parent?.kind === 'text' && guid && position !== undefined)
          parent.text.syncPoints.set(guid, position);
        return other;
      }
      case 'PlainTextSelection':
      case 'TranscriptSelection':
        if (parent?.kind !== 'text') return undefined;
        return this.openSelection(name, a, parent.text);
      case 'TextDescription':
        this.report.skip(
          'text-description',
          (n) =>
            `${n} picture text ${plural(n, 'description')} ${plural(n, 'was', 'were')} not imported.`,
        );
        return undefined;
      case 'Coding':
        return this.openCoding(a);
      case 'CodeRef': {
        const target = this.pool.guid(a.targetGUID);
        if (target && parent?.kind === 'coding') parent.coding.code = target;
        if (target && parent?.kind === 'case') parent.item.codeRefs.push(target);
        return other;
      }
      case 'NoteRef':
        addNoteRef(this, this.pool.guid(a.targetGUID), parent);
        return other;
      case 'SourceRef':
      case 'SelectionRef': {
        const target = this.pool.guid(a.targetGUID);
        if (target && parent?.kind === 'case')
          (name === 'SourceRef' ? parent.item.sourceRefs : parent.item.selectionRefs).push(target);
        return other;
      }
      case 'Link':
        return openLink(this, a, parent);
      case 'Set':
        return openSet(this, a, parent);
      case 'MemberCode':
      case 'MemberSource':
      case 'MemberNote': {
        // Projects say targetGUID; the codebook schema says guid.
        const target = this.pool.guid(a.targetGUID ?? a.guid);
        if (target && parent?.kind === 'set') {
          const list = {
            MemberCode: 'codes',
            MemberSource: 'sources',
            MemberNote: 'notes',
          } as const;
          parent.set[list[name]].push(target);
        }
        return other;
      }
      case 'Graph':
        return openGraph(this, a, parent);
      case 'Vertex':
      case 'Edge':
        if (parent?.kind === 'graph') addGraphItem(this, name, a, parent.graph);
        return other;
      default:
        if (MEDIA_SELECTIONS.has(name) && parent?.kind === 'media') {
          const guid = this.pool.guid(a.guid);
          if (guid) parent.media.selectionGuids.push(guid);
          this.skipMedia = parent.media;
          return undefined;
        }
        return other;
    }
  }

  private openCode(a: XmlAttributes, parent: Frame | undefined): Frame | undefined {
    const inCodes = parent?.el === 'Codes' || parent?.kind === 'code';
    if (!inCodes) return { el: 'Code', kind: 'other' };
    const name = nameOf(a.name, 'Unnamed code');
    const guid = this.report.claim(a.guid, `the code "${name}"`);
    if (!guid) return undefined;
    const color = normaliseColor(a.color);
    if (a.color && !color)
      this.report.warn(
        'color',
        (n, ex) =>
          `${n} ${plural(n, 'colour')} could not be read (${ex.join(', ')}) and ${plural(n, 'was', 'were')} left out.`,
        a.color,
      );
    const code: RefiCode = {
      guid,
      name,
      color,
      codable: parseBoolean(a.isCodable) ?? true,
      children: [],
      noteRefs: [],
    };
    if (parent?.kind === 'code') parent.code.children.push(code);
    else this.project.codes.push(code);
    return { el: 'Code', kind: 'code', code };
  }

  private openText(
    el: string,
    kind: PendingText['kind'],
    a: XmlAttributes,
    label: string,
  ): Frame | undefined {
    const guid = this.report.claim(a.guid, label);
    if (!guid) return undefined;
    const fallback = kind === 'note' ? 'Untitled note' : 'Untitled source';
    const name = nameOf(a.name, nameOf(baseName(a.plainTextPath), fallback));
    return {
      el,
      kind: 'text',
      text: { ...pendingText(kind, guid, name), ...textAttrs(a, this.pool) },
    };
  }

  private openMedia(el: string, a: XmlAttributes, label: string): Frame | undefined {
    const guid = this.report.claim(a.guid, label);
    if (!guid) return undefined;
    const media: PendingMedia = {
      kind: MEDIA_KINDS[el]!,
      guid,
      name: nameOf(a.name, nameOf(baseName(a.path), 'Untitled source')),
      path: optional(a.path),
      creatingUser: this.pool.guid(a.creatingUser),
      created: this.pool.date(a.creationDateTime),
      modified: this.pool.date(a.modifiedDateTime),
      codings: [],
      noteRefs: [],
      values: [],
      selectionGuids: [],
      selectionCodings: 0,
      transcripts: [],
    };
    return { el, kind: 'media', media };
  }

  private openSelection(el: string, a: XmlAttributes, owner: PendingText): Frame | undefined {
    let start = parseInteger(a.startPosition) ?? 0;
    let end = parseInteger(a.endPosition) ?? 0;
    const fromSyncPoint = this.pool.guid(a.fromSyncPoint);
    const toSyncPoint = this.pool.guid(a.toSyncPoint);
    if (el === 'PlainTextSelection') {
      const s = parseInteger(a.startPosition);
      const e = parseInteger(a.endPosition);
      if (s === undefined || e === undefined || s < 0 || e < 0) {
        this.report.warn(
          'bad-positions',
          (n, ex) =>
            `${n} ${plural(n, 'selection')} had missing or invalid positions and ${plural(n, 'was', 'were')} left out (in ${ex.join(', ')}).`,
          `"${owner.name}"`,
        );
        return undefined;
      }
      [start, end] = s <= e ? [s, e] : [e, s];
      if (s > e)
        this.report.warn(
          'reversed',
          (n) =>
            `${n} ${plural(n, 'selection')} ended before ${plural(n, 'it', 'they')} started; Weft swapped the ends.`,
        );
    }
    // A constant label: building one string per selection costs real time on 200k of them.
    const guid = this.report.claim(a.guid, 'a selection');
    if (!guid) return undefined;
    const selection: RefiSelection = {
      guid,
      name: optional(a.name),
      start,
      end,
      description: undefined,
      creatingUser: this.pool.guid(a.creatingUser),
      created: this.pool.date(a.creationDateTime),
      codings: [],
      noteRefs: [],
    };
    owner.selections.push(selection);
    if (el === 'TranscriptSelection')
      owner.syncRanges.set(selection, { from: fromSyncPoint, to: toSyncPoint });
    return { el, kind: 'selection', selection };
  }

  private openCoding(a: XmlAttributes): Frame | undefined {
    const guid = this.report.claim(a.guid, 'a coding');
    if (!guid) return undefined;
    const coding: RefiCoding = {
      guid,
      code: '',
      creatingUser: this.pool.guid(a.creatingUser),
      created: this.pool.date(a.creationDateTime),
    };
    return { el: 'Coding', kind: 'coding', coding };
  }

  private closeCoding(coding: RefiCoding, parent: Frame | undefined): void {
    if (!coding.code) {
      this.report.warn(
        'coding-no-code',
        (n) =>
          `${n} ${plural(n, 'coding')} named no code and ${plural(n, 'was', 'were')} left out.`,
      );
      return;
    }
    if (parent?.kind === 'selection') parent.selection.codings.push(coding);
    else if (parent?.kind === 'text') parent.text.codings.push(coding);
    else if (parent?.kind === 'media') parent.media.codings.push(coding);
    else if (parent?.kind !== 'code')
      this.report.skip(
        'coding-elsewhere',
        (n) =>
          `${n} ${plural(n, 'coding')} in places Weft cannot hold ${plural(n, 'was', 'were')} not imported.`,
      );
  }

  private closeText(t: PendingText, parent: Frame | undefined): void {
    if (t.kind === 'note') {
      const loaded = t.plainTextPath || t.inline !== undefined ? loadText(this.ctx, t) : undefined;
      this.project.notes.push(noteOf(t, loaded));
      this.report.skip(
        'note-codings',
        (n) =>
          `${n} ${plural(n, 'coding')} of whole notes ${plural(n, 'was', 'were')} not imported.`,
        undefined,
        t.codings.length,
      );
      return;
    }
    const loaded = loadText(this.ctx, t);
    if (t.kind === 'text') {
      if (loaded) this.project.texts.push(textDocOf(this.ctx, loaded));
      return;
    }
    if (parent?.kind !== 'media' || !loaded) return;
    if (t.kind === 'pdf') parent.media.representation = loaded;
    else parent.media.transcripts.push(loaded);
  }
}
