import { useState } from 'react';
import type { CmocDetail } from '../../../electron/api/contract';

/**
 * The If–Then–Because statement: drafted from the parts until the researcher edits it; "Use
 * drafted" goes back to the draft (the edited words are kept in the history).
 */
export function StatementField({
  detail,
  draft,
  onChange,
  onDone,
  onDrafted,
}: {
  detail: CmocDetail;
  draft: string | undefined;
  onChange(v: string): void;
  onDone(): void;
  onDrafted(): void;
}) {
  const [editing, setEditing] = useState(false);
  const edited = detail.statement !== null;
  return (
    <section className="cmoc-statement" aria-label="Statement">
      <div className="cmoc-statement-head">
        <span>If–Then–Because</span>
        <span className="muted small" data-testid="statement-kind">
          {edited || draft !== undefined ? 'Edited' : 'Drafted from the parts'}
        </span>
        <span className="spacer" />
        {!editing && (
          <button className="link" onClick={() => setEditing(true)}>
            Edit
          </button>
        )}
        {(edited || draft !== undefined) && (
          <button
            className="link"
            title="Draft the statement from the parts again"
            onClick={() => {
              setEditing(false);
              onDrafted();
            }}
          >
            Use drafted
          </button>
        )}
      </div>
      {editing ? (
        <textarea
          autoFocus
          rows={4}
          aria-label="If–Then–Because statement"
          value={draft ?? detail.shownStatement}
          maxLength={20000}
          onChange={(e) => onChange(e.target.value)}
          onBlur={() => {
            setEditing(false);
            onDone();
          }}
        />
      ) : (
        <p className="cmoc-statement-text" data-testid="cmoc-statement">
          {draft ?? detail.shownStatement}
        </p>
      )}
    </section>
  );
}
