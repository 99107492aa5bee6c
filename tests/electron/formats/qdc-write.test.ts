// writeQdc: codebooks other tools can import, checked against the real Codebook.xsd.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { WeftError } from '../../../db/errors.js';
import type { RefiCodebook } from '../../../electron/formats/qdpx/model.js';
import { codebookXml, writeQdc } from '../../../electron/formats/qdpx/qdc-write.js';
import { readQdc } from '../../../electron/formats/qdpx/read.js';
import { sharedDir } from '../../helpers.js';
import { guid } from './qdpx-write-model.js';
import { CODEBOOK_XSD, PROJECT_XSD, xmllint } from './xmllint.js';

function codebook(): RefiCodebook {
  return {
    codes: [
      {
        guid: guid(1),
        name: 'Mechanisms & <resources>',
        codable: false,
        color: '#F0A',
        description: 'What the programme offers\u0001, and how people respond.\r\nTwo lines.',
        noteRefs: [guid(90)],
        children: [
          {
            guid: guid(2),
            name: 'Trust "built slowly"',
            codable: true,
            color: '#123456',
            noteRefs: [],
            children: [
              { guid: guid(3), name: 'Time to talk', codable: true, noteRefs: [], children: [] },
            ],
          },
        ],
      },
      { guid: guid(4), name: 'Outcomes', codable: true, color: 'teal', noteRefs: [], children: [] },
    ],
    sets: [
      {
        guid: guid(10),
        name: 'Realist core',
        description: 'Codes for the CMO work',
        codes: [guid(2), guid(3), guid(99)],
        sources: [guid(50)],
        notes: [],
      },
      { guid: guid(11), name: 'Nothing yet', codes: [], sources: [], notes: [] },
    ],
    skipped: [],
    warnings: [],
  };
}

const decode = (bytes: Uint8Array) => new TextDecoder('utf-8', { fatal: true }).decode(bytes);

describe('writeQdc', () => {
  it('writes a codebook valid against Codebook.xsd (and not a project)', () => {
    const xml = decode(writeQdc(codebook(), { version: '0.1.0' }));
    const check = xmllint(xml, CODEBOOK_XSD);
    expect(check.errors).toBe('');
    expect(check.valid).toBe(true);
    // The check can fail: the same file is no project.
    expect(xmllint(xml, PROJECT_XSD).valid).toBe(false);
    expect(xml).toContain('origin="Weft 0.1.0"');
  });

  it('keeps hierarchy, folders, colours, descriptions and set members', () => {
    const { xml } = codebookXml(codebook());
    expect(xml).toContain(
      `<Code guid="${guid(1)}" name="Mechanisms &amp; &lt;resources&gt;" isCodable="false" color="#ff00aa">` +
        '<Description>What the programme offers, and how people respond.&#13;\nTwo lines.</Description>' +
        `<Code guid="${guid(2)}" name="Trust &quot;built slowly&quot;" isCodable="true" color="#123456">` +
        `<Code guid="${guid(3)}" name="Time to talk" isCodable="true"></Code></Code></Code>`,
    );
    expect(xml).toContain(
      `<Set guid="${guid(10)}" name="Realist core"><Description>Codes for the CMO work</Description>` +
        `<MemberCode guid="${guid(2)}"/><MemberCode guid="${guid(3)}"/></Set>`,
    );
    expect(xml).toContain(`<Code guid="${guid(4)}" name="Outcomes" isCodable="true"></Code>`);
  });

  it('says what a codebook file cannot carry', () => {
    const { warnings } = codebookXml(codebook());
    expect(warnings).toEqual([
      '1 code’s notes were left out: a codebook file has no place for notes.',
      '1 colour that is not a #rrggbb colour (“teal”) was left out.',
      '1 set kept only its codes: a codebook file holds no sources or notes.',
      '1 reference to a code that is not in the export was left out.',
    ]);
  });

  it('leaves out an empty Sets element (the schema needs at least one Set)', () => {
    const book = codebook();
    book.sets = [];
    const xml = decode(writeQdc(book));
    expect(xml).not.toContain('<Sets');
    expect(xmllint(xml, CODEBOOK_XSD).errors).toBe('');
  });

  it('refuses an empty codebook, a malformed GUID and a repeated GUID with clear errors', () => {
    const empty: RefiCodebook = { codes: [], sets: [], skipped: [], warnings: [] };
    expect(() => writeQdc(empty)).toThrow(/no codes/);
    const badGuid = codebook();
    badGuid.codes[0]!.children[0]!.guid = 'trust';
    expect(() => writeQdc(badGuid)).toThrow(/“Trust "built slowly"” has an invalid GUID “trust”/);
    const repeated = codebook();
    repeated.sets[0]!.guid = guid(4);
    expect(() => writeQdc(repeated)).toThrow(WeftError);
    expect(() => writeQdc(repeated)).toThrow(/share the GUID/);
  });
});

describe('writeQdc: round trips', () => {
  it('export → import → export gives the same file', () => {
    const book = codebook();
    book.sets[0]!.codes.pop(); // keep to what a codebook can carry
    book.sets[0]!.sources = [];
    book.codes[0]!.noteRefs = [];
    book.codes[1]!.color = '#0a0b0c';
    const first = writeQdc(book);
    const second = writeQdc(readQdc(first));
    expect(decode(second)).toBe(decode(first));
  });

  const samples = path.join(sharedDir, 'refi-qda', 'samples');
  // Taguette's has an empty <Sets/> (invalid as read, valid as written); the truncated one fails.
  const books = fs
    .readdirSync(samples)
    .filter((f) => f.endsWith('.qdc') && !f.includes('TRUNCATED'));
  it('finds the sample codebooks', () => expect(books.length).toBeGreaterThanOrEqual(3));
  for (const name of books) {
    it(`writes ${name} back as a valid codebook with every code`, () => {
      const read = readQdc(new Uint8Array(fs.readFileSync(path.join(samples, name))));
      const xml = decode(writeQdc(read));
      expect(xmllint(xml, CODEBOOK_XSD).errors).toBe('');
      const count = (codes: RefiCodebook['codes']): number =>
        codes.reduce((n, c) => n + 1 + count(c.children), 0);
      expect(xml.match(/<Code /g)).toHaveLength(count(read.codes));
      expect(count(read.codes)).toBeGreaterThan(0);
    });
  }
});
