/** Request and response schemas of subscriptions. */
import { z } from "zod";

export const subscribeBody = z.object({
  /** Required unless signed in (the account's address is used). */
  email: z.email().max(254).transform((e) => e.trim().toLowerCase()).optional(),
  language: z.enum(["ar", "fr", "en"]).optional(),
}).strict();

export const subscribeReply = z.object({
  /** True when a confirmation e-mail was sent (the same answer whether or not the address was already subscribed). */
  confirmationRequired: z.boolean(),
});

export const tokenBody = z.object({ token: z.string().min(10).max(1000) });
export const confirmReply = z.object({ ref: z.string() });
export const unsubscribeReply = z.object({ ref: z.string().nullable() });
