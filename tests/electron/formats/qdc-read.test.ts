// Reading REFI-QDA codebooks (.qdc): the real samples (counts taken by regex from each file) and
// the namespace and markup variants tools write.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RefiCode } from '../../../electron/formats/qdpx/model.js';
import { RefiError, readQdc } from '../../../electron/formats/qdpx/read.js';
import { sharedDir } from '../../helpers.js';
import { buildQdpx, bytesOf, codeXml, guid, projectXml } from './qdpx-synth.js';

const samples = path.join(sharedDir, 'refi-qda', 'samples');
const read = (name: string): { bytes: Uint8Array; xml: string } => {
  const bytes = new Uint8Array(fs.readFileSync(path.join(samples, name)));
  return { bytes, xml: new TextDecoder().decode(bytes) };
};
const count = (xml: string, tag: string): number =>
  (xml.match(new RegExp(`<${tag}[\\s/>]`, 'g')) ?? []).length;
const all = (codes: RefiCode[]): RefiCode[] => codes.flatMap((c) => [c, ...all(c.children)]);

describe('real codebooks', () => {
  it('REFI annex A1: braced GUIDs normalised, folders, lower-case colours, descriptions', () => {
    const { bytes, xml } = read('refi-spec-1.5_annexA1_codebook.qdc');
    const book = readQdc(bytes);
    expect(all(book.codes)).toHaveLength(count(xml, 'Code'));
    expect(book.codes.map((c) => c.guid)).toContain('5215cc69-b628-4e02-afb9-9beeaee55808');
    for (const c of all(book.codes)) expect(c.guid).toMatch(/^[0-9a-f-]{36}$/);
    expect(book.codes.filter((c) => !c.codable).map((c) => c.name)).toEqual(['Topics', 'Values']);
    expect(book.codes.find((c) => c.name === 'Economy')).toMatchObject({
      color: '#ffff00',
      description: 'Anything about jobs or taxes or business',
    });
    expect(book.origin).toBeUndefined();
    expect(book.warnings).toEqual([]);
  });

  it('ATLAS.ti (requal): namespace 1.0 with a 0:4 schemaLocation, a set of codes', () => {
    const { bytes, xml } = read('atlasti-win-23.4_codebook_from-requal-test.qdc');
    const book = readQdc(bytes);
    expect(all(book.codes)).toHaveLength(count(xml, 'Code'));
    expect(book.codes[0]).toMatchObject({ color: '#46aa00', description: 'description' });
    expect(book.sets).toHaveLength(count(xml, 'Set'));
    expect(book.sets[0]).toMatchObject({
      name: 'code group 1',
      description: 'kategorie 1',
      codes: ['1ff58b12-6f6f-4b0c-8be5-bbdc91f55294'],
    });
    expect(book.origin).toBe('ATLAS.ti Win 23.4.0');
    expect(book.warnings).toEqual([]);
  });

  it('ATLAS.ti truncated codebook: refused as cut short, naming the problem', () => {
    const { bytes } = read('atlasti-win-23.4_codebook_TRUNCATED_from-requal-test.qdc');
    let error: unknown;
    try {
      readQdc(bytes);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RefiError);
    expect((error as RefiError).code).toBe('malformed');
    expect((error as RefiError).message).toMatch(/codebook is not well-formed XML.*cut short/);
  });

  it('Taguette: flat upper-case codes and an empty <Sets/> accepted', () => {
    const { bytes, xml } = read('taguette-1.4.1_codebook.qdc');
    const book = readQdc(bytes);
    expect(book.codes.map((c) => c.name)).toEqual(['xsd:element name', 'CodeBook', 'Variables']);
    expect(book.codes).toHaveLength(count(xml, 'Code'));
    expect(book.codes[0]!.guid).toBe('098ac082-a9c7-50f4-9728-48730081a95e');
    expect(book.sets).toEqual([]);
    expect(book.warnings).toEqual([]);
  });
});

describe('codebook variants', () => {
  const body =
    '<Codes>' +
    codeXml({
      guid: guid(1),
      name: 'Wellbeing',
      color: 'RGB(255,0,16)',
      codable: false,
      children: [
        { guid: guid(2), name: 'Sleep', color: '#0F0', description: 'Rest and its lack' },
        { guid: guid(3), name: 'Meals' },
      ],
    }) +
    '</Codes>' +
    `<Sets><Set guid="${guid(9)}" name="Body"><MemberCode guid="${guid(2)}"/><MemberCode targetGUID="${guid(3)}"/><MemberCode guid="${guid(404)}"/></Set></Sets>`;
  const expected = (book: ReturnType<typeof readQdc>): void => {
    expect(book.codes).toHaveLength(1);
    expect(book.codes[0]).toMatchObject({ name: 'Wellbeing', codable: false, color: '#ff0010' });
    expect(book.codes[0]!.children.map((c) => [c.name, c.color])).toEqual([
      ['Sleep', '#00ff00'],
      ['Meals', undefined],
    ]);
    expect(book.sets[0]!.codes).toEqual([guid(2).toLowerCase(), guid(3).toLowerCase()]);
    expect(book.warnings.join(' ')).toMatch(
      /1 set member named codes that are not in the codebook/,
    );
  };

  for (const ns of [
    'urn:QDA-XML:codebook:1.0',
    'urn:QDA-XML:codebook:1:0',
    'urn:QDA-XML:codebook:0:4',
  ])
    it(`reads the namespace ${ns}`, () => {
      expected(
        readQdc(
          bytesOf(
            `<?xml version="1.0" encoding="utf-8"?><CodeBook xmlns="${ns}">${body}</CodeBook>`,
          ),
        ),
      );
    });

  it('reads prefixed element names', () => {
    const prefixed = body.replace(/<(\/?)(\w)/g, '<$1qda:$2');
    const xml = `<qda:CodeBook xmlns:qda="urn:QDA-XML:codebook:1.0">${prefixed}</qda:CodeBook>`;
    expected(readQdc(bytesOf(xml)));
  });

  it('reads UTF-16 with a byte-order mark', () => {
    const xml = `<?xml version="1.0" encoding="utf-16"?><CodeBook xmlns="urn:QDA-XML:codebook:1.0">${body}</CodeBook>`;
    const utf16 = new Uint8Array(2 + xml.length * 2);
    utf16[0] = 0xff;
    utf16[1] = 0xfe;
    for (let i = 0; i < xml.length; i++)
      new DataView(utf16.buffer).setUint16(2 + i * 2, xml.charCodeAt(i), true);
    expected(readQdc(utf16));
  });

  it('warns about a foreign namespace but reads the codes', () => {
    const book = readQdc(bytesOf(`<CodeBook xmlns="urn:someone-else">${body}</CodeBook>`));
    expect(all(book.codes)).toHaveLength(3);
    expect(book.warnings.join(' ')).toMatch(/namespace "urn:someone-else"/);
  });

  it('refuses a project or a zip handed over as a codebook', () => {
    expect(() => readQdc(bytesOf(projectXml('')))).toThrow(/project, not a codebook/);
    expect(() => readQdc(buildQdpx(projectXml('')))).toThrow(/zip archive/);
    expect(() => readQdc(bytesOf('plain words'))).toThrow(/not a REFI-QDA codebook/);
  });
});
