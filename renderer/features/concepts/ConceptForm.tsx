import { useShallow } from 'zustand/react/shallow';
import { useState, type FormEvent } from 'react';
import type { Concept } from '../../../electron/api/contract';
import { Dialog } from '../cases/Dialog';
import { ColourPalette, PALETTE } from '../codebook/ColourPalette';
import { conceptNameError, NAME_MAX } from './model';
import { selectConcepts, useConcepts } from './store';

/** A colour for a new concept that no column uses yet, so columns stay tellable apart. */
function freshColour(concepts: Concept[]): string {
  const used = new Set(concepts.map((c) => c.color.toLowerCase()));
  return (PALETTE.find((p) => !used.has(p.hex)) ?? PALETTE[9]!).hex;
}

/**
 * New concept, or editing one (name, description, colour). A name that is empty or taken is
 * refused here with the reason, before anything is saved; the backend's own refusal shows the
 * same way.
 */
export function ConceptForm({
  concept,
  onClose,
  onCreated,
}: {
  concept?: Concept;
  onClose(): void;
  onCreated?(c: Concept): void;
}) {
  const concepts = useConcepts(useShallow(selectConcepts));
  const [name, setName] = useState(concept?.name ?? '');
  const [description, setDescription] = useState(concept?.description ?? '');
  const [color, setColor] = useState(() => concept?.color ?? freshColour(concepts));
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const problem = conceptNameError(name, concepts, concept?.id);
    if (problem) {
      setError(problem);
      return;
    }
    setSaving(true);
    const fields = { name: name.trim(), description: description.trim(), color };
    const s = useConcepts.getState();
    if (concept) {
      const refused = await s.update(concept.id, fields);
      setSaving(false);
      if (refused) setError(refused);
      else onClose();
    } else {
      const made = await s.create(fields);
      setSaving(false);
      if (typeof made === 'string') setError(made);
      else {
        onClose();
        onCreated?.(made);
      }
    }
  };

  const title = concept ? `Edit concept ‘${concept.name}’` : 'New concept';
  return (
    <Dialog label={title} onClose={onClose} className="concept-form-dialog">
      <form className="concept-form" onSubmit={(e) => void submit(e)} noValidate>
        <h2>{title}</h2>
        <label>
          Name
          <input
            value={name}
            maxLength={NAME_MAX + 50}
            aria-invalid={error !== null}
            aria-describedby={error ? 'concept-form-error' : undefined}
            onChange={(e) => {
              setName(e.target.value);
              setError(null);
            }}
            data-autofocus
          />
        </label>
        {error && (
          <p id="concept-form-error" className="concept-form-error" role="alert">
            {error}
          </p>
        )}
        <label>
          Description
          <textarea
            value={description}
            rows={4}
            placeholder="What ties these codes together?"
            onChange={(e) => setDescription(e.target.value)}
          />
        </label>
        <div className="concept-form-colour">
          <span>Colour</span>
          <ColourPalette value={color} onPick={setColor} />
        </div>
        <div className="modal-actions gap">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={saving}>
            {concept ? 'Save' : 'Create concept'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
