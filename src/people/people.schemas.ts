/** Request and response schemas of accounts, sessions and API tokens. */
import { z } from "zod";

export const roles = ["citizen", "staff", "city_admin", "superadmin"] as const;
export const role = z.enum(roles);
export type Role = z.infer<typeof role>;
export const language = z.enum(["ar", "fr", "en"]);

const email = z.email().max(254).transform((e) => e.trim().toLowerCase());
const password = z.string().min(10).max(200);

export const signUpBody = z.object({
  email,
  password,
  name: z.string().trim().min(1).max(100),
  phone: z.string().trim().max(30).regex(/^\+?[0-9 ().-]{6,30}$/).optional(),
  language: language.default("fr"),
});

export const signInBody = z.object({ email, password: z.string().min(1).max(200) });
export const tokenBody = z.object({ token: z.string().min(10).max(1000) });
export const resetRequestBody = z.object({ email });
export const resetBody = z.object({ token: z.string().min(10).max(1000), password });

export const userView = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  role,
  authorityId: z.uuid().nullable(),
  language,
  emailVerified: z.boolean(),
});
export type UserView = z.infer<typeof userView>;

export const sessionView = z.object({
  user: userView.nullable(),
  /** Send back as the X-CSRF-Token header on every state-changing request. */
  csrfToken: z.string().nullable(),
});

export const staffRole = z.enum(["staff", "city_admin"]);

export const createStaffBody = z.object({
  email,
  name: z.string().trim().min(1).max(100),
  role: staffRole,
  authorityId: z.uuid().nullable().optional(),
  /** Leave out to e-mail the new colleague an invitation link to choose their own password. */
  password: password.optional(),
  language: language.default("fr"),
});

export const updateStaffBody = z.object({
  name: z.string().trim().min(1).max(100),
  role: staffRole,
  authorityId: z.uuid().nullable(),
  /** false disables the account: its sessions and API tokens stop working at once and it cannot sign in. */
  active: z.boolean(),
}).partial();

export const staffView = userView.extend({
  active: z.boolean(),
  /** Invited but has not chosen a password yet. */
  invitationPending: z.boolean(),
  createdAt: z.date(),
});
export type StaffView = z.infer<typeof staffView>;

export const createApiTokenBody = z.object({ name: z.string().trim().min(1).max(100) });
export const apiTokenView = z.object({ id: z.uuid(), name: z.string(), createdAt: z.date(), lastUsedAt: z.date().nullable(), revokedAt: z.date().nullable() });
