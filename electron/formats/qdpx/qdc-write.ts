/**
 * Writes a REFI-QDA codebook (.qdc) valid against Codebook.xsd: the code hierarchy (folders as
 * isCodable="false"), colours, descriptions, and sets of codes. A codebook is small, so it is
 * built whole. The codebook schema has no notes, and its sets hold codes only: what the model
 * carries beyond that (note references, sources or notes in a set) is counted in `warnings`.
 */
import type { RefiCode, RefiCodebook, RefiSet } from './model.js';
import { WeftError } from '../../../db/errors.js';
import { colorAttr, WriteContext } from './write-context.js';
import { attrs, textElement } from './xml-write.js';

export const CODEBOOK_NS = 'urn:QDA-XML:codebook:1.0';

export interface WriteQdcResult {
  xml: string;
  warnings: string[];
}

function defineCodes(ctx: WriteContext, codes: RefiCode[]): void {
  for (const code of codes) {
    ctx.define('code', code.guid, code.name);
    defineCodes(ctx, code.children);
  }
}

function codeXml(code: RefiCode, ctx: WriteContext): string {
  const color = colorAttr(ctx, code.color);
  if (code.noteRefs.length > 0) {
    ctx.warn('code notes', (n) =>
      n === 1
        ? '1 code’s notes were left out: a codebook file has no place for notes.'
        : `${n} codes’ notes were left out: a codebook file has no place for notes.`,
    );
  }
  let out = `<Code${attrs([
    ['guid', ctx.own(code.guid)],
    ['name', code.name ?? ''],
    ['isCodable', code.codable === true],
    ['color', color],
  ])}>`;
  out += textElement('Description', code.description);
  for (const child of code.children) out += codeXml(child, ctx);
  return out + '</Code>';
}

function setXml(set: RefiSet, ctx: WriteContext): string {
  if (set.sources.length + set.notes.length > 0) {
    ctx.warn('set members', (n) =>
      n === 1
        ? `1 set kept only its codes: a codebook file holds no sources or notes.`
        : `${n} sets kept only their codes: a codebook file holds no sources or notes.`,
    );
  }
  let out = `<Set${attrs([
    ['guid', ctx.own(set.guid)],
    ['name', set.name ?? ''],
  ])}>`;
  out += textElement('Description', set.description);
  for (const raw of set.codes) {
    const guid = ctx.ref(raw, 'code');
    // In the codebook schema a member names its code with `guid`, not `targetGUID`.
    if (guid !== undefined) out += `<MemberCode guid="${guid}"/>`;
  }
  return out + '</Set>';
}

/**
 * The codebook as .qdc XML, with warnings for what it could not carry. Throws a WeftError for
 * a malformed or repeated GUID. The schema requires at least one code: an empty codebook is
 * refused with a clear error rather than written invalid.
 */
export function codebookXml(
  codebook: RefiCodebook,
  opts: { version?: string } = {},
): WriteQdcResult {
  const ctx = new WriteContext();
  if (codebook.codes.length === 0) {
    throw new WeftError('empty_codebook', 'The codebook has no codes to export.');
  }
  defineCodes(ctx, codebook.codes);
  for (const s of codebook.sets) ctx.define('set', s.guid, s.name);
  const origin = codebook.origin ?? (opts.version ? `Weft ${opts.version}` : 'Weft');
  let xml = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
  xml += `<CodeBook xmlns="${CODEBOOK_NS}"${attrs([['origin', origin]])}>`;
  xml += `<Codes>${codebook.codes.map((c) => codeXml(c, ctx)).join('')}</Codes>`;
  if (codebook.sets.length > 0) {
    xml += `<Sets>${codebook.sets.map((s) => setXml(s, ctx)).join('')}</Sets>`;
  }
  xml += '</CodeBook>\n';
  return { xml, warnings: ctx.warnings() };
}

/** The .qdc file's bytes (UTF-8). */
export function writeQdc(codebook: RefiCodebook, opts: { version?: string } = {}): Uint8Array {
  return new TextEncoder().encode(codebookXml(codebook, opts).xml);
}
