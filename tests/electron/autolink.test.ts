// What a transcript's file name tells the importer: which site, case, round and kind it is.
import { describe, expect, it } from 'vitest';
import { hintsFromFileName } from '../../electron/formats/autolink.js';

describe('hintsFromFileName', () => {
  it.each([
    [
      'Site2_LW02_followup.docx',
      { site: '2', caseName: 'LW02', round: 'follow-up', kind: 'follow-up interview' },
    ],
    ['Site1_fieldnotes.txt', { site: '1', kind: 'fieldnote' }],
    [
      'S3-P07-first interview.txt',
      { site: '3', caseName: 'P07', round: 'first', kind: 'interview' },
    ],
    ['LW01 follow up.docx', { caseName: 'LW01', round: 'follow-up', kind: 'follow-up interview' }],
    ['HCP04.txt', { caseName: 'HCP04', kind: 'interview' }],
    ['VCSE02_debrief.md', { caseName: 'VCSE02', kind: 'debrief' }],
    ['site 4 - leaflet.pdf', { site: '4', kind: 'document' }],
    [
      'Interview_P13_round2.txt',
      { caseName: 'P13', round: 'follow-up', kind: 'follow-up interview' },
    ],
  ])('reads %s', (name, hints) => {
    expect(hintsFromFileName(name)).toEqual(hints);
  });

  it.each([
    ['lw01-follow-up.docx', { caseName: 'LW01', round: 'follow-up', kind: 'follow-up interview' }],
    [
      'Site 02 HCP01 round 1.txt',
      { site: '2', caseName: 'HCP01', round: 'first', kind: 'interview' },
    ],
    ['C:\\study\\Site3_field notes_day2.docx', { site: '3', kind: 'fieldnote' }],
    ['Site 1 - job description.pdf', { site: '1', kind: 'document' }],
    ['P01_memo.md', { caseName: 'P01', kind: 'memo' }],
    ['P1.txt', { caseName: 'P1', kind: 'interview' }],
    ['S05.txt', { caseName: 'S05', kind: 'interview' }], // S05 alone is a participant, not site 5
    [
      'HCP02 second interview.docx',
      { caseName: 'HCP02', round: 'follow-up', kind: 'follow-up interview' },
    ],
  ])('reads the variant %s', (name, hints) => {
    expect(hintsFromFileName(name)).toEqual(hints);
  });

  it.each([
    'notes.txt',
    'final_v2.docx',
    'Ana.txt',
    'Chapter 3.docx',
    'draft2.docx',
    'IMG1234.jpg',
    'Jan2023 notes.txt',
    'first draft.docx',
    'Readme - Interviews.docx',
    'transcript A4 copy1.docx',
    'ana2.txt', // a name with a number, not an ID like P1 or lw01
  ])('infers no case from %s', (name) => {
    expect(hintsFromFileName(name).caseName).toBeUndefined();
  });

  it('reads nothing at all from plain names', () => {
    expect(hintsFromFileName('notes.txt')).toEqual({});
    expect(hintsFromFileName('final_v2.docx')).toEqual({});
    expect(hintsFromFileName('first draft.docx')).toEqual({});
    expect(hintsFromFileName('Ana.txt')).toEqual({});
    expect(hintsFromFileName('Site visit plan.docx')).toEqual({});
  });

  it('will not choose between two participant IDs', () => {
    expect(hintsFromFileName('LW01_HCP02_joint.docx')).toEqual({});
  });

  it('links a personal name only when it names a known case, in its own spelling', () => {
    const known = ['Ana', 'Pauline', 'Mary Jo'];
    expect(hintsFromFileName('ana.txt', known)).toEqual({ caseName: 'Ana', kind: 'interview' });
    expect(hintsFromFileName('Mary_Jo.docx', known)).toEqual({
      caseName: 'Mary Jo',
      kind: 'interview',
    });
    expect(hintsFromFileName('Pauline_followup.docx', known)).toEqual({
      caseName: 'Pauline',
      round: 'follow-up',
      kind: 'follow-up interview',
    });
    expect(hintsFromFileName('Anna.txt', known)).toEqual({});
    expect(hintsFromFileName('Ana and Pauline.txt', known)).toEqual({});
  });

  it('uses the known spelling of a participant ID', () => {
    expect(hintsFromFileName('lw02.txt', ['Lw02'])).toEqual({
      caseName: 'Lw02',
      kind: 'interview',
    });
  });
});
