import { useEffect, useRef, useState } from 'react';
import type { Excerpt } from '../../../electron/api/contract';
import { useRetrieval } from './store';
import { quoteOf } from './quote';

const EXAMPLE = '(Site {site}, {case}, {kind})';

/**
 * The project's attribution template: the fields it can use, and what the first excerpt's
 * attribution would read as the user types. Saving lists the excerpts again.
 */
export function AttributionSettings({
  first,
  onClose,
}: {
  first: Excerpt | undefined;
  onClose(): void;
}) {
  const saved = useRetrieval((s) => s.template);
  // null until the user types: the field shows the saved template, once it has been read.
  const [typed, setTyped] = useState<string | null>(null);
  const draft = typed ?? saved ?? '';
  const fields = useRetrieval((s) => s.fields);
  const [preview, setPreview] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (saved === null) void useRetrieval.getState().loadSettings();
  }, [saved]);

  // The first excerpt's attribution under the draft, worked out by the main side (the rules
  // live in one place), a moment after the user stops typing.
  const firstId = first?.codingId;
  useEffect(() => {
    if (firstId === undefined) return;
    let live = true;
    const t = setTimeout(() => {
      void useRetrieval
        .getState()
        .preview(firstId, draft)
        .then((p) => live && setPreview(p));
    }, 120);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [firstId, draft]);

  const insert = (field: string) => {
    const el = input.current;
    const at = el?.selectionStart ?? draft.length;
    const to = el?.selectionEnd ?? at;
    const token = `{${field}}`;
    setTyped(draft.slice(0, at) + token + draft.slice(to));
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(at + token.length, at + token.length);
    });
  };

  const save = async () => {
    setBusy(true);
    const ok = await useRetrieval.getState().saveTemplate(draft.trim());
    setBusy(false);
    if (ok) onClose();
  };

  return (
    <form
      className="attribution-settings"
      aria-label="Attribution"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <label className="attribution-field">
        <span>Attribution template</span>
        <input
          ref={input}
          value={draft}
          maxLength={500}
          placeholder={EXAMPLE}
          aria-label="Attribution template"
          onChange={(e) => setTyped(e.target.value)}
        />
      </label>
      <p className="muted small">
        Put fields in braces, e.g. <code>{EXAMPLE}</code>. Case, spaces and underscores in a name do
        not matter; a classification’s name gives the passage’s case of that kind; a field with no
        value shows as ?.
      </p>
      <div className="attribution-fields" role="group" aria-label="Fields">
        {fields.map((f) => (
          <button
            type="button"
            key={f}
            className="field-chip"
            title={`Insert {${f}}`}
            onClick={() => insert(f)}
          >
            {`{${f}}`}
          </button>
        ))}
      </div>
      <div className="attribution-preview" data-testid="attribution-preview">
        <span className="muted small">Preview on the first excerpt: </span>
        {!first ? (
          <span className="muted">no excerpts to show it on.</span>
        ) : preview === null ? (
          <span className="muted">…</span>
        ) : (
          <span className="preview-text">
            {quoteOf({ text: clip(first.text), attribution: preview })}
          </span>
        )}
      </div>
      <div className="attribution-actions">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button
          type="submit"
          className="primary"
          disabled={busy || saved === null || draft.trim() === saved}
        >
          Save
        </button>
      </div>
    </form>
  );
}

const clip = (s: string) => (s.length > 90 ? `${s.slice(0, 90).trimEnd()}…` : s);
