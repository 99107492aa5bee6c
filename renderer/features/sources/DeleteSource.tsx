import { useEffect, useRef, useState } from 'react';
import type { SourceImpact } from '../../../electron/api/contract';
import { call } from '../../lib/api';
import { reportError } from '../../ui/notices';
import { ConfirmDialog } from '../cases/Dialog';
import { deleteSourceLines } from './delete-lines';
import { useSources } from './store';

/** Asks, with what will be lost, before deleting a source. */
export function DeleteSourceDialog({ id, onClose }: { id: number; onClose(): void }) {
  const [impact, setImpact] = useState<SourceImpact | null>(null);
  const close = useRef(onClose);
  useEffect(() => {
    close.current = onClose;
  });
  useEffect(() => {
    let live = true;
    call('sources.impact', { id }).then(
      (r) => live && setImpact(r),
      (e: unknown) => {
        reportError(e);
        if (live) close.current();
      },
    );
    return () => {
      live = false;
    };
  }, [id]);
  if (!impact) return null;
  return (
    <ConfirmDialog
      title={`Delete ‘${impact.name}’`}
      message={deleteSourceLines(impact).map((line) => (
        <p key={line}>{line}</p>
      ))}
      confirmLabel="Delete source"
      onCancel={onClose}
      onConfirm={() => {
        onClose();
        void useSources.getState().remove(id);
      }}
    />
  );
}
