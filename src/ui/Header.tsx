import { useEffect } from 'react';
import { appStore, canExport, ensembleExport, useApp } from '../store';
import { copyText, currentLink, downloadExport } from './share';

/** App name, what it shows in one sentence, and the share actions. */
export function Header() {
  // both phases of the newest generation: the export holds the time series
  const exportable = useApp((s) => canExport(s.theory));
  const toast = useApp((s) => s.view.toast);
  const showToast = useApp((s) => s.showToast);
  useEffect(() => {
    if (!toast) return;
    const id = setTimeout(() => showToast(null), 2500);
    return () => clearTimeout(id);
  }, [toast, showToast]);

  const onCopy = async (): Promise<void> => {
    const ok = await copyText(currentLink(appStore.getState().params));
    showToast(ok ? 'Link copied' : 'Could not copy: use the address bar');
  };
  const onExport = (): void => {
    const { params, theory, ensemble } = appStore.getState();
    if (!canExport(theory) || !theory.payload || !theory.series) return;
    const name = downloadExport(params, theory.payload, theory.series, ensembleExport(ensemble));
    showToast(`Saved ${name}`);
  };

  return (
    <header className="app-header">
      <div className="brand">
        <svg className="logo" viewBox="0 0 32 32" width="36" height="36" aria-hidden="true">
          <rect width="32" height="32" rx="7" fill="#0072B2" />
          <path d="M4 22 C10 22 11 8 16 8 S22 22 28 22" fill="none" stroke="#fff" strokeWidth="3" />
          <path
            d="M4 26 C10 26 12 14 16 14 S22 26 28 26"
            fill="none"
            stroke="#E69F00"
            strokeWidth="2.4"
            strokeDasharray="3 2.4"
          />
        </svg>
        <div>
          <h1>NTK Playground</h1>
          <p className="tagline">
            Infinitely wide neural networks, exactly: the random functions they start from (the NNGP
            prior) and how full-batch gradient descent moves them towards the data (the neural
            tangent kernel dynamics).
          </p>
        </div>
      </div>
      <div className="header-actions">
        <button type="button" className="btn" data-testid="copy-link" onClick={() => void onCopy()}>
          Copy link
        </button>
        <button
          type="button"
          className="btn btn-primary"
          data-testid="export-json"
          onClick={onExport}
          disabled={!exportable}
        >
          Export JSON
        </button>
        <span className="toast" role="status" aria-live="polite">
          {toast ?? ''}
        </span>
      </div>
    </header>
  );
}
