/**
 * `<Sources>` and `<Notes>`: text sources with their passages and codings, and notes with their
 * text inline. Offsets leave Weft as UTF-16 indices and are written as code points, as the
 * standard says (see write-offsets.ts).
 *
 * Every text source is written as a `TextSource` whose plain text lives in the archive at
 * `sources/<guid>.txt` (`plainTextPath="internal://<guid>.txt"`), whatever it came from: a
 * PDF's text or a transcript is still text Weft codes, and the standard's PDFSource/Transcript
 * forms would need the PDF or the media file, which Weft does not keep. An original .docx, when
 * the model carries one, goes in as the source's rich text (`richTextPath`).
 */
import type { RefiCoding, RefiNote, RefiSelection, TextDoc } from './model.js';
import { dateAttr, type WriteContext } from './write-context.js';
import { codePointMapper, type CodePointMapper } from './write-offsets.js';
import { variableValuesXml } from './write-values.js';
import { attrs, escapeText, textElement, type XmlBuffer } from './xml-write.js';

/** The archive entry holding a text source's plain text. */
export function plainTextEntry(guid: string): string {
  return `sources/${guid}.txt`;
}

/** The archive entry for a source's original file, when the standard has a place for it. */
export function originalEntry(doc: TextDoc, guid: string): string | undefined {
  return doc.original && /\.docx$/i.test(doc.original.name) ? `sources/${guid}.docx` : undefined;
}

export function noteRefsXml(refs: string[], ctx: WriteContext): string {
  let out = '';
  for (const raw of refs) {
    const guid = ctx.ref(raw, 'note');
    if (guid !== undefined) out += `<NoteRef targetGUID="${guid}"/>`;
  }
  return out;
}

// Passages and codings are most of a large project's XML: built with plain templates (GUIDs,
// numbers and dates need no escaping once checked), not through `attrs`.
const optional = (name: string, value: string | undefined) =>
  value === undefined ? '' : ` ${name}="${value}"`;

function codingXml(c: RefiCoding, ctx: WriteContext): string {
  const code = ctx.ref(c.code, 'code');
  if (code === undefined) return '';
  return (
    `<Coding guid="${ctx.own(c.guid)}"` +
    optional('creatingUser', ctx.ref(c.creatingUser, 'user')) +
    optional('creationDateTime', dateAttr(ctx, c.created)) +
    `><CodeRef targetGUID="${code}"/></Coding>`
  );
}

function selectionXml(s: RefiSelection, toCodePoint: CodePointMapper, ctx: WriteContext): string {
  let out =
    `<PlainTextSelection guid="${ctx.own(s.guid)}"` +
    (s.name === undefined ? '' : attrs([['name', s.name]])) +
    ` startPosition="${toCodePoint(s.start)}" endPosition="${toCodePoint(s.end)}"` +
    optional('creatingUser', ctx.ref(s.creatingUser, 'user')) +
    optional('creationDateTime', dateAttr(ctx, s.created)) +
    '>';
  out += textElement('Description', s.description);
  for (const c of s.codings) out += codingXml(c, ctx);
  out += noteRefsXml(s.noteRefs, ctx);
  return out + '</PlainTextSelection>';
}

/** Passages of a text, yielding whenever the buffer is full (a source may hold 200k). */
function* selectionsXml(
  selections: RefiSelection[],
  toCodePoint: CodePointMapper,
  ctx: WriteContext,
  out: XmlBuffer,
): Generator<string> {
  for (const s of selections) {
    if (ctx.droppedSelections.has(s)) continue;
    out.write(selectionXml(s, toCodePoint, ctx));
    if (out.full) yield out.take();
  }
}

export function* textSourceXml(doc: TextDoc, ctx: WriteContext, out: XmlBuffer): Generator<string> {
  const guid = ctx.own(doc.guid);
  const rich = originalEntry(doc, guid);
  out.write(
    `<TextSource${attrs([
      ['guid', guid],
      ['name', doc.name],
      ['richTextPath', rich && `internal://${rich.slice('sources/'.length)}`],
      ['plainTextPath', `internal://${guid}.txt`],
      ['creatingUser', ctx.ref(doc.creatingUser, 'user')],
      ['creationDateTime', dateAttr(ctx, doc.created)],
      ['modifiedDateTime', dateAttr(ctx, doc.modified)],
    ])}>`,
  );
  out.write(textElement('Description', doc.description));
  yield* selectionsXml(doc.selections, codePointMapper(doc.text), ctx, out);
  for (const c of doc.codings) out.write(codingXml(c, ctx));
  out.write(noteRefsXml(doc.noteRefs, ctx));
  out.write(variableValuesXml(doc.values, ctx));
  out.write('</TextSource>');
}

/**
 * A note, its text inline. Characters XML cannot carry are dropped from the text, so its
 * passages are counted on the text as written (`dropIllegalXml`).
 */
export function* noteXml(note: RefiNote, ctx: WriteContext, out: XmlBuffer): Generator<string> {
  out.write(
    `<Note${attrs([
      ['guid', ctx.own(note.guid)],
      ['name', note.name],
      ['creatingUser', ctx.ref(note.creatingUser, 'user')],
      ['creationDateTime', dateAttr(ctx, note.created)],
      ['modifiedDateTime', dateAttr(ctx, note.modified)],
    ])}>`,
  );
  out.write(textElement('Description', note.description));
  out.write(`<PlainTextContent>${escapeText(note.text)}</PlainTextContent>`);
  if (out.full) yield out.take();
  const toCodePoint = codePointMapper(note.text, { dropIllegalXml: true });
  yield* selectionsXml(note.selections, toCodePoint, ctx, out);
  out.write('</Note>');
}
