/**
 * What an admin may read of an outgoing message: its recipients and errors with addresses masked.
 * Dead letters are for diagnosing a channel (which domain bounces, which provider refuses), not
 * for reading people's contacts: an e-mail keeps its first letter and its domain, a phone number
 * its last two digits.
 */

/** Addresses inside any text (an SMTP reply quotes the recipient). */
const EMAIL = /[\p{L}\p{N}._%+-]+@([\p{L}\p{N}-]+\.)+[\p{L}]{2,}/gu;
/**
 * Phone numbers: international (+212 6 11 22 33 44, 00212…) or Moroccan national (06 11 22 33 44).
 * Narrow on purpose: dates, ids and counts in error texts must stay readable.
 */
const PHONE = /(?:\+|\b00)\d(?:[\s.-]?\d){7,14}\b|\b0[5-7](?:[\s.-]?\d){8}\b/g;

export function maskEmail(address: string): string {
  const at = address.lastIndexOf("@");
  return `${address.slice(0, 1)}•••${address.slice(at)}`;
}

export function maskPhone(number: string): string {
  const digits = number.replace(/\D/g, "");
  return `${number.startsWith("+") ? "+" : ""}${"•".repeat(Math.max(0, digits.length - 2))}${digits.slice(-2)}`;
}

/** The text with every e-mail address and phone number in it masked. */
export function maskAddresses(text: string): string {
  return text.replace(EMAIL, maskEmail).replace(PHONE, maskPhone);
}

const isEmail = (s: string) => new RegExp(`^${EMAIL.source}$`, "u").test(s);
const isPhone = (s: string) => new RegExp(`^(?:${PHONE.source})$`).test(s.trim());

/** The addresses a payload is sent to (any string value that is wholly an e-mail or a phone number), masked; at most `max`. */
export function maskedRecipients(payload: unknown, max = 3): string[] {
  const found = new Set<string>();
  const walk = (value: unknown, depth: number): void => {
    if (found.size >= max || depth > 4) return;
    if (typeof value === "string") {
      if (isEmail(value)) found.add(maskEmail(value));
      else if (isPhone(value)) found.add(maskPhone(value.trim()));
    } else if (Array.isArray(value)) {
      for (const v of value) walk(v, depth + 1);
    } else if (value && typeof value === "object") {
      for (const v of Object.values(value)) walk(v, depth + 1);
    }
  };
  walk(payload, 0);
  return [...found].slice(0, max);
}
