/** A real SMTP server (the smtp-server package) that keeps what it receives, parsed. */
import { SMTPServer } from "smtp-server";
import { simpleParser, type ParsedMail } from "mailparser";

export interface Mailbox {
  url: string;
  messages: ParsedMail[];
  /** Messages to this address, oldest first. */
  to(address: string): ParsedMail[];
  /** Makes the server refuse the next n messages with the given SMTP code. */
  refuseNext(n: number, code?: number): void;
  /** Makes the server refuse every message to this address for good (550: no such mailbox). */
  refuseAddress(address: string): void;
  clear(): void;
  close(): Promise<void>;
}

export async function startMailbox(): Promise<Mailbox> {
  const messages: ParsedMail[] = [];
  let refusals = 0;
  let refusalCode = 451;
  const refused = new Set<string>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      if (session.envelope.rcptTo.some((r) => refused.has(r.address.toLowerCase()))) {
        stream.resume();
        stream.on("end", () => callback(Object.assign(new Error("no such mailbox"), { responseCode: 550 })));
        return;
      }
      if (refusals > 0) {
        refusals--;
        stream.resume();
        stream.on("end", () => callback(Object.assign(new Error("refused by test"), { responseCode: refusalCode })));
        return;
      }
      simpleParser(stream).then((mail) => { messages.push(mail); callback(); }, callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as { port: number }).port;
  const addressesOf = (m: ParsedMail) => [m.to].flat().flatMap((t) => t?.value ?? []).map((v) => v.address?.toLowerCase());
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    to: (address) => messages.filter((m) => addressesOf(m).includes(address.toLowerCase())),
    refuseNext(n, code = 451) { refusals = n; refusalCode = code; },
    refuseAddress(address) { refused.add(address.toLowerCase()); },
    clear: () => { messages.length = 0; },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
