import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ReportFilter } from '../../../electron/api/contract';
import { reportError } from '../../ui/notices';
import { Dialog } from '../cases/Dialog';
import { selectCodes, useCodebook } from '../codebook/store';
import { selectSources, useSources } from '../sources/store';
import { REPORT_NAMES } from './ExchangeMenu';
import { loadReportChoices, useExchange, type ExcerptFormat, type ReportChoices } from './store';

const ALL = '';

/** Coded excerpts by code, with attributions, filtered by code, source, case attribute, coder. */
export function ExcerptsReportDialog() {
  const codes = useCodebook(useShallow(selectCodes));
  const sources = useSources(useShallow(selectSources));
  const busy = useExchange((s) => s.busy);
  const [choices, setChoices] = useState<ReportChoices | null>(null);
  const [format, setFormat] = useState<ExcerptFormat>('docx');
  const [code, setCode] = useState(ALL);
  const [children, setChildren] = useState(true);
  const [source, setSource] = useState(ALL);
  const [attribute, setAttribute] = useState(ALL);
  const [value, setValue] = useState(ALL);
  const [coder, setCoder] = useState(ALL);
  useEffect(() => {
    let live = true;
    loadReportChoices().then(
      (c) => live && setChoices(c),
      (e: unknown) => reportError(e),
    );
    return () => {
      live = false;
    };
  }, []);
  const close = () => useExchange.getState().showExcerptsDialog(false);
  const attr = choices?.attributes.find((a) => String(a.id) === attribute);
  const filter: ReportFilter = {
    ...(code !== ALL && { codeIds: [Number(code)], includeChildren: children }),
    ...(source !== ALL && { sourceIds: [Number(source)] }),
    ...(attr && value !== ALL && { attribute: { attributeId: attr.id, values: [value] } }),
    ...(coder !== ALL && { coderIds: [Number(coder)] }),
  };
  return (
    <Dialog label="Coded excerpts report" onClose={close} className="excerpts-report">
      <h2>Coded excerpts report</h2>
      <p className="muted">Each code’s excerpts with their attributions, in codebook order.</p>
      <form
        className="report-form"
        onSubmit={(e) => {
          e.preventDefault();
          void useExchange.getState().excerptsReport(format, filter);
        }}
      >
        <label>
          Code
          <select value={code} onChange={(e) => setCode(e.target.value)} data-autofocus>
            <option value={ALL}>All codes</option>
            {codes.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={children}
            disabled={code === ALL}
            onChange={(e) => setChildren(e.target.checked)}
          />
          Include child codes
        </label>
        <label>
          Source
          <select value={source} onChange={(e) => setSource(e.target.value)}>
            <option value={ALL}>All sources</option>
            {sources.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Case attribute
          <select
            value={attribute}
            onChange={(e) => {
              setAttribute(e.target.value);
              setValue(ALL);
            }}
          >
            <option value={ALL}>Any case</option>
            {choices?.attributes.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </label>
        {attr && (
          <label>
            Value of {attr.name}
            <select value={value} onChange={(e) => setValue(e.target.value)}>
              <option value={ALL}>Any value</option>
              {attr.values.map((v) => (
                <option key={v} value={v}>
                  {v}
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          Coder
          <select value={coder} onChange={(e) => setCoder(e.target.value)}>
            <option value={ALL}>Every coder</option>
            {choices?.coders.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <fieldset>
          <legend>Format</legend>
          {(['docx', 'xlsx', 'csv'] as const).map((f) => (
            <label key={f} className="check">
              <input
                type="radio"
                name="report-format"
                checked={format === f}
                onChange={() => setFormat(f)}
              />
              {REPORT_NAMES[f]}
            </label>
          ))}
        </fieldset>
        <div className="modal-actions gap">
          <button type="button" onClick={close}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy !== null}>
            Write report
          </button>
        </div>
      </form>
    </Dialog>
  );
}
