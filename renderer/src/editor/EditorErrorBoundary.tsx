import { Component, type ErrorInfo, type ReactNode } from 'react';

type Props = { fallback: ReactNode; children: ReactNode; onError?: (error: Error) => void };
type State = { hasFailed: boolean };

/**
 * Shows `fallback` (a plain text area) when the rich-text editor throws while rendering, so a
 * secretary can keep writing instead of losing the screen.
 */
export class EditorErrorBoundary extends Component<Props, State> {
  override state: State = { hasFailed: false };

  static getDerivedStateFromError(): State {
    return { hasFailed: true };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(
      'Body editor failed; showing the plain text fallback.',
      error,
      info.componentStack,
    );
    this.props.onError?.(error);
  }

  override render(): ReactNode {
    return this.state.hasFailed ? this.props.fallback : this.props.children;
  }
}
