/**
 * Fitting a message to what a channel carries. SMS is billed per segment and a segment holds
 * 160 GSM-7 characters but only 70 of anything else (Arabic, and French with â ê î ô û ç):
 * the budget depends on the alphabet, so it is counted the way the network will. The link to
 * the report is what the citizen needs most, so it always survives, whole, at the end.
 */

/** E.164: "+", a country code and the subscriber number, 15 digits at most. */
export const E164 = /^\+[1-9]\d{6,14}$/;

export function isE164(value: string): boolean {
  return E164.test(value);
}

// GSM 03.38 default alphabet, and its extension table (each of those costs two septets).
const GSM_BASIC = new Set("@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà");
const GSM_EXTENDED = new Set("^{}\\[~]|€\f");

export function isGsm7(text: string): boolean {
  for (const c of text) if (!GSM_BASIC.has(c) && !GSM_EXTENDED.has(c)) return false;
  return true;
}

/** Length as the network counts it: septets in GSM-7, UTF-16 code units otherwise. */
function measure(gsm: boolean): (c: string) => number {
  return gsm ? (c) => (GSM_EXTENDED.has(c) ? 2 : 1) : (c) => c.length;
}

/** How many SMS segments a text takes (concatenated segments lose room to their header). */
export function smsSegments(text: string): number {
  const gsm = isGsm7(text);
  const size = [...text].reduce((n, c) => n + measure(gsm)(c), 0);
  const [single, multi] = gsm ? [160, 153] : [70, 67];
  return size <= single ? 1 : Math.ceil(size / multi);
}

/**
 * Cuts `text` to at most `max` (as `size` counts) with `ellipsis` appended, at a word boundary
 * when one is near enough, never inside a surrogate pair.
 */
export function shorten(text: string, max: number, ellipsis = "…", size: (c: string) => number = (c) => c.length): string {
  const chars = [...text];
  const total = chars.reduce((n, c) => n + size(c), 0);
  if (total <= max) return text;
  const room = max - [...ellipsis].reduce((n, c) => n + size(c), 0);
  let used = 0;
  let end = 0;
  let lastSpace = -1;
  for (; end < chars.length; end++) {
    const w = size(chars[end]!);
    if (used + w > room) break;
    used += w;
    if (/\s/.test(chars[end]!)) lastSpace = end;
  }
  // A word boundary in the last 40% is worth the few characters it costs; earlier, cut mid-word.
  const cut = lastSpace >= end * 0.6 ? lastSpace : end;
  return chars.slice(0, cut).join("").replace(/[\s,;:.\-–—]+$/u, "") + ellipsis;
}

/** Collapses runs of spaces and blank lines, and takes out the link (it goes at the end). */
function tidy(text: string, url: string | undefined): string {
  const without = url ? text.split(url).join("") : text;
  return without.replace(/[ \t]+/g, " ").replace(/ *\n */g, "\n").replace(/\n{3,}/g, "\n\n").trim();
}

/**
 * An SMS: the text, shortened to two GSM-7 segments or three UCS-2 ones (about the same number
 * of words either way), then the link on its own line.
 */
export function smsText(text: string, url?: string): string {
  const body = tidy(text, url);
  const tail = url ? `\n${url}` : "";
  const gsm = isGsm7(body + tail);
  const size = measure(gsm);
  const budget = gsm ? 2 * 153 : 3 * 67;
  const tailSize = [...tail].reduce((n, c) => n + size(c), 0);
  if (tailSize >= budget) return url!;
  // "…" is not in GSM-7: using it would switch the whole message to UCS-2.
  return shorten(body, budget - tailSize, gsm ? "..." : "…", size) + tail;
}

/** Twilio refuses WhatsApp bodies over 1,600 characters. */
export function whatsappText(text: string, url?: string): string {
  const body = tidy(text, url);
  const tail = url ? `\n${url}` : "";
  return shorten(body, 1600 - tail.length) + tail;
}
