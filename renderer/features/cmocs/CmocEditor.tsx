import { useEffect, useRef, useState } from 'react';
import type { CmocDetail } from '../../../electron/api/contract';
import { ConfirmDialog } from '../cases/Dialog';
import {
  CONFIDENCE_LABEL,
  PART_LABEL,
  PROVENANCE_LABEL,
  lostText,
  plural,
  when,
  type CmocPart,
} from './model';
import { useCmocs } from './store';
import { useDrafts, type SaveStatus, type TextField } from './drafts';
import { takeJustCreated } from './created';
import { EvidenceList } from './EvidenceList';
import { StatusField } from './StatusField';
import { StatementField } from './StatementField';

const STATUS_TEXT: Record<SaveStatus, string> = {
  saved: 'Saved',
  editing: 'Editing…',
  saving: 'Saving…',
  error: 'Not saved',
};

/** The chosen CMOC: its parts and their evidence, statement, status and notes, saved as typed. */
export function CmocEditor({ id }: { id: number }) {
  const detail = useCmocs((s) => (s.detail?.id === id ? s.detail : null));
  if (!detail) return <p className="muted cmoc-panel">Opening the CMOC…</p>;
  return <EditorBody detail={detail} />;
}

function EditorBody({ detail }: { detail: CmocDetail }) {
  const id = detail.id;
  const concepts = useCmocs((s) => s.concepts);
  const { draft, status, change, flush, drop } = useDrafts(id);
  const [split, setSplit] = useState(
    () =>
      !!(detail.resource || detail.reasoning) ||
      detail.evidence.resource + detail.evidence.reasoning > 0,
  );
  const [confirming, setConfirming] = useState(false);
  const titleRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (takeJustCreated(id)) titleRef.current?.select();
  }, [id]);

  const value = (f: Exclude<TextField, 'statement'>) => draft[f] ?? detail[f];
  const save = (patch: Parameters<ReturnType<typeof useCmocs.getState>['update']>[1]) =>
    void useCmocs.getState().update(id, patch);

  const part = (p: CmocPart, hint: string) => (
    <PartField
      key={p}
      part={p}
      hint={hint}
      value={value(p)}
      detail={detail}
      onChange={(v) => change(p, v)}
      onBlur={() => void flush()}
    />
  );

  const lost = lostText(detail.lostEvidence);
  return (
    <article className="cmoc-panel cmoc-editor" aria-label={`CMOC ${detail.title}`}>
      <div className="cmoc-editor-head">
        <input
          ref={titleRef}
          className="cmoc-title-input"
          value={value('title')}
          maxLength={200}
          aria-label="CMOC title"
          onChange={(e) => change('title', e.target.value)}
          onBlur={() => {
            if (!(draft.title ?? detail.title).trim()) drop('title');
            void flush();
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') e.currentTarget.blur();
          }}
        />
        <span className={`save-status ${status}`} role="status" data-testid="cmoc-save-status">
          {STATUS_TEXT[status]}
        </span>
      </div>
      <p className="muted small cmoc-meta">
        Version {detail.version} · changed {when(detail.updatedAt)}
        {detail.missing.length > 0 && (
          <span className="flag incomplete">
            Incomplete: no {detail.missing.map((p) => PART_LABEL[p].toLowerCase()).join(', ')}
          </span>
        )}
        {lost && <span className="flag lost">{lost}</span>}
      </p>

      <label className="cmoc-field">
        Theme
        <select
          value={detail.conceptId ?? ''}
          onChange={(e) => save({ conceptId: e.target.value ? Number(e.target.value) : null })}
        >
          <option value="">No theme</option>
          {concepts.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </label>

      {part('context', 'The circumstances in which it happens')}
      <div className="cmoc-mechanism">
        <label className="cmoc-split">
          <input type="checkbox" checked={split} onChange={(e) => setSplit(e.target.checked)} />
          Split the mechanism into resource and reasoning
        </label>
        {(!split || value('mechanism')) && part('mechanism', 'What it sets going in people')}
        {split && part('resource', 'What the programme offers')}
        {split && part('reasoning', 'How people respond to what is offered')}
      </div>
      {part('outcome', 'What comes of it')}

      <StatementField
        detail={detail}
        draft={draft.statement}
        onChange={(v) => change('statement', v)}
        onDone={() => void flush()}
        onDrafted={() => {
          // After any save on its way (leaving the field saved the edited words first).
          drop('statement');
          void flush().then(() => save({ statement: null }));
        }}
      />

      <div className="cmoc-row-fields">
        <label className="cmoc-field">
          Provenance
          <select
            value={detail.provenance}
            onChange={(e) => save({ provenance: e.target.value as CmocDetail['provenance'] })}
          >
            {Object.entries(PROVENANCE_LABEL).map(([k, label]) => (
              <option key={k} value={k}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label className="cmoc-field">
          Confidence
          <select
            value={detail.confidence}
            onChange={(e) => save({ confidence: e.target.value as CmocDetail['confidence'] })}
          >
            {Object.entries(CONFIDENCE_LABEL).map(([k, label]) => (
              <option key={k} value={k}>
                {label}
              </option>
            ))}
          </select>
        </label>
      </div>
      <StatusField detail={detail} />

      <label className="cmoc-field">
        Notes
        <textarea
          rows={3}
          value={value('notes')}
          maxLength={20000}
          onChange={(e) => change('notes', e.target.value)}
          onBlur={() => void flush()}
        />
      </label>

      <div className="cmoc-editor-foot">
        <button className="link" onClick={() => useCmocs.getState().showPanel({ kind: 'history' })}>
          See its history
        </button>
        <span className="spacer" />
        <button className="danger-link" onClick={() => setConfirming(true)}>
          Delete CMOC
        </button>
      </div>
      {confirming && (
        <ConfirmDialog
          title="Delete CMOC"
          message={
            <p>
              Delete the CMOC ‘{detail.title}’ and its links to{' '}
              {plural(detail.evidenceItems.length, 'quote')}? The passages themselves stay in their
              sources.
            </p>
          }
          confirmLabel="Delete CMOC"
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            void useCmocs.getState().remove(id);
          }}
        />
      )}
    </article>
  );
}

function PartField({
  part,
  hint,
  value,
  detail,
  onChange,
  onBlur,
}: {
  part: CmocPart;
  hint: string;
  value: string;
  detail: CmocDetail;
  onChange(v: string): void;
  onBlur(): void;
}) {
  const items = detail.evidenceItems.filter((e) => e.part === part);
  const missing = (detail.missing as string[]).includes(part);
  return (
    <section className={`cmoc-part ${missing ? 'missing' : ''}`} aria-label={PART_LABEL[part]}>
      <label className="cmoc-field">
        <span>
          {PART_LABEL[part]}{' '}
          <span className="muted small">
            {plural(items.length, 'quote')}
            {missing ? ' · missing' : ''}
          </span>
        </span>
        <textarea
          rows={2}
          value={value}
          maxLength={20000}
          placeholder={hint}
          onChange={(e) => onChange(e.target.value)}
          onBlur={onBlur}
        />
      </label>
      <EvidenceList items={items} empty="" />
    </section>
  );
}
