import { useCoding } from '../coding/store';
import { useSources } from '../sources/store';
import { useView } from '../../ui/view';
import { useRetrieval } from './store';

/** Shows a passage in the reader: the coding view, its source, the words scrolled to and lit. */
export function openPassage(p: { sourceId: number; start: number; end: number }): void {
  useView.getState().show('coding');
  void useRetrieval.getState().showCode(null);
  useCoding.getState().setFocus({ sourceId: p.sourceId, start: p.start, end: p.end });
  void useSources.getState().select(p.sourceId);
}
