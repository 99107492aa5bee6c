import { onEvent } from '../lib/api';
import { useCodebook } from './codebook/store';
import { useCoding } from './coding/store';
import { useProject } from './project/store';
import { useSources } from './sources/store';
import { useRetrieval } from './retrieval/store';
import { useUndo } from './undo/store';
import { useMemos } from './memos/store';
import { useAnnotations } from './memos/annotations';
import { useCmocs } from './cmocs/store';
import { useConcepts } from './concepts/store';
import { useTheory } from './theory/store';

/** Keeps every store in step with the project: the main side says what changed. */
export function startSync(): () => void {
  return onEvent('project.changed', ({ what, sourceId }) => {
    const coding = useCoding.getState();
    switch (what) {
      case 'project':
        // App reloads every store when the open project's path changes.
        void useProject.getState().refresh();
        break;
      case 'sources':
        void useSources.getState().load();
        break;
      case 'codes':
        void useCodebook.getState().load();
        break;
      case 'cases':
        void coding.loadCases();
        break;
      case 'sets':
        void useCodebook.getState().loadSets();
        break;
      case 'memos':
        if (useMemos.getState().loaded) void useMemos.getState().load();
        break;
      case 'annotations': {
        const a = useAnnotations.getState();
        if (a.sourceId !== null && (sourceId === undefined || sourceId === a.sourceId))
          void a.loadSource(a.sourceId);
        break;
      }
      case 'codings':
        void useCodebook.getState().load();
        void useSources.getState().load();
        // No source id: a change across sources (merge, delete, undo), so the open one reloads.
        if (coding.sourceId !== null && (sourceId === undefined || sourceId === coding.sourceId))
          void coding.loadSource(coding.sourceId);
        {
          const { codeId, showCode } = useRetrieval.getState();
          if (codeId !== null) void showCode(codeId);
        }
        break;
    }
  });
}

export function resetAll(): void {
  useSources.getState().reset();
  useCodebook.getState().reset();
  useCoding.getState().reset();
  useRetrieval.getState().reset();
  useUndo.getState().reset();
  useMemos.getState().reset();
  useAnnotations.getState().reset();
  // The realist views start over with each project (a CMOC chosen in one is not in another).
  useCmocs.getState().reset();
  useConcepts.getState().reset();
  useTheory.getState().reset();
}

export async function loadAll(): Promise<void> {
  await Promise.all([
    useSources.getState().load(),
    useCodebook.getState().load(),
    useUndo.getState().load(),
  ]);
}
