import { memo, useEffect, useState } from 'react';
import type { Excerpt } from '../../../electron/api/contract';
import { useRetrieval } from './store';
import { useCodebook } from '../codebook/store';
import { useSources } from '../sources/store';
import { useTeam } from '../team/store';
import { notify, reportError } from '../../ui/notices';
import { copyText, cutAfter, cutBefore, quoteOf, quotesOf } from './quote';
import { openPassage } from './open';
import { AttributionSettings } from './AttributionSettings';
import './retrieval.css';

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const shortDate = (iso: string) => {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : dateFormat.format(d);
};

/** Context across paragraphs keeps its line breaks, but not the blank lines between them. */
const oneBreak = (s: string) => (s.includes('\n') ? s.replace(/\s*\n\s*/g, '\n') : s);

async function copy(text: string, what: string) {
  if (await copyText(text)) notify(`${what} copied.`);
  else reportError(new Error('The clipboard could not be reached. Select the text and copy it.'));
}

/** A code's excerpts, with context and attributions, ready to quote or to open in their source. */
export function ExcerptList() {
  const codeId = useRetrieval((s) => s.codeId);
  const excerpts = useRetrieval((s) => s.excerpts);
  const loading = useRetrieval((s) => s.loading);
  const descendants = useRetrieval((s) => s.descendants);
  const coderIds = useRetrieval((s) => s.coderIds);
  const code = useCodebook((s) => (codeId === null ? undefined : s.byId[codeId]));
  const hasChildren = useCodebook((s) => s.order.some((id) => s.byId[id]?.parentId === codeId));
  const coders = useTeam((s) => s.coders);
  const [settingsOpen, setSettingsOpen] = useState(false);
  // Someone may have started coding since: the coder filter offers everyone who has.
  useEffect(() => {
    if (codeId !== null) void useTeam.getState().loadCoders();
  }, [codeId]);
  if (codeId === null || !code) return null;

  const sourceCount = new Set(excerpts.map((e) => e.sourceId)).size;
  const coder = coderIds[0];
  return (
    <div className="excerpts" data-testid="excerpts">
      <header className="excerpts-head">
        <h2>
          <span className="swatch big" style={{ background: code.color }} /> {code.name}
        </h2>
        {code.description && <p className="excerpts-definition">{code.description}</p>}
        <p className="reader-meta" data-testid="excerpt-count">
          {loading && excerpts.length === 0
            ? 'Finding its excerpts…'
            : `${excerpts.length} excerpt${excerpts.length === 1 ? '' : 's'} from ${sourceCount} source${sourceCount === 1 ? '' : 's'}`}
          {hasChildren && !descendants && code.totalCodings > code.codings
            ? ` · ${code.totalCodings} with its child codes`
            : ''}
        </p>
        <div className="excerpt-options">
          <label title={hasChildren ? '' : 'This code has no child codes'}>
            <input
              type="checkbox"
              checked={descendants}
              disabled={!hasChildren}
              onChange={(e) => void useRetrieval.getState().setDescendants(e.target.checked)}
            />
            Include child codes
          </label>
          <label>
            Coded by
            <select
              value={coder ?? ''}
              onChange={(e) =>
                void useRetrieval
                  .getState()
                  .setCoders(e.target.value ? [Number(e.target.value)] : [])
              }
            >
              <option value="">Everyone</option>
              {coders.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
          <span className="spacer" />
          <button
            aria-expanded={settingsOpen}
            onClick={() => setSettingsOpen(!settingsOpen)}
            title="How each quote is attributed"
          >
            Attribution…
          </button>
          <button
            disabled={excerpts.length === 0}
            onClick={() =>
              void copy(
                quotesOf(excerpts),
                `${excerpts.length} quote${excerpts.length === 1 ? '' : 's'}`,
              )
            }
          >
            Copy all
          </button>
        </div>
        {settingsOpen && (
          <AttributionSettings first={excerpts[0]} onClose={() => setSettingsOpen(false)} />
        )}
      </header>
      {!loading && excerpts.length === 0 && (
        <p className="empty">
          {coderIds.length
            ? 'This coder has coded no passages with this code.'
            : 'No passages are coded with this code yet.'}
        </p>
      )}
      <ol className="excerpt-list" aria-label="Excerpts">
        {excerpts.map((e) => (
          <ExcerptRow key={e.codingId} e={e} ownCode={e.codeId === codeId} />
        ))}
      </ol>
    </div>
  );
}

/** One excerpt. Memoised: the list re-renders rows only when their excerpt changes. */
const ExcerptRow = memo(function ExcerptRow({ e, ownCode }: { e: Excerpt; ownCode: boolean }) {
  const color = useCodebook((s) => s.byId[e.codeId]?.color);
  const textLength = useSources((s) => s.byId[e.sourceId]?.length);
  return (
    <li className="excerpt-card" aria-label={`Excerpt from ${e.sourceName}`}>
      <div className="excerpt-top">
        <span className="excerpt-source">{e.sourceName}</span>
        {!ownCode && (
          <span className="excerpt-code">
            <span className="swatch" style={{ background: color }} />
            {e.codeName}
          </span>
        )}
        <span className="muted small excerpt-by">
          {e.coder}
          {e.createdAt ? ` · ${shortDate(e.createdAt)}` : ''}
        </span>
      </div>
      <blockquote className="excerpt-quote" style={{ borderColor: color }}>
        {e.before && (
          <span className="excerpt-context">
            {cutBefore(e) ? '…' : ''}
            {oneBreak(e.before)}
          </span>
        )}
        <span
          className="excerpt-passage"
          data-testid="excerpt-passage"
          role="button"
          tabIndex={0}
          title="Open in source"
          onClick={() => {
            // Selecting words to copy them is not a request to open the source.
            if (!window.getSelection()?.isCollapsed) return;
            openPassage(e);
          }}
          onKeyDown={(k) => {
            if (k.key === 'Enter') openPassage(e);
          }}
        >
          {e.text}
        </span>
        {e.after && (
          <span className="excerpt-context">
            {oneBreak(e.after)}
            {cutAfter(e, textLength) ? '…' : ''}
          </span>
        )}
      </blockquote>
      {e.attribution && (
        <div className="excerpt-attribution" data-testid="excerpt-attribution">
          {e.attribution}
        </div>
      )}
      <div className="excerpt-actions">
        <button onClick={() => openPassage(e)}>Open in source</button>
        <button onClick={() => void copy(quoteOf(e), 'Quote')}>Copy quote</button>
      </div>
    </li>
  );
});
