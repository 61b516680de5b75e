/**
 * A new alert: what (an arrondissement, a category — in one arrondissement or the whole city —
 * or a distance around a pin), how (e-mail, this device's notifications, SMS, WhatsApp), the
 * language of the messages and how often. POST /api/subscriptions answers 201 when the alert
 * is active at once (a signed-in citizen's verified e-mail, a push subscription) and 202 when a
 * link was sent to confirm it. The server's field errors are shown beside their fields.
 */
import { useState, type FormEvent } from "react";
import { api, ApiError, NetworkError } from "../../lib/api.ts";
import { useCity } from "../../lib/city.tsx";
import { languages, localized, useLanguage, useMessages, type Language } from "../../lib/i18n.tsx";
import { PushUnavailableError, pushSupported, subscribeToPush } from "../../lib/push.ts";
import type { User } from "../../lib/types.ts";
import type { LatLon } from "../report-flow/draft.ts";
import type { AlertRequest, Channel, Frequency, SubscribeReply } from "./alerts-types.ts";
import messages from "./alerts.messages.ts";
import { RadiusPicker, type Radius } from "./RadiusPicker.tsx";

type Kind = AlertRequest["kind"];
const KINDS: Kind[] = ["area", "category", "radius"];
const autonyms: Record<Language, string> = { ar: "العربية", fr: "Français", en: "English" };
/** Fields the form shows an error beside; any other problem is said for the whole form. */
const FIELDS = ["areaCode", "categoryCode", "lat", "lon", "radiusM", "email", "phone", "language", "frequency"];

type Outcome = "active" | "checkEmail" | "checkPhone";

export function AlertForm({ user, onCreated }: { user: User | null; onCreated(): void }) {
  const [m, f] = useMessages(messages);
  const { lang } = useLanguage();
  const city = useCity();
  const channels: Channel[] = pushSupported() ? ["email", "push", "sms", "whatsapp"] : ["email", "sms", "whatsapp"];

  const [kind, setKind] = useState<Kind>("area");
  const [area, setArea] = useState("");
  const [category, setCategory] = useState("");
  const [categoryArea, setCategoryArea] = useState("");
  const [pin, setPin] = useState<LatLon | null>(null);
  const [radius, setRadius] = useState<Radius>(500);
  const [channel, setChannel] = useState<Channel>("email");
  const [email, setEmail] = useState("");
  const [phone, setPhone] = useState("");
  const [language, setLanguage] = useState<Language>(lang);
  const [frequency, setFrequency] = useState<Frequency>("instant");
  const [busy, setBusy] = useState(false);
  const [local, setLocal] = useState<Record<string, string>>({});
  const [error, setError] = useState<Error | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const name = (n: Record<string, string>) => localized(n, lang);
  const arrondissements = city.areas.filter((a) => a.kind !== "prefecture").sort((a, b) => name(a.name).localeCompare(name(b.name), lang));
  const fieldError = (field: string) => local[field] ?? (error instanceof ApiError ? error.messageFor(field) : undefined);
  const formError = !error ? undefined
    : error instanceof ApiError ? (FIELDS.some((x) => error.messageFor(x)) ? undefined : f.fill(m.failed, { reason: error.fields.map((x) => x.message).join(" ") || error.title }))
      : error instanceof PushUnavailableError ? (error.reason === "denied" ? m.pushDenied : m.pushUnavailable)
        : error instanceof NetworkError ? m.offline : f.fill(m.failed, { reason: error.message });

  /** What to watch, or the field left empty and what to say beside it. */
  const what = (): { request: AlertRequest } | { missing: Record<string, string> } => {
    if (kind === "area") return area ? { request: { kind, areaCode: area } } : { missing: { areaCode: m.areaRequired } };
    if (kind === "category") {
      return category ? { request: { kind, categoryCode: category, ...(categoryArea ? { areaCode: categoryArea } : {}) } } : { missing: { categoryCode: m.categoryRequired } };
    }
    return pin ? { request: { kind, lat: pin.lat, lon: pin.lon, radiusM: radius } } : { missing: { lat: m.pinRequired } };
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setLocal({});
    const target = what();
    if ("missing" in target) return setLocal(target.missing);
    setBusy(true);
    try {
      // Push asks the browser's permission here, inside the click that submitted the form.
      const how: Pick<AlertRequest, "email" | "phone" | "push"> = channel === "push" ? { push: await subscribeToPush() }
        : channel === "email" ? (user ? {} : { email: email.trim() })
          : { phone: phone.trim() };
      const body: AlertRequest = { ...target.request, channel, ...how, language, frequency };
      const reply = await api<SubscribeReply>("/api/subscriptions", { json: body });
      setOutcome(!reply.confirmationRequired ? "active" : channel === "email" ? "checkEmail" : "checkPhone");
      if (!reply.confirmationRequired) onCreated();
    } catch (err) {
      setError(err as Error);
    } finally {
      setBusy(false);
    }
  };

  if (outcome) {
    return (
      <section className="card alerts-form" aria-labelledby="alerts-form-heading">
        <h2 id="alerts-form-heading">{m.formHeading}</h2>
        <p className="notice" role="status">{m[outcome]}</p>
        <p><button type="button" className="button" onClick={() => { setOutcome(null); setError(null); }}>{m.another}</button></p>
      </section>
    );
  }

  const errorProps = (id: string, field: string) => (fieldError(field) ? { "aria-invalid": true as const, "aria-describedby": `${id}-error` } : {});
  const errorText = (id: string, field: string) => (fieldError(field) ? <span id={`${id}-error`} className="error">{fieldError(field)}</span> : null);

  return (
    <section className="card alerts-form" aria-labelledby="alerts-form-heading">
      <h2 id="alerts-form-heading">{m.formHeading}</h2>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <fieldset className="alerts-choice">
          <legend>{m.what}</legend>
          {KINDS.map((k) => (
            <label key={k} className="checkbox">
              <input type="radio" name="alert-kind" value={k} checked={kind === k} onChange={() => { setKind(k); setLocal({}); setError(null); }} />
              <span>{m.kinds[k]}</span>
            </label>
          ))}
        </fieldset>

        {kind === "area" && (
          <div className="field">
            <label htmlFor="alerts-area">{m.area}</label>
            <select id="alerts-area" value={area} onChange={(e) => setArea(e.target.value)} {...errorProps("alerts-area", "areaCode")}>
              <option value="">{m.chooseArea}</option>
              {arrondissements.map((a) => <option key={a.code} value={a.code}>{name(a.name)}</option>)}
            </select>
            {errorText("alerts-area", "areaCode")}
          </div>
        )}

        {kind === "category" && (
          <div className="alerts-row">
            <div className="field">
              <label htmlFor="alerts-category">{m.category}</label>
              <select id="alerts-category" value={category} onChange={(e) => setCategory(e.target.value)} {...errorProps("alerts-category", "categoryCode")}>
                <option value="">{m.chooseCategory}</option>
                {city.groups.map((g) => (
                  <optgroup key={g.code} label={name(g.name)}>
                    {city.categories.filter((c) => c.group === g.code).map((c) => <option key={c.code} value={c.code}>{name(c.name)}</option>)}
                  </optgroup>
                ))}
              </select>
              {errorText("alerts-category", "categoryCode")}
            </div>
            <div className="field">
              <label htmlFor="alerts-category-area">{m.categoryArea}</label>
              <select id="alerts-category-area" value={categoryArea} onChange={(e) => setCategoryArea(e.target.value)} {...errorProps("alerts-category-area", "areaCode")}>
                <option value="">{m.wholeCity}</option>
                {arrondissements.map((a) => <option key={a.code} value={a.code}>{name(a.name)}</option>)}
              </select>
              {errorText("alerts-category-area", "areaCode")}
            </div>
          </div>
        )}

        {kind === "radius" && (
          <RadiusPicker pin={pin} radius={radius} onRadius={setRadius} error={fieldError("lat") ?? fieldError("lon") ?? fieldError("radiusM")}
            onPin={(p) => { setPin(p); setLocal({}); setError(null); }} />
        )}

        <fieldset className="alerts-choice">
          <legend>{m.how}</legend>
          {channels.map((c) => (
            <label key={c} className="checkbox">
              <input type="radio" name="alert-channel" value={c} checked={channel === c} onChange={() => { setChannel(c); setError(null); }} />
              <span>{m.channels[c]}</span>
            </label>
          ))}
        </fieldset>

        {channel === "email" && (
          <div className="field">
            <label htmlFor="alerts-email">{m.email}</label>
            {user ? (
              <>
                <input id="alerts-email" type="email" dir="ltr" value={user.email} readOnly aria-describedby="alerts-email-hint" />
                <span id="alerts-email-hint" className="hint">{m.emailSignedIn}</span>
              </>
            ) : (
              <input id="alerts-email" type="email" inputMode="email" autoComplete="email" dir="ltr" required value={email}
                onChange={(e) => setEmail(e.target.value)} {...errorProps("alerts-email", "email")} />
            )}
            {errorText("alerts-email", "email")}
          </div>
        )}
        {(channel === "sms" || channel === "whatsapp") && (
          <div className="field">
            <label htmlFor="alerts-phone">{m.phone}</label>
            <input id="alerts-phone" type="tel" inputMode="tel" autoComplete="tel" dir="ltr" required placeholder="+212 6…" value={phone}
              onChange={(e) => setPhone(e.target.value)} aria-invalid={fieldError("phone") ? true : undefined}
              aria-describedby={`alerts-phone-hint${fieldError("phone") ? " alerts-phone-error" : ""}`} />
            <span id="alerts-phone-hint" className="hint">{m.phoneHint}</span>
            {errorText("alerts-phone", "phone")}
          </div>
        )}
        {channel === "push" && <p className="hint">{m.pushHint}</p>}

        <div className="alerts-row">
          <div className="field">
            <label htmlFor="alerts-language">{m.language}</label>
            <select id="alerts-language" value={language} onChange={(e) => setLanguage(e.target.value as Language)} {...errorProps("alerts-language", "language")}>
              {languages.map((l) => <option key={l} value={l} lang={l}>{autonyms[l]}</option>)}
            </select>
            {errorText("alerts-language", "language")}
          </div>
          <div className="field">
            <label htmlFor="alerts-frequency">{m.frequency}</label>
            <select id="alerts-frequency" value={frequency} onChange={(e) => setFrequency(e.target.value as Frequency)} {...errorProps("alerts-frequency", "frequency")}>
              <option value="instant">{m.frequencies.instant}</option>
              <option value="daily">{m.frequencies.daily}</option>
            </select>
            {errorText("alerts-frequency", "frequency")}
          </div>
        </div>

        <p role="alert" className="form-error">{formError ?? ""}</p>
        <button type="submit" className="button secondary" disabled={busy}>{busy ? m.sending : m.submit}</button>
      </form>
    </section>
  );
}
