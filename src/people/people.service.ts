/**
 * Accounts, sessions and API tokens. Citizens have optional accounts; staff belong to one
 * authority; city admins run a city; superadmins are created from the command line.
 */
import { createHash, randomBytes } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";
import type { Db } from "../db/client.ts";
import { AppError, fieldError } from "../errors.ts";
import type { Language } from "../i18n/index.ts";
import { createSignedToken, verifySignedToken } from "../lib/signed-token.ts";
import { queueMail } from "../mail/index.ts";
import * as repo from "./people.repo.ts";
import type { Role, StaffView, UserView } from "./people.schemas.ts";

export type Actor =
  | { kind: "anonymous"; cityId: string }
  | { kind: "user"; cityId: string; id: string; role: Role; authorityId: string | null; name: string; email: string; language: Language; via: "session" | "token"; emailVerified: boolean };
export type UserActor = Extract<Actor, { kind: "user" }>;

export interface PeopleContext {
  db: Db;
  secret: string;
  publicUrl: string;
  cityName: string;
  cityId: string;
  /** Whether an authority id belongs to this city (people do not read the cities' tables). */
  isAuthority?: (id: string) => boolean;
  /** Where admin changes to accounts are written (the request's logger: the audit trail of staff accounts). */
  log?: { info(obj: object, msg: string): void };
}

const SESSION_DAYS = 30;
const INVITATION_DAYS = 7;
const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");
const newToken = () => randomBytes(32).toString("base64url");

export const isStaff = (a: Actor): a is UserActor => a.kind === "user" && (a.role === "staff" || a.role === "city_admin" || a.role === "superadmin");
export const isAdmin = (a: Actor): a is UserActor => a.kind === "user" && (a.role === "city_admin" || a.role === "superadmin");

export function requireUser(actor: Actor): UserActor {
  if (actor.kind !== "user") throw new AppError("unauthenticated");
  return actor;
}
export function requireStaff(actor: Actor): UserActor {
  const user = requireUser(actor);
  if (!isStaff(user)) throw new AppError("forbidden");
  return user;
}
export function requireAdmin(actor: Actor): UserActor {
  const user = requireUser(actor);
  if (!isAdmin(user)) throw new AppError("forbidden");
  return user;
}

export function toUserView(u: repo.UserRow): UserView {
  return { id: u.id, email: u.email, name: u.name, role: u.role as Role, authorityId: u.authorityId, language: u.language as Language, emailVerified: u.emailVerifiedAt !== null };
}

export function toStaffView(u: repo.UserRow): StaffView {
  return { ...toUserView(u), active: u.disabledAt === null, invitationPending: u.passwordHash === null, createdAt: u.createdAt };
}

function toActor(u: repo.UserRow, via: "session" | "token"): UserActor {
  return { kind: "user", cityId: u.cityId, id: u.id, role: u.role as Role, authorityId: u.authorityId, name: u.name, email: u.email, language: u.language as Language, via, emailVerified: u.emailVerifiedAt !== null };
}

export const hashPassword = (password: string) => hash(password);

export async function signUp(ctx: PeopleContext, input: { email: string; password: string; name: string; phone?: string; language: Language }): Promise<UserView> {
  return ctx.db.transaction(async (tx) => {
    if (await repo.findUserByEmail(tx, ctx.cityId, input.email)) throw fieldError("email_taken", "email", "invalid");
    const user = await repo.insertUser(tx, {
      cityId: ctx.cityId, email: input.email, name: input.name, phone: input.phone ?? null, language: input.language,
      passwordHash: await hashPassword(input.password), role: "citizen",
    });
    await sendVerification(ctx, tx as unknown as Db, user);
    return toUserView(user);
  });
}

async function sendVerification(ctx: PeopleContext, tx: Db, user: repo.UserRow) {
  const token = createSignedToken(ctx.secret, "verify-email", user.id, 7 * 86400);
  await queueMail(tx, ctx.cityId, { email: user.email, language: user.language as Language }, "verifyEmail",
    { name: user.name, link: `${ctx.publicUrl}/account/verify?token=${token}` }, ctx.cityName);
}

export async function verifyEmail(ctx: PeopleContext, token: string): Promise<UserView> {
  const payload = verifySignedToken(ctx.secret, "verify-email", token);
  const user = payload && await repo.findUserById(ctx.db, payload.s);
  if (!user || user.cityId !== ctx.cityId) throw fieldError("invalid_token", "token", "invalid");
  const updated = user.emailVerifiedAt ? user : await repo.updateUser(ctx.db, user.id, { emailVerifiedAt: new Date() });
  return toUserView(updated!);
}

/** Checks the password; an unknown e-mail costs the same time as a wrong password. */
export async function signIn(ctx: PeopleContext, email: string, password: string): Promise<{ user: UserView; sessionToken: string; csrfToken: string }> {
  const user = await repo.findUserByEmail(ctx.db, ctx.cityId, email);
  const ok = user?.passwordHash && !user.disabledAt
    ? await verify(user.passwordHash, password)
    : (await verify(DUMMY_HASH, password), false);
  if (!ok || !user) throw new AppError("invalid_credentials");
  const sessionToken = newToken();
  const csrfToken = newToken();
  await repo.insertSession(ctx.db, {
    tokenHash: sha256(sessionToken), userId: user.id, csrfToken, securityStamp: user.securityStamp,
    expiresAt: new Date(Date.now() + SESSION_DAYS * 86400_000),
  });
  return { user: toUserView(user), sessionToken, csrfToken };
}
const DUMMY_HASH = await hash("timing-equaliser-not-a-password");

export async function signOut(db: Db, sessionToken: string): Promise<void> {
  await repo.deleteSession(db, sha256(sessionToken));
}

export async function sessionActor(db: Db, sessionToken: string): Promise<{ actor: UserActor; csrfToken: string } | undefined> {
  const row = await repo.findLiveSession(db, sha256(sessionToken));
  return row ? { actor: toActor(row.user, "session"), csrfToken: row.session.csrfToken } : undefined;
}

export async function apiTokenActor(db: Db, token: string): Promise<UserActor | undefined> {
  const row = await repo.findLiveApiToken(db, sha256(token));
  return row ? toActor(row.user, "token") : undefined;
}

export async function requestPasswordReset(ctx: PeopleContext, email: string): Promise<void> {
  const user = await repo.findUserByEmail(ctx.db, ctx.cityId, email);
  // Same answer whether or not the account exists: the endpoint must not reveal who has one.
  if (!user || user.disabledAt) return;
  const token = createSignedToken(ctx.secret, "reset-password", user.id, 3600, user.securityStamp);
  await queueMail(ctx.db, ctx.cityId, { email: user.email, language: user.language as Language }, "passwordReset",
    { name: user.name, link: `${ctx.publicUrl}/account/reset?token=${token}` }, ctx.cityName);
}

/** A reset link works once: changing the password bumps the stamp it was signed with. */
export async function resetPassword(ctx: PeopleContext, token: string, password: string): Promise<void> {
  const payload = verifySignedToken(ctx.secret, "reset-password", token);
  const user = payload && await repo.findUserById(ctx.db, payload.s);
  if (!user || user.cityId !== ctx.cityId || user.securityStamp !== payload.v) throw fieldError("invalid_token", "token", "invalid");
  await repo.updateUser(ctx.db, user.id, {
    passwordHash: await hashPassword(password), securityStamp: user.securityStamp + 1,
    // Following the link proves the address works.
    emailVerifiedAt: user.emailVerifiedAt ?? new Date(),
  });
}

type StaffInput = { email: string; name: string; role: "staff" | "city_admin"; authorityId?: string | null; password?: string; language: Language };

/** Admins of this city (or a superadmin) manage its staff accounts. */
function requireCityAdmin(ctx: PeopleContext, actor: Actor): UserActor {
  const admin = requireAdmin(actor);
  if (admin.role !== "superadmin" && admin.cityId !== ctx.cityId) throw new AppError("forbidden");
  return admin;
}

function checkAuthority(ctx: PeopleContext, role: "staff" | "city_admin", authorityId: string | null | undefined) {
  if (role === "staff" && !authorityId) throw fieldError("validation", "authorityId", "required");
  // An unknown id would be a foreign-key failure (a 500) or, worse, another city's authority.
  if (authorityId && ctx.isAuthority && !ctx.isAuthority(authorityId)) throw fieldError("validation", "authorityId", "invalid");
}

function auditStaff(ctx: PeopleContext, admin: UserActor, action: string, target: repo.UserRow, changes: Record<string, unknown>) {
  ctx.log?.info({ audit: { action, target: target.id, actorId: admin.id, changes } }, `admin ${action} ${target.email} by ${admin.id}`);
}

/** Without a password, the account waits for its owner to choose one through the e-mailed invitation. */
export async function createStaffUser(ctx: PeopleContext, actor: Actor, input: StaffInput): Promise<StaffView> {
  const admin = requireCityAdmin(ctx, actor);
  checkAuthority(ctx, input.role, input.authorityId);
  if (await repo.findUserByEmail(ctx.db, ctx.cityId, input.email)) throw fieldError("email_taken", "email", "invalid");
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  const user = await ctx.db.transaction(async (tx) => {
    const user = await repo.insertUser(tx, {
      cityId: ctx.cityId, email: input.email, name: input.name, role: input.role, authorityId: input.authorityId ?? null,
      passwordHash, language: input.language, emailVerifiedAt: new Date(),
    });
    if (!passwordHash) await sendInvitation(ctx, tx as unknown as Db, user, admin);
    return user;
  });
  auditStaff(ctx, admin, "staff.create", user, { role: user.role, authorityId: user.authorityId, invited: !passwordHash });
  return toStaffView(user);
}

/** The invitation is a password-reset link that lives a week: it dies once a password is chosen. */
async function sendInvitation(ctx: PeopleContext, tx: Db, user: repo.UserRow, admin: UserActor) {
  const token = createSignedToken(ctx.secret, "reset-password", user.id, INVITATION_DAYS * 86400, user.securityStamp);
  await queueMail(tx, ctx.cityId, { email: user.email, language: user.language as Language }, "staffInvitation", {
    name: user.name, inviter: admin.name, email: user.email, city: ctx.cityName,
    link: `${ctx.publicUrl}/account/reset?token=${token}`, signin: `${ctx.publicUrl}/signin`,
  }, ctx.cityName);
}

async function findStaff(ctx: PeopleContext, id: string): Promise<repo.UserRow> {
  const user = await repo.findUserById(ctx.db, id);
  if (!user || user.cityId !== ctx.cityId || (user.role !== "staff" && user.role !== "city_admin")) throw new AppError("not_found");
  return user;
}

/** Sends a new invitation (or, for an account that has a password, a way to choose a new one). */
export async function inviteStaffUser(ctx: PeopleContext, actor: Actor, id: string): Promise<void> {
  const admin = requireCityAdmin(ctx, actor);
  const user = await findStaff(ctx, id);
  if (user.disabledAt) throw fieldError("validation", "active", "invalid");
  await sendInvitation(ctx, ctx.db, user, admin);
  auditStaff(ctx, admin, "staff.invite", user, {});
}

/**
 * Renames, changes role or authority, disables or re-enables a staff account. Disabling ends
 * its sessions at once (and bumps its security stamp, so old reset links die too). An admin
 * cannot demote or disable themself: a city must not lose its last administrator by accident.
 */
export async function updateStaffUser(ctx: PeopleContext, actor: Actor, id: string,
  input: { name?: string; role?: "staff" | "city_admin"; authorityId?: string | null; active?: boolean }): Promise<StaffView> {
  const admin = requireCityAdmin(ctx, actor);
  const user = await findStaff(ctx, id);
  if (user.id === admin.id) {
    if (input.role === "staff") throw new AppError("own_account", { fields: [{ field: "role", message: "own_account" }] });
    if (input.active === false) throw new AppError("own_account", { fields: [{ field: "active", message: "own_account" }] });
  }
  const role = input.role ?? (user.role as "staff" | "city_admin");
  const authorityId = input.authorityId !== undefined ? input.authorityId : user.authorityId;
  if (input.role !== undefined || input.authorityId !== undefined) checkAuthority(ctx, role, authorityId);

  const disabling = input.active === false && user.disabledAt === null;
  const values = {
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.role !== undefined ? { role } : {}),
    ...(input.authorityId !== undefined ? { authorityId } : {}),
    ...(input.active === true ? { disabledAt: null } : {}),
    ...(disabling ? { disabledAt: new Date(), securityStamp: user.securityStamp + 1 } : {}),
  };
  const updated = await ctx.db.transaction(async (tx) => {
    const row = await repo.updateUser(tx, user.id, values);
    if (disabling) await repo.deleteSessionsOf(tx, user.id);
    return row!;
  });
  auditStaff(ctx, admin, "staff.update", user, Object.fromEntries(Object.entries(values).map(([k, v]) => [k, { from: user[k as keyof repo.UserRow], to: v }])));
  return toStaffView(updated);
}

/** For the command line and the demo: creates or updates a privileged account without an actor. */
export async function upsertPrivilegedUser(db: Db, cityId: string, input: { email: string; name: string; role: Role; authorityId?: string | null; password: string; language?: Language }): Promise<UserView> {
  const email = input.email.trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw fieldError("validation", "email", "invalid");
  input = { ...input, email };
  const existing = await repo.findUserByEmail(db, cityId, input.email);
  const values = {
    name: input.name, role: input.role, authorityId: input.authorityId ?? null, passwordHash: await hashPassword(input.password),
    language: input.language ?? "fr", emailVerifiedAt: new Date(),
  };
  const user = existing
    ? await repo.updateUser(db, existing.id, { ...values, securityStamp: existing.securityStamp + 1 })
    : await repo.insertUser(db, { cityId, email: input.email, ...values });
  return toUserView(user!);
}

export async function listStaff(db: Db, actor: Actor): Promise<StaffView[]> {
  const admin = requireAdmin(actor);
  return (await repo.listUsers(db, admin.cityId, ["staff", "city_admin"])).map(toStaffView);
}

export async function createApiToken(db: Db, actor: Actor, name: string): Promise<{ id: string; name: string; token: string }> {
  const user = requireUser(actor);
  if (user.via !== "session") throw new AppError("forbidden");
  const token = `bld_${newToken()}`;
  const row = await repo.insertApiToken(db, { cityId: user.cityId, userId: user.id, name, tokenHash: sha256(token) });
  return { id: row.id, name: row.name, token };
}

export async function listApiTokens(db: Db, actor: Actor) {
  return repo.listApiTokens(db, requireUser(actor).id);
}

export async function revokeApiToken(db: Db, actor: Actor, id: string): Promise<void> {
  if (!(await repo.revokeApiToken(db, requireUser(actor).id, id))) throw new AppError("not_found");
}

export async function findUser(db: Db, id: string) {
  const u = await repo.findUserById(db, id);
  return u ? toUserView(u) : undefined;
}
