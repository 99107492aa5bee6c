// The CMOC table's grouping and sorting, the cells' words and counts, and what the history panel
// says changed.
import { describe, expect, it } from 'vitest';
import type { Cmoc, CmocHistoryEntry } from '../../electron/api/contract.js';
import {
  changesOf,
  columnCount,
  columnText,
  groupByTheme,
  lostText,
  newestFirst,
  sortCmocs,
} from '../../renderer/features/cmocs/model.js';

let nextId = 1;
function cmoc(over: Partial<Cmoc>): Cmoc {
  const id = over.id ?? nextId++;
  return {
    id,
    guid: `g${id}`,
    title: `CMOC ${id}`,
    conceptId: null,
    conceptName: null,
    context: '',
    mechanism: '',
    resource: '',
    reasoning: '',
    outcome: '',
    statement: null,
    shownStatement: '',
    provenance: '',
    status: 'untested',
    statusReason: '',
    confidence: '',
    notes: '',
    missing: [],
    evidence: { context: 0, mechanism: 0, resource: 0, reasoning: 0, outcome: 0 },
    lostEvidence: 0,
    version: 1,
    createdAt: '2024-03-01T10:00:00.000Z',
    updatedAt: '2024-03-01T10:00:00.000Z',
    ...over,
  };
}

describe('groupByTheme', () => {
  const concepts = [
    { id: 7, name: 'Fitting in' },
    { id: 3, name: 'Being bolted on' },
  ];
  it('follows the concepts’ board order, puts "No theme" last and sorts inside each group', () => {
    const list = [
      cmoc({ title: 'Zeta', conceptId: null }),
      cmoc({ title: 'Beta', conceptId: 3, conceptName: 'Being bolted on' }),
      cmoc({ title: 'Alpha', conceptId: 3, conceptName: 'Being bolted on' }),
      cmoc({ title: 'Gamma', conceptId: 7, conceptName: 'Fitting in' }),
      cmoc({ title: 'Alpha 2', conceptId: null }),
    ];
    const groups = groupByTheme(list, concepts, 'title');
    expect(groups.map((g) => g.name)).toEqual(['Fitting in', 'Being bolted on', 'No theme']);
    expect(groups[1]!.cmocs.map((c) => c.title)).toEqual(['Alpha', 'Beta']);
    expect(groups[2]!.cmocs.map((c) => c.title)).toEqual(['Alpha 2', 'Zeta']);
  });
  it('places a theme the concept list does not know yet after the known ones, by name', () => {
    const list = [
      cmoc({ conceptId: 99, conceptName: 'Belonging' }),
      cmoc({ conceptId: 3, conceptName: 'Being bolted on' }),
      cmoc({ conceptId: 98, conceptName: 'Aloneness' }),
    ];
    expect(groupByTheme(list, concepts, 'title').map((g) => g.name)).toEqual([
      'Being bolted on',
      'Aloneness',
      'Belonging',
    ]);
  });
  it('gives no groups for no CMOCs', () => {
    expect(groupByTheme([], concepts, 'status')).toEqual([]);
  });
});

describe('sortCmocs', () => {
  const a = cmoc({ title: 'CMOC 10', status: 'untested', updatedAt: '2024-03-02T00:00:00Z' });
  const b = cmoc({ title: 'cmoc 9', status: 'refuted', updatedAt: '2024-03-05T00:00:00Z' });
  const c = cmoc({ title: 'CMOC 2', status: 'supported', updatedAt: '2024-03-01T00:00:00Z' });
  it('sorts titles as people read numbers, ignoring case', () => {
    expect(sortCmocs([a, b, c], 'title').map((x) => x.title)).toEqual([
      'CMOC 2',
      'cmoc 9',
      'CMOC 10',
    ]);
  });
  it('puts tested CMOCs before untested ones', () => {
    expect(sortCmocs([a, b, c], 'status').map((x) => x.status)).toEqual([
      'supported',
      'refuted',
      'untested',
    ]);
  });
  it('puts the most recently changed first, without reordering its input', () => {
    const input = [a, b, c];
    expect(sortCmocs(input, 'updated').map((x) => x.title)).toEqual([
      'cmoc 9',
      'CMOC 10',
      'CMOC 2',
    ]);
    expect(input).toEqual([a, b, c]);
  });
});

describe('cells', () => {
  it('shows a split mechanism’s halves in the mechanism cell and counts their quotes', () => {
    const c = cmoc({
      mechanism: '',
      resource: 'A named worker',
      reasoning: 'Staff trust the referral',
      evidence: { context: 2, mechanism: 1, resource: 2, reasoning: 1, outcome: 0 },
    });
    expect(columnText(c, 'mechanism')).toBe(
      'Resource: A named worker\nReasoning: Staff trust the referral',
    );
    expect(columnCount(c, 'mechanism')).toBe(4);
    expect(columnCount(c, 'context')).toBe(2);
    expect(columnCount(c, 'outcome')).toBe(0);
    expect(columnText(c, 'outcome')).toBe(''); // the cell shows "—"
  });
  it('words lost evidence for the table', () => {
    expect(lostText(0)).toBe('');
    expect(lostText(1)).toBe('1 quote lost');
    expect(lostText(3)).toBe('3 quotes lost');
  });
});

describe('history', () => {
  const entry = (over: Partial<CmocHistoryEntry>): CmocHistoryEntry => ({
    version: 1,
    action: 'edited',
    before: null,
    after: null,
    evidence: null,
    reason: '',
    by: 'Ada',
    at: '2024-03-01T10:00:00Z',
    ...over,
  });
  it('lists each changed field before → after, with themes and statuses by name', () => {
    const changes = changesOf(
      entry({
        before: { status: 'untested', conceptId: null, statement: 'If A then B' },
        after: { status: 'refined', conceptId: 4, statement: null },
      }),
      (id) => (id === 4 ? 'Fitting in' : undefined),
    );
    expect(changes).toEqual([
      { field: 'conceptId', label: 'Theme', before: 'No theme', after: 'Fitting in' },
      {
        field: 'statement',
        label: 'Statement',
        before: 'If A then B',
        after: '(drafted from the parts)',
      },
      { field: 'status', label: 'Status', before: 'Untested', after: 'Refined' },
    ]);
  });
  it('leaves out fields that did not really change and shows emptied text as —', () => {
    expect(
      changesOf(
        entry({ before: { title: 'Same', notes: 'Old' }, after: { title: 'Same', notes: '' } }),
      ),
    ).toEqual([{ field: 'notes', label: 'Notes', before: 'Old', after: '—' }]);
  });
  it('orders entries newest first whatever order they came in', () => {
    const list = [entry({ version: 1 }), entry({ version: 3 }), entry({ version: 2 })];
    expect(newestFirst(list).map((e) => e.version)).toEqual([3, 2, 1]);
  });
});
