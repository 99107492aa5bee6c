// writeQdpx / projectXml: archives other tools can read. Every written project.qde is checked
// against the real Project-mrt2019.xsd with xmllint, and the written files are read back to see
// that the passages land on the same words. (Failures and loose input: qdpx-write-failures.test.ts.)
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { emptyProject, type RefiProject } from '../../../electron/formats/qdpx/model.js';
import { readQdpx } from '../../../electron/formats/qdpx/read.js';
import { projectXml } from '../../../electron/formats/qdpx/write.js';
import { sharedDir, tempDir } from '../../helpers.js';
import { guid, INTERVIEW, NOTE_TEXT, richProject } from './qdpx-write-model.js';
import {
  all,
  byGuid,
  centralDirectory,
  codePointSlice,
  parseXml,
  writeAndOpen,
  type El,
} from './qdpx-write-xml.js';
import { PROJECT_XSD, xmllint } from './xmllint.js';

let dir: string;
beforeEach(() => (dir = tempDir('weft-qdpx-write-')));
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('writeQdpx: a rich project', () => {
  it('writes a project.qde valid against Project-mrt2019.xsd, with every entity kind', async () => {
    const { qde, doc } = await writeAndOpen(richProject(), dir);
    const check = xmllint(qde, PROJECT_XSD);
    expect(check.errors).toBe('');
    expect(check.valid).toBe(true);
    expect(doc.children.map((c) => c.name)).toEqual([
      'Users',
      'CodeBook',
      'Variables',
      'Cases',
      'Sources',
      'Notes',
      'Links',
      'Sets',
      'Graphs',
      'Description',
      'NoteRef',
    ]);
    expect(all(doc, 'Code')).toHaveLength(4);
    expect(all(doc, 'TextSource')).toHaveLength(4);
    expect(all(doc, 'PlainTextSelection')).toHaveLength(9);
    expect(all(doc, 'Coding')).toHaveLength(9);
    expect(all(doc, 'Note')).toHaveLength(3);
    expect(all(doc, 'Set')).toHaveLength(2);
    expect(all(doc, 'Vertex')).toHaveLength(2);
    expect(all(doc, 'Edge')).toHaveLength(1);
  });

  it('keeps the hierarchy, folders, colours and descriptions of the codebook', async () => {
    const { doc } = await writeAndOpen(richProject(), dir);
    const folder = byGuid(doc, 'Code', 10);
    expect(folder.attrs).toMatchObject({ name: 'Feelings', isCodable: 'false', color: '#aabbcc' });
    expect(folder.children.find((c) => c.name === 'Description')?.text).toBe(
      'A folder for emotions',
    );
    const relief = folder.children.find((c) => c.name === 'Code')!;
    expect(relief.attrs).toMatchObject({
      name: 'Relief & <joy>',
      isCodable: 'true',
      color: '#10a0f0',
    });
    expect(relief.children.find((c) => c.name === 'Code')?.attrs.name).toBe('Being heard');
    // 'blue' is no #rrggbb colour: left out rather than invalid.
    expect(byGuid(doc, 'Code', 13).attrs.color).toBeUndefined();
  });

  it('writes each text as sources/<guid>.txt in UTF-8 and points to it', async () => {
    const { files, doc } = await writeAndOpen(richProject(), dir);
    const project = richProject();
    for (const t of project.texts) {
      const entry = files[`sources/${t.guid}.txt`];
      expect(entry, t.name).toBeDefined();
      expect(new TextDecoder('utf-8', { fatal: true }).decode(entry)).toBe(t.text);
      expect(
        byGuid(doc, 'TextSource', Number.parseInt(t.guid.slice(-12), 16)).attrs.plainTextPath,
      ).toBe(`internal://${t.guid}.txt`);
    }
    // The .docx original rides along as rich text; the PDF has no place on a TextSource.
    expect(files[`sources/${guid(32)}.docx`]).toEqual(new Uint8Array([80, 75, 3, 4, 1, 2, 3]));
    expect(byGuid(doc, 'TextSource', 32).attrs.richTextPath).toBe(`internal://${guid(32)}.docx`);
    expect(Object.keys(files).sort()).toEqual(
      [
        'project.qde',
        ...project.texts.map((t) => `sources/${t.guid}.txt`),
        `sources/${guid(32)}.docx`,
      ].sort(),
    );
  });

  it('writes a sound zip: deflated entries whose CRCs and sizes match their contents', async () => {
    const { out, files } = await writeAndOpen(richProject(), dir);
    const entries = centralDirectory(fs.readFileSync(out));
    expect(entries.map((e) => e.name).sort()).toEqual(Object.keys(files).sort());
    for (const e of entries) {
      expect(e.method, e.name).toBe(8);
      expect(e.size, e.name).toBe(files[e.name]!.length);
      expect(e.crc, e.name).toBe(zlib.crc32(files[e.name]!));
    }
  });

  it('writes offsets as code points that land on the same words', async () => {
    const project = richProject();
    const { files, doc } = await writeAndOpen(project, dir);
    const written = new TextDecoder().decode(files[`sources/${guid(30)}.txt`]);
    for (const s of project.texts[0]!.selections) {
      const el = all(doc, 'PlainTextSelection').find((e) => e.attrs.guid === s.guid)!;
      const start = Number(el.attrs.startPosition);
      const end = Number(el.attrs.endPosition);
      expect(codePointSlice(written, start, end)).toBe(INTERVIEW.slice(s.start, s.end));
    }
    // After the emoji, code points and UTF-16 units differ: the offsets must not be copied.
    const family = byGuid(doc, 'PlainTextSelection', 102);
    expect(Number(family.attrs.startPosition)).toBeLessThan(INTERVIEW.indexOf('allotment'));
  });

  it('counts note passages on the note text as written (illegal characters dropped)', async () => {
    const { doc } = await writeAndOpen(richProject(), dir);
    const note = byGuid(doc, 'Note', 300);
    const content = note.children.find((c) => c.name === 'PlainTextContent')!.text;
    expect(content).toBe(NOTE_TEXT.replace('\u0001', '').replace('\u0007', ''));
    const sel = note.children.find((c) => c.name === 'PlainTextSelection')!;
    const words = codePointSlice(
      content,
      Number(sel.attrs.startPosition),
      Number(sel.attrs.endPosition),
    );
    expect(words).toBe('when the worker <waits>');
  });

  it('keeps names with & < > " \' exactly and drops control characters', async () => {
    const { doc } = await writeAndOpen(richProject(), dir);
    expect(doc.attrs.name).toBe('Threads & <Knots> "pilot" \'24');
    expect(byGuid(doc, 'User', 1).attrs.name).toBe('Ada "A" <Coder> & co');
    // A tab in an attribute survives as a tab (a raw one would be read back as a space).
    expect(byGuid(doc, 'User', 2).attrs.name).toBe('Bo Tabbed\tName');
    expect(doc.children.find((c) => c.name === 'Description')?.text).toBe(
      'A made-up pilot study of befriending\r\nwith two coders.',
    );
    expect(byGuid(doc, 'TextSource', 30).attrs.name).toBe('Interview P07 & <draft>');
  });

  it('writes typed variable values in the form their XSD type takes', async () => {
    const { doc } = await writeAndOpen(richProject(), dir);
    const values = (c: El) =>
      Object.fromEntries(
        c.children
          .filter((x) => x.name === 'VariableValue')
          .map((v) => [
            v.children[0]!.attrs.targetGUID,
            `${v.children[1]!.name}=${v.children[1]!.text}`,
          ]),
      );
    expect(values(byGuid(doc, 'Case', 50))).toEqual({
      [guid(20)]: 'IntegerValue=67',
      [guid(21)]: 'FloatValue=0.0000001',
      [guid(22)]: 'BooleanValue=true',
      [guid(23)]: 'DateValue=2024-02-29',
      [guid(24)]: 'DateTimeValue=2024-03-02T14:05:00',
      [guid(25)]: 'TextValue=Northgate & <Mill>',
    });
    expect(values(byGuid(doc, 'Case', 51))).toEqual({
      [guid(21)]: 'FloatValue=1000000000000000000000',
    });
    expect(byGuid(doc, 'Variable', 20).attrs.typeOfVariable).toBe('Integer');
  });

  it('keeps coders, dates, note references, cases, sets, links and graphs', async () => {
    const { doc } = await writeAndOpen(richProject(), dir);
    expect(doc.attrs).toMatchObject({
      origin: 'Weft 9.9.9-test',
      creatingUserGUID: guid(1),
      creationDateTime: '2024-03-01T09:00:00',
      modifiedDateTime: '2024-03-09T17:45:00.125+01:00',
    });
    const heard = byGuid(doc, 'PlainTextSelection', 100);
    expect(heard.attrs).toMatchObject({ name: 'heard', creatingUser: guid(1) });
    expect(heard.children.map((c) => c.name)).toEqual(['Description', 'Coding', 'NoteRef']);
    expect(byGuid(doc, 'Coding', 200).attrs).toMatchObject({
      creatingUser: guid(1),
      creationDateTime: '2024-03-05T10:20:30Z',
    });
    expect(byGuid(doc, 'Coding', 200).children[0]!.attrs.targetGUID).toBe(guid(12));
    const sourceLevel = byGuid(doc, 'TextSource', 30).children.filter((c) => c.name === 'Coding');
    expect(sourceLevel.map((c) => c.attrs.guid)).toEqual([guid(207)]);
    expect(byGuid(doc, 'Case', 50).children.map((c) => c.name)).toEqual([
      'Description',
      'CodeRef',
      ...Array<string>(6).fill('VariableValue'),
      'SourceRef',
      'SelectionRef',
    ]);
    expect(
      byGuid(doc, 'Set', 60).children.map((c) => `${c.name}:${c.attrs.targetGUID ?? ''}`),
    ).toEqual([
      'Description:',
      `MemberCode:${guid(11)}`,
      `MemberCode:${guid(12)}`,
      `MemberSource:${guid(30)}`,
      `MemberNote:${guid(300)}`,
    ]);
    expect(byGuid(doc, 'Link', 70).attrs).toMatchObject({
      direction: 'OneWay',
      originGUID: guid(11),
      targetGUID: guid(12),
    });
    expect(byGuid(doc, 'Vertex', 81).attrs).toMatchObject({
      firstX: '10',
      firstY: '21',
      secondX: '110',
      secondY: '61',
      shape: 'Oval',
      representedGUID: guid(11),
    });
    expect(byGuid(doc, 'Edge', 83).attrs).toMatchObject({
      sourceVertex: guid(81),
      targetVertex: guid(82),
    });
    expect(doc.children.at(-1)).toMatchObject({
      name: 'NoteRef',
      attrs: { targetGUID: guid(302) },
    });
  });

  it('reports what it could not write: media files, a PDF original, a colour', async () => {
    const { result } = await writeAndOpen(richProject(), dir);
    expect(result.warnings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/1 picture source \(“Allotment photo”\) was not exported/),
        expect.stringMatching(/1 audio source \(“Voice memo”\) was not exported/),
        expect.stringMatching(/original file of 1 source \(“fieldnote.pdf”\) was left out/),
        expect.stringMatching(/1 colour .*“blue”/),
      ]),
    );
    expect(result.bytes).toBe(fs.statSync(path.join(dir, 'study.qdpx')).size);
  });

  it('writes an empty project as a valid file with no empty containers', async () => {
    const { qde, doc } = await writeAndOpen(emptyProject('Nothing yet'), dir);
    expect(xmllint(qde, PROJECT_XSD).errors).toBe('');
    expect(doc.children).toEqual([]);
    expect(doc.attrs).toMatchObject({ name: 'Nothing yet', origin: 'Weft' });
  });

  it('names Weft and its version as the origin when the project names none', () => {
    const xml = projectXml(emptyProject('x'), { version: '1.2.3' });
    expect(parseXml(xml).attrs.origin).toBe('Weft 1.2.3');
  });
});

describe('writeQdpx: round trip through readQdpx', () => {
  it('export → import → export gives the same project.qde and the same texts', async () => {
    const first = await writeAndOpen(richProject(), dir);
    const back = readQdpx(new Uint8Array(fs.readFileSync(first.out)));
    expect(back.warnings).toEqual([]);
    for (const t of back.texts) expect(t.convention).toBe('codepoints');
    fs.rmSync(first.out);
    const second = await writeAndOpen(back, dir);
    expect(second.qde).toBe(first.qde);
    expect(Object.keys(second.files).sort()).toEqual(Object.keys(first.files).sort());
    for (const name of Object.keys(first.files))
      expect(second.files[name]).toEqual(first.files[name]);
    // And the passages come back on the same UTF-16 offsets Weft started from.
    const original = richProject().texts[0]!.selections.map((s) => [s.guid, s.start, s.end]);
    expect(back.texts[0]!.selections.map((s) => [s.guid, s.start, s.end])).toEqual(original);
  });
});

describe('writeQdpx: projects read from real tools’ files', () => {
  const samples = path.join(sharedDir, 'refi-qda', 'samples');
  const projects = fs.readdirSync(samples).filter((f) => /\.(qdpx|qde)$/.test(f));

  it('finds the samples', () => expect(projects.length).toBeGreaterThanOrEqual(6));

  for (const name of projects) {
    it(`writes ${name} back as a valid project with the same codes and passages`, async () => {
      const read = readQdpx(new Uint8Array(fs.readFileSync(path.join(samples, name))));
      const { qde, doc, files } = await writeAndOpen(read, dir);
      expect(xmllint(qde, PROJECT_XSD).errors).toBe('');
      const codes = (list: RefiProject['codes']): number =>
        list.reduce((n, c) => n + 1 + codes(c.children), 0);
      expect(all(doc, 'Code')).toHaveLength(codes(read.codes));
      expect(all(doc, 'TextSource')).toHaveLength(read.texts.length);
      const passages = read.texts.reduce((n, t) => n + t.selections.length, 0);
      expect(all(doc, 'PlainTextSelection').length).toBe(
        passages + read.notes.reduce((n, t) => n + t.selections.length, 0),
      );
      for (const t of read.texts) {
        expect(new TextDecoder().decode(files[`sources/${t.guid}.txt`])).toBe(t.text);
      }
    });
  }
});
