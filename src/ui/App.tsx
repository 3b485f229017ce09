import { AgreementPanel } from './AgreementPanel';
import { ControlsPanel } from './controls/ControlsPanel';
import { DriftPanel } from './DriftPanel';
import { ErrorBoundary } from './ErrorBoundary';
import { EtaWarning } from './EtaWarning';
import { Header } from './Header';
import { KernelLens } from './KernelLens';
import { LossPanel } from './LossPanel';
import { MainPanel } from './MainPanel';
import { RepairNotice } from './RepairNotice';
import { StatusLine } from './StatusLine';

export function App() {
  return (
    <div className="app">
      <Header />
      <RepairNotice />
      <div className="layout">
        <aside className="sidebar">
          <ErrorBoundary name="The controls">
            <ControlsPanel />
          </ErrorBoundary>
        </aside>
        <main className="main">
          <StatusLine />
          <EtaWarning />
          <ErrorBoundary name="The main plot">
            <MainPanel />
          </ErrorBoundary>
          <ErrorBoundary name="The agreement panel">
            <AgreementPanel />
          </ErrorBoundary>
          <ErrorBoundary name="The loss plot">
            <LossPanel />
          </ErrorBoundary>
          <ErrorBoundary name="The kernel lens">
            <KernelLens />
          </ErrorBoundary>
          <ErrorBoundary name="The drift sweep">
            <DriftPanel />
          </ErrorBoundary>
          <footer className="app-footer">
            <p>
              Keys: <kbd>←</kbd> <kbd>→</kbd> step through time, <kbd>Space</kbd> play/pause,{' '}
              <kbd>Home</kbd> <kbd>End</kbd> jump to t = 0 / the end. The theory is exact for
              infinitely wide networks (Jacot et al. 2018; Lee et al. 2019), computed in your
              browser; the link reproduces this experiment.
            </p>
          </footer>
        </main>
      </div>
    </div>
  );
}
