import { useState } from 'react';
import type { Point } from './geometry';

interface Props {
  /** Where to show it, in the board's pixels (its top centre). */
  at: Point;
  title: string;
  initial: string;
  /** The Save button's words (e.g. "Link" for a new link). */
  action: string;
  onSubmit(label: string): void;
  onCancel(): void;
}

const MAX = 200;

/** A small form over the canvas for a link's label: Enter saves, Escape leaves it as it was. */
export function LabelEditor({ at, title, initial, action, onSubmit, onCancel }: Props) {
  const [text, setText] = useState(initial);
  const tooLong = text.trim().length > MAX;
  return (
    <form
      className="theory-label-editor"
      aria-label={title}
      style={{ left: at.x, top: at.y }}
      onSubmit={(e) => {
        e.preventDefault();
        if (!tooLong) onSubmit(text.trim());
      }}
      onKeyDown={(e) => {
        // Keys typed here are the label's, not the canvas's shortcuts.
        e.stopPropagation();
        if (e.key === 'Escape') onCancel();
      }}
      onPointerDown={(e) => e.stopPropagation()}
    >
      <label>
        <span>{title}</span>
        <input
          autoFocus
          value={text}
          placeholder="e.g. leads to, strengthens"
          aria-invalid={tooLong}
          onChange={(e) => setText(e.target.value)}
        />
      </label>
      {tooLong && <span className="theory-error">At most {MAX} characters.</span>}
      <div className="theory-label-actions">
        <button type="submit" className="primary" disabled={tooLong}>
          {action}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
