import { useState } from 'react';

/** A one-field form for a name: Enter submits, Escape cancels (when there is something to cancel). */
export function NameForm({
  label,
  initial = '',
  placeholder,
  submitLabel,
  shortLabel,
  clearOnSubmit = false,
  onSubmit,
  onCancel,
}: {
  label: string;
  initial?: string;
  placeholder?: string;
  submitLabel: string;
  /** A shorter visible label for the submit button (submitLabel stays its accessible name). */
  shortLabel?: string;
  clearOnSubmit?: boolean;
  /** Answering null or false means the name was refused. */
  onSubmit(name: string): Promise<unknown> | unknown;
  onCancel?(): void;
}) {
  const [name, setName] = useState(initial);
  const [busy, setBusy] = useState(false);
  return (
    <form
      className="name-form"
      onSubmit={(e) => {
        e.preventDefault();
        const clean = name.trim();
        if (!clean || busy) return;
        setBusy(true);
        void Promise.resolve(onSubmit(clean)).then((result) => {
          setBusy(false);
          // A refused name stays in the box to be corrected.
          if (clearOnSubmit && result !== null && result !== false) setName('');
        });
      }}
    >
      <input
        aria-label={label}
        placeholder={placeholder}
        value={name}
        autoFocus={!!onCancel}
        onChange={(e) => setName(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && onCancel) {
            e.preventDefault();
            onCancel();
          }
        }}
      />
      <button
        type="submit"
        disabled={!name.trim() || busy}
        aria-label={shortLabel ? submitLabel : undefined}
        title={shortLabel ? submitLabel : undefined}
      >
        {shortLabel ?? submitLabel}
      </button>
      {onCancel && (
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      )}
    </form>
  );
}
