import { useState } from 'react';
import type { Attribute } from '../../../electron/api/contract-cases';
import { ConfirmDialog, Dialog } from './Dialog';
import { ATTRIBUTE_TYPES, plural, type AttributeType, type Owner } from './model';
import { useCases } from './store';

/**
 * Adds an attribute (a grid column) with its type, or renames, retypes or deletes one.
 * Changing the type converts every value; the server refuses if one would not convert.
 */
export function AttributeDialog({
  owner,
  ownerLabel,
  attribute,
  valueCount = 0,
  onClose,
}: {
  owner: Owner;
  /** What the attribute describes, for the title: "Person", "sources". */
  ownerLabel: string;
  attribute: Attribute | null;
  /** How many rows hold a value for the attribute (what deleting it loses). */
  valueCount?: number;
  onClose(): void;
}) {
  const [name, setName] = useState(attribute?.name ?? '');
  const [type, setType] = useState<AttributeType>(attribute?.type ?? 'text');
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const title = attribute ? `Attribute ${attribute.name}` : `New attribute of ${ownerLabel}`;

  const save = async () => {
    const clean = name.trim();
    if (!clean || busy) return;
    setBusy(true);
    const store = useCases.getState();
    let ok: boolean;
    if (!attribute) ok = (await store.createAttribute(owner, clean, type)) !== null;
    else {
      const change: { name?: string; type?: AttributeType } = {};
      if (clean !== attribute.name) change.name = clean;
      if (type !== attribute.type) change.type = type;
      ok = Object.keys(change).length ? await store.updateAttribute(attribute.id, change) : true;
    }
    setBusy(false);
    if (ok) onClose();
  };

  if (confirming && attribute)
    return (
      <ConfirmDialog
        title={`Delete the attribute ${attribute.name}?`}
        confirmLabel="Delete attribute"
        message={
          <p>
            {valueCount
              ? `${plural(valueCount, owner === 'case' ? 'case' : 'source')} will lose ${valueCount === 1 ? 'its' : 'their'} ${attribute.name} value${valueCount === 1 ? '' : 's'}.`
              : `No ${owner === 'case' ? 'case' : 'source'} has a value for ${attribute.name} yet.`}
          </p>
        }
        onCancel={() => setConfirming(false)}
        onConfirm={() => {
          onClose();
          void useCases.getState().deleteAttribute(attribute.id);
        }}
      />
    );

  return (
    <Dialog label={title} onClose={onClose}>
      <h2>{title}</h2>
      <form
        className="attribute-form"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <label>
          Name
          <input
            aria-label="Attribute name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            data-autofocus
          />
        </label>
        <label>
          Type
          <select
            aria-label="Attribute type"
            value={type}
            onChange={(e) => setType(e.target.value as AttributeType)}
          >
            {ATTRIBUTE_TYPES.map((t) => (
              <option key={t.type} value={t.type}>
                {t.label}
              </option>
            ))}
          </select>
        </label>
        {attribute && type !== attribute.type && (
          <p className="muted small">
            Every value is converted to the new type. If one cannot be (say, “about forty” as a
            number), nothing changes and Weft names the values to fix.
          </p>
        )}
        <div className="modal-actions gap">
          {attribute && (
            <button type="button" className="danger-text" onClick={() => setConfirming(true)}>
              Delete attribute…
            </button>
          )}
          <span className="spacer" />
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={!name.trim() || busy}>
            {attribute ? 'Save' : 'Add attribute'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
