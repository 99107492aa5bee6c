// Reading REFI-QDA projects: every real sample in ../shared/refi-qda/samples with counts taken
// from the files by a different method (regexes over the XML), then one synthetic file per quirk
// real tools produce.
import fs from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import type { RefiCode, RefiProject, TextDoc } from '../../../electron/formats/qdpx/model.js';
import { RefiError, readQdpx } from '../../../electron/formats/qdpx/read.js';
import { sharedDir, tempDir } from '../../helpers.js';
import {
  buildQdpx,
  buildZip,
  bytesOf,
  codeBookXml,
  guid,
  projectXml,
  sourcesXml,
  textSourceXml,
} from './qdpx-synth.js';

const samples = path.join(sharedDir, 'refi-qda', 'samples');
const sample = (name: string): Uint8Array =>
  new Uint8Array(fs.readFileSync(path.join(samples, name)));
const qdeOf = (zip: Uint8Array): string => new TextDecoder().decode(unzipSync(zip)['project.qde']);
const count = (xml: string, tag: string): number =>
  (xml.match(new RegExp(`<${tag}[\\s/>]`, 'g')) ?? []).length;
const allCodes = (codes: RefiCode[]): RefiCode[] =>
  codes.flatMap((c) => [c, ...allCodes(c.children)]);
const codingsOf = (p: RefiProject): number =>
  p.texts.reduce(
    (n, t) => n + t.codings.length + t.selections.reduce((m, s) => m + s.codings.length, 0),
    0,
  );
const slices = (t: TextDoc): string[] => t.selections.map((s) => t.text.slice(s.start, s.end));
const byName = (p: RefiProject, name: string): TextDoc => {
  const t = p.texts.find((x) => x.name === name);
  if (!t) throw new Error(`no text "${name}"`);
  return t;
};
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe('real samples', () => {
  it('NVivo for Mac: 262 nested codes, two one-byte texts, users with ids', () => {
    const bytes = sample('nvivo-mac-15.0_codebook-only_nvivo_project.qdpx');
    const xml = qdeOf(bytes);
    const p = readQdpx(bytes);
    expect(allCodes(p.codes)).toHaveLength(count(xml, 'Code'));
    expect(allCodes(p.codes)).toHaveLength(262);
    expect(p.codes.length).toBeLessThan(262); // nested, not flat
    expect(p.texts).toHaveLength(count(xml, 'TextSource'));
    expect(p.texts.map((t) => t.text)).toEqual(['\n', '\n']);
    // The rich-text original travels with each source (internal://<guid>.docx).
    for (const t of p.texts) {
      expect(t.original?.name).toBe(`${t.name}.docx`);
      expect(t.original?.bytes.subarray(0, 2)).toEqual(new Uint8Array([0x50, 0x4b]));
    }
    expect(p.users.map((u) => u.id)).toEqual(['CP', 'C']);
    expect(p.origin).toBe('NVivo for Mac 15.0.0');
    expect(p.warnings).toEqual([]);
  });

  it('qc: bare file paths and line selections land on their lines', () => {
    const bytes = sample('qc-1.3.2_demo.qdpx');
    const xml = qdeOf(bytes);
    const p = readQdpx(bytes);
    expect(allCodes(p.codes)).toHaveLength(count(xml, 'Code'));
    expect(p.texts.map((t) => t.name).sort()).toEqual(['admin-1.txt', 'board_2017.txt']);
    const board = byName(p, 'board_2017.txt');
    expect(board.selections).toHaveLength(count(xml, 'PlainTextSelection'));
    expect(codingsOf(p)).toBe(count(xml, 'Coding'));
    // Each selection is named line:N; its text must be line N (0-based) with its line break.
    const lines = board.text.split('\n');
    for (const s of board.selections) {
      const n = Number(/^line:(\d+)$/.exec(s.name ?? '')?.[1]);
      expect(board.text.slice(s.start, s.end)).toBe(`${lines[n]}\n`);
    }
    expect(board.selections[0]!.codings[0]!.creatingUser).toBe(p.users[0]!.guid);
  });

  it('ATLAS.ti blank and two-level projects: users incl. the system user, upper-case GUIDs lowered', () => {
    const blank = readQdpx(sample('atlasti-win-23.2_blank-atlas-project.qdpx'));
    expect(blank.users.map((u) => u.guid)).toContain('c32a2bd5-537f-4838-8b17-df9efbafdf4b');
    expect(blank.users).toHaveLength(
      count(qdeOf(sample('atlasti-win-23.2_blank-atlas-project.qdpx')), 'User'),
    );
    const bytes = sample('atlasti-win-23.2_target-atlas-project.qdpx');
    const target = readQdpx(bytes);
    expect(allCodes(target.codes)).toHaveLength(count(qdeOf(bytes), 'Code'));
    expect(target.codes.some((c) => c.children.length > 0)).toBe(true);
    for (const c of allCodes(target.codes)) expect(c.guid).toMatch(GUID);
    expect(target.warnings).toEqual([]);
  });

  it('ATLAS.ti annex A2 .qde without its sources: read as far as it goes', () => {
    const bytes = sample('atlasti-8.4_refi-spec-annexA2_Project.qde');
    const xml = new TextDecoder().decode(bytes);
    const p = readQdpx(bytes);
    expect(allCodes(p.codes)).toHaveLength(count(xml, 'Code'));
    expect(p.users).toHaveLength(count(xml, 'User'));
    expect(p.notes).toHaveLength(count(xml, 'Note'));
    expect(p.notes[0]!.text).toContain('dynamic team');
    expect(p.sets).toHaveLength(count(xml, 'Set'));
    expect(p.graphs).toHaveLength(1);
    expect(p.graphs[0]!.vertices).toHaveLength(count(xml, 'Vertex'));
    expect(p.graphs[0]!.edges).toHaveLength(count(xml, 'Edge'));
    // No text files: every text source is missing, every media source is kept by name.
    expect(p.texts).toEqual([]);
    const mediaCount =
      count(xml, 'PictureSource') +
      count(xml, 'PDFSource') +
      count(xml, 'AudioSource') +
      count(xml, 'VideoSource');
    expect(p.media).toHaveLength(mediaCount);
    const picture = p.media.find((m) => m.kind === 'picture')!;
    expect(picture.skippedSelections).toBe(count(xml, 'PictureSelection'));
    expect(
      p.media.filter((m) => m.kind === 'video').reduce((n, m) => n + m.skippedSelections, 0),
    ).toBe(count(xml, 'VideoSelection'));
    expect(p.warnings.join(' ')).toContain(
      `text of ${count(xml, 'TextSource')} sources could not be found`,
    );
    expect(p.warnings.join(' ')).toContain(
      `text of ${count(xml, 'Transcript') + count(xml, 'PDFSource')} transcripts or PDF representations`,
    );
    expect(p.skipped.join(' ')).toMatch(/picture source/);
    expect(p.skipped.join(' ')).toMatch(/1 link/); // its target is a video clip
    // Sets keep the codes and the media they name; text sources that were left out are dropped.
    const feelings = p.sets.find((s) => s.name === 'Feelings')!;
    expect(feelings.codes).toHaveLength(6);
    expect(p.sets.find((s) => s.name === 'Images')!.sources).toEqual([
      '02255470-09e6-400b-9e20-97d71fbec65d',
    ]);
    expect(p.sets.find((s) => s.name === '<3')).toBeDefined();
    expect(p.created).toBe('2018-03-27T17:46:39Z');
  });

  it('ATLAS.ti annex A2 with its texts beside it: transcripts, PDF text and codings come in', () => {
    const dir = tempDir('weft-qde-');
    dirs.push(dir);
    fs.mkdirSync(path.join(dir, 'sources'));
    // Our own fictional stand-ins for the missing texts.
    const texts: Record<string, string> = {
      '230B768E-5A3D-42B7-BE92-2A3721177944.txt': `${'a'.repeat(120)} Ok, a quick break now. Same time tomorrow? Eleven thirty then, bye.\n`,
      'C1C745F7-8E4D-48B2-9710-655AFE7E54FA.txt': 'Toast and tea. '.repeat(70),
      '142EB46D-612E-4593-A385-D0E5D04D1288.txt': `Recipe card. ${'word '.repeat(10)}granola and honey. ${'more text '.repeat(60)}`,
    };
    for (const [name, text] of Object.entries(texts))
      fs.writeFileSync(path.join(dir, 'sources', name), text);
    const p = readQdpx(sample('atlasti-8.4_refi-spec-annexA2_Project.qde'), { folder: dir });
    const pdf = p.texts.find((t) => t.origin === 'pdf')!;
    expect(pdf.guid).toBe('2065d8ab-d724-40c9-b4e9-6eb8dab73541');
    expect(pdf.selections.map((s) => s.guid)).toContain('27a5f0c2-e225-4d6a-8297-f4fec794d890');
    expect(p.skipped.join(' ')).toMatch(/PDF area selection/);
    const transcript = p.texts.find((t) => t.origin === 'transcript')!;
    expect(transcript.guid).toBe('ed105492-356d-4119-a1e2-716cf018afed'); // the video's GUID
    expect(transcript.name).toBe('1994 Diet Coke-Diet Coke Break.mp4');
    expect(
      p.texts
        .filter((t) => t.origin === 'text')
        .map((t) => t.name)
        .sort(),
    ).toEqual(['1994 Diet Coke-Diet Coke Break.docx', 'Simon.docx']);
    expect(p.media.map((m) => m.kind).sort()).toEqual(['audio', 'pdf', 'picture', 'video']);
  });

  it('MAXQDA .qde: 307 codes with long descriptions, sets, sources read from beside the .qde', () => {
    const bytes = sample('maxqda-24.7_codebook-sets_project.qde');
    const xml = new TextDecoder().decode(bytes);
    const alone = readQdpx(bytes);
    expect(allCodes(alone.codes)).toHaveLength(count(xml, 'Code'));
    expect(allCodes(alone.codes).filter((c) => c.description)).toHaveLength(
      count(xml, 'Description'),
    );
    expect(alone.sets).toHaveLength(count(xml, 'Set'));
    expect(alone.texts).toEqual([]);
    expect(alone.warnings.join(' ')).toMatch(/text of 10 sources could not be found/);

    const dir = tempDir('weft-qde-');
    dirs.push(dir);
    fs.mkdirSync(path.join(dir, 'sources'));
    const guids = [...xml.matchAll(/plainTextPath="internal:\/\/([0-9A-F-]+)\.txt"/g)].map(
      (m) => m[1]!,
    );
    guids.forEach((g, i) =>
      fs.writeFileSync(path.join(dir, 'sources', `${g}.txt`), `Fictional paper ${i}.\n`),
    );
    const withTexts = readQdpx(bytes, { folder: dir });
    expect(withTexts.texts).toHaveLength(count(xml, 'TextSource'));
    const members = withTexts.sets.reduce((n, s) => n + s.sources.length, 0);
    expect(members).toBe(count(xml, 'MemberSource'));
  });
});

describe('quirks real tools write', () => {
  const codeA = guid(1);
  const codeB = guid(2);
  const codebook = codeBookXml([
    { guid: codeA, name: 'Workload', color: '#F0A' },
    { guid: codeB, name: 'Support', color: 'rgb(16, 32, 255)' },
  ]);
  const text = 'We talked about workload and support.\n';
  const src = guid(10);
  const sel = (n: number, word: string, code: string) => ({
    guid: guid(n),
    start: text.indexOf(word),
    end: text.indexOf(word) + word.length,
    codes: [code],
  });
  const selections = [sel(20, 'workload', codeA), sel(21, 'support', codeB)];

  it('reads `Sources/`, any *.qde name, and paths whose case differs from the entry', () => {
    const xml = projectXml(
      codebook +
        sourcesXml([{ guid: src, name: 'Talk', path: `internal://${src}.TXT`, selections }]),
    );
    const zip = buildZip({ 'Export 2024.qde': xml, [`Sources/${src.toLowerCase()}.txt`]: text });
    const p = readQdpx(zip);
    expect(slices(byName(p, 'Talk'))).toEqual(['workload', 'support']);
    expect(p.codes.map((c) => c.color)).toEqual(['#ff00aa', '#1020ff']);
  });

  it('reads a project wrapped in a folder inside the zip', () => {
    const xml = projectXml(
      codebook +
        sourcesXml([{ guid: src, name: 'Talk', path: `internal://${src}.txt`, selections }]),
    );
    const zip = buildZip({ 'Study/project.qde': xml, [`Study/sources/${src}.txt`]: text });
    const p = readQdpx(zip);
    expect(slices(byName(p, 'Talk'))).toEqual(['workload', 'support']);
    expect(p.warnings.join(' ')).toMatch(/in a folder/);
  });

  it('normalises braced, upper- and lower-case GUIDs so references still resolve', () => {
    const braced = `{${codeA.toLowerCase()}}`;
    const xml = projectXml(
      codeBookXml([{ guid: braced, name: 'Workload' }]) +
        sourcesXml([
          {
            guid: `{${src}}`,
            name: 'Talk',
            inline: text,
            selections: [{ ...selections[0]!, codes: [codeA] }],
          },
        ]) +
        `<Sets><Set guid="${guid(30)}" name="Mine"><MemberCode targetGUID="${codeA}"/><MemberSource targetGUID="${src.toLowerCase()}"/></Set></Sets>`,
    );
    const p = readQdpx(buildQdpx(xml));
    expect(p.codes[0]!.guid).toBe(codeA.toLowerCase());
    expect(p.texts[0]!.guid).toBe(src.toLowerCase());
    expect(p.texts[0]!.selections[0]!.codings[0]!.code).toBe(codeA.toLowerCase());
    expect(p.sets[0]).toMatchObject({ codes: [codeA.toLowerCase()], sources: [src.toLowerCase()] });
  });

  it('reads inline PlainTextContent, a missing sources folder, and an empty <Sets/>', () => {
    const missing = guid(11);
    const xml = projectXml(
      codebook +
        sourcesXml([
          { guid: src, name: 'Inline', inline: text, selections },
          { guid: missing, name: 'Lost', path: `internal://${missing}.txt` },
        ]) +
        '<Sets/>',
    );
    const p = readQdpx(buildQdpx(xml));
    expect(slices(byName(p, 'Inline'))).toEqual(['workload', 'support']);
    expect(p.texts.map((t) => t.name)).toEqual(['Inline']);
    expect(p.warnings.join(' ')).toMatch(/"Lost".*not in the archive/);
    expect(p.sets).toEqual([]);
  });

  it('reads relative:// against basePath and absolute:// from disk, and warns for each', () => {
    const dir = tempDir('weft-ext-');
    dirs.push(dir);
    fs.mkdirSync(path.join(dir, 'texts'));
    fs.writeFileSync(path.join(dir, 'texts', 'one.txt'), text);
    fs.writeFileSync(path.join(dir, 'two.txt'), text);
    const xml = projectXml(
      codebook +
        sourcesXml([
          {
            guid: guid(12),
            name: 'Rel',
            path: 'relative:///texts/one.txt',
            selections: [selections[0]!],
          },
          { guid: guid(13), name: 'Abs', path: `absolute://${path.join(dir, 'two.txt')}` },
          { guid: guid(14), name: 'Nowhere', path: 'absolute:///no/such/place/x.txt' },
          { guid: guid(15), name: 'Secret', path: `absolute://${path.join(dir, 'texts')}` },
        ]),
      { basePath: dir },
    );
    const p = readQdpx(buildQdpx(xml));
    expect(p.texts.map((t) => t.name)).toEqual(['Rel', 'Abs']);
    expect(slices(byName(p, 'Rel'))).toEqual(['workload']);
    expect(p.warnings.join(' ')).toMatch(/read from this computer/);
    expect(p.warnings.join(' ')).toMatch(/"Nowhere".*does not exist/);
    expect(p.warnings.join(' ')).toMatch(/"Secret"/);
    // Turning disk reads off keeps the archive self-contained.
    expect(readQdpx(buildQdpx(xml), { readDisk: false }).texts).toEqual([]);
  });

  it('reads a PDF through its text representation and keeps the PDF itself', () => {
    const pdf = guid(40);
    const rep = guid(41);
    const pdfBytes = bytesOf('%PDF-1.4 fictional');
    const xml = projectXml(
      codebook +
        `<Sources><PDFSource guid="${pdf}" name="Policy brief.pdf" path="internal://${pdf}.pdf">` +
        `<PDFSelection guid="${guid(42)}" page="0" firstX="1" firstY="1" secondX="9" secondY="9"><Coding guid="${guid(43)}"><CodeRef targetGUID="${codeA}"/></Coding></PDFSelection>` +
        textSourceXml({
          element: 'Representation',
          guid: rep,
          name: 'rep',
          path: `internal://${rep}.txt`,
          selections,
        }) +
        `</PDFSource></Sources>`,
    );
    const p = readQdpx(buildQdpx(xml, { [`${pdf}.pdf`]: pdfBytes, [`${rep}.txt`]: text }));
    const doc = p.texts[0]!;
    expect(doc).toMatchObject({ guid: pdf.toLowerCase(), name: 'Policy brief.pdf', origin: 'pdf' });
    expect(slices(doc)).toEqual(['workload', 'support']);
    expect(doc.original?.name).toBe('Policy brief.pdf');
    expect([...doc.original!.bytes]).toEqual([...pdfBytes]);
    expect(p.skipped.join(' ')).toMatch(/1 PDF area selection/);
  });

  it('reads a video transcript as text, with sync-point selections; pictures by name only', () => {
    const video = guid(50);
    const tr = guid(51);
    const xml = projectXml(
      codebook +
        `<Sources><VideoSource guid="${video}" name="Ward round.mp4" path="relative:///w.mp4">` +
        `<Transcript guid="${tr}" name="Ward round transcript"><PlainTextContent>${text}</PlainTextContent>` +
        `<SyncPoint guid="${guid(52)}" position="16" timeStamp="1000"/><SyncPoint guid="${guid(53)}" position="24" timeStamp="2000"/>` +
        `<TranscriptSelection guid="${guid(54)}" fromSyncPoint="${guid(52)}" toSyncPoint="${guid(53)}"><Coding guid="${guid(55)}"><CodeRef targetGUID="${codeA}"/></Coding></TranscriptSelection>` +
        `</Transcript><VideoSelection guid="${guid(56)}" begin="0" end="500"/></VideoSource>` +
        `<PictureSource guid="${guid(60)}" name="Whiteboard.jpg" path="internal://${guid(60)}.jpg">` +
        `<TextDescription guid="${guid(61)}" name="d"><PlainTextContent>caption</PlainTextContent></TextDescription>` +
        `<PictureSelection guid="${guid(62)}" firstX="0" firstY="0" secondX="5" secondY="5"><Coding guid="${guid(63)}"><CodeRef targetGUID="${codeB}"/></Coding></PictureSelection>` +
        `</PictureSource></Sources>`,
    );
    const p = readQdpx(buildQdpx(xml));
    const doc = p.texts[0]!;
    expect(doc).toMatchObject({
      guid: video.toLowerCase(),
      name: 'Ward round.mp4',
      origin: 'transcript',
    });
    expect(slices(doc)).toEqual(['workload']);
    expect(p.media).toEqual([
      expect.objectContaining({ kind: 'picture', name: 'Whiteboard.jpg', skippedSelections: 1 }),
    ]);
    const skipped = p.skipped.join(' ');
    expect(skipped).toMatch(/1 time-based selection/);
    expect(skipped).toMatch(/1 picture source/);
    expect(skipped).toMatch(/1 coding of picture/);
    expect(skipped).toMatch(/text description/);
  });

  it('reads users, coders and dates, folders, descriptions, variables, cases, notes, links, graphs', () => {
    const user = guid(70);
    const folder = guid(71);
    const [vText, vBool, vInt, vFloat, vDate] = [guid(72), guid(73), guid(74), guid(75), guid(76)];
    const note = guid(77);
    const note2 = guid(78);
    const caseG = guid(79);
    const xml = projectXml(
      `<Users><User guid="${user}" name="Ines" id="IN"/></Users>` +
        codeBookXml([
          {
            guid: folder,
            name: 'Themes',
            codable: false,
            description: 'Grouping only',
            children: [{ guid: codeA, name: 'Workload', color: '#ABCDEF' }],
          },
          { guid: codeB, name: 'Support', color: 'not-a-colour' },
        ]) +
        `<Variables>` +
        `<Variable guid="${vText}" name="Role" typeOfVariable="Text"><Description>Job title</Description></Variable>` +
        `<Variable guid="${vBool}" name="Night" typeOfVariable="Boolean"/>` +
        `<Variable guid="${vInt}" name="Years" typeOfVariable="Integer"/>` +
        `<Variable guid="${vFloat}" name="FTE" typeOfVariable="Float"/>` +
        `<Variable guid="${vDate}" name="Joined" typeOfVariable="Date"/></Variables>` +
        `<Cases><Case guid="${caseG}" name="Nurse 1"><Description>First</Description><CodeRef targetGUID="${codeA}"/>` +
        `<VariableValue><VariableRef targetGUID="${vText}"/><TextValue>Charge nurse</TextValue></VariableValue>` +
        `<VariableValue><VariableRef targetGUID="${vBool}"/><BooleanValue>true</BooleanValue></VariableValue>` +
        `<VariableValue><VariableRef targetGUID="${vInt}"/><IntegerValue>12</IntegerValue></VariableValue>` +
        `<VariableValue><VariableRef targetGUID="${vFloat}"/><FloatValue>0.8</FloatValue></VariableValue>` +
        `<VariableValue><VariableRef targetGUID="${vDate}"/><DateValue>2019-04-01</DateValue></VariableValue>` +
        `<VariableValue><VariableRef targetGUID="${vInt}"/><IntegerValue>twelve</IntegerValue></VariableValue>` +
        `<SourceRef targetGUID="${src}"/><SelectionRef targetGUID="${guid(20)}"/><SourceRef targetGUID="${guid(999)}"/></Case></Cases>` +
        sourcesXml([
          {
            guid: src,
            name: 'Talk',
            inline: text,
            selections: [
              { ...selections[0]!, user, created: '2024-05-06T07:08:09Z', noteRefs: [note2] },
            ],
            extra:
              `<Coding guid="${guid(80)}" creatingUser="${user}"><CodeRef targetGUID="${codeB}"/></Coding>` +
              `<NoteRef targetGUID="${note}"/>` +
              `<VariableValue><VariableRef targetGUID="${vBool}"/><BooleanValue>0</BooleanValue></VariableValue>`,
          },
        ]) +
        `<Notes><Note guid="${note}" name="Memo"><PlainTextContent>A memo of ours.</PlainTextContent></Note>` +
        `<Note guid="${note2}" name="Margin" plainTextPath="internal://${note2}.txt"/></Notes>` +
        `<Links><Link guid="${guid(81)}" name="explains" direction="OneWay" color="#000" originGUID="${note}" targetGUID="${codeA}"/></Links>` +
        `<Sets><Set guid="${guid(82)}" name="Core"><Description>Key</Description><MemberCode targetGUID="${codeA}"/><MemberNote targetGUID="${note}"/></Set></Sets>` +
        `<Graphs><Graph guid="${guid(83)}" name="Map"><Vertex guid="${guid(84)}" representedGUID="${codeA}" firstX="10" firstY="20" secondX="110" secondY="60" shape="Oval" color="#FF0000"/>` +
        `<Vertex guid="${guid(85)}" firstX="5" firstY="5"/><Edge guid="${guid(86)}" sourceVertex="${guid(84)}" targetVertex="${guid(85)}" direction="Bidirectional"/></Graph></Graphs>` +
        `<Description>The whole study</Description><NoteRef targetGUID="${note}"/>`,
    );
    const p = readQdpx(buildQdpx(xml, { [`${note2}.txt`]: 'Margin text.' }));
    expect(p.users).toEqual([{ guid: user.toLowerCase(), name: 'Ines', id: 'IN' }]);
    expect(p.codes[0]).toMatchObject({
      name: 'Themes',
      codable: false,
      description: 'Grouping only',
    });
    expect(p.codes[0]!.children[0]).toMatchObject({
      name: 'Workload',
      codable: true,
      color: '#abcdef',
    });
    expect(p.codes[1]!.color).toBeUndefined();
    expect(p.warnings.join(' ')).toMatch(/colour could not be read \(not-a-colour\)/);
    expect(p.variables.map((v) => [v.name, v.type])).toEqual([
      ['Role', 'Text'],
      ['Night', 'Boolean'],
      ['Years', 'Integer'],
      ['FTE', 'Float'],
      ['Joined', 'Date'],
    ]);
    expect(p.variables[0]!.description).toBe('Job title');
    const c = p.cases[0]!;
    expect(c.values.map((v) => v.value)).toEqual(['Charge nurse', true, 12, 0.8, '2019-04-01']);
    expect(p.warnings.join(' ')).toMatch(/1 variable value did not fit its type/);
    expect(c).toMatchObject({
      description: 'First',
      codeRefs: [codeA.toLowerCase()],
      sourceRefs: [src.toLowerCase()],
      selectionRefs: [guid(20).toLowerCase()],
    });
    const t = p.texts[0]!;
    expect(t.codings).toEqual([
      {
        guid: guid(80).toLowerCase(),
        code: codeB.toLowerCase(),
        creatingUser: user.toLowerCase(),
        created: undefined,
      },
    ]);
    expect(t.values).toEqual([{ variable: vBool.toLowerCase(), value: false }]);
    expect(t.noteRefs).toEqual([note.toLowerCase()]);
    expect(t.selections[0]).toMatchObject({
      creatingUser: user.toLowerCase(),
      created: '2024-05-06T07:08:09Z',
      noteRefs: [note2.toLowerCase()],
    });
    expect(p.notes.map((n) => [n.name, n.text])).toEqual([
      ['Memo', 'A memo of ours.'],
      ['Margin', 'Margin text.'],
    ]);
    expect(p.links[0]).toMatchObject({
      direction: 'OneWay',
      color: '#000000',
      origin: note.toLowerCase(),
    });
    expect(p.sets[0]).toMatchObject({
      description: 'Key',
      codes: [codeA.toLowerCase()],
      notes: [note.toLowerCase()],
    });
    expect(p.graphs[0]!.vertices[0]).toMatchObject({
      x: 10,
      y: 20,
      width: 100,
      height: 40,
      shape: 'Oval',
      color: '#ff0000',
    });
    expect(p.graphs[0]!.edges[0]).toMatchObject({
      direction: 'Bidirectional',
      source: guid(84).toLowerCase(),
    });
    expect(p.description).toBe('The whole study');
    expect(p.projectNoteRefs).toEqual([note.toLowerCase()]);
    expect(p.warnings.join(' ')).toMatch(/1 case reference/);
  });

  it('keeps the first of two items sharing a GUID, and drops codings of unknown codes', () => {
    const xml = projectXml(
      codeBookXml([
        { guid: codeA, name: 'First' },
        { guid: codeA.toLowerCase(), name: 'Second' },
      ]) +
        sourcesXml([
          { guid: src, name: 'Talk', inline: text, selections: [sel(20, 'workload', guid(404))] },
        ]),
    );
    const p = readQdpx(buildQdpx(xml));
    expect(p.codes.map((c) => c.name)).toEqual(['First']);
    expect(p.warnings.join(' ')).toMatch(/reused a GUID.*the code "Second"/);
    expect(p.texts[0]!.selections[0]!.codings).toEqual([]);
    expect(p.warnings.join(' ')).toMatch(/1 coding referred to codes that are not in the file/);
  });

  it('NVivo for Windows: UTF-16 offsets with CRLF as 2 and a BOM land on the coded words', () => {
    const raw =
      '\uFEFFQ: How was it?\r\nA: Tiring 😩 but the team was kind.\r\nQ: And the pay?\r\nA: Too low.\r\n';
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...bytesOf(raw.slice(1))]);
    const stored = raw.slice(1).replace(/\r\n/g, '\n');
    const words = ['Tiring', 'team was kind', 'Too low'];
    // NVivo's offsets: UTF-16 units of the CRLF text, BOM not counted.
    const crlfText = raw.slice(1);
    const selections = words.map((w, i) => ({
      guid: guid(90 + i),
      start: crlfText.indexOf(w),
      end: crlfText.indexOf(w) + w.length,
      codes: [codeA],
    }));
    const xml = projectXml(
      codebook +
        sourcesXml([{ guid: src, name: 'Interview', path: `internal://${src}.txt`, selections }]),
      { origin: 'NVivo 14.23.1 (Windows)' },
    );
    const p = readQdpx(buildQdpx(xml, { [`${src}.txt`]: bytes }));
    const t = p.texts[0]!;
    expect(t.text).toBe(stored);
    expect(t.convention).toBe('utf16-crlf2');
    expect(slices(t)).toEqual(words);
    expect(p.warnings.join(' ')).toMatch(/CRLF line ends counted as 2/);
  });

  it('ATLAS.ti: code points with CRLF counted as 1 land on the coded words', () => {
    const raw = 'Line one about pay.\r\nLine two 🙂 about rota changes.\r\nLine three, leave.\r\n';
    const lf = raw.replace(/\r\n/g, '\n');
    const cp = (s: string, w: string) => Array.from(s.slice(0, s.indexOf(w))).length;
    const words = ['rota changes', 'leave'];
    const selections = words.map((w, i) => ({
      guid: guid(95 + i),
      start: cp(lf, w),
      end: cp(lf, w) + w.length,
      codes: [codeA],
    }));
    const xml = projectXml(
      codebook +
        sourcesXml([{ guid: src, name: 'Notes', path: `internal://${src}.txt`, selections }]),
      { origin: 'ATLAS.ti Win 23.4.0' },
    );
    const p = readQdpx(buildQdpx(xml, { [`${src}.txt`]: raw }));
    expect(p.texts[0]!.convention).toBe('codepoints-crlf1');
    expect(slices(p.texts[0]!)).toEqual(words);
  });

  it('reports progress as the XML is parsed, ending at the total', () => {
    const big = Array.from({ length: 4000 }, (_, i) => ({
      guid: guid(1000 + i),
      name: `Code ${i}`,
    }));
    const xml = projectXml(codeBookXml(big));
    const calls: [number, number][] = [];
    readQdpx(buildQdpx(xml), { onProgress: (done, total) => calls.push([done, total]) });
    expect(calls.length).toBeGreaterThan(0);
    const last = calls[calls.length - 1]!;
    expect(last[0]).toBe(last[1]);
    expect(last[1]).toBe(bytesOf(xml).length);
    for (let i = 1; i < calls.length; i++)
      expect(calls[i]![0]).toBeGreaterThanOrEqual(calls[i - 1]![0]);
  });

  it('refuses a codebook handed over as a project, with a clear error', () => {
    const qdc = sample('taguette-1.4.1_codebook.qdc');
    expect(() => readQdpx(qdc)).toThrow(RefiError);
    expect(() => readQdpx(qdc)).toThrow(/codebook \(\.qdc\), not a project/);
  });
});
