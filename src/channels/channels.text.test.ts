/** Fitting text to SMS and WhatsApp: the budget follows the alphabet, the link survives whole. */
import { describe, expect, it } from "vitest";
import { isE164, isGsm7, shorten, smsSegments, smsText, whatsappText } from "./channels.text.ts";

const URL = "https://baladiya.example.org/r/BLD-2024-0012";

describe("E.164", () => {
  it("accepts + country code and number, nothing else", () => {
    expect(isE164("+212612345678")).toBe(true);
    expect(isE164("+14155238886")).toBe(true);
    for (const bad of ["0612345678", "212612345678", "+0612345678", "+212 612345678", "+212-612-345678", "+2126123456789012", "+12345", ""]) {
      expect(isE164(bad), bad).toBe(false);
    }
  });
});

describe("segments", () => {
  it("counts GSM-7 in septets (the extension table costs two) and anything else in UTF-16 units", () => {
    expect(isGsm7("Réparé à 10h, merci !")).toBe(true);
    expect(isGsm7("Voirie: déjà prévu {tranche 2} €")).toBe(true);
    expect(isGsm7("Fenêtre")).toBe(false);
    expect(isGsm7("تم الإصلاح")).toBe(false);
    expect(smsSegments("a".repeat(160))).toBe(1);
    expect(smsSegments("a".repeat(161))).toBe(2);
    expect(smsSegments("€".repeat(80))).toBe(1);
    expect(smsSegments("€".repeat(81))).toBe(2);
    expect(smsSegments("ب".repeat(70))).toBe(1);
    expect(smsSegments("ب".repeat(71))).toBe(2);
    expect(smsSegments("ب".repeat(201))).toBe(3);
  });
});

describe("shorten", () => {
  it("leaves short text alone", () => {
    expect(shorten("Bonjour", 10)).toBe("Bonjour");
  });

  it("cuts at a word boundary near the end, mid-word when the last space is far", () => {
    expect(shorten("Le nid-de-poule de la rue Atlas est bouché", 20)).toBe("Le nid-de-poule de…");
    expect(shorten("Anticonstitutionnellement parlant", 12)).toBe("Anticonstit…");
  });

  it("never splits a surrogate pair and drops trailing punctuation before the ellipsis", () => {
    expect(shorten("🚧🚧🚧🚧", 5)).toBe("🚧🚧…");
    expect(shorten("Fini, merci beaucoup", 8)).toBe("Fini…");
  });
});

describe("smsText", () => {
  it("keeps a short message whole, the link alone on the last line", () => {
    expect(smsText("Votre signalement est résolu.", URL)).toBe(`Votre signalement est résolu.\n${URL}`);
    expect(smsText("Votre signalement est résolu.")).toBe("Votre signalement est résolu.");
  });

  it("moves a link found in the text to the end and tidies the spacing", () => {
    expect(smsText(`Suivez-le ici : ${URL}  \n\n\n\nMerci   pour votre aide.`, URL)).toBe(`Suivez-le ici :\n\nMerci pour votre aide.\n${URL}`);
  });

  it("shortens French (GSM-7) to two segments with '...', so the message stays GSM-7", () => {
    const text = smsText("La commune a programmé les travaux de réfection de la chaussée. ".repeat(10), URL);
    expect(text.endsWith(`...\n${URL}`)).toBe(true);
    expect(isGsm7(text)).toBe(true);
    expect(smsSegments(text)).toBe(2);
    expect(text.length).toBeGreaterThan(290);
  });

  it("shortens Arabic (UCS-2) to three segments", () => {
    const text = smsText("قامت الجماعة ببرمجة أشغال إصلاح الطريق في الحي. ".repeat(10), URL);
    expect(text.endsWith(`…\n${URL}`)).toBe(true);
    expect(smsSegments(text)).toBe(3);
    expect(text.length).toBeGreaterThan(190);
  });

  it("sends the link alone when nothing else fits", () => {
    const long = `https://baladiya.example.org/r/${"x".repeat(400)}`;
    expect(smsText("Bonjour", long)).toBe(long);
  });
});

describe("whatsappText", () => {
  it("allows 1,600 characters, link included", () => {
    const text = whatsappText("كلمة ".repeat(1000), URL);
    expect(text.length).toBeLessThanOrEqual(1600);
    expect(text.endsWith(`…\n${URL}`)).toBe(true);
    expect(whatsappText("Réparé.", URL)).toBe(`Réparé.\n${URL}`);
  });
});
