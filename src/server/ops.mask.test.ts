import { describe, expect, it } from "vitest";
import { maskAddresses, maskedRecipients } from "./ops.mask.ts";

describe("masking addresses for the dead-letter list", () => {
  it("masks e-mails and phone numbers inside error texts, and leaves dates and codes readable", () => {
    expect(maskAddresses("550 5.1.1 <amina.tazi@example.org>: Recipient address rejected"))
      .toBe("550 5.1.1 <a•••@example.org>: Recipient address rejected");
    expect(maskAddresses("Twilio 21211: '+212 611 223 344' is not a valid phone number"))
      .toBe("Twilio 21211: '+••••••••••44' is not a valid phone number");
    expect(maskAddresses("numéro 06 11 22 33 44 refusé")).toBe("numéro ••••••••44 refusé");
    const plain = "timeout after 30000 ms at 2026-12-01 11:12:04 (attempt 3, id 123456789)";
    expect(maskAddresses(plain)).toBe(plain);
  });

  it("finds the recipients of a payload, masked, wherever they sit", () => {
    expect(maskedRecipients({ to: "khadija.bennani@example.org", subject: "Votre signalement", text: "Bonjour Khadija" })).toEqual(["k•••@example.org"]);
    expect(maskedRecipients({ channel: "sms", address: "+212611223344", body: "..." })).toEqual(["+••••••••••44"]);
    expect(maskedRecipients({ authority: { code: "voirie", email: "voirie@casablanca.ma" }, ref: "CAS-2026-000001" })).toEqual(["v•••@casablanca.ma"]);
    expect(maskedRecipients({ reportId: "0b3f…", state: "fixed" })).toEqual([]);
  });
});
