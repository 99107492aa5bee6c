// Case attributes in and out of CSV and Excel: what a researcher's facesheet becomes.
import { readFileSync } from 'node:fs';
import readXlsxFile, { readSheet } from 'read-excel-file/node';
import writeXlsxFile from 'write-excel-file/node';
import { describe, expect, it } from 'vitest';
import { WeftError } from '../../db/errors.js';
import {
  inferColumnType,
  plainNumber,
  readAttributeTable,
  writeAttributeCsv,
  writeAttributeXlsx,
  type AttributeTable,
} from '../../electron/formats/attribute-table.js';

const FACESHEET =
  '/work/shared/corpora/sheffield-open-qual-interviews/Interview Participant - Facesheet information.xlsx';

const utf8 = (s: string) => new TextEncoder().encode(s);
const csv = (text: string, name = 'cases.csv') => readAttributeTable(utf8(text), name);

/** Windows-1252 bytes, as Excel on Windows saves "CSV (Comma delimited)". */
function cp1252(s: string): Uint8Array {
  const high: Record<string, number> = { '€': 0x80, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94 };
  return Uint8Array.from(Array.from(s, (ch) => high[ch] ?? ch.charCodeAt(0)));
}

async function failure(p: Promise<unknown>): Promise<WeftError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(WeftError);
    return e as WeftError;
  }
  throw new Error('expected the read to fail');
}

async function expectError(p: Promise<unknown>, code: string, fileName: string, text?: RegExp) {
  const e = await failure(p);
  expect(e.code).toBe(code);
  expect(e.message).toContain(fileName);
  if (text) expect(e.message).toMatch(text);
}

describe('the Sheffield facesheet (a real .xlsx)', () => {
  it('reads the header, every participant and the cells as a researcher sees them', async () => {
    const t = await readAttributeTable(readFileSync(FACESHEET), 'Facesheet.xlsx');
    expect(t.header).toEqual([
      'SurveyRespondentID',
      'TranscriptName',
      'RealNameOrPseudonym',
      'InterviewTime',
      'InterviewDate',
      'InterviewLength_HH-MM-SS',
      'InterviewFormat',
      'SurveyRespondent',
      'WorkshopAttendee',
      'AgeGroup',
      'Sex',
      'GenderChangedFromBirth',
      'Region',
      'InstitutionType',
      'CareerStage',
      'Field',
      'Approach',
      'GathersPrimaryEmpirical',
      'AwareOfEpistemicBase',
    ]);
    expect(t.rows).toHaveLength(15);
    const jessica = t.rows[0] ?? [];
    // Times of day and durations are stored as fractions of a day; they must not become dates.
    expect(jessica.slice(0, 13)).toEqual([
      '109M3475G29930JA',
      'Jessica',
      'Psedudonym',
      '10:33:00',
      '2023-04-21',
      '00:43:07',
      'Online',
      'Y',
      'N',
      '>61',
      'F',
      'N',
      'North East England',
    ]);
    const jim = t.rows.find((r) => r[1] === 'Jim') ?? [];
    expect(jim[0]).toBe('na');
    expect(jim[6]).toBe('In Person');
    expect(t.rows.map((r) => r[1])).toContain('Stephen');
  });

  it('suggests types for its columns', async () => {
    const t = await readAttributeTable(readFileSync(FACESHEET), 'Facesheet.xlsx');
    const column = (name: string) => t.rows.map((r) => r[t.header.indexOf(name)] ?? '');
    expect(inferColumnType(column('InterviewDate'))).toBe('date');
    expect(inferColumnType(column('SurveyRespondent'))).toBe('boolean');
    expect(inferColumnType(column('InterviewTime'))).toBe('text');
    expect(inferColumnType(column('AgeGroup'))).toBe('text');
    expect(inferColumnType(column('AwareOfEpistemicBase'))).toBe('text'); // Y, N and Unsure
  });

  it('refuses a sheet name the workbook does not have, listing the ones it has', async () => {
    await expectError(
      readAttributeTable(readFileSync(FACESHEET), 'Facesheet.xlsx', 'Participants'),
      'bad_table',
      'Facesheet.xlsx',
      /Participants.*Sheet1/,
    );
  });
});

describe('reading CSV', () => {
  it('reads UTF-8 with a BOM, semicolons, CRLF and quoted separators', async () => {
    const t = await csv('\ufeffID;Name;Notes\r\nLW01;Zoë;"likes; semicolons"\r\nLW02;Siân;\r\n');
    expect(t).toEqual({
      header: ['ID', 'Name', 'Notes'],
      rows: [
        ['LW01', 'Zoë', 'likes; semicolons'],
        ['LW02', 'Siân', ''],
      ],
    });
  });

  it('keeps commas and line breaks inside quoted values, with LF line breaks', async () => {
    const t = await csv('Name,Notes\r\n"Smith, J","line one\r\nline two"\r\n"Ng","say ""hi"""\r\n');
    expect(t.rows).toEqual([
      ['Smith, J', 'line one\nline two'],
      ['Ng', 'say "hi"'],
    ]);
  });

  it('detects semicolons even when values hold decimal commas', async () => {
    const t = await csv('ID;Score;Age\nP01;1,5;41\nP02;2,25;38\n');
    expect(t.header).toEqual(['ID', 'Score', 'Age']);
    expect(t.rows[1]).toEqual(['P02', '2,25', '38']);
  });

  it('prefers the delimiter that splits every row alike, not the one with most columns', async () => {
    const t = await csv('ID;Weight (kg, approx);Height (m, approx)\nP01;70,5;1,80\nP02;65;1,7\n');
    expect(t.header).toEqual(['ID', 'Weight (kg, approx)', 'Height (m, approx)']);
    expect(t.rows).toEqual([
      ['P01', '70,5', '1,80'],
      ['P02', '65', '1,7'],
    ]);
  });

  it('detects tabs, and keeps commas inside tab-separated values', async () => {
    const t = await readAttributeTable(utf8('ID\tRole\nHCP01\tGP, partner\n'), 'roles.tsv');
    expect(t.rows).toEqual([['HCP01', 'GP, partner']]);
  });

  it('reads Windows-1252 (smart quotes, accents, the euro sign)', async () => {
    const t = await readAttributeTable(
      cp1252('Name,Town,Note\r\nRenée,Düsseldorf,“paid €5”\r\n'),
      'legacy.csv',
    );
    expect(t.rows).toEqual([['Renée', 'Düsseldorf', '“paid €5”']]);
  });

  it('reads UTF-16 with a BOM', async () => {
    const text = 'ID,Name\r\nP01,Łucja\r\n';
    const bytes = new Uint8Array(2 + text.length * 2);
    bytes.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) {
      bytes[2 + i * 2] = text.charCodeAt(i) & 0xff;
      bytes[3 + i * 2] = text.charCodeAt(i) >> 8;
    }
    expect((await readAttributeTable(bytes, 'u16.csv')).rows).toEqual([['P01', 'Łucja']]);
  });

  it('trims cells, skips blank lines, pads short rows and drops empty trailing columns', async () => {
    const t = await csv('\n ID , Age ,,\n\nP01, 41 ,,\n,,,\nP02\n');
    expect(t).toEqual({
      header: ['ID', 'Age'],
      rows: [
        ['P01', '41'],
        ['P02', ''],
      ],
    });
  });

  it('accepts a header with no rows yet', async () => {
    expect(await csv('ID,Role\r\n')).toEqual({ header: ['ID', 'Role'], rows: [] });
  });

  it('reads a workbook that was renamed .csv', async () => {
    const bytes = await writeAttributeXlsx({ header: ['ID'], rows: [['LW01']] });
    expect((await readAttributeTable(bytes, 'really-a-workbook.csv')).rows).toEqual([['LW01']]);
  });
});

describe('refusing what cannot be imported', () => {
  it('refuses files that are not tables', async () => {
    await expectError(csv('ID\nP01', 'notes.docx'), 'unsupported_format', 'notes.docx');
    const ole = Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
    await expectError(readAttributeTable(ole, 'old.xls'), 'unsupported_format', 'old.xls', /\.xls/);
  });

  it('refuses broken workbooks', async () => {
    await expectError(csv('ID,Name\nP01,Ana', 'broken.xlsx'), 'corrupt', 'broken.xlsx');
    const good = await writeAttributeXlsx({ header: ['ID'], rows: [['P01']] });
    const cut = good.slice(0, Math.floor(good.length / 2));
    await expectError(readAttributeTable(cut, 'cut.xlsx'), 'corrupt', 'cut.xlsx');
  });

  it('refuses binary data posing as CSV', async () => {
    const bytes = Uint8Array.from([0x49, 0x44, 0x0a, 0x00, 0x01, 0x02]);
    await expectError(readAttributeTable(bytes, 'image.csv'), 'corrupt', 'image.csv');
  });

  it('refuses empty files', async () => {
    await expectError(readAttributeTable(new Uint8Array(), 'zero.csv'), 'empty', 'zero.csv');
    await expectError(csv(' \r\n\r\n', 'blank.csv'), 'empty', 'blank.csv');
    await expectError(csv(',,\n,,\n', 'commas.csv'), 'empty', 'commas.csv', /no header row/);
  });

  it('refuses a table whose first row is data, not column names', async () => {
    await expectError(csv('1,41\n2,38\n', 'noheader.csv'), 'bad_table', 'noheader.csv', /header/);
  });

  it('refuses blank and duplicate column names', async () => {
    await expectError(csv('ID,,Age\nP01,x,3', 'gap.csv'), 'bad_table', 'gap.csv', /column 2 \(B\)/);
    await expectError(csv('ID,Age,age\n', 'dup.csv'), 'bad_table', 'dup.csv', /"Age" and "age"/);
    await expectError(csv('ID,ID\n', 'dup2.csv'), 'bad_table', 'dup2.csv', /"ID" twice/);
  });

  it('refuses a row with more values than the header has columns', async () => {
    await expectError(
      csv('ID,Age\nP01,41\nP02,38,F\n', 'wide.csv'),
      'bad_table',
      'wide.csv',
      /row 3/,
    );
  });

  it('refuses an unclosed quote instead of swallowing the rest of the file', async () => {
    await expectError(csv('ID,Note\nP01,"oops\nP02,fine\n', 'quote.csv'), 'bad_table', 'quote.csv');
  });

  it('refuses tables over 100,000 rows or 1,000 columns', async () => {
    const rows = Array.from({ length: 100_001 }, (_, i) => `P${i}`);
    await expectError(
      csv(`ID\n${rows.join('\n')}\n`, 'big.csv'),
      'bad_table',
      'big.csv',
      /100,000/,
    );
    expect((await csv(`ID\n${rows.slice(1).join('\n')}\n`)).rows).toHaveLength(100_000);
    const header = Array.from({ length: 1_001 }, (_, i) => `c${i}`).join(',');
    await expectError(csv(`${header}\n`, 'wide.csv'), 'bad_table', 'wide.csv', /1,000/);
  });
});

const AWKWARD: AttributeTable = {
  header: ['ID', 'Name', 'Notes', 'Code', 'Score', 'Joined', 'Formula'],
  rows: [
    ['LW01', 'Zoë Ó Briain', 'said "hello", then left', '007', '41', '2023-04-21', '=1+1'],
    ['HCP02', 'Łucja 日本語 👋🏽', 'line one\nline two', '0012', '3.14', '31/02/2023', '-0'],
    ['VCSE03', 'Ng; Tan', '', '1.50', '-2', '2023-02-30', '+44 114 222 0000'],
    ['P13', '', 'tab\there', '12345678901234567890', '1e5', '2024-02-29', 'TRUE'],
  ],
};

describe('writing CSV', () => {
  it('writes RFC 4180 with a BOM, CRLF line ends and quotes only where needed', () => {
    const text = writeAttributeCsv({
      header: ['Name', 'Note'],
      rows: [
        ['Smith, J', 'say "hi"'],
        ['Ana', 'two\nlines'],
        ['Zoë', ''],
      ],
    });
    expect(text).toBe('\ufeffName,Note\r\n"Smith, J","say ""hi"""\r\nAna,"two\nlines"\r\nZoë,\r\n');
  });

  it('round-trips table -> CSV -> table exactly', async () => {
    expect(await csv(writeAttributeCsv(AWKWARD))).toEqual(AWKWARD);
  });

  it('round-trips CSV -> table -> CSV exactly', async () => {
    const original = writeAttributeCsv(AWKWARD);
    expect(writeAttributeCsv(await csv(original))).toBe(original);
  });

  it('quotes semicolons and tabs so the file cannot be read back as semicolon-separated', async () => {
    const table = { header: ['Codes;used;here', 'ID'], rows: [['a;b;c', 'P01']] };
    const text = writeAttributeCsv(table);
    expect(text).toBe('\ufeff"Codes;used;here",ID\r\n"a;b;c",P01\r\n');
    expect(await csv(text)).toEqual(table);
  });

  it('pads short rows and refuses rows longer than the header', () => {
    expect(writeAttributeCsv({ header: ['a', 'b'], rows: [['1']] })).toBe('\ufeffa,b\r\n1,\r\n');
    expect(() => writeAttributeCsv({ header: ['a'], rows: [['1', '2']] })).toThrow(WeftError);
  });
});

describe('writing XLSX', () => {
  it('round-trips table -> XLSX -> table exactly, leading zeros included', async () => {
    const bytes = await writeAttributeXlsx(AWKWARD);
    expect(await readAttributeTable(bytes, 'export.xlsx')).toEqual(AWKWARD);
  });

  it('writes canonical numbers and ISO dates as real Excel numbers and dates, the rest as text', async () => {
    const bytes = await writeAttributeXlsx(AWKWARD);
    const data = await readSheet(Buffer.from(bytes));
    const row = data[1] ?? [];
    expect(row[3]).toBe('007');
    expect(row[4]).toBe(41);
    expect(row[5]).toBeInstanceOf(Date);
    expect(row[6]).toBe('=1+1'); // text, never a formula
    expect((data[3] ?? [])[3]).toBe('1.50');
  });

  it('names the sheet, keeping to what Excel allows', async () => {
    const table = { header: ['ID'], rows: [['P01']] };
    const named = await writeAttributeXlsx(table, 'Participants');
    expect((await readAttributeTable(named, 'a.xlsx', 'Participants')).rows).toEqual([['P01']]);
    const odd = await writeAttributeXlsx(table, 'Site 1/2: cases [draft] and a very long tail');
    const [sheet] = await readXlsxFile(Buffer.from(odd));
    expect(sheet?.sheet).toBe('Site 1 2  cases  draft  and a v');
  });

  it('drops control characters that would make Excel refuse the file', async () => {
    const bytes = await writeAttributeXlsx({ header: ['Note'], rows: [['a\u0001b']] });
    expect((await readAttributeTable(bytes, 'x.xlsx')).rows).toEqual([['ab']]);
  });

  it('reads the first sheet unless told which', async () => {
    const buffer = await writeXlsxFile([
      { sheet: 'Cases', data: [['ID'], ['LW01']] },
      { sheet: 'Sites', data: [['Site'], ['Site 1']] },
    ]).toBuffer();
    expect((await readAttributeTable(buffer, 'two.xlsx')).rows).toEqual([['LW01']]);
    expect((await readAttributeTable(buffer, 'two.xlsx', 'Sites')).rows).toEqual([['Site 1']]);
  });

  it('reads numbers as plain decimals and booleans as TRUE/FALSE', async () => {
    const buffer = await writeXlsxFile([
      ['A', 'B', 'C', 'D', 'E'],
      [0.1 + 0.2, 1e-7, 1e21, -1234.5, true],
    ]).toBuffer();
    expect((await readAttributeTable(buffer, 'n.xlsx')).rows).toEqual([
      ['0.3', '0.0000001', '1000000000000000000000', '-1234.5', 'TRUE'],
    ]);
  });
});

describe('plainNumber', () => {
  it('never uses exponents and hides binary noise', () => {
    expect(plainNumber(0.1 + 0.2)).toBe('0.3');
    expect(plainNumber(-0)).toBe('0');
    expect(plainNumber(-1.5e-10)).toBe('-0.00000000015');
    expect(plainNumber(1.25e22)).toBe('12500000000000000000000');
    expect(plainNumber(42)).toBe('42');
  });
});

describe('inferColumnType', () => {
  it('ignores empty cells', () => {
    expect(inferColumnType(['41', '', ' ', '38'])).toBe('number');
    expect(inferColumnType(['', ''])).toBe('text');
    expect(inferColumnType([])).toBe('text');
  });

  it('knows yes/no, true/false and Y/N in any case', () => {
    expect(inferColumnType(['Yes', 'no', 'YES'])).toBe('boolean');
    expect(inferColumnType(['TRUE', 'false'])).toBe('boolean');
    expect(inferColumnType(['Y', 'N', 'n'])).toBe('boolean');
    expect(inferColumnType(['Y', 'N', 'Unsure'])).toBe('text');
    expect(inferColumnType(['1', '0'])).toBe('number');
  });

  it('knows ISO and day-first dates, but not impossible ones', () => {
    expect(inferColumnType(['2023-04-21', '2024-02-29'])).toBe('date');
    expect(inferColumnType(['21/04/2023', '1/5/2023', '2023-05-12 10:30:00'])).toBe('date');
    expect(inferColumnType(['31/02/2023'])).toBe('text');
    expect(inferColumnType(['2023-02-30'])).toBe('text');
    expect(inferColumnType(['04/21/2023'])).toBe('text'); // month-first is not a UK date
    expect(inferColumnType(['2023'])).toBe('number');
  });

  it('knows numbers, but keeps identifiers with leading zeros as text', () => {
    expect(inferColumnType(['-2', '3.14', '.5', '1e5', '+7'])).toBe('number');
    expect(inferColumnType(['007', '12'])).toBe('text');
    expect(inferColumnType(['41-50', '>61'])).toBe('text');
    expect(inferColumnType(['1,5'])).toBe('text');
  });
});

describe('CSV export never writes a formula', () => {
  it('guards cells a spreadsheet would run, and reads them back unchanged', async () => {
    const table = {
      header: ['Case', 'Note', 'Score'],
      rows: [
        ['P01', '=HYPERLINK("http://x.example","click")', '-3'],
        ['P02', '+44 114 000', '+5'],
        ['P03', '@SUM(A1)', '-'],
        ['P04', "'quoted already", 'plain'],
      ],
    };
    const csv = writeAttributeCsv(table);
    for (const line of csv.split('\r\n').slice(1)) {
      for (const cell of line.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/)) {
        const v = cell.replace(/^"/, '');
        // Nothing a spreadsheet would run: no = or @ first, and + or - only on a plain number.
        expect(v).not.toMatch(/^[=@]/);
        if (/^[+-]/.test(v)) expect(v).toMatch(/^[+-][\d.,]+$/);
      }
    }
    expect(csv).toContain(',-3\r\n');
    const back = await readAttributeTable(new TextEncoder().encode(csv), 'roundtrip.csv');
    expect(back).toEqual(table);
  });
});
