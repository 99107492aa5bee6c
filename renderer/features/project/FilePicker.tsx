import { useEffect, useState } from 'react';
import type { DirListing } from '../../../electron/api/contract';
import { call } from '../../lib/api';
import { reportError } from '../../ui/notices';
import { useProject } from './store';

/**
 * Browser mode has no native file dialogs, so Weft shows its own: browse folders on this
 * computer, then name a new project or pick an existing one. The desktop app uses native ones.
 */
export function FilePicker() {
  const mode = useProject((s) => s.picker);
  if (mode !== 'new' && mode !== 'open') return null;
  return <PickerDialog key={mode} mode={mode} />;
}

function PickerDialog({ mode }: { mode: 'new' | 'open' }) {
  const [listing, setListing] = useState<DirListing | null>(null);
  const [fileName, setFileName] = useState('Untitled.weft');
  const [typed, setTyped] = useState('');

  useEffect(() => {
    call('fs.list', {})
      .then((l) => {
        setListing(l);
        setTyped(l.dir);
      })
      .catch(reportError);
  }, []);

  const go = (dir: string) =>
    call('fs.list', { dir })
      .then((l) => {
        setListing(l);
        setTyped(l.dir);
      })
      .catch(reportError);
  const sep = listing?.dir.includes('\\') ? '\\' : '/';
  const join = (name: string) => `${listing!.dir.replace(/[\\/]$/, '')}${sep}${name}`;
  const close = () => useProject.getState().showPicker(null);

  return (
    <div
      className="modal-backdrop"
      role="presentation"
      onKeyDown={(e) => e.key === 'Escape' && close()}
    >
      <div
        className="modal"
        role="dialog"
        aria-modal="true"
        aria-label={mode === 'new' ? 'New project' : 'Open project'}
      >
        <h2>{mode === 'new' ? 'New project' : 'Open project'}</h2>
        <form
          className="path-row"
          onSubmit={(e) => {
            e.preventDefault();
            void go(typed);
          }}
        >
          <input aria-label="Folder" value={typed} onChange={(e) => setTyped(e.target.value)} />
          <button type="submit">Go</button>
        </form>
        <ul className="picker-list" aria-label="Folder contents">
          {listing?.parent && (
            <li>
              <button className="row" onClick={() => void go(listing.parent!)}>
                ⬑ ..
              </button>
            </li>
          )}
          {listing?.entries
            .filter((e) => e.kind === 'dir' || /\.weft$/i.test(e.name))
            .map((e) => (
              <li key={e.name}>
                <button
                  className="row"
                  onClick={() => {
                    if (e.kind === 'dir') void go(join(e.name));
                    else if (mode === 'open') void useProject.getState().open(join(e.name));
                    else setFileName(e.name);
                  }}
                >
                  {e.kind === 'dir' ? '📁' : '📄'} {e.name}
                </button>
              </li>
            ))}
        </ul>
        {mode === 'new' && (
          <form
            className="path-row"
            onSubmit={(e) => {
              e.preventDefault();
              if (listing && fileName.trim())
                void useProject.getState().create(join(fileName.trim()));
            }}
          >
            <input
              aria-label="Project file name"
              value={fileName}
              onChange={(e) => setFileName(e.target.value)}
              autoFocus
            />
            <button type="submit" className="primary">
              Create
            </button>
          </form>
        )}
        <div className="modal-actions">
          <button onClick={close}>Cancel</button>
        </div>
      </div>
    </div>
  );
}
