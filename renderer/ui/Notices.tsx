import { useNotices } from './notices';

export function Notices() {
  const notices = useNotices((s) => s.notices);
  return (
    <div className="notices" aria-live="polite">
      {notices.map((n) => (
        <div
          key={n.id}
          className={`notice ${n.kind}`}
          role={n.kind === 'error' ? 'alert' : 'status'}
        >
          <span>{n.text}</span>
          <button
            className="link"
            aria-label="Dismiss"
            onClick={() => useNotices.getState().dismiss(n.id)}
          >
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
