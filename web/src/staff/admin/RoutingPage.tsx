/**
 * The routing matrix: one row per category (grouped), the whole city's authority, and a
 * column for each area that has an override somewhere. A category's name opens its form.
 */
import { Link } from "wouter";
import { useCity } from "../../lib/city.tsx";
import { localized, useLanguage, useMessages } from "../../lib/i18n.tsx";
import type { AdminAuthority, AdminCategories, RoutingMatrix } from "../../lib/types.ts";
import { Loaded, useResource } from "./admin-data.tsx";
import messages from "./admin.messages.ts";
import { TableScroll } from "./fields.tsx";
import { authorityNamer, overriddenAreas } from "./routing.ts";

export default function RoutingPage() {
  const [m] = useMessages(messages);
  const t = m.routing;
  const matrix = useResource<RoutingMatrix>("/api/admin/routing");
  const categories = useResource<AdminCategories>("/api/admin/categories");
  const authorities = useResource<AdminAuthority[]>("/api/admin/authorities");
  const reload = () => { matrix.reload(); categories.reload(); authorities.reload(); };
  return (
    <>
      <h1>{t.title}</h1>
      <p className="muted">{t.intro}</p>
      <Loaded states={[matrix.state, categories.state, authorities.state]} reload={reload}>
        {(routing, cats, auths) => <Matrix routing={routing} categories={cats} authorities={auths} />}
      </Loaded>
    </>
  );
}

function Matrix({ routing, categories, authorities }: { routing: RoutingMatrix; categories: AdminCategories; authorities: AdminAuthority[] }) {
  const [m] = useMessages(messages);
  const t = m.routing;
  const { lang } = useLanguage();
  const city = useCity();
  const nameOf = authorityNamer(authorities, lang);
  const columns = overriddenAreas(routing, city.areas);
  const rowOf = new Map(routing.categories.map((r) => [r.category, r]));

  return (
    <TableScroll label={t.tableLabel}>
      <table className="admin-table routing-matrix">
        <thead>
          <tr>
            <th scope="col">{t.category}</th>
            <th scope="col">{t.wholeCity}</th>
            {columns.map((a) => <th scope="col" key={a.code}>{localized(a.name, lang)}</th>)}
          </tr>
        </thead>
        {categories.groups.map((g) => (
          <tbody key={g.code}>
            <tr className="group-row"><th scope="colgroup" colSpan={columns.length + 2}>{localized(g.name, lang)}</th></tr>
            {categories.categories.filter((c) => c.group === g.code).map((c) => {
              const row = rowOf.get(c.code);
              return (
                <tr key={c.code} className={c.active ? undefined : "inactive"}>
                  <th scope="row"><Link href={`/routing/${c.code}`}>{localized(c.name, lang)}</Link></th>
                  <td>{row?.default ? nameOf(row.default) : <em>{t.triage}</em>}</td>
                  {columns.map((a) => {
                    const code = row?.areas[a.code];
                    return (
                      <td key={a.code} className={code ? "override" : "inherited"}>
                        {code ? nameOf(code) : <><span aria-hidden="true">·</span><span className="visually-hidden">{t.inherited}</span></>}
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        ))}
      </table>
    </TableScroll>
  );
}
