// What "Copy quote" and "Copy all" put on the clipboard, and where the excerpt view shows "…".
import { describe, expect, it } from 'vitest';
import { cutAfter, cutBefore, quoteOf, quotesOf } from '../../renderer/features/retrieval/quote.js';
import { aboutText, snippet } from '../../renderer/features/memos/format.js';

describe('quoteOf', () => {
  it('puts the passage in curly quotes with its attribution after a space', () => {
    expect(
      quoteOf({
        text: 'I felt I belonged there.',
        attribution: '(Site 2, LW02, follow-up interview)',
      }),
    ).toBe('“I felt I belonged there.” (Site 2, LW02, follow-up interview)');
  });
  it('joins a passage across speaker turns into running text, and drops an empty attribution', () => {
    expect(quoteOf({ text: '  Yes.\n\nLW02: We had a room.\r\n', attribution: '  ' })).toBe(
      '“Yes. LW02: We had a room.”',
    );
  });
  it('keeps emoji and right-to-left text whole', () => {
    expect(quoteOf({ text: 'قال 😀 نعم', attribution: '(P01)' })).toBe('“قال 😀 نعم” (P01)');
  });
  it('copies a list one quote per paragraph', () => {
    expect(
      quotesOf([
        { text: 'One.', attribution: '(A)' },
        { text: 'Two.', attribution: '' },
      ]),
    ).toBe('“One.” (A)\n\n“Two.”');
    expect(quotesOf([])).toBe('');
  });
});

describe('context ellipses', () => {
  it('marks context cut inside the text, not context that reaches its edge', () => {
    expect(cutBefore({ start: 10, before: 'ten chars ' })).toBe(false);
    expect(cutBefore({ start: 11, before: 'ten chars ' })).toBe(true);
    expect(cutBefore({ start: 50, before: '' })).toBe(false);
    expect(cutAfter({ end: 20, after: ' and more' }, 29)).toBe(false);
    expect(cutAfter({ end: 20, after: ' and more' }, 40)).toBe(true);
    expect(cutAfter({ end: 20, after: '' }, 40)).toBe(false);
  });
});

describe('memo list text', () => {
  it('says what a memo is about', () => {
    expect(aboutText({ targetType: 'project', targetName: null })).toBe('the project');
    expect(aboutText({ targetType: 'code', targetName: 'Supervision' })).toBe('code ‘Supervision’');
    expect(aboutText({ targetType: 'case', targetName: null })).toBe('a deleted case');
    expect(aboutText({ targetType: null, targetName: null })).toBe('nothing in particular');
  });
  it('shows the words around the first search word found, marked', () => {
    const body = `${'Filler words before. '.repeat(10)}The huddle on Tuesday went well.`;
    const s = snippet(body, 'HUDDLE', 60);
    expect(s.match).toBe('huddle');
    expect(s.before.startsWith('…')).toBe(true);
    expect((s.before + s.match + s.after).length).toBeLessThanOrEqual(62);
    expect(snippet('Short\nmemo', '').before).toBe('Short memo');
    expect(snippet('x'.repeat(200), 'nothing', 50).before).toBe(`${'x'.repeat(50)}…`);
  });
});
