/** The colleagues a staff member may assign reports to, named by authority code as the rest of the API does. */
import { fieldError } from "../errors.ts";
import { listStaffMembers, type Actor } from "../people/index.ts";
import type { ReportsContext } from "./reports.context.ts";

export async function listAssignees(ctx: ReportsContext, actor: Actor, q: { authority?: string }) {
  const authority = q.authority ? ctx.city.authorityByCode.get(q.authority) : undefined;
  if (q.authority && !authority) throw fieldError("validation", "authority", "invalid");
  const members = await listStaffMembers(ctx.db, actor, { authorityId: authority?.id });
  return members.map((m) => ({ id: m.id, name: m.name, role: m.role, authority: m.authorityId ? ctx.city.authorities.get(m.authorityId)?.code ?? null : null }));
}
