import { useRef } from 'react';
import { bridge } from '../../lib/api';
import { useExchange, type ImportKind } from './store';

const ACCEPT: Record<ImportKind, string> = {
  'qdpx-merge': '.qdpx,.qde',
  'qdpx-new': '.qdpx,.qde',
  qdc: '.qdc',
};

/**
 * The top bar's Exchange menu: REFI-QDA projects and codebooks in and out (NVivo, ATLAS.ti,
 * MAXQDA, QualCoder, Taguette), and reports of the codebook and of coded excerpts.
 */
export function ExchangeMenu() {
  const busy = useExchange((s) => s.busy);
  const menu = useRef<HTMLDetailsElement>(null);
  const inputs = useRef<Partial<Record<ImportKind, HTMLInputElement | null>>>({});
  const close = () => menu.current?.removeAttribute('open');
  const run = (action: () => void) => {
    close();
    action();
  };
  const choose = (kind: ImportKind) =>
    run(() => {
      if (bridge.mode === 'electron') void useExchange.getState().importNative(kind);
      else inputs.current[kind]?.click();
    });
  const s = useExchange.getState();
  return (
    <details className="top-menu exchange-menu" ref={menu}>
      <summary aria-disabled={busy !== null}>Exchange</summary>
      <ul aria-label="Exchange">
        <li className="menu-heading">REFI-QDA (NVivo, ATLAS.ti, MAXQDA, QualCoder)</li>
        <li>
          <button disabled={busy !== null} onClick={() => run(() => void s.exportProject('qdpx'))}>
            Export project as QDPX…
          </button>
        </li>
        <li>
          <button disabled={busy !== null} onClick={() => choose('qdpx-merge')}>
            Import QDPX into this project…
          </button>
        </li>
        <li>
          <button disabled={busy !== null} onClick={() => choose('qdpx-new')}>
            Import QDPX as a new project…
          </button>
        </li>
        <li>
          <button disabled={busy !== null} onClick={() => run(() => void s.exportProject('qdc'))}>
            Export codebook as QDC…
          </button>
        </li>
        <li>
          <button disabled={busy !== null} onClick={() => choose('qdc')}>
            Import codebook (QDC)…
          </button>
        </li>
        <li className="menu-heading">Reports</li>
        {(['docx', 'xlsx', 'csv', 'md'] as const).map((f) => (
          <li key={f}>
            <button disabled={busy !== null} onClick={() => run(() => void s.codebookReport(f))}>
              Codebook report ({REPORT_NAMES[f]})
            </button>
          </li>
        ))}
        <li>
          <button disabled={busy !== null} onClick={() => run(() => s.showExcerptsDialog(true))}>
            Coded excerpts report…
          </button>
        </li>
      </ul>
      {(Object.keys(ACCEPT) as ImportKind[]).map((kind) => (
        <input
          key={kind}
          type="file"
          hidden
          accept={ACCEPT[kind]}
          data-testid={`exchange-input-${kind}`}
          ref={(el) => {
            inputs.current[kind] = el;
          }}
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            e.currentTarget.value = '';
            if (file) void useExchange.getState().importFile(kind, file);
          }}
        />
      ))}
    </details>
  );
}

export const REPORT_NAMES = { docx: 'Word', xlsx: 'Excel', csv: 'CSV', md: 'Markdown' } as const;
