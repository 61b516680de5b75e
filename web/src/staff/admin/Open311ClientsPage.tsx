/**
 * Open311 API clients (/staff/admin/open311): issue a client its key (shown once, the server
 * keeps only a hash), see when each key was last used, revoke one.
 */
import { useState, type FormEvent } from "react";
import { api } from "../../lib/api.ts";
import { useMessages } from "../../lib/i18n.tsx";
import { FormError, Loaded, useAnnounce, useResource, useSubmit } from "./admin-data.tsx";
import { TableScroll, TextField } from "./fields.tsx";
import messages from "./open311.messages.ts";

interface Open311Client {
  id: string; name: string; contactEmail: string | null; keyHint: string; rateLimitPerMinute: number;
  createdAt: string; lastUsedAt: string | null; revokedAt: string | null;
}

function NewClientForm({ onCreated }: { onCreated(client: Open311Client & { apiKey: string }): void }) {
  const [m] = useMessages(messages);
  const { busy, error, run, fieldError } = useSubmit();
  const [name, setName] = useState("");
  const [contactEmail, setContactEmail] = useState("");
  const [rateLimit, setRateLimit] = useState("60");
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const created = await api<Open311Client & { apiKey: string }>("/api/admin/open311/clients", {
        json: { name, ...(contactEmail.trim() ? { contactEmail: contactEmail.trim() } : {}), rateLimitPerMinute: Number(rateLimit) },
      });
      setName(""); setContactEmail(""); setRateLimit("60");
      onCreated(created);
    });
  };
  return (
    <form onSubmit={submit} className="admin-form" noValidate>
      <h2>{m.form.heading}</h2>
      <TextField label={m.form.name} value={name} onChange={setName} required error={fieldError("name")} />
      <TextField label={m.form.contactEmail} type="email" dir="ltr" value={contactEmail} onChange={setContactEmail} error={fieldError("contactEmail")} />
      <TextField label={m.form.rateLimit} hint={m.form.rateLimitHint} type="number" min={1} max={10000} value={rateLimit} onChange={setRateLimit} error={fieldError("rateLimitPerMinute")} />
      <FormError error={error} />
      <button type="submit" className="button primary" disabled={busy}>{m.form.submit}</button>
    </form>
  );
}

function ClientTable({ items, onRevoked }: { items: Open311Client[]; onRevoked(): void }) {
  const [m, f] = useMessages(messages);
  const announce = useAnnounce();
  const { busy, error, run } = useSubmit();
  const revoke = (c: Open311Client) => run(async () => {
    await api(`/api/admin/open311/clients/${c.id}`, { method: "DELETE" });
    announce(f.fill(m.revokedNotice, { name: c.name }));
    onRevoked();
  });
  if (items.length === 0) return <p className="muted">{m.empty}</p>;
  const c = m.columns;
  return (
    <>
      <FormError error={error} />
      <TableScroll label={m.title}>
        <table className="admin-table">
          <thead>
            <tr>
              <th scope="col">{c.name}</th><th scope="col">{c.key}</th><th scope="col">{c.rateLimit}</th><th scope="col">{c.created}</th>
              <th scope="col">{c.lastUsed}</th><th scope="col">{c.state}</th><th scope="col">{c.actions}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((client) => (
              <tr key={client.id}>
                <th scope="row" dir="auto">{client.name}{client.contactEmail && <><br /><bdi dir="ltr" className="muted">{client.contactEmail}</bdi></>}</th>
                <td><bdi dir="ltr">{f.fill(m.endsWith, { hint: client.keyHint })}</bdi></td>
                <td>{f.number(client.rateLimitPerMinute)}</td>
                <td className="nowrap"><time dateTime={client.createdAt}>{f.dateTime(client.createdAt)}</time></td>
                <td className="nowrap">{client.lastUsedAt ? <time dateTime={client.lastUsedAt}>{f.dateTime(client.lastUsedAt)}</time> : m.never}</td>
                <td>{client.revokedAt ? f.fill(m.revoked, { date: f.dateTime(client.revokedAt) }) : m.active}</td>
                <td>
                  {!client.revokedAt && (
                    <button type="button" className="button" disabled={busy} aria-label={f.fill(m.revokeLabel, { name: client.name })}
                      onClick={() => void revoke(client)}>{m.revoke}</button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </>
  );
}

export default function Open311ClientsPage() {
  const [m, f] = useMessages(messages);
  const { state, reload } = useResource<Open311Client[]>("/api/admin/open311/clients");
  const [created, setCreated] = useState<(Open311Client & { apiKey: string }) | null>(null);
  return (
    <>
      <h1>{m.title}</h1>
      <p className="muted">{m.intro}</p>
      {created && (
        <section role="status" className="notice">
          <h2>{f.fill(m.created.heading, { name: created.name })}</h2>
          <p>{m.created.text}</p>
          <p><label>{m.created.label} <input readOnly dir="ltr" value={created.apiKey} size={50} onFocus={(e) => e.currentTarget.select()} /></label></p>
        </section>
      )}
      <Loaded states={[state]} reload={reload}>
        {(items) => <ClientTable items={items} onRevoked={() => void reload()} />}
      </Loaded>
      <NewClientForm onCreated={(c) => { setCreated(c); void reload(); }} />
    </>
  );
}
