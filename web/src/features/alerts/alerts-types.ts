/**
 * The shapes of the alerts API, taken from the server's zod schemas (src/alerts/alerts.schemas.ts,
 * the contract) as types only: nothing of the server reaches the bundle.
 */
import type { z } from "zod";
import type * as s from "../../../../src/alerts/alerts.schemas.ts";

/** POST /api/subscriptions: what, how, language and frequency (fields with defaults may be left out). */
export type AlertRequest = z.input<typeof s.alertBody>;
export type SubscribeReply = z.infer<typeof s.subscribeReply>;
export type ConfirmReply = z.infer<typeof s.confirmReply>;
export type SubscriptionView = z.infer<typeof s.subscriptionView>;
export type SubscriptionList = z.infer<typeof s.subscriptionList>;
export type Channel = NonNullable<AlertRequest["channel"]>;
export type Frequency = SubscriptionView["frequency"];

/** Staff: notification texts, announcements. */
export type TemplateView = z.infer<typeof s.templateView>;
export type TemplateList = z.infer<typeof s.templateList>;
export type TemplateName = TemplateView["template"];
export type TemplatePreview = z.infer<typeof s.templatePreview>;
export type AnnouncementRequest = z.input<typeof s.announcementBody>;
export type AnnouncementPreview = z.infer<typeof s.announcementPreview>;
export type AnnouncementView = z.infer<typeof s.announcementView>;
export type AnnouncementList = z.infer<typeof s.announcementList>;

/** GET /api/admin/suppressions (its schema is inline in alerts.admin.routes.ts). */
export interface Suppression { channel: string; address: string; reason: string; detail: string | null; createdAt: string }
