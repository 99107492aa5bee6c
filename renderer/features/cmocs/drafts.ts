import { useCallback, useEffect, useRef, useState } from 'react';
import type { CmocFields } from './model';
import { useCmocs } from './store';

export type TextField =
  'title' | 'context' | 'mechanism' | 'resource' | 'reasoning' | 'outcome' | 'statement' | 'notes';
export type Drafts = Partial<Record<TextField, string>>;
export type SaveStatus = 'saved' | 'editing' | 'saving' | 'error';

/** How long typing pauses before it is saved. */
export const SAVE_DELAY_MS = 700;

/**
 * The CMOC's text fields as typed but not yet saved. Typing is saved after a pause, when a field
 * is left, and when the editor closes; what is typed while a save is on its way stays in the
 * draft (and on screen) for the next one, so no keystroke is lost to a late answer.
 */
export function useDrafts(id: number) {
  const [draft, setDraft] = useState<Drafts>({});
  const [status, setStatus] = useState<SaveStatus>('saved');
  const pending = useRef<Drafts>({});
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const chain = useRef<Promise<void>>(Promise.resolve());

  const flush = useCallback((): Promise<void> => {
    clearTimeout(timer.current);
    // One save at a time, in typing order.
    chain.current = chain.current.then(async () => {
      const sent = { ...pending.current };
      // An empty title is never saved (the field puts the old one back when left).
      if (sent.title !== undefined && !sent.title.trim()) delete sent.title;
      if (Object.keys(sent).length === 0) return;
      setStatus('saving');
      const patch: Partial<CmocFields> = { ...sent };
      if (sent.title !== undefined) patch.title = sent.title.trim();
      const error = await useCmocs.getState().update(id, patch);
      if (!error) {
        const left = { ...pending.current };
        for (const k of Object.keys(sent) as TextField[]) if (left[k] === sent[k]) delete left[k];
        pending.current = left;
        setDraft(left);
      }
      setStatus(error ? 'error' : Object.keys(pending.current).length ? 'editing' : 'saved');
    });
    return chain.current;
  }, [id]);

  const change = useCallback(
    (field: TextField, value: string) => {
      pending.current = { ...pending.current, [field]: value };
      setDraft(pending.current);
      setStatus('editing');
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void flush(), SAVE_DELAY_MS);
    },
    [flush],
  );

  /** Forgets a field's unsaved text (e.g. an emptied title, put back as it was). */
  const drop = useCallback((field: TextField) => {
    const { [field]: _gone, ...left } = pending.current;
    pending.current = left;
    setDraft(left);
    if (Object.keys(left).length === 0) setStatus('saved');
  }, []);

  // Leaving the CMOC (another row, another view) saves what is still unsaved.
  useEffect(() => () => void flush(), [flush]);

  return { draft, status, change, flush, drop };
}
