/**
 * The pages an e-mailed link opens (confirm a report, verify an address, follow or unfollow a
 * report): they read the token from the link, send it once, and say what happened.
 */
import { useEffect, useRef, useState, type ReactNode } from "react";
import { useMessages } from "../../lib/i18n.tsx";
import { useSession } from "../../lib/session.tsx";
import messages from "./account.messages.ts";

export function TokenActionPage<T>({ title, run, done }: { title: string; run: (token: string) => Promise<T>; done: (result: T) => ReactNode }) {
  const [m] = useMessages(messages);
  const token = new URLSearchParams(window.location.search).get("token");
  const [state, setState] = useState<{ result: T } | { failed: true } | null>(null);
  const started = useRef(false);
  // A signed-in visitor's POST needs the session's CSRF token: wait until the session is read.
  const { loading } = useSession();

  useEffect(() => {
    if (!token || loading || started.current) return;
    started.current = true;
    run(token).then((result) => setState({ result }), () => setState({ failed: true }));
  }, [token, run, loading]);

  return (
    <main id="main" className="page narrow">
      <h1>{title}</h1>
      <div role="status" aria-live="polite">
        {!token ? <p className="form-error">{m.missingToken}</p>
          : state === null ? <p>{m.working}</p>
            : "failed" in state ? <p className="form-error">{m.linkInvalid}</p>
              : done(state.result)}
      </div>
    </main>
  );
}
