/** Sending a form: busy while it runs, the server's problem kept for the fields and the form. */
import { useState } from "react";
import { ApiError } from "../../lib/api.ts";

export function useSubmit<T>(action: () => Promise<T>) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | Error | null>(null);
  const [result, setResult] = useState<T | null>(null);
  const submit = async (e?: { preventDefault(): void }) => {
    e?.preventDefault();
    setBusy(true);
    setError(null);
    try {
      setResult(await action());
    } catch (err) {
      setError(err as Error);
    } finally {
      setBusy(false);
    }
  };
  const fieldError = (field: string) => (error instanceof ApiError ? error.messageFor(field) : undefined);
  /** A message for the whole form when no field was named. */
  const formError = error && !(error instanceof ApiError && error.fields.length) ? error.message : undefined;
  return { busy, error, result, submit, fieldError, formError };
}
