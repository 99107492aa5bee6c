// The quick-pick's matcher: what a researcher types finds the code they mean, first.
import { describe, expect, it } from 'vitest';
import { fold, foldedText, fuzzyFilter, fuzzyMatch, markRuns } from '../../renderer/lib/fuzzy.js';

const CODES = [
  'Supervision',
  'Space to see patients',
  'GP workload',
  'Engagement with the practice',
  'Trust',
  'Trust in the link worker',
  'Being heard',
  'Belonging',
  'Café culture',
  'Referral pathways',
  'Peer support',
];

const names = (query: string) => fuzzyFilter(CODES, query, (c) => c).map((r) => r.item);
const picked = (query: string, target: string) => {
  const m = fuzzyMatch(query, target);
  if (!m) return null;
  return m.positions.map((i) => target[i]).join('');
};

describe('fuzzyMatch', () => {
  it('matches the letters in order, anywhere in the name', () => {
    expect(fuzzyMatch('spv', 'Supervision')).not.toBeNull();
    expect(fuzzyMatch('vps', 'Supervision')).toBeNull();
    expect(fuzzyMatch('trustx', 'Trust')).toBeNull();
    expect(fuzzyMatch('', 'Trust')).toEqual({ score: 0, positions: [] });
  });

  it('ignores case and accents on both sides', () => {
    expect(picked('cafe', 'Café culture')).toBe('Café');
    expect(picked('CAFÉ', 'cafe culture')).toBe('cafe');
    // A decomposed accent (e + combining acute) matches like the composed one.
    expect(picked('cafe', 'Cafe\u0301 culture')).toBe('Cafe');
    expect(fuzzyMatch('ana maria', 'Ana María')).not.toBeNull();
  });

  it('treats spaces in the query as word separators, not letters to find', () => {
    expect(picked('being he', 'Being heard')).toBe('Beinghe');
    expect(fuzzyMatch('gp work', 'GPworkload')).not.toBeNull();
  });

  it('prefers word starts: "gw" picks the G of GP and the w of workload', () => {
    const m = fuzzyMatch('gw', 'GP workload')!;
    expect(m.positions).toEqual([0, 3]);
    // In "Engagement with", the word-start w wins over an earlier g mid-word.
    expect(picked('ew', 'Engagement with the practice')).toBe('Ew');
  });

  it('prefers a consecutive run over scattered letters', () => {
    // "sup" inside "Peer support" is one run at a word start, not p-e-e... scattered.
    expect(fuzzyMatch('sup', 'Peer support')!.positions).toEqual([5, 6, 7]);
  });

  it('reports positions in the original string when the name has emoji before the match', () => {
    const target = '👋🏽 Greeting';
    const m = fuzzyMatch('greet', target)!;
    expect(m.positions.map((i) => target[i]).join('')).toBe('Greet');
    expect(m.positions[0]).toBe(target.indexOf('G'));
  });
});

describe('fuzzyFilter', () => {
  it('ranks word-start and prefix matches first', () => {
    expect(names('gw')[0]).toBe('GP workload');
    expect(names('trust')).toEqual(['Trust', 'Trust in the link worker']);
    expect(names('sp')[0]).toBe('Space to see patients');
    expect(names('peer')[0]).toBe('Peer support');
  });

  it('finds a code from letters of several words', () => {
    expect(names('tilw')[0]).toBe('Trust in the link worker');
    expect(names('bh')[0]).toBe('Being heard');
  });

  it('returns nothing for letters no name has, and everything for an empty query', () => {
    expect(names('zzz')).toEqual([]);
    expect(names('')).toHaveLength(CODES.length);
  });

  it('keeps codebook order among equal scores', () => {
    const items = ['Alpha one', 'Alpha two', 'Alpha six'];
    expect(fuzzyFilter(items, '', (s) => s).map((r) => r.item)).toEqual(items);
  });

  it('copes with hostile input: long queries, regex characters, lone surrogates', () => {
    expect(names('.*')).toEqual([]);
    expect(names('(')).toEqual([]);
    expect(names('x'.repeat(500))).toEqual([]);
    expect(() => fuzzyMatch('\uD800', 'a\uD800b')).not.toThrow();
    expect(fuzzyMatch('\uD800', 'a\uD800b')!.positions).toEqual([1]);
  });
});

describe('fold and markRuns', () => {
  it('folds case, accents and compatibility forms, keeping the source index of each letter', () => {
    expect(foldedText('Ärzte ÉCOLE ﬁne')).toBe('arzte ecole fine');
    const f = fold('ﬁx');
    expect(f.chars).toEqual(['f', 'i', 'x']);
    expect(f.from).toEqual([0, 0, 1]);
  });

  it('splits a name into matched and unmatched runs for drawing', () => {
    const m = fuzzyMatch('gw', 'GP workload')!;
    expect(markRuns('GP workload', m.positions)).toEqual([
      { text: 'G', hit: true },
      { text: 'P ', hit: false },
      { text: 'w', hit: true },
      { text: 'orkload', hit: false },
    ]);
    expect(markRuns('', [])).toEqual([]);
  });
});
