// Hostile and broken files: each must be refused with a RefiError whose message says what is
// wrong, before anything large is inflated or parsed. (The reader writes nothing, so "nothing
// written" holds by construction; the import handler's tests cover the database side.)
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { RefiErrorCode } from '../../../electron/formats/qdpx/read-limits.js';
import { MAX_ZIP_ENTRIES, RefiError } from '../../../electron/formats/qdpx/read-limits.js';
import { readQdc, readQdpx } from '../../../electron/formats/qdpx/read.js';
import {
  buildQdpx,
  buildZip,
  bytesOf,
  codeBookXml,
  guid,
  patchDeclaredSize,
  patchEntryCount,
  patchFlags,
  patchOverlap,
  projectXml,
  sourcesXml,
} from './qdpx-synth.js';

function refusal(read: () => unknown): RefiError {
  try {
    read();
  } catch (e) {
    expect(e).toBeInstanceOf(RefiError);
    return e as RefiError;
  }
  throw new Error('the file was accepted');
}

function expectRefused(read: () => unknown, code: RefiErrorCode, message: RegExp): void {
  const e = refusal(read);
  expect(e.code).toBe(code);
  expect(e.message).toMatch(message);
}

const src = guid(10);
const goodXml = projectXml(
  codeBookXml([{ guid: guid(1), name: 'Anything' }]) +
    sourcesXml([{ guid: src, name: 'Talk', path: `internal://${src}.txt` }]),
);

describe('archives escaping their folder (zip-slip)', () => {
  const names = [
    '../evil.txt',
    'sources/../../evil.txt',
    '/etc/evil.txt',
    'C:/Windows/evil.txt',
    'c:evil.txt',
    '..\\..\\evil.txt',
    'sources\\..\\..\\evil.txt',
    '\\\\server\\share\\evil.txt',
  ];
  for (const name of names)
    it(`refuses an entry named ${JSON.stringify(name)}`, () => {
      const zip = buildZip({ 'project.qde': goodXml, [name]: 'x' });
      expectRefused(() => readQdpx(zip), 'unsafe', /outside its folder/);
    });
});

describe('zip bombs and size lies', () => {
  it('refuses a highly compressible entry before inflating it', () => {
    const bomb = new Uint8Array(64 * 1024 * 1024).fill(0x61); // 64 MiB of "a"
    const zip = buildQdpx(goodXml, { [`${src}.txt`]: bomb }, { level: 9 });
    expect(zip.length).toBeLessThan(1024 * 1024);
    expectRefused(() => readQdpx(zip), 'too-large', /zip bomb/);
  });

  it('refuses an entry that inflates past the size it declares', () => {
    const text = 'A long answer about the rota. '.repeat(4000); // ~120 KB
    const zip = patchDeclaredSize(
      buildQdpx(goodXml, { [`${src}.txt`]: text }),
      `sources/${src}.txt`,
      1000,
    );
    expectRefused(() => readQdpx(zip), 'unsafe', /expands to more than the 1000 bytes it declares/);
  });

  it('refuses a project XML that inflates past its declared size', () => {
    const zip = patchDeclaredSize(buildQdpx(goodXml), 'project.qde', 64);
    expectRefused(() => readQdpx(zip), 'unsafe', /project\.qde.*more than/);
  });

  it('refuses an entry shorter than it declares', () => {
    const zip = patchDeclaredSize(
      buildQdpx(goodXml, { [`${src}.txt`]: 'short' }),
      `sources/${src}.txt`,
      50,
    );
    expectRefused(() => readQdpx(zip), 'malformed', /shorter than it declares/);
  });

  it('enforces the per-entry and total caps on what is really inflated', () => {
    const zip = buildQdpx(goodXml, { [`${src}.txt`]: 'x'.repeat(5000) });
    expectRefused(
      () => readQdpx(zip, { limits: { entryInflatedBytes: 4000 } }),
      'too-large',
      /more than the 3\.9 KB/,
    );
    expectRefused(
      () => readQdpx(zip, { limits: { totalInflatedBytes: 5000 } }),
      'too-large',
      /declares/,
    );
    // Two sources naming the same file: declared sizes fit, but the real inflation does not.
    const twice = projectXml(
      sourcesXml([
        { guid: src, name: 'One', path: `internal://${src}.txt` },
        { guid: guid(11), name: 'Two', path: `internal://${src}.txt` },
      ]),
    );
    const reused = buildQdpx(twice, { [`${src}.txt`]: 'x'.repeat(5000) });
    expect(readQdpx(reused).texts).toHaveLength(2);
    expectRefused(
      () => readQdpx(reused, { limits: { totalInflatedBytes: 8000 } }),
      'too-large',
      /would expand to more than/,
    );
  });

  it('refuses overlapping entries (a bomb that reuses the same bytes)', () => {
    const zip = patchOverlap(
      buildQdpx(goodXml, { [`${src}.txt`]: 'text' }),
      `sources/${src}.txt`,
      'project.qde',
    );
    expectRefused(() => readQdpx(zip), 'unsafe', /overlap/);
  });

  it(`refuses more than ${MAX_ZIP_ENTRIES} entries, declared or real`, () => {
    expectRefused(
      () => readQdpx(patchEntryCount(buildQdpx(goodXml), 60_000)),
      'too-large',
      /60,000 entries/,
    );
    const files: Record<string, Uint8Array> = { 'project.qde': bytesOf(goodXml) };
    for (let i = 0; i <= MAX_ZIP_ENTRIES; i++) files[`sources/${i}.txt`] = new Uint8Array(0);
    const many = zipSync(files, { level: 0 });
    expectRefused(() => readQdpx(many), 'too-large', /at most 50,000/);
  });

  it('refuses encrypted entries and unknown compression methods', () => {
    const zip = buildQdpx(goodXml);
    expectRefused(() => readQdpx(patchFlags(zip, 'project.qde', 1)), 'unsupported', /encrypted/);
    const odd = zip.slice();
    // Method field of the central entry (the only one): offset 10 from its signature.
    const v = new DataView(odd.buffer);
    for (let at = odd.length - 22; at >= 0; at--)
      if (v.getUint32(at, true) === 0x02014b50) {
        v.setUint16(at + 10, 12, true); // bzip2
        break;
      }
    expectRefused(() => readQdpx(odd), 'unsupported', /compression method/);
  });
});

describe('not a project at all', () => {
  it('refuses an empty file', () => {
    expectRefused(() => readQdpx(new Uint8Array(0)), 'not-qdpx', /empty/);
    expectRefused(() => readQdc(new Uint8Array(0)), 'not-qdc', /empty/);
  });

  it('refuses bytes that are neither zip nor XML', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    expectRefused(() => readQdpx(png), 'not-qdpx', /neither/);
    expectRefused(() => readQdpx(bytesOf('Just some notes, not XML.')), 'not-qdpx', /neither/);
  });

  it('refuses a zip without a project.qde', () => {
    expectRefused(
      () => readQdpx(buildZip({ 'notes.txt': 'hello' })),
      'not-qdpx',
      /no project\.qde/,
    );
  });

  it('refuses a truncated archive', () => {
    const zip = buildQdpx(goodXml, { [`${src}.txt`]: 'Some text of ours.' });
    expectRefused(
      () => readQdpx(zip.subarray(0, zip.length - 30)),
      'malformed',
      /damaged or incomplete/,
    );
  });

  it('refuses a damaged deflate stream', () => {
    const zip = buildQdpx(goodXml.repeat(1));
    const broken = zip.slice();
    // Scramble the compressed bytes of project.qde (they start right after its local header).
    const v = new DataView(broken.buffer);
    const start = 30 + v.getUint16(26, true) + v.getUint16(28, true);
    for (let i = start; i < start + 40; i++) broken[i] = 0xff;
    const e = refusal(() => readQdpx(broken));
    expect(['malformed', 'unsafe']).toContain(e.code);
    expect(e.message).toMatch(/project\.qde/);
  });
});

describe('hostile XML', () => {
  it('refuses a DOCTYPE with entities, in projects and codebooks', () => {
    const xml =
      '<?xml version="1.0"?>\n<!DOCTYPE Project [<!ENTITY who "someone">]>\n' +
      '<Project xmlns="urn:QDA-XML:project:1.0" name="&who;"/>';
    expectRefused(() => readQdpx(bytesOf(xml)), 'unsafe', /DOCTYPE/);
    expectRefused(() => readQdpx(buildQdpx(xml)), 'unsafe', /DOCTYPE/);
    const qdc = xml.replace(/Project/g, 'CodeBook').replace('project', 'codebook');
    expectRefused(() => readQdc(bytesOf(qdc)), 'unsafe', /DOCTYPE/);
  });

  it('refuses billion laughs', () => {
    let entities = '<!ENTITY lol0 "lol">';
    for (let i = 1; i <= 9; i++) entities += `<!ENTITY lol${i} "${`&lol${i - 1};`.repeat(10)}">`;
    const xml = `<?xml version="1.0"?><!DOCTYPE lolz [${entities}]><Project name="&lol9;"/>`;
    expectRefused(() => readQdpx(bytesOf(xml)), 'unsafe', /DOCTYPE/);
  });

  it('refuses an external entity (XXE)', () => {
    const xml =
      '<?xml version="1.0"?><!DOCTYPE p [<!ENTITY x SYSTEM "file:///etc/passwd">]><Project name="&x;"/>';
    expectRefused(() => readQdpx(bytesOf(xml)), 'unsafe', /DOCTYPE/);
  });

  it('refuses undefined entity references as malformed', () => {
    const xml = projectXml('<Description>&nbsp;</Description>');
    expectRefused(() => readQdpx(bytesOf(xml)), 'malformed', /not well-formed/);
  });

  it('refuses absurd attribute lengths', () => {
    const xml = projectXml(codeBookXml([{ guid: guid(1), name: 'n'.repeat(2 * 1024 * 1024) }]));
    expectRefused(
      () => readQdpx(bytesOf(xml)),
      'too-large',
      /attribute "name" on <Code> longer than/,
    );
  });

  it('refuses absurd nesting', () => {
    const open = Array.from(
      { length: 400 },
      (_, i) => `<Code guid="${guid(i)}" name="c" isCodable="true">`,
    ).join('');
    const xml = projectXml(`<CodeBook><Codes>${open}${'</Code>'.repeat(400)}</Codes></CodeBook>`);
    expectRefused(() => readQdpx(buildQdpx(xml)), 'too-large', /nests elements more than 256 deep/);
  });

  it('refuses XML that is not valid UTF-8 or not well-formed', () => {
    const bad = new Uint8Array([
      ...bytesOf('<?xml version="1.0" encoding="utf-8"?><Project name="'),
      0xff,
      0xfe,
      0x22,
      0x2f,
      0x3e,
    ]);
    expectRefused(() => readQdpx(bad), 'malformed', /not valid text/);
    expectRefused(
      () => readQdpx(bytesOf('<Project name="x"><Users>')),
      'malformed',
      /not well-formed/,
    );
    expectRefused(() => readQdpx(bytesOf('<Other/>')), 'not-qdpx', /not a REFI-QDA project/);
  });

  it('refuses an unknown declared encoding', () => {
    const xml = '<?xml version="1.0" encoding="x-klingon"?><Project name="x"/>';
    expectRefused(() => readQdpx(bytesOf(xml)), 'unsupported', /x-klingon/);
  });
});

describe('bad but harmless content is imported around, with warnings', () => {
  it('skips a source whose "text" is binary and selections with broken positions', () => {
    const other = guid(11);
    const xml = projectXml(
      codeBookXml([{ guid: guid(1), name: 'Anything' }]) +
        sourcesXml([
          { guid: src, name: 'Binary', path: `internal://${src}.txt` },
          {
            guid: other,
            name: 'Fine',
            inline: 'Fine words here.',
            selections: [
              { guid: guid(20), start: 0, end: 4, codes: [guid(1)] },
              { guid: guid(21), start: -3, end: 4, codes: [guid(1)] },
            ],
            extra: `<PlainTextSelection guid="${guid(22)}" startPosition="abc" endPosition="4"/>`,
          },
        ]),
    );
    const p = readQdpx(buildQdpx(xml, { [`${src}.txt`]: new Uint8Array([0x41, 0, 0x42, 0]) }));
    expect(p.texts.map((t) => t.name)).toEqual(['Fine']);
    expect(p.texts[0]!.selections.map((s) => s.guid)).toEqual([guid(20).toLowerCase()]);
    const warnings = p.warnings.join(' ');
    expect(warnings).toMatch(/"Binary".*binary data/);
    expect(warnings).toMatch(/2 selections had missing or invalid positions/);
  });
});
