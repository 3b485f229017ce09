import { Component } from 'react';
import type { ErrorInfo, ReactNode } from 'react';

interface Props {
  /** what failed, e.g. "The main plot" */
  name: string;
  children: ReactNode;
}

interface State {
  error: Error | null;
}

/** A panel that throws shows a plain message instead of blanking the page. */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(`${this.props.name} failed`, error, info.componentStack);
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div className="panel-error" role="alert">
        <strong>{this.props.name} could not be drawn.</strong> {error.message}{' '}
        <button
          type="button"
          className="btn btn-small"
          onClick={() => this.setState({ error: null })}
        >
          Try again
        </button>
      </div>
    );
  }
}
