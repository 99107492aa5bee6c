// The concepts board's pure rules: which names are refused, what the code filter keeps, what a
// drop onto a column does, the drag payload read back (and refused when malformed), and the
// counts table's rows and total.
import { describe, expect, it } from 'vitest';
import type { Code, CodeSet, Concept } from '../../electron/api/contract.js';
import {
  conceptNameError,
  conceptsHolding,
  countRows,
  decodeDragItem,
  dropOutcome,
  encodeDragItem,
  excerptTotal,
  filterCodes,
  filterSets,
  NAME_MAX,
  type DragItem,
} from '../../renderer/features/concepts/model.js';

function concept(id: number, name: string, codeIds: number[] = [], setIds: number[] = []): Concept {
  return {
    id,
    guid: `g${id}`,
    name,
    description: '',
    color: '#336699',
    codeIds,
    setIds,
    codings: 0,
    cmocs: 0,
  };
}

function code(id: number, name: string): Code {
  return {
    id,
    guid: `c${id}`,
    parentId: null,
    name,
    color: '#aa5500',
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

const board = [concept(1, 'Having a place', [10, 11]), concept(2, 'Forging ties', [11], [5])];

describe('conceptNameError', () => {
  it('refuses an empty or blank name', () => {
    expect(conceptNameError('', board)).toBe('A concept needs a name.');
    expect(conceptNameError('  \t ', board)).toBe('A concept needs a name.');
  });

  it('refuses a name longer than the contract allows, counting it trimmed', () => {
    expect(conceptNameError('x'.repeat(NAME_MAX + 1), board)).toMatch(/at most 200/);
    expect(conceptNameError(`  ${'x'.repeat(NAME_MAX)}  `, board)).toBeNull();
  });

  it('refuses a name another concept has, in any case, naming the one it clashes with', () => {
    expect(conceptNameError('  having a PLACE ', board)).toBe(
      'A concept named “Having a place” already exists.',
    );
  });

  it('lets a concept keep its own name, and accepts a new one', () => {
    expect(conceptNameError('Having a place', board, 1)).toBeNull();
    expect(conceptNameError('Having a place', board, 2)).not.toBeNull();
    expect(conceptNameError('Being valued', board)).toBeNull();
  });
});

describe('filterCodes and filterSets', () => {
  const codes = [code(1, 'GP workload'), code(2, 'Funding'), code(3, 'Workload of link workers')];

  it('keeps codes holding every word, in any order and case', () => {
    expect(filterCodes(codes, 'WORK').map((c) => c.id)).toEqual([1, 3]);
    expect(filterCodes(codes, 'link  workload').map((c) => c.id)).toEqual([3]);
    expect(filterCodes(codes, 'budget')).toEqual([]);
  });

  it('keeps everything, in order, for an empty or blank query', () => {
    expect(filterCodes(codes, '   ').map((c) => c.id)).toEqual([1, 2, 3]);
  });

  it('filters sets the same way', () => {
    const sets: CodeSet[] = [
      { id: 1, guid: 's1', name: 'Practice resources', description: '', codeIds: [1] },
      { id: 2, guid: 's2', name: 'Outcomes', description: '', codeIds: [] },
    ];
    expect(filterSets(sets, 'resource').map((s) => s.id)).toEqual([1]);
    expect(filterSets(sets, '').map((s) => s.id)).toEqual([1, 2]);
  });
});

describe('dropOutcome', () => {
  const [place, ties] = board as [Concept, Concept];

  it('adds a code from the list to a concept that lacks it', () => {
    expect(dropOutcome({ kind: 'code', id: 12, fromConceptId: null }, place)).toEqual({
      kind: 'add',
    });
  });

  it('copies a code dragged from another column, even if it sits elsewhere already', () => {
    expect(dropOutcome({ kind: 'code', id: 10, fromConceptId: 1 }, ties)).toEqual({ kind: 'add' });
  });

  it('says a code or set the concept holds is already there', () => {
    expect(dropOutcome({ kind: 'code', id: 11, fromConceptId: 1 }, ties).kind).toBe('already');
    expect(dropOutcome({ kind: 'set', id: 5, fromConceptId: null }, ties).kind).toBe('already');
    // A set id that equals a held code id is a different thing.
    expect(dropOutcome({ kind: 'set', id: 10, fromConceptId: null }, place).kind).toBe('add');
  });

  it('does nothing when dropped back on its own column', () => {
    expect(dropOutcome({ kind: 'code', id: 10, fromConceptId: 1 }, place).kind).toBe('same-column');
  });
});

describe('drag payload', () => {
  it('reads back what was written', () => {
    const items: DragItem[] = [
      { kind: 'code', id: 3, fromConceptId: null },
      { kind: 'set', id: 9, fromConceptId: 4 },
    ];
    for (const item of items) expect(decodeDragItem(encodeDragItem(item))).toEqual(item);
  });

  it('refuses anything malformed', () => {
    for (const raw of [
      '',
      'not json',
      'null',
      '42',
      '[]',
      '{"kind":"memo","id":1,"fromConceptId":null}',
      '{"kind":"code","id":0,"fromConceptId":null}',
      '{"kind":"code","id":1.5,"fromConceptId":null}',
      '{"kind":"code","id":"3","fromConceptId":null}',
      '{"kind":"code","id":3}',
      '{"kind":"code","id":3,"fromConceptId":-2}',
    ])
      expect(decodeDragItem(raw), raw).toBeNull();
  });
});

describe('conceptsHolding', () => {
  it('lists the concepts a code sits in directly, in board order', () => {
    expect(conceptsHolding(board, 11).map((c) => c.name)).toEqual([
      'Having a place',
      'Forging ties',
    ]);
    expect(conceptsHolding(board, 10).map((c) => c.id)).toEqual([1]);
    expect(conceptsHolding(board, 99)).toEqual([]);
  });
});

describe('counts', () => {
  it('names a missing value, scales bars to the largest row and adds the rows up', () => {
    const { rows, total } = countRows([
      { value: 'Link worker', codings: 8 },
      { value: 'GP', codings: 2 },
      { value: '', codings: 4 },
    ]);
    expect(rows.map((r) => [r.label, r.codings, r.share])).toEqual([
      ['Link worker', 8, 1],
      ['GP', 2, 0.25],
      ['No value', 4, 0.5],
    ]);
    expect(total).toBe(14);
  });

  it('gives no rows and a zero total for no values, without dividing by zero', () => {
    expect(countRows([])).toEqual({ rows: [], total: 0 });
    expect(countRows([{ value: 'GP', codings: 0 }]).rows[0]?.share).toBe(0);
  });

  it('totals the excerpts across groups', () => {
    const ex = (n: number) => Array.from({ length: n }, () => ({}) as never);
    expect(
      excerptTotal({
        groups: [
          { codeId: 1, codeName: 'a', excerpts: ex(3) },
          { codeId: 2, codeName: 'b', excerpts: ex(0) },
          { codeId: 3, codeName: 'c', excerpts: ex(2) },
        ],
      }),
    ).toBe(5);
  });
});
