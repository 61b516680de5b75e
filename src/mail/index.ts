/**
 * Public entry of the mail module: every e-mail goes through the outbox topic "mail",
 * so it is sent only if the change that caused it committed, and retried until it is.
 */
import type { Db, Tx } from "../db/client.ts";
import { enqueue, type OutboxHandler } from "../db/outbox.ts";
import type { Language } from "../i18n/index.ts";
import { logMail } from "./mail.repo.ts";
import type { Mailer } from "./mailer.ts";
import { renderMail, type MailTemplate } from "./templates.ts";

export { createMailer, type Mailer, type OutgoingMail } from "./mailer.ts";
export { listMail, findMail } from "./mail.repo.ts";
export { renderMail, type MailTemplate } from "./templates.ts";

export const MAIL_TOPIC = "mail";

export interface MailMessage {
  to: string;
  language: Language;
  subject: string;
  text: string;
  headers?: Record<string, string>;
}

/** Renders a template in the recipient's language and queues it in the caller's transaction. */
export async function queueMail(tx: Db | Tx, cityId: string, to: { email: string; language: Language }, template: MailTemplate,
  params: Record<string, string | number>, cityName: string, opts: { dedupeKey?: string } = {}): Promise<void> {
  const { subject, text } = renderMail(to.language, template, params, cityName);
  const payload: MailMessage = { to: to.email, language: to.language, subject, text };
  await enqueue(tx, { topic: MAIL_TOPIC, cityId, payload: { ...payload }, dedupeKey: opts.dedupeKey });
}

export function mailHandler(db: Db, mailer: Mailer): OutboxHandler {
  return async (message) => {
    const mail = message.payload as unknown as MailMessage;
    let sent;
    try {
      sent = await mailer.send({ to: mail.to, subject: mail.subject, text: mail.text, language: mail.language, key: `outbox-${message.id}`, headers: mail.headers });
    } catch (err) {
      // An SMTP 5xx is a permanent refusal (unknown mailbox...): retrying cannot help.
      const code = (err as { responseCode?: number }).responseCode;
      return { ok: false, error: (err as Error).message, retryable: !(code && code >= 500) };
    }
    await logMail(db, {
      cityId: message.cityId, outboxId: message.id, toAddress: mail.to, subject: mail.subject,
      messageId: sent.messageId, transport: sent.transport, file: sent.file ?? null,
    });
    return { ok: true, result: { messageId: sent.messageId } };
  };
}
