/** Public entry of the people domain: accounts, roles, sessions, API tokens. */
export {
  apiTokenActor, createApiToken, createStaffUser, findUser, inviteStaffUser, isAdmin, isStaff, listApiTokens, listStaff, requestPasswordReset,
  requireAdmin, requireStaff, requireUser, resetPassword, revokeApiToken, sessionActor, signIn, signOut, signUp, updateStaffUser, upsertPrivilegedUser,
  verifyEmail, type Actor, type PeopleContext, type UserActor,
} from "./people.service.ts";
export { findStaffMember, listStaffMembers, type StaffMember } from "./staff-members.ts";
export { ownReportMailsOn, setOwnReportMails } from "./own-report-mails.ts";
export * as peopleSchemas from "./people.schemas.ts";
export type { Role } from "./people.schemas.ts";
export { peopleRoutes } from "./people.routes.ts";
