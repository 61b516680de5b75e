/**
 * A list of alerts with, for each, what it watches, how it arrives, how often (changed at once
 * with PATCH) and a stop button (DELETE). The signed-in citizen's own alerts, or — with the
 * signed token of the "all your alerts" link in every message — an address's, no account needed.
 */
import { useCallback, useEffect, useState } from "react";
import { Link } from "wouter";
import { api, ApiError, NetworkError } from "../../lib/api.ts";
import { useMessages } from "../../lib/i18n.tsx";
import type { Frequency, SubscriptionList, SubscriptionView } from "./alerts-types.ts";
import messages from "./alerts.messages.ts";

type State = { status: "loading" } | { status: "ready"; items: SubscriptionView[] } | { status: "failed"; error: Error };

export function MyAlerts({ token, reloadKey = 0, heading = true, onInvalidToken }: {
  /** The "all your alerts" link's token; without it, the signed-in account's alerts. */
  token?: string;
  /** Changed by the page to load the list again (an alert was just created). */
  reloadKey?: number;
  /** Its own "My alerts" heading; without it (the manage page) the page's heading names the list. */
  heading?: boolean;
  onInvalidToken?(): void;
}) {
  const [m, f] = useMessages(messages);
  const t = m.mine;
  const [state, setState] = useState<State>({ status: "loading" });
  const [said, setSaid] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const query = token ? `?token=${encodeURIComponent(token)}` : "";

  const load = useCallback(async () => {
    try {
      const { items } = await api<SubscriptionList>(`/api/subscriptions/mine${query}`);
      setState({ status: "ready", items });
    } catch (error) {
      if (token && error instanceof ApiError && error.status === 400) onInvalidToken?.();
      setState({ status: "failed", error: error as Error });
    }
  }, [query, token, onInvalidToken]);
  useEffect(() => { void load(); }, [load, reloadKey]);

  const reason = (err: unknown) => (err instanceof NetworkError ? m.offline : err instanceof ApiError ? err.title : (err as Error).message);
  const frequencyName = (x: Frequency) => m.frequencies[x];

  const change = async (s: SubscriptionView, frequency: Frequency) => {
    setBusy(s.id);
    setSaid(null);
    try {
      await api(`/api/subscriptions/mine/${s.id}${query}`, { method: "PATCH", json: { frequency } });
      setState((prev) => (prev.status === "ready" ? { ...prev, items: prev.items.map((x) => (x.id === s.id ? { ...x, frequency } : x)) } : prev));
      setSaid({ ok: true, text: f.fill(t.saved, { label: s.label, frequency: frequencyName(frequency) }) });
    } catch (err) {
      setSaid({ ok: false, text: f.fill(t.changeFailed, { reason: reason(err) }) });
    } finally {
      setBusy(null);
    }
  };

  const stop = async (s: SubscriptionView) => {
    setBusy(s.id);
    setSaid(null);
    try {
      await api(`/api/subscriptions/mine/${s.id}${query}`, { method: "DELETE" });
      setState((prev) => (prev.status === "ready" ? { ...prev, items: prev.items.filter((x) => x.id !== s.id) } : prev));
      setSaid({ ok: true, text: f.fill(t.stopped, { label: s.label }) });
    } catch (err) {
      setSaid({ ok: false, text: f.fill(t.changeFailed, { reason: reason(err) }) });
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="alerts-mine" {...(heading ? { "aria-labelledby": "alerts-mine-heading" } : { "aria-label": m.manage.title })}>
      {heading && <h2 id="alerts-mine-heading">{t.heading}</h2>}
      <p role="status" aria-live="polite" className={said && !said.ok ? "form-error" : "alerts-said"}>{said?.text ?? ""}</p>
      {state.status === "loading" ? <p className="muted">{t.loading}</p>
        : state.status === "failed" ? (
          token && state.error instanceof ApiError && state.error.status === 400 ? null : (
            <div role="alert">
              <p className="form-error">{t.loadFailed}</p>
              <button type="button" className="button" onClick={() => void load()}>{t.retry}</button>
            </div>
          )
        ) : state.items.length === 0 ? <p className="muted">{t.empty}</p> : (
          <ul className="alerts-list">
            {state.items.map((s) => (
              <li key={s.id} className="card">
                <p className="alerts-label" dir="auto">{s.label}</p>
                <p className="muted">
                  {t.channel} {m.channels[s.channel as keyof typeof m.channels] ?? s.channel}
                  {!s.confirmed && <> · <span className="alerts-pending">{t.pending}</span></>}
                  {s.ref && <> · <Link href={`/r/${s.ref}`}>{t.seeReport} <bdi dir="ltr">{s.ref}</bdi></Link></>}
                </p>
                <div className="alerts-actions">
                  <label className="visually-hidden" htmlFor={`alerts-frequency-${s.id}`}>{f.fill(t.frequencyOf, { label: s.label })}</label>
                  <select id={`alerts-frequency-${s.id}`} value={s.frequency} disabled={busy === s.id} onChange={(e) => void change(s, e.target.value as Frequency)}>
                    <option value="instant">{m.frequencies.instant}</option>
                    <option value="daily">{m.frequencies.daily}</option>
                  </select>
                  <button type="button" className="button" disabled={busy === s.id} aria-label={f.fill(t.stopLabel, { label: s.label })} onClick={() => void stop(s)}>{t.stop}</button>
                </div>
              </li>
            ))}
          </ul>
        )}
    </section>
  );
}
