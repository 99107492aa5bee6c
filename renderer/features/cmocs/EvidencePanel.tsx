import { PART_LABEL, evidenceOf, plural, type Column } from './model';
import { useCmocs } from './store';
import { EvidenceList } from './EvidenceList';

/** The quotes behind one cell of the table, with their attributions. */
export function EvidencePanel({ column }: { column: Column }) {
  const detail = useCmocs((s) => s.detail);
  if (!detail) return <p className="muted cmoc-panel">Opening the CMOC…</p>;
  const items = evidenceOf(detail.evidenceItems, column);
  return (
    <section
      className="cmoc-panel"
      aria-label={`Quotes for the ${column} of ${detail.title}`}
      data-testid="evidence-panel"
    >
      <h3>
        {PART_LABEL[column]} · {detail.title}
      </h3>
      <p className="muted small">{plural(items.length, 'quote')}</p>
      <EvidenceList
        items={items}
        showPart
        empty={`No quotes back this ${column} yet. Select a passage in a source and add it as evidence.`}
      />
    </section>
  );
}
