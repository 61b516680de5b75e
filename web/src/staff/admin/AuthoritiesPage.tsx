/** The authorities of the city: who they are, how they are reached, what they receive. */
import { Link } from "wouter";
import { localized, useLanguage, useMessages } from "../../lib/i18n.tsx";
import type { AdminAuthority } from "../../lib/types.ts";
import { Loaded, useResource } from "./admin-data.tsx";
import messages from "./admin.messages.ts";
import { TableScroll } from "./fields.tsx";

export default function AuthoritiesPage() {
  const [m, f] = useMessages(messages);
  const { lang } = useLanguage();
  const { state, reload } = useResource<AdminAuthority[]>("/api/admin/authorities");
  const t = m.authorities;

  const receives = (a: AdminAuthority) => [a.isDefault ? t.triage : "", a.rules.length ? f.plural(t.rulesCount, a.rules.length) : ""]
    .filter(Boolean).join(" · ") || t.nothing;

  return (
    <>
      <div className="admin-heading">
        <h1>{t.title}</h1>
        <Link href="/authorities/new" className="button secondary">{t.add}</Link>
      </div>
      <p className="muted">{t.intro}</p>
      <Loaded states={[state]} reload={reload}>
        {(authorities) => (
          <TableScroll label={t.tableLabel}>
            <table className="admin-table">
              <thead>
                <tr><th scope="col">{t.name}</th><th scope="col">{t.email}</th><th scope="col">{t.sendMethod}</th><th scope="col">{t.status}</th><th scope="col">{t.receives}</th></tr>
              </thead>
              <tbody>
                {authorities.map((a) => (
                  <tr key={a.code} className={a.active ? undefined : "inactive"}>
                    <th scope="row"><Link href={`/authorities/${a.code}`}>{localized(a.name, lang)}</Link></th>
                    <td className="nowrap"><span dir="ltr">{a.email}</span></td>
                    <td>{t.sendMethods[a.sendMethod]}</td>
                    <td>{a.active ? m.status.active : m.status.inactive}</td>
                    <td>{receives(a)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </Loaded>
    </>
  );
}
