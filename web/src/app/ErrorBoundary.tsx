/** A page that throws shows a message and a retry button instead of a blank screen. */
import { Component, type ReactNode } from "react";
import { useMessages } from "../lib/i18n.tsx";
import messages from "./app.messages.ts";

function ErrorMessage({ onRetry }: { onRetry: () => void }) {
  const [m] = useMessages(messages);
  return (
    <main id="main" className="page narrow" role="alert">
      <h1>{m.errorTitle}</h1>
      <button type="button" className="button" onClick={onRetry}>{m.retry}</button>
    </main>
  );
}

export class ErrorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override render() {
    return this.state.failed ? <ErrorMessage onRetry={() => this.setState({ failed: false })} /> : this.props.children;
  }
}
