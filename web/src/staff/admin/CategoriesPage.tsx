/** The categories of the city, by group: texts, severity, target time, availability. */
import { Link } from "wouter";
import { localized, useLanguage, useMessages } from "../../lib/i18n.tsx";
import type { AdminCategories } from "../../lib/types.ts";
import { Loaded, useResource } from "./admin-data.tsx";
import messages from "./admin.messages.ts";
import { TableScroll } from "./fields.tsx";

export default function CategoriesPage() {
  const [m, f] = useMessages(messages);
  const { lang } = useLanguage();
  const { state, reload } = useResource<AdminCategories>("/api/admin/categories");
  const t = m.categories;

  return (
    <>
      <h1>{t.title}</h1>
      <p className="muted">{t.intro}</p>
      <Loaded states={[state]} reload={reload}>
        {({ groups, categories }) => (
          <TableScroll label={t.title}>
            <table className="admin-table">
              <thead>
                <tr><th scope="col">{t.name}</th><th scope="col">{t.severity}</th><th scope="col">{t.targetDays}</th><th scope="col">{t.status}</th></tr>
              </thead>
              {groups.map((g) => (
                <tbody key={g.code}>
                  <tr className="group-row"><th scope="colgroup" colSpan={4}>{localized(g.name, lang)}</th></tr>
                  {categories.filter((c) => c.group === g.code).map((c) => (
                    <tr key={c.code} className={c.active ? undefined : "inactive"}>
                      <th scope="row"><Link href={`/categories/${c.code}`}>{localized(c.name, lang)}</Link></th>
                      <td>{t.severities[String(c.severity) as keyof typeof t.severities] ?? c.severity}</td>
                      <td className="nowrap">{f.plural(t.days, c.targetDays)}</td>
                      <td>{c.active ? m.status.active : m.status.inactive}</td>
                    </tr>
                  ))}
                </tbody>
              ))}
            </table>
          </TableScroll>
        )}
      </Loaded>
    </>
  );
}
