// The code pane's tree logic: what rows show (folded, filtered), where a drop or a keyboard
// move puts a code (the parentId + index codes.move takes), and what the delete dialog says.
import { describe, expect, it } from 'vitest';
import type { Code } from '../../electron/api/contract.js';
import {
  childrenOf,
  dropPosition,
  exactMatch,
  freeName,
  isWithin,
  keyboardMove,
  moveTarget,
  pathOf,
  rangeBetween,
  topLevelTarget,
  visibleRows,
  type ById,
} from '../../renderer/features/codebook/tree.js';
import { countsTitle, deleteMessage } from '../../renderer/features/codebook/words.js';

function code(id: number, name: string, parentId: number | null = null): Code {
  return {
    id,
    guid: `g${id}`,
    parentId,
    name,
    color: '#336699',
    description: '',
    inclusion: '',
    exclusion: '',
    example: '',
    origin: '',
    codings: 0,
    sources: 0,
    totalCodings: 0,
    totalSources: 0,
  };
}

/*
 * Belonging (1)
 *   Supervision (2)
 *   Space to see patients (3)
 *     A room of one's own (4)
 *   GP workload (5)
 * Patient experience (6)
 *   Loneliness (7)
 * Staff wellbeing (8)
 */
const CODES = [
  code(1, 'Belonging'),
  code(2, 'Supervision', 1),
  code(3, 'Space to see patients', 1),
  code(4, "A room of one's own", 3),
  code(5, 'GP workload', 1),
  code(6, 'Patient experience'),
  code(7, 'Loneliness', 6),
  code(8, 'Staff wellbeing'),
];
const byId: ById = Object.fromEntries(CODES.map((c) => [c.id, c]));
const order = CODES.map((c) => c.id);
const ids = (rows: { code: Code }[]) => rows.map((r) => r.code.id);

/** Applies a move to the depth-first order, as the backend would, to check where it lands. */
function apply(id: number, t: { parentId: number | null; index: number }) {
  const next: ById = { ...byId, [id]: { ...byId[id]!, parentId: t.parentId } };
  const kids = childrenOf(order, byId);
  for (const [k, v] of kids)
    kids.set(
      k,
      v.filter((c) => c !== id),
    );
  const list = kids.get(t.parentId) ?? [];
  list.splice(t.index, 0, id);
  kids.set(t.parentId, list);
  const out: number[] = [];
  const walk = (p: number | null) => {
    for (const c of kids.get(p) ?? []) {
      out.push(c);
      walk(c);
    }
  };
  walk(null);
  return { order: out, byId: next };
}

describe('visibleRows', () => {
  it('lists codes depth-first with their depth and whether they have children', () => {
    const rows = visibleRows(order, byId, {});
    expect(ids(rows)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(rows.map((r) => r.depth)).toEqual([0, 1, 1, 2, 1, 0, 1, 0]);
    expect(rows.filter((r) => r.hasChildren).map((r) => r.code.id)).toEqual([1, 3, 6]);
  });

  it('hides the descendants of a folded code, and only those', () => {
    expect(ids(visibleRows(order, byId, { 3: true }))).toEqual([1, 2, 3, 5, 6, 7, 8]);
    expect(ids(visibleRows(order, byId, { 1: true, 6: true }))).toEqual([1, 6, 8]);
    expect(visibleRows(order, byId, { 1: true })[0]!.expanded).toBe(false);
  });

  it('filters by name, keeping the ancestors of a match in view even when folded', () => {
    const rows = visibleRows(order, byId, { 1: true, 3: true }, 'ROOM');
    expect(ids(rows)).toEqual([1, 3, 4]);
    expect(rows.map((r) => r.matches)).toEqual([false, false, true]);
  });

  it('finds names whatever their accents and case; nothing for a name nobody has', () => {
    const accented = { ...byId, 8: code(8, 'Bien-être du personnel') };
    expect(ids(visibleRows(order, accented, {}, 'etre'))).toEqual([8]);
    expect(visibleRows(order, byId, {}, 'zzz')).toEqual([]);
  });

  it('shows the children of a code whose parent is missing at the top level', () => {
    const orphan = { 9: code(9, 'Orphan', 999) };
    expect(ids(visibleRows([9], orphan, {}))).toEqual([9]);
  });
});

describe('dropPosition', () => {
  it('is above in the top quarter, below in the bottom quarter, inside between', () => {
    expect(dropPosition(2, 28)).toBe('before');
    expect(dropPosition(14, 28)).toBe('inside');
    expect(dropPosition(26, 28)).toBe('after');
    expect(dropPosition(0, 0)).toBe('inside');
  });
});

describe('moveTarget', () => {
  it('nests a code as the last child of the code it is dropped on', () => {
    const t = moveTarget(order, byId, 8, 6, 'inside', true);
    expect(t).toEqual({ parentId: 6, index: 1 });
    expect(apply(8, t!).order).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(apply(8, t!).byId[8]!.parentId).toBe(6);
  });

  it('puts a code between siblings, counting without the code itself', () => {
    // Supervision dropped below GP workload: last among Belonging's children.
    const t = moveTarget(order, byId, 2, 5, 'after', false)!;
    expect(t).toEqual({ parentId: 1, index: 2 });
    expect(apply(2, t).order).toEqual([1, 3, 4, 5, 2, 6, 7, 8]);
    // GP workload dropped above Supervision: first.
    expect(moveTarget(order, byId, 5, 2, 'before', false)).toEqual({ parentId: 1, index: 0 });
  });

  it('drops "after" an open parent as its first child, where the line is drawn', () => {
    expect(moveTarget(order, byId, 8, 6, 'after', true)).toEqual({ parentId: 6, index: 0 });
    // Folded, "after" is simply the next place among its siblings.
    expect(moveTarget(order, byId, 2, 6, 'after', false)).toEqual({ parentId: null, index: 2 });
    expect(apply(2, { parentId: null, index: 2 }).order).toEqual([1, 3, 4, 5, 6, 7, 2, 8]);
  });

  it('refuses a drop onto the code itself or into its own subcodes', () => {
    expect(moveTarget(order, byId, 1, 1, 'inside', true)).toBeNull();
    expect(moveTarget(order, byId, 1, 4, 'inside', false)).toBeNull();
    expect(moveTarget(order, byId, 3, 4, 'before', false)).toBeNull();
  });

  it('is null when nothing would change (no empty undo step)', () => {
    expect(moveTarget(order, byId, 2, 3, 'before', false)).toBeNull();
    expect(moveTarget(order, byId, 4, 3, 'inside', true)).toBeNull();
    expect(moveTarget(order, byId, 999, 3, 'inside', true)).toBeNull();
  });
});

describe('topLevelTarget', () => {
  it('un-nests a code to the end of the top level; a top-level code already last stays', () => {
    const t = topLevelTarget(order, byId, 4)!;
    expect(t).toEqual({ parentId: null, index: 3 });
    expect(apply(4, t).order).toEqual([1, 2, 3, 5, 6, 7, 8, 4]);
    expect(topLevelTarget(order, byId, 8)).toBeNull();
    expect(topLevelTarget(order, byId, 1)).toEqual({ parentId: null, index: 2 });
  });
});

describe('keyboardMove', () => {
  it('moves up and down among siblings, not past the ends', () => {
    expect(keyboardMove(order, byId, 3, 'up')).toEqual({ parentId: 1, index: 0 });
    expect(keyboardMove(order, byId, 3, 'down')).toEqual({ parentId: 1, index: 2 });
    expect(keyboardMove(order, byId, 2, 'up')).toBeNull();
    expect(keyboardMove(order, byId, 5, 'down')).toBeNull();
  });

  it('indents under the sibling above (as its last child) and outdents after the parent', () => {
    expect(keyboardMove(order, byId, 5, 'indent')).toEqual({ parentId: 3, index: 1 });
    expect(keyboardMove(order, byId, 2, 'indent')).toBeNull();
    expect(keyboardMove(order, byId, 4, 'outdent')).toEqual({ parentId: 1, index: 2 });
    expect(apply(4, keyboardMove(order, byId, 4, 'outdent')!).order).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8,
    ]);
    expect(keyboardMove(order, byId, 1, 'outdent')).toBeNull();
    expect(keyboardMove(order, byId, 999, 'up')).toBeNull();
  });
});

describe('names and paths', () => {
  it('gives a code its path and knows what lies within what', () => {
    expect(pathOf(byId, 4)).toBe("Belonging › Space to see patients › A room of one's own");
    expect(isWithin(byId, 4, 1)).toBe(true);
    expect(isWithin(byId, 1, 4)).toBe(false);
    expect(isWithin(byId, 7, 1)).toBe(false);
  });

  it('survives a cycle in bad data without hanging', () => {
    const loop = { 1: code(1, 'A', 2), 2: code(2, 'B', 1) };
    expect(isWithin(loop, 1, 3)).toBe(false);
    expect(pathOf(loop, 1).length).toBeGreaterThan(0);
  });

  it('picks a free "New code" name among siblings, ignoring case', () => {
    expect(freeName('New code', ['Other'])).toBe('New code');
    expect(freeName('New code', ['new CODE', 'New code (2)'])).toBe('New code (3)');
  });

  it('matches a typed name exactly (any case), preferring a top-level code', () => {
    const dup = { ...byId, 9: code(9, 'Loneliness') };
    expect(exactMatch([...order, 9], dup, '  loneliness ')?.id).toBe(9);
    expect(exactMatch(order, byId, 'lonely')).toBeUndefined();
    expect(exactMatch(order, byId, '   ')).toBeUndefined();
  });

  it('selects the range between the anchor and the clicked row, either way up', () => {
    const rows = visibleRows(order, byId, { 3: true });
    expect(rangeBetween(rows, 2, 6)).toEqual([2, 3, 5, 6]);
    expect(rangeBetween(rows, 6, 2)).toEqual([2, 3, 5, 6]);
    expect(rangeBetween(rows, 4, 6)).toEqual([6]); // the anchor is folded away
  });
});

describe('what the pane says', () => {
  const impact = { codes: 3, codings: 37, sources: 12, sets: 0, memos: 0 };

  it('says exactly how many codes, codings and sources a delete takes', () => {
    expect(deleteMessage('Trust', impact)).toBe(
      'Delete ‘Trust’ and its 2 child codes? 37 codings in 12 sources will be removed. You can undo this.',
    );
    expect(deleteMessage('Trust', { ...impact, codes: 1, codings: 1, sources: 1 })).toBe(
      'Delete ‘Trust’? 1 coding in 1 source will be removed. You can undo this.',
    );
    expect(deleteMessage('Trust', { ...impact, codes: 2, codings: 0, sources: 0 })).toBe(
      'Delete ‘Trust’ and its 1 child code? They have no codings. You can undo this.',
    );
  });

  it('names the memos and sets that go with it', () => {
    expect(deleteMessage('Trust', { ...impact, codes: 1, memos: 2, sets: 1 })).toBe(
      'Delete ‘Trust’? 37 codings in 12 sources will be removed. 2 memos about it will go too. It will leave 1 code set. You can undo this.',
    );
  });

  it("tells a code's own counts from its subtree's in the tooltip", () => {
    const c = {
      ...code(1, 'Belonging'),
      codings: 2,
      sources: 1,
      totalCodings: 40,
      totalSources: 12,
    };
    expect(countsTitle(c, false)).toBe('2 codings in 1 source');
    expect(countsTitle(c, true)).toBe(
      'With its subcodes: 40 codings in 12 sources. ‘Belonging’ itself: 2 codings in 1 source.',
    );
  });
});
