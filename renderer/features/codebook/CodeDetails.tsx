import { useState, type FormEvent } from 'react';
import type { Code } from '../../../electron/api/contract';
import { Dialog } from '../cases/Dialog';
import { ColourPalette } from './ColourPalette';
import { useCodebook } from './store';
import { pathOf } from './tree';

type Origin = Code['origin'];

const FIELDS = [
  ['description', 'Definition', 'What the code means in this study.'],
  ['inclusion', 'Inclusion criteria', 'Code a passage with it when…'],
  ['exclusion', 'Exclusion criteria', 'Do not use it when… (and which code to use instead)'],
  ['example', 'Example', 'A typical passage, in the participant’s words.'],
] as const;

type Field = (typeof FIELDS)[number][0];

/** The codebook entry: name, colour, definition, criteria, example and where the code came from. */
export function CodeDetails({ code, onClose }: { code: Code; onClose(): void }) {
  const byId = useCodebook((s) => s.byId);
  const [name, setName] = useState(code.name);
  const [color, setColor] = useState(code.color);
  const [origin, setOrigin] = useState<Origin>(code.origin);
  const [text, setText] = useState<Record<Field, string>>({
    description: code.description,
    inclusion: code.inclusion,
    exclusion: code.exclusion,
    example: code.example,
  });
  const [saving, setSaving] = useState(false);
  const parent = code.parentId === null ? null : pathOf(byId, code.parentId);

  async function save(e: FormEvent) {
    e.preventDefault();
    if (!name.trim()) return;
    setSaving(true);
    const ok = await useCodebook
      .getState()
      .update(code.id, { name: name.trim(), color, origin, ...text });
    setSaving(false);
    if (ok) onClose();
  }

  return (
    <Dialog label={`Details of ${code.name}`} onClose={onClose} className="code-details">
      <form onSubmit={(e) => void save(e)}>
        <h2>
          <span className="swatch big" style={{ background: color }} /> {code.name}
        </h2>
        {parent && <p className="muted small details-path">In {parent}</p>}
        <div className="details-grid">
          <label>
            <span>Name</span>
            <input
              value={name}
              maxLength={200}
              required
              onChange={(e) => setName(e.target.value)}
              data-autofocus
            />
          </label>
          <fieldset className="origin">
            <legend>Origin</legend>
            {(
              [
                ['', 'Not said'],
                ['deductive', 'Deductive (from the framework)'],
                ['inductive', 'Inductive (from the data)'],
              ] as const
            ).map(([value, label]) => (
              <label key={value}>
                <input
                  type="radio"
                  name="origin"
                  checked={origin === value}
                  onChange={() => setOrigin(value)}
                />
                {label}
              </label>
            ))}
          </fieldset>
          {FIELDS.map(([key, label, hint]) => (
            <label key={key}>
              <span>{label}</span>
              <textarea
                value={text[key]}
                placeholder={hint}
                maxLength={20_000}
                rows={key === 'description' ? 3 : 2}
                onChange={(e) => setText({ ...text, [key]: e.target.value })}
              />
            </label>
          ))}
          <div className="details-colour">
            <span>Colour</span>
            <ColourPalette value={color} onPick={setColor} />
          </div>
        </div>
        <div className="modal-actions gap">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={saving || !name.trim()}>
            Save
          </button>
        </div>
      </form>
    </Dialog>
  );
}
