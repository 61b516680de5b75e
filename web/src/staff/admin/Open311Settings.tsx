/**
 * The authority's own Open311 back-office, in the authority form: its endpoint, the api_key
 * it issued (write-only: the server shows only its last four characters), jurisdiction,
 * format, how its changes are read, and its service_code for each of our categories.
 */
import { localized, useLanguage, useMessages } from "../../lib/i18n.tsx";
import type { AdminCategories, AdminOpen311Settings } from "../../lib/types.ts";
import { SelectField, TextField } from "./fields.tsx";
import messages from "./open311-settings.messages.ts";

/** What the form edits; apiKey is only a new key (empty keeps the one stored). */
export interface Open311Draft {
  endpoint: string;
  apiKey: string;
  jurisdictionId: string;
  format: "json" | "xml";
  updates: "servicerequestupdates" | "requests";
  serviceCodes: Record<string, string>;
}

export function open311Draft(stored: AdminOpen311Settings | null): Open311Draft {
  return {
    endpoint: stored?.endpoint ?? "", apiKey: "", jurisdictionId: stored?.jurisdictionId ?? "", format: stored?.format ?? "json",
    updates: stored?.updates ?? "servicerequestupdates", serviceCodes: stored?.serviceCodes ?? {},
  };
}

/** The API's `open311` body: empty service codes dropped, an empty key left out (kept). */
export function open311Body(d: Open311Draft) {
  return {
    endpoint: d.endpoint.trim(), ...(d.apiKey.trim() ? { apiKey: d.apiKey.trim() } : {}), jurisdictionId: d.jurisdictionId.trim() || null,
    format: d.format, updates: d.updates,
    serviceCodes: Object.fromEntries(Object.entries(d.serviceCodes).map(([k, v]) => [k, v.trim()]).filter(([, v]) => v)),
  };
}

export function Open311Settings({ value, onChange, keyHint, categories, errorFor }: {
  value: Open311Draft; onChange(value: Open311Draft): void; keyHint: string | null; categories: AdminCategories; errorFor(field: string): string | undefined;
}) {
  const [m, f] = useMessages(messages);
  const { lang } = useLanguage();
  const set = <K extends keyof Open311Draft>(key: K) => (v: Open311Draft[K]) => onChange({ ...value, [key]: v });
  return (
    <fieldset className="admin-open311">
      <legend>{m.legend}</legend>
      <p className="hint">{m.intro}</p>
      <TextField label={m.endpoint} hint={m.endpointHint} type="url" dir="ltr" required autoComplete="off"
        value={value.endpoint} onChange={set("endpoint")} error={errorFor("open311.endpoint")} />
      <TextField label={m.apiKey} hint={keyHint ? f.fill(m.apiKeyKept, { hint: keyHint }) : m.apiKeyNew} type="password" dir="ltr"
        required={!keyHint} autoComplete="new-password" value={value.apiKey} onChange={set("apiKey")} error={errorFor("open311.apiKey")} />
      <div className="admin-row">
        <TextField label={m.jurisdiction} hint={m.jurisdictionHint} dir="ltr" autoComplete="off"
          value={value.jurisdictionId} onChange={set("jurisdictionId")} error={errorFor("open311.jurisdictionId")} />
        <SelectField label={m.format} value={value.format} onChange={set("format")} error={errorFor("open311.format")}
          options={(["json", "xml"] as const).map((v) => ({ value: v, label: m.formats[v] }))} />
        <SelectField label={m.updates} hint={m.updatesHint} value={value.updates} onChange={set("updates")} error={errorFor("open311.updates")}
          options={(["servicerequestupdates", "requests"] as const).map((v) => ({ value: v, label: m.updatesOptions[v] }))} />
      </div>
      <fieldset className="admin-service-codes">
        <legend>{m.serviceCodes}</legend>
        <p className="hint">{m.serviceCodesHint}</p>
        <div className="admin-row">
          {categories.categories.map((c) => (
            <TextField key={c.code} label={localized(c.name, lang) || c.code} hint={f.fill(m.serviceCodeHint, { code: c.code })} dir="ltr" autoComplete="off"
              value={value.serviceCodes[c.code] ?? ""} onChange={(v) => onChange({ ...value, serviceCodes: { ...value.serviceCodes, [c.code]: v } })}
              error={errorFor(`open311.serviceCodes.${c.code}`)} />
          ))}
        </div>
      </fieldset>
    </fieldset>
  );
}
