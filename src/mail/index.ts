/**
 * Public entry of the mail module: every e-mail goes through the outbox topic "mail",
 * so it is sent only if the change that caused it committed, and retried until it is.
 */
import type { Db, Tx } from "../db/client.ts";
import { enqueue, type OutboxHandler } from "../db/outbox.ts";
import type { Language } from "../i18n/index.ts";
import { isLogged, logMail } from "./mail.repo.ts";
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
  params: Record<string, string | number>, cityName: string, opts: { dedupeKey?: string; headers?: Record<string, string> } = {}): Promise<void> {
  const { subject, text } = renderMail(to.language, template, params, cityName);
  // Extra headers (List-Unsubscribe...) travel with the message to the mailer.
  const payload: MailMessage = { to: to.email, language: to.language, subject, text, ...(opts.headers ? { headers: opts.headers } : {}) };
  await enqueue(tx, { topic: MAIL_TOPIC, cityId, payload: { ...payload }, dedupeKey: opts.dedupeKey });
}

/** Queues a message rendered elsewhere (notifications with staff-edited wording). */
export async function queueMessage(tx: Db | Tx, cityId: string, mail: MailMessage, opts: { dedupeKey?: string } = {}): Promise<void> {
  await enqueue(tx, { topic: MAIL_TOPIC, cityId, payload: { ...mail }, dedupeKey: opts.dedupeKey });
}

/** Told of an address the server refused for good (SMTP 5xx): a bounce, so nothing more is sent there. */
export type OnPermanentFailure = (failure: { cityId: string | null; address: string; error: string }) => Promise<void>;

export function mailHandler(db: Db, mailer: Mailer, onPermanentFailure?: OnPermanentFailure): OutboxHandler {
  return async (message) => {
    const mail = message.payload as unknown as MailMessage;
    // Handed over before a crash that came ahead of marking it done: never send it twice.
    if (await isLogged(db, message.id)) return { ok: true, result: { alreadySent: true } };
    let sent;
    try {
      sent = await mailer.send({ to: mail.to, subject: mail.subject, text: mail.text, language: mail.language, key: `outbox-${message.id}`, headers: mail.headers });
    } catch (err) {
      // An SMTP 5xx is a permanent refusal (unknown mailbox...): retrying cannot help.
      const code = (err as { responseCode?: number }).responseCode;
      const permanent = code !== undefined && code >= 500;
      if (permanent) await onPermanentFailure?.({ cityId: message.cityId, address: mail.to, error: (err as Error).message });
      return { ok: false, error: (err as Error).message, retryable: !permanent };
    }
    await logMail(db, {
      cityId: message.cityId, outboxId: message.id, toAddress: mail.to, subject: mail.subject,
      messageId: sent.messageId, transport: sent.transport, file: sent.file ?? null,
    });
    return { ok: true, result: { messageId: sent.messageId } };
  };
}
