import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useProject } from '../project/store';
import { initialsOf, useTeam } from './store';
import { notify } from '../../ui/notices';
import './team.css';

/**
 * The current coder's badge in the top bar. Every coding records who made it, so the badge is
 * always in sight; clicking it changes the name and initials used in this project.
 */
export function CoderChooser() {
  const path = useProject((s) => s.project?.path);
  const coder = useTeam((s) => s.coder);
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    useTeam.getState().reset();
    if (path) void useTeam.getState().load();
  }, [path]);

  // Clicking elsewhere or pressing Escape closes the popover.
  useEffect(() => {
    if (!open) return;
    const away = (e: MouseEvent) => {
      if (box.current && !box.current.contains(e.target as Node)) setOpen(false);
    };
    const key = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setOpen(false);
    };
    document.addEventListener('mousedown', away);
    document.addEventListener('keydown', key);
    return () => {
      document.removeEventListener('mousedown', away);
      document.removeEventListener('keydown', key);
    };
  }, [open]);

  const initials = coder ? coder.initials || initialsOf(coder.name) : '…';
  return (
    <div className="coder-chooser" ref={box}>
      <button
        className={`coder-badge ${initials.length > 2 ? 'long' : ''}`}
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-label={coder ? `Coder: ${coder.name}` : 'Coder'}
        title={coder ? `Coding as ${coder.name}` : 'Who is coding'}
        onClick={() => {
          if (!open) void useTeam.getState().load();
          setOpen(!open);
        }}
      >
        {initials}
      </button>
      {open && coder && <CoderPopover onDone={() => setOpen(false)} />}
    </div>
  );
}

function CoderPopover({ onDone }: { onDone(): void }) {
  const coder = useTeam((s) => s.coder)!;
  const coders = useTeam((s) => s.coders);
  const [name, setName] = useState(coder.name);
  const [initials, setInitials] = useState(coder.initials);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const n = name.trim();
    if (!n) return;
    setBusy(true);
    const ok = await useTeam
      .getState()
      .setCoder({ name: n, ...(initials.trim() ? { initials: initials.trim() } : {}) });
    setBusy(false);
    if (ok) {
      notify(`You are coding as ${n} in this project.`);
      onDone();
    }
  }

  return (
    <div className="coder-popover" role="dialog" aria-label="Who is coding">
      <form onSubmit={(e) => void submit(e)}>
        <h3>Who is coding</h3>
        <p className="muted small">Kept on this computer, for this project only.</p>
        <div className="coder-fields">
          <label>
            Name
            <input
              autoFocus
              value={name}
              maxLength={200}
              onChange={(e) => setName(e.target.value)}
              aria-label="Coder name"
            />
          </label>
          <label className="coder-initials">
            Initials
            <input
              value={initials}
              maxLength={4}
              placeholder={initialsOf(name)}
              onChange={(e) => setInitials(e.target.value)}
              aria-label="Coder initials"
            />
          </label>
        </div>
        <div className="coder-actions">
          <button type="button" onClick={onDone}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={!name.trim() || busy}>
            Save
          </button>
        </div>
      </form>
      <h4>Coders in this project</h4>
      {coder.id === null && (
        <p className="muted small">{coder.name} has not coded in this project yet.</p>
      )}
      {coders.length === 0 ? (
        <p className="muted small">Nobody has coded yet.</p>
      ) : (
        <ul className="coder-list" aria-label="Coders in this project">
          {coders.map((c) => (
            <li key={c.id} className={c.id === coder.id ? 'me' : ''}>
              <span
                className={`coder-badge small ${(c.initials || initialsOf(c.name)).length > 2 ? 'long' : ''}`}
                aria-hidden
              >
                {c.initials || initialsOf(c.name)}
              </span>
              <span className="name">{c.name}</span>
              <span className="count" aria-label={`${c.codings} codings`}>
                {c.codings}
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
