/** Who works in the console: name, role, authority and whether the account can sign in. */
import { Link } from "wouter";
import { localized, useLanguage, useMessages } from "../../lib/i18n.tsx";
import { useSession } from "../../lib/session.tsx";
import type { AdminAuthority, StaffAccount } from "../../lib/types.ts";
import { Loaded, useResource } from "./admin-data.tsx";
import messages from "./admin.messages.ts";
import { TableScroll } from "./fields.tsx";

export default function StaffPage() {
  const [m] = useMessages(messages);
  const t = m.staff;
  const { lang } = useLanguage();
  const { user } = useSession();
  const staff = useResource<StaffAccount[]>("/api/admin/staff");
  const authorities = useResource<AdminAuthority[]>("/api/admin/authorities");
  const reload = () => { staff.reload(); authorities.reload(); };

  const status = (s: StaffAccount) => (!s.active ? t.statuses.disabled : s.invitationPending ? t.statuses.invited : t.statuses.active);

  return (
    <>
      <div className="admin-heading">
        <h1>{t.title}</h1>
        <Link href="/staff/new" className="button secondary">{t.add}</Link>
      </div>
      <p className="muted">{t.intro}</p>
      <Loaded states={[staff.state, authorities.state]} reload={reload}>
        {(accounts, auths) => {
          const authorityName = (id: string | null) => localized(auths.find((a) => a.id === id)?.name, lang) || t.noAuthority;
          return (
            <TableScroll label={t.tableLabel}>
              <table className="admin-table">
                <thead>
                  <tr><th scope="col">{t.name}</th><th scope="col">{t.email}</th><th scope="col">{t.role}</th><th scope="col">{t.authority}</th><th scope="col">{t.status}</th></tr>
                </thead>
                <tbody>
                  {accounts.map((s) => (
                    <tr key={s.id} className={s.active ? undefined : "inactive"}>
                      <th scope="row"><Link href={`/staff/${s.id}`}>{s.name}</Link> {s.id === user?.id && <span className="muted">{t.you}</span>}</th>
                      <td className="nowrap"><span dir="ltr">{s.email}</span></td>
                      <td>{t.roles[s.role]}</td>
                      <td>{authorityName(s.authorityId)}</td>
                      <td>{status(s)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          );
        }}
      </Loaded>
    </>
  );
}
