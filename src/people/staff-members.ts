/**
 * Colleagues a report can be assigned to: staff see the active staff of their own authority,
 * city admins every active staff account of the city (optionally one authority's).
 */
import type { Db, Tx } from "../db/client.ts";
import { AppError } from "../errors.ts";
import * as repo from "./people.repo.ts";
import { requireStaff, type Actor } from "./people.service.ts";

export interface StaffMember { id: string; name: string; role: "staff" | "city_admin"; authorityId: string | null }

const toMember = (u: repo.UserRow): StaffMember => ({ id: u.id, name: u.name, role: u.role as StaffMember["role"], authorityId: u.authorityId });

export async function listStaffMembers(db: Db, actor: Actor, filter: { authorityId?: string } = {}): Promise<StaffMember[]> {
  const user = requireStaff(actor);
  if (user.role === "staff" && filter.authorityId && filter.authorityId !== user.authorityId) throw new AppError("forbidden");
  const authorityId = user.role === "staff" ? user.authorityId : filter.authorityId;
  const rows = await repo.listUsers(db, user.cityId, authorityId ? ["staff"] : ["staff", "city_admin"]);
  return rows.filter((u) => u.disabledAt === null && (!authorityId || u.authorityId === authorityId))
    .map(toMember).sort((a, b) => a.name.localeCompare(b.name));
}

/** An active staff or city admin account of this city, or undefined. */
export async function findStaffMember(db: Db | Tx, cityId: string, id: string): Promise<StaffMember | undefined> {
  const u = await repo.findUserById(db, id);
  if (!u || u.cityId !== cityId || u.disabledAt || (u.role !== "staff" && u.role !== "city_admin")) return undefined;
  return toMember(u);
}
