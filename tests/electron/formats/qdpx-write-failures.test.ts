// writeQdpx when things are wrong: references that point nowhere, values that break the model's
// types, refused input, cancel and I/O failures. Whatever happens, what is written is valid, and
// a failed export leaves no file behind.
import fs from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WeftError } from '../../../db/errors.js';
import { emptyProject, type RefiProject } from '../../../electron/formats/qdpx/model.js';
import { writeQdpx } from '../../../electron/formats/qdpx/write.js';
import { tempDir } from '../../helpers.js';
import { expectWeftError } from './helpers.js';
import { guid, INTERVIEW, richProject } from './qdpx-write-model.js';
import { all, byGuid, writeAndOpen } from './qdpx-write-xml.js';
import { PROJECT_XSD, xmllint } from './xmllint.js';

let dir: string;
beforeEach(() => (dir = tempDir('weft-qdpx-write-')));
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('writeQdpx: references that point nowhere', () => {
  function dangling(): RefiProject {
    const p = richProject();
    p.texts[0]!.selections[0]!.codings.push({ guid: guid(900), code: guid(999) });
    p.texts[0]!.selections[1]!.noteRefs.push(guid(998));
    p.cases[0]!.sourceRefs.push(guid(40)); // a media source, which is not exported
    p.sets[0]!.codes.push(guid(997));
    p.links.push({ guid: guid(901), origin: guid(11), target: guid(996), noteRefs: [] });
    p.graphs[0]!.edges.push({ guid: guid(902), source: guid(81), target: guid(995) });
    p.texts[0]!.selections.push({
      guid: guid(903),
      start: 5,
      end: INTERVIEW.length + 1,
      codings: [],
      noteRefs: [],
    });
    p.cases[1]!.selectionRefs.push(guid(903));
    p.cases[1]!.values.push(
      { variable: guid(20), value: 'about forty' },
      { variable: guid(994), value: 1 },
    );
    p.texts[0]!.selections[2]!.created = 'last Tuesday';
    return p;
  }

  it('leaves them out, writes a valid file, and says what was left out', async () => {
    const { qde, doc, result } = await writeAndOpen(dangling(), dir);
    expect(xmllint(qde, PROJECT_XSD).errors).toBe('');
    const written = new Set(
      ['Code', 'Note', 'TextSource', 'PlainTextSelection', 'Vertex'].flatMap((n) =>
        all(doc, n).map((e) => e.attrs.guid),
      ),
    );
    for (const ref of [
      ...all(doc, 'CodeRef'),
      ...all(doc, 'NoteRef'),
      ...all(doc, 'SourceRef'),
      ...all(doc, 'SelectionRef'),
    ]) {
      expect(written.has(ref.attrs.targetGUID)).toBe(true);
    }
    expect(all(doc, 'Coding').map((c) => c.attrs.guid)).not.toContain(guid(900));
    expect(all(doc, 'Link').map((c) => c.attrs.guid)).not.toContain(guid(901));
    expect(all(doc, 'Edge').map((c) => c.attrs.guid)).not.toContain(guid(902));
    expect(all(doc, 'PlainTextSelection').map((c) => c.attrs.guid)).not.toContain(guid(903));
    expect(byGuid(doc, 'PlainTextSelection', 102).attrs.creationDateTime).toBeUndefined();
    expect(result.warnings).toEqual(
      expect.arrayContaining([
        // the coding's code and the set member
        '2 references to codes that are not in the export were left out.',
        '1 reference to an item that is not in the export was left out.',
        '1 reference to a graph vertex that is not in the export was left out.',
        '1 reference to a note that is not in the export was left out.',
        '1 reference to a source that is not in the export was left out.',
        '1 reference to a passage that is not in the export was left out.',
        '1 reference to a variable that is not in the export was left out.',
        '1 passage of “Interview P07 & <draft>” lay outside its text and was left out.',
        expect.stringMatching(/1 variable value .*“about forty” as Integer/),
        '1 date that is not a date (“last Tuesday”) was left out.',
      ]),
    );
  });
});

describe('writeQdpx: loose values in the model', () => {
  it('still writes a valid file when values break the model’s types', async () => {
    const p = richProject();
    (p.variables[0] as { type: string }).type = 'Number';
    (p.codes[1] as { name?: string }).name = undefined;
    p.graphs[0]!.vertices[0]!.x = Number.NaN;
    p.links[0]!.direction = 'Sideways' as never;
    p.texts[0]!.selections[0]!.start = 2.5;
    p.cases[0]!.values.push({ variable: guid(21), value: Number.POSITIVE_INFINITY });
    const { qde, doc, result } = await writeAndOpen(p, dir);
    expect(xmllint(qde, PROJECT_XSD).errors).toBe('');
    expect(byGuid(doc, 'Variable', 20).attrs.typeOfVariable).toBe('Text');
    expect(byGuid(doc, 'Code', 13).attrs.name).toBe('');
    expect(byGuid(doc, 'Vertex', 81).attrs.firstX).toBe('0');
    expect(byGuid(doc, 'Link', 70).attrs.direction).toBeUndefined();
    expect(all(doc, 'PlainTextSelection').map((e) => e.attrs.guid)).not.toContain(guid(100));
    expect(result.warnings).toEqual(
      expect.arrayContaining([
        '1 variable of an unknown type (e.g. “Age”) was written as Text.',
        expect.stringMatching(/1 variable value .*“Infinity” as Float/),
      ]),
    );
  });
});

describe('writeQdpx: refusals and failures leave nothing behind', () => {
  it('refuses a malformed GUID with a clear error and writes nothing', async () => {
    const p = richProject();
    p.codes[1]!.guid = 'not-a-guid';
    const out = path.join(dir, 'bad.qdpx');
    const e = await expectWeftError(writeQdpx(p, out), 'invalid_project', 'Places');
    expect(e.message).toContain('not-a-guid');
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('refuses two entities sharing a GUID', async () => {
    const p = richProject();
    p.notes[1]!.guid = guid(11);
    await expectWeftError(writeQdpx(p, path.join(dir, 'dup.qdpx')), 'invalid_project', guid(11));
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('fails clearly when the folder does not exist, and creates nothing', async () => {
    const missing = path.join(dir, 'no-such-folder');
    await expectWeftError(
      writeQdpx(richProject(), path.join(missing, 'x.qdpx')),
      'not_found',
      missing,
    );
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('leaves an existing file untouched when a new export fails', async () => {
    const out = path.join(dir, 'study.qdpx');
    fs.writeFileSync(out, 'the previous export');
    const p = richProject();
    p.users[0]!.guid = '{broken';
    await expect(writeQdpx(p, out)).rejects.toBeInstanceOf(WeftError);
    expect(fs.readFileSync(out, 'utf8')).toBe('the previous export');
    expect(fs.readdirSync(dir)).toEqual(['study.qdpx']);
  });

  it('fails clearly when the last step fails (a folder in the way) and cleans up', async () => {
    const out = path.join(dir, 'taken');
    fs.mkdirSync(out);
    fs.writeFileSync(path.join(out, 'keep.txt'), 'x');
    await expectWeftError(writeQdpx(richProject(), out), 'write_failed', out);
    expect(fs.readdirSync(dir)).toEqual(['taken']);
    expect(fs.readdirSync(out)).toEqual(['keep.txt']);
  });

  function bigProject(): RefiProject {
    const p = emptyProject('Big');
    const paragraph =
      'The link worker asked what matters to me 🙂 and we walked. '.repeat(50) + '\n';
    for (let i = 0; i < 40; i++) {
      const text = paragraph.repeat(60);
      p.texts.push({
        guid: guid(10_000 + i),
        name: `Transcript ${i}`,
        origin: 'text',
        text,
        selections: Array.from({ length: 500 }, (_, k) => ({
          guid: guid(100_000 + i * 1000 + k),
          start: k * 100,
          end: k * 100 + 40,
          codings: [],
          noteRefs: [],
        })),
        codings: [],
        noteRefs: [],
        values: [],
      });
    }
    return p;
  }

  it('stops when cancelled mid-way and removes the partial file', async () => {
    const out = path.join(dir, 'big.qdpx');
    const abort = new AbortController();
    const seen: number[] = [];
    const writing = writeQdpx(bigProject(), out, {
      signal: abort.signal,
      onProgress: (done) => {
        seen.push(done);
        if (done > 0) abort.abort();
      },
    });
    await expectWeftError(writing, 'cancelled', 'cancelled');
    expect(seen.some((d) => d > 0)).toBe(true);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('does not start when already cancelled', async () => {
    const abort = new AbortController();
    abort.abort();
    await expectWeftError(
      writeQdpx(bigProject(), path.join(dir, 'x.qdpx'), { signal: abort.signal }),
      'cancelled',
      'cancelled',
    );
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('reports progress that only grows and ends at the total', async () => {
    const calls: [number, number][] = [];
    const out = path.join(dir, 'big.qdpx');
    await writeQdpx(bigProject(), out, { onProgress: (d, t) => calls.push([d, t]) });
    expect(calls.length).toBeGreaterThan(2);
    const total = calls[0]![1];
    expect(calls.every(([, t]) => t === total)).toBe(true);
    for (let i = 1; i < calls.length; i++)
      expect(calls[i]![0]).toBeGreaterThanOrEqual(calls[i - 1]![0]);
    expect(calls.at(-1)).toEqual([total, total]);
    expect(xmllint(unzipSync(fs.readFileSync(out))['project.qde']!, PROJECT_XSD).errors).toBe('');
    expect(fs.readdirSync(dir)).toEqual(['big.qdpx']);
  });
});
