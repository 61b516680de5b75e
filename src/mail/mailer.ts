/**
 * Hands e-mail to a transport: SMTP when SMTP_URL is set, otherwise .eml files under the
 * data directory, so the whole flow works on the embedded default and nothing is dropped.
 * The Message-ID is derived from the outbox id, so a retried send is recognisably the same mail.
 */
import fs from "node:fs/promises";
import path from "node:path";
import nodemailer, { type Transporter } from "nodemailer";

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  language: string;
  /** Stable id for the Message-ID header (the outbox message id). */
  key: string;
  headers?: Record<string, string>;
}

export interface SentMail {
  messageId: string;
  transport: "smtp" | "file";
  file?: string;
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<SentMail>;
  close(): void;
}

export function createMailer(opts: { smtpUrl?: string; mailDir: string; from: string; domain: string }): Mailer {
  const messageIdFor = (key: string) => `<${key}@${opts.domain}>`;
  const message = (mail: OutgoingMail) => ({
    from: opts.from,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    messageId: messageIdFor(mail.key),
    headers: { "Content-Language": mail.language, "Auto-Submitted": "auto-generated", ...mail.headers },
  });

  if (opts.smtpUrl) {
    const transport: Transporter = nodemailer.createTransport(opts.smtpUrl);
    return {
      async send(mail) {
        await transport.sendMail(message(mail));
        return { messageId: messageIdFor(mail.key), transport: "smtp" };
      },
      close: () => transport.close(),
    };
  }

  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  return {
    async send(mail) {
      const info = await transport.sendMail(message(mail));
      await fs.mkdir(opts.mailDir, { recursive: true });
      // Named by key: writing the same message twice overwrites, never duplicates.
      const file = path.join(opts.mailDir, `${mail.key.replace(/[^A-Za-z0-9._-]/g, "_")}.eml`);
      await fs.writeFile(file, info.message as Buffer);
      return { messageId: messageIdFor(mail.key), transport: "file", file };
    },
    close: () => transport.close(),
  };
}
