import { useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';

/**
 * A modal dialog: Escape closes it, Tab stays inside it, and focus goes back to where it was
 * when it closes. The first element marked data-autofocus (or the first field) gets focus.
 */
export function Dialog({
  label,
  onClose,
  children,
  className = '',
  role = 'dialog',
}: {
  label: string;
  onClose(): void;
  children: ReactNode;
  className?: string;
  role?: 'dialog' | 'alertdialog';
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    const box = ref.current;
    const first =
      box?.querySelector<HTMLElement>('[data-autofocus]') ??
      box?.querySelector<HTMLElement>(
        'input:not(:disabled), select:not(:disabled), textarea, button:not(:disabled)',
      );
    (first ?? box)?.focus();
    return () => {
      if (before?.isConnected) before.focus();
    };
  }, []);

  return (
    <div
      className="modal-backdrop"
      role="presentation"
      onMouseDown={(e) => {
        if (e.target === e.currentTarget) onClose();
      }}
    >
      <div
        ref={ref}
        className={`modal cases-dialog ${className}`}
        role={role}
        aria-modal="true"
        aria-label={label}
        tabIndex={-1}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            onClose();
          } else if (e.key === 'Tab') trapTab(e, ref.current);
        }}
      >
        {children}
      </div>
    </div>
  );
}

function trapTab(e: KeyboardEvent, box: HTMLElement | null): void {
  if (!box) return;
  const items = [
    ...box.querySelectorAll<HTMLElement>(
      'button:not(:disabled), input:not(:disabled), select:not(:disabled), textarea, [tabindex="0"]',
    ),
  ].filter((el) => el.offsetParent !== null);
  const first = items[0];
  const last = items[items.length - 1];
  if (!first || !last) return;
  if (e.shiftKey && document.activeElement === first) {
    e.preventDefault();
    last.focus();
  } else if (!e.shiftKey && document.activeElement === last) {
    e.preventDefault();
    first.focus();
  }
}

/** Asks before something is deleted; the message says what will be lost. */
export function ConfirmDialog({
  title,
  message,
  confirmLabel,
  onConfirm,
  onCancel,
}: {
  title: string;
  message: ReactNode;
  confirmLabel: string;
  onConfirm(): void;
  onCancel(): void;
}) {
  return (
    <Dialog label={title} onClose={onCancel} role="alertdialog" className="confirm">
      <h2>{title}</h2>
      <div className="confirm-message">{message}</div>
      <div className="modal-actions gap">
        <button onClick={onCancel} data-autofocus>
          Cancel
        </button>
        <button className="danger" onClick={onConfirm}>
          {confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}
