/** E-mail texts come from the i18n catalogs (mail.*), in the recipient's language, with a common footer. */
import { translator, type Language } from "../i18n/index.ts";

export type MailTemplate = "confirmReport" | "reportConfirmed" | "newReport" | "verifyEmail" | "passwordReset" | "reportUpdated"
  | "confirmSubscription" | "subscriptionUpdate" | "staffInvitation" | "fixFeedback" | "fixDisputed" | "confirmSupport";

export function renderMail(language: Language, template: MailTemplate, params: Record<string, string | number>, cityName: string) {
  const t = translator(language);
  return {
    subject: t(`mail.${template}.subject`, params),
    text: `${t(`mail.${template}.body`, params)}\n\n-- \n${t("mail.footer", { city: cityName })}\n`,
  };
}
