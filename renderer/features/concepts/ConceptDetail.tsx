import { useState } from 'react';
import type { ConceptView, Excerpt } from '../../../electron/api/contract';
import { notify, reportError } from '../../ui/notices';
import { useCodebook } from '../codebook/store';
import { openPassage } from '../retrieval/open';
import { copyText, quoteOf } from '../retrieval/quote';
import { AttributeCounts } from './AttributeCounts';
import { excerptTotal, plural } from './model';
import { useConcepts } from './store';

/** Excerpts drawn at first per code; a big group shows the rest on request. */
export const GROUP_PAGE = 50;

/** A concept's view: every excerpt under its codes, grouped by code, and counts by attribute. */
export function ConceptDetail({ id }: { id: number }) {
  const concept = useConcepts((s) => s.byId[id]);
  const view = useConcepts((s) => (s.view?.concept.id === id ? s.view : null));
  const shown = view?.concept ?? concept;

  return (
    <div className="concept-detail">
      <header className="concept-detail-head" style={{ borderLeftColor: shown?.color }}>
        <button className="concept-back" onClick={() => useConcepts.getState().open(null)}>
          ← All concepts
        </button>
        <h2>
          <span className="swatch big" style={{ background: shown?.color }} />
          {shown?.name ?? 'Concept'}
        </h2>
        {shown?.description && <p className="concept-detail-description">{shown.description}</p>}
        <p className="muted" data-testid="concept-summary">
          {view
            ? `${plural(excerptTotal(view), 'excerpt')} under ${plural(view.groups.length, 'code')}`
            : 'Finding its excerpts…'}
        </p>
      </header>
      {view && (
        <div className="concept-detail-body">
          <main className="concept-groups" aria-label="Excerpts by code">
            {view.groups.length === 0 && (
              <p className="empty">
                This concept has no codes yet. Go back to the board and drag codes into it.
              </p>
            )}
            {view.groups.map((g) => (
              <ExcerptGroup key={g.codeId} group={g} />
            ))}
          </main>
          <AttributeCounts view={view} />
        </div>
      )}
    </div>
  );
}

type Group = ConceptView['groups'][number];

function ExcerptGroup({ group }: { group: Group }) {
  const color = useCodebook((s) => s.byId[group.codeId]?.color);
  const [open, setOpen] = useState(true);
  const [all, setAll] = useState(false);
  const n = group.excerpts.length;
  const drawn = all ? group.excerpts : group.excerpts.slice(0, GROUP_PAGE);
  return (
    <section className="concept-group" aria-label={group.codeName}>
      <h3>
        <button className="link-like" aria-expanded={open} onClick={() => setOpen(!open)}>
          <span className="fold" aria-hidden>
            {open ? '▾' : '▸'}
          </span>
          <span className="swatch" style={{ background: color }} />
          {group.codeName}
        </button>
        <span className="group-count muted small" data-testid="group-count">
          {plural(n, 'excerpt')}
        </span>
      </h3>
      {open && n === 0 && <p className="muted small group-empty">No passages coded yet.</p>}
      {open && n > 0 && (
        <ol className="concept-excerpts" aria-label={`Excerpts of ${group.codeName}`}>
          {drawn.map((e) => (
            <ExcerptCard key={e.codingId} e={e} color={color} />
          ))}
        </ol>
      )}
      {open && !all && n > GROUP_PAGE && (
        <button className="show-all" onClick={() => setAll(true)}>
          Show all {n} excerpts
        </button>
      )}
    </section>
  );
}

function ExcerptCard({ e, color }: { e: Excerpt; color: string | undefined }) {
  return (
    <li className="concept-excerpt" aria-label={`Excerpt from ${e.sourceName}`}>
      <blockquote style={{ borderColor: color }}>{e.text}</blockquote>
      <div className="concept-excerpt-foot">
        <span className="concept-excerpt-attribution" data-testid="excerpt-attribution">
          {e.attribution || e.sourceName}
        </span>
        <span className="spacer" />
        <button className="small-button" onClick={() => openPassage(e)}>
          Open in source
        </button>
        <button
          className="small-button"
          onClick={() =>
            void copyText(quoteOf(e)).then((ok) =>
              ok
                ? notify('Quote copied.')
                : reportError(
                    new Error('The clipboard could not be reached. Select the text and copy it.'),
                  ),
            )
          }
        >
          Copy quote
        </button>
      </div>
    </li>
  );
}
