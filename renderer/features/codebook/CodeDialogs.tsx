import { useEffect, useRef, useState } from 'react';
import type { Code, CodeImpact } from '../../../electron/api/contract';
import { ConfirmDialog } from '../cases/Dialog';
import { focusRow } from './actions';
import { CodeDetails } from './CodeDetails';
import { MergeDialog } from './MergeDialog';
import { useCodebook } from './store';
import { useCodeTree } from './view';
import { deleteMessage } from './words';

/** Whichever of the pane's dialogs is open; closing one gives focus back to its code's row. */
export function CodeDialogs() {
  const dialog = useCodeTree((s) => s.dialog);
  const byId = useCodebook((s) => s.byId);
  if (!dialog) return null;
  const back = (id?: number) => () => {
    useCodeTree.getState().openDialog(null);
    if (id !== undefined && useCodebook.getState().byId[id]) focusRow(id);
  };
  switch (dialog.kind) {
    case 'details': {
      const code = byId[dialog.codeId];
      return code ? <CodeDetails code={code} onClose={back(code.id)} /> : null;
    }
    case 'delete': {
      const code = byId[dialog.codeId];
      return code ? <DeleteCode key={code.id} code={code} onClose={back(code.id)} /> : null;
    }
    case 'merge':
      return (
        <MergeDialog mode="merge" codeIds={dialog.codeIds} onClose={back(dialog.codeIds[0])} />
      );
    case 'moveCodings':
      return <MergeDialog mode="move" codeIds={[dialog.codeId]} onClose={back(dialog.codeId)} />;
  }
}

function DeleteCode({ code, onClose }: { code: Code; onClose(): void }) {
  const [impact, setImpact] = useState<CodeImpact | null>(null);
  const close = useRef(onClose);
  useEffect(() => {
    close.current = onClose;
  });
  useEffect(() => {
    let live = true;
    void useCodebook
      .getState()
      .impact(code.id)
      .then((r) => {
        if (!live) return;
        if (r) setImpact(r);
        else close.current();
      });
    return () => {
      live = false;
    };
  }, [code.id]);
  if (!impact) return null;
  return (
    <ConfirmDialog
      title={`Delete ‘${code.name}’`}
      message={<p>{deleteMessage(code.name, impact)}</p>}
      confirmLabel={impact.codes > 1 ? `Delete ${impact.codes} codes` : 'Delete'}
      onCancel={onClose}
      onConfirm={() => {
        onClose();
        void useCodebook.getState().remove(code.id);
      }}
    />
  );
}
