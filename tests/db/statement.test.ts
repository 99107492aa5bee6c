// The If–Then–Because statement drafted from a CMOC's parts: what a researcher reads on the
// CMOC and in the exported table.
import { describe, expect, it } from 'vitest';
import { clause, draftStatement, mechanismClause } from '../../db/statement.js';

const none = { context: '', mechanism: '', resource: '', reasoning: '', outcome: '' };

describe('draftStatement', () => {
  it('reads the parts as one sentence: If context, then outcome, because mechanism', () => {
    expect(
      draftStatement({
        context: 'People newly arrived in a town with no family nearby.',
        mechanism: 'They feel someone has time for them.',
        resource: '',
        reasoning: '',
        outcome: 'They go back to the group a second time.',
      }),
    ).toBe(
      'If people newly arrived in a town with no family nearby, then they go back to the group a ' +
        'second time, because they feel someone has time for them.',
    );
  });

  it('marks each missing part, so an incomplete configuration shows its gaps', () => {
    expect(draftStatement(none)).toBe('If [context?], then [outcome?], because [mechanism?].');
    expect(
      draftStatement({ ...none, context: 'a rural practice', outcome: 'fewer GP visits' }),
    ).toBe('If a rural practice, then fewer GP visits, because [mechanism?].');
    expect(draftStatement({ ...none, mechanism: 'trust grows' })).toBe(
      'If [context?], then [outcome?], because trust grows.',
    );
  });

  it('treats whitespace-only and punctuation-only parts as missing', () => {
    expect(draftStatement({ ...none, context: '   \n\t ', outcome: ' . ', mechanism: '…' })).toBe(
      'If [context?], then [outcome?], because [mechanism?].',
    );
  });

  it('joins resource and reasoning when the mechanism is split, and prefers the mechanism text', () => {
    const split = {
      ...none,
      context: 'c',
      outcome: 'o',
      resource: 'The link worker visits at home.',
      reasoning: 'People feel taken seriously.',
    };
    expect(draftStatement(split)).toBe(
      'If c, then o, because the link worker visits at home and people feel taken seriously.',
    );
    expect(draftStatement({ ...split, reasoning: '' })).toBe(
      'If c, then o, because the link worker visits at home.',
    );
    expect(draftStatement({ ...split, resource: ' ' })).toBe(
      'If c, then o, because people feel taken seriously.',
    );
    expect(draftStatement({ ...split, mechanism: 'Recognition.' })).toBe(
      'If c, then o, because recognition.',
    );
  });

  it('ends with exactly one full stop, whatever the parts end with', () => {
    const s = draftStatement({
      context: 'a busy surgery...',
      mechanism: 'staff notice them;  ',
      resource: '',
      reasoning: '',
      outcome: 'they stay!',
    });
    expect(s).toBe('If a busy surgery, then they stay, because staff notice them.');
    expect(s.match(/\./g)).toHaveLength(1);
  });

  it('collapses runs of whitespace and line breaks inside a part', () => {
    expect(
      draftStatement({ ...none, context: 'a  small\n\ntown', outcome: 'o', mechanism: 'm' }),
    ).toBe('If a small town, then o, because m.');
  });

  it('does not repeat If / then / because the user already wrote', () => {
    expect(
      draftStatement({
        context: 'If people are new to the area',
        outcome: 'Then, they come back',
        mechanism: 'because they feel welcome',
        resource: '',
        reasoning: '',
      }),
    ).toBe('If people are new to the area, then they come back, because they feel welcome.');
    // A word that only starts like one is kept.
    expect(clause('Iffy weather', 'if')).toBe('iffy weather');
    expect(clause('Thence onwards', 'then')).toBe('thence onwards');
  });

  it('keeps the capital of acronyms, names and "I"', () => {
    expect(clause('NHS staff are stretched', 'if')).toBe('NHS staff are stretched');
    expect(clause('GP referrals rise', 'then')).toBe('GP referrals rise');
    expect(clause('I feel at home', 'because')).toBe('I feel at home');
    expect(clause("I'm known there", 'because')).toBe("I'm known there");
    expect(clause('McKenzie House opens late', 'if')).toBe('McKenzie House opens late');
    expect(clause("Men's Shed runs weekly", 'if')).toBe("Men's Shed runs weekly");
    expect(clause('2020s funding cuts bite', 'if')).toBe('2020s funding cuts bite');
    // Ordinary first words are lowered; so is a capital after a dropped "If".
    expect(clause('People trust her', 'because')).toBe('people trust her');
    expect(clause('If Staff rotate', 'if')).toBe('staff rotate');
    expect(clause('Éloignés de tout', 'if')).toBe('éloignés de tout');
  });

  it('gives the mechanism clause alone, as the renderer shows it', () => {
    expect(mechanismClause({ mechanism: '', resource: 'A', reasoning: '' })).toBe('a');
    expect(mechanismClause({ mechanism: '', resource: '', reasoning: '' })).toBe('');
  });
});
