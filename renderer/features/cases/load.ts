// Loading what the Cases view shows: classifications, the chosen grid, and what the open tab
// needs (the sources grid, the summary table).
import { call } from '../../lib/api';
import { reportError } from '../../ui/notices';
import { keyed, type Chosen } from './model';
import type { Classification } from '../../../electron/api/contract-cases';
import { emptyGrid, selectSummaryAttributeIds, type CasesState } from './state';

export const chosenId = (c: Chosen): number | null => (c === 'unclassified' ? null : c);

/** Keeps the choice when it still exists; otherwise the first classification. */
function validChoice(
  chosen: Chosen | null,
  classifications: Classification[],
  unclassified: number,
): Chosen | null {
  if (chosen === 'unclassified' && unclassified > 0) return chosen;
  if (typeof chosen === 'number' && classifications.some((c) => c.id === chosen)) return chosen;
  return classifications[0]?.id ?? (unclassified > 0 ? 'unclassified' : null);
}

export async function loadEverything(
  get: () => CasesState,
  set: (change: Partial<CasesState>) => void,
): Promise<void> {
  try {
    const [classifications, unclassifiedCases] = await Promise.all([
      call('classifications.list', {}),
      call('cases.list', { classificationId: null }),
    ]);
    const chosen = validChoice(get().chosen, classifications, unclassifiedCases.length);
    set({
      classifications: keyed(classifications),
      unclassified: unclassifiedCases.length,
      chosen,
    });

    if (chosen !== null) {
      const grid = await call('grid.cases', { classificationId: chosenId(chosen) });
      if (get().chosen === chosen)
        set({
          gridFor: chosen,
          cases: keyed(grid.rows.map((r) => r.case)),
          caseAttributes: keyed(grid.attributes),
          caseValues: Object.fromEntries(grid.rows.map((r) => [r.case.id, r.values])),
        });
    } else {
      set({ ...emptyGrid });
    }

    if (get().tab === 'sources') {
      const grid = await call('grid.sources', {});
      set({
        sourcesLoaded: true,
        sources: keyed(grid.rows.map((r) => r.source)),
        sourceAttributes: keyed(grid.attributes),
        sourceValues: Object.fromEntries(grid.rows.map((r) => [r.source.id, r.values])),
      });
    }

    const s = get();
    if (s.tab === 'summary') {
      const ids = selectSummaryAttributeIds(s);
      const classificationId = typeof s.gridFor === 'number' ? s.gridFor : null;
      const summary =
        classificationId !== null && ids.length
          ? await call('summary.table', { classificationId, attributeIds: ids })
          : null;
      set({ summary });
    }
  } catch (e) {
    reportError(e);
  }
}
