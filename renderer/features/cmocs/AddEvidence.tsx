import { useEffect, useMemo, useState } from 'react';
import type { Cmoc, Concept } from '../../../electron/api/contract';
import { call } from '../../lib/api';
import { foldedText } from '../../lib/fuzzy';
import { notify, reportError } from '../../ui/notices';
import { useCoding } from '../coding/store';
import { PARTS, PART_LABEL, type CmocPart } from './model';
import { useCmocs } from './store';
import './cmocs.css';

const NEW = -1;

/** "Add as evidence to CMOC…" for the selected passage: a CMOC (or a new one), then the part. */
export function AddEvidence() {
  const selection = useCoding((s) => s.selection);
  if (!selection) return null;
  // A new selection starts afresh (a half-made choice belongs to its own passage).
  return <Adder key={`${selection.sourceId}:${selection.start}:${selection.end}`} />;
}

function Adder() {
  const [open, setOpen] = useState(false);
  if (!open)
    return (
      <div className="selection-action-buttons add-evidence">
        <button onClick={() => setOpen(true)}>Add as evidence to CMOC…</button>
      </div>
    );
  return <Picker onDone={() => setOpen(false)} />;
}

function Picker({ onDone }: { onDone(): void }) {
  const [cmocs, setCmocs] = useState<Cmoc[] | null>(null);
  const [concepts, setConcepts] = useState<Concept[]>([]);
  const [query, setQuery] = useState('');
  const [chosen, setChosen] = useState<number | null>(null);
  const [title, setTitle] = useState('');
  const [conceptId, setConceptId] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);

  // Read once when the picker opens; a project without CMOCs offers a new one straight away.
  useEffect(() => {
    let live = true;
    void Promise.all([
      useCmocs.getState().listAll(),
      call('concepts.list', {}).catch((e: unknown) => {
        reportError(e);
        return [] as Concept[];
      }),
    ]).then(([list, themes]) => {
      if (!live) return;
      setCmocs(list);
      setConcepts(themes);
      if (list.length === 0) setChosen(NEW);
    });
    return () => {
      live = false;
    };
  }, []);

  const shown = useMemo(() => {
    const q = foldedText(query.trim());
    const list = cmocs ?? [];
    return q ? list.filter((c) => foldedText(c.title).includes(q)) : list;
  }, [cmocs, query]);

  const ready = chosen === NEW ? title.trim() !== '' : chosen !== null;

  async function add(part: CmocPart) {
    const sel = useCoding.getState().selection;
    if (!sel || !ready || busy) return;
    // A passage that is exactly a coding is linked to it, so deleting the coding flags it.
    const coding = useCoding
      .getState()
      .codings.find(
        (c) => c.sourceId === sel.sourceId && c.start === sel.start && c.end === sel.end,
      );
    setBusy(true);
    const d = await useCmocs.getState().addEvidence({
      ...(chosen === NEW
        ? { newCmoc: { title: title.trim(), conceptId } }
        : { cmocId: chosen ?? undefined }),
      part,
      sourceId: sel.sourceId,
      start: sel.start,
      end: sel.end,
      ...(coding && coding.id > 0 ? { codingId: coding.id } : {}),
    });
    setBusy(false);
    if (d) {
      notify(`Added to ${d.title} · ${PART_LABEL[part]}`);
      onDone();
    }
  }

  return (
    <form
      className="selection-form add-evidence-form"
      aria-label="Add as evidence"
      onSubmit={(e) => e.preventDefault()}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onDone();
      }}
    >
      <input
        autoFocus
        type="search"
        value={query}
        maxLength={200}
        placeholder="Find a CMOC"
        aria-label="Find a CMOC"
        disabled={cmocs === null}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          // Enter takes the first match, so a CMOC is two keystrokes away.
          if (e.key === 'Enter' && shown[0]) setChosen(shown[0].id);
        }}
      />
      <ul className="cmoc-pick-list" role="listbox" aria-label="CMOCs">
        {shown.map((c) => (
          <li
            key={c.id}
            role="option"
            aria-selected={chosen === c.id}
            tabIndex={0}
            onClick={() => setChosen(c.id)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' || e.key === ' ') {
                e.preventDefault();
                setChosen(c.id);
              }
            }}
          >
            {c.title}
            {c.conceptName && <span className="muted small"> · {c.conceptName}</span>}
          </li>
        ))}
        {cmocs !== null && shown.length === 0 && query && (
          <li className="muted small" aria-disabled>
            No CMOC matches.
          </li>
        )}
        <li
          role="option"
          aria-selected={chosen === NEW}
          tabIndex={0}
          className="cmoc-pick-new"
          onClick={() => setChosen(NEW)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' || e.key === ' ') {
              e.preventDefault();
              setChosen(NEW);
            }
          }}
        >
          New CMOC…
        </li>
      </ul>
      {chosen === NEW && (
        <div className="cmoc-pick-newform">
          <input
            autoFocus
            value={title}
            maxLength={200}
            placeholder="Title of the new CMOC"
            aria-label="New CMOC title"
            onChange={(e) => setTitle(e.target.value)}
          />
          <select
            value={conceptId ?? ''}
            aria-label="Theme of the new CMOC"
            onChange={(e) => setConceptId(e.target.value ? Number(e.target.value) : null)}
          >
            <option value="">No theme</option>
            {concepts.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="cmoc-pick-parts" role="group" aria-label="Add to part">
        <span className="muted small">Add to</span>
        {PARTS.map((p) => (
          <button
            key={p}
            type="button"
            className="small-button"
            disabled={!ready || busy}
            onClick={() => void add(p)}
          >
            {PART_LABEL[p]}
          </button>
        ))}
      </div>
      <div className="selection-form-actions">
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
