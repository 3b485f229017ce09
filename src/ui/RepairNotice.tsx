import { formatRepair } from '../params/url';
import { useApp } from '../store';

/** What loading the link had to change, one sentence each; dismissible. */
export function RepairNotice() {
  const repairs = useApp((s) => s.repairs);
  const dismiss = useApp((s) => s.dismissRepairs);
  if (repairs.length === 0) return null;
  return (
    <div className="banner banner-info" data-testid="repair-notice" role="status">
      <div>
        <strong>The link needed {repairs.length === 1 ? 'a fix' : 'some fixes'}:</strong>
        <ul>
          {repairs.map((r, i) => (
            <li key={i}>{formatRepair(r)}</li>
          ))}
        </ul>
      </div>
      <button
        type="button"
        className="btn btn-small"
        data-testid="repair-dismiss"
        onClick={dismiss}
        aria-label="Dismiss the link repairs"
      >
        Dismiss
      </button>
    </div>
  );
}
