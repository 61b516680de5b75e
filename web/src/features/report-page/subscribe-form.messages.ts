import { defineMessages } from "../../lib/messages.ts";

/** The report page's follow form, where this device's notifications are offered beside e-mail. */
export default defineMessages({
  en: {
    heading: "Be told of its progress",
    hint: "Be told of each new update, by e-mail or on this device. You can stop at any time.",
    how: "How to tell you",
    byEmail: "By e-mail",
    byPush: "Notifications on this device",
    pushHint: "Your browser will ask you to allow notifications from this site.",
    pushDone: "Done: this device will be notified at each update of this report.",
    pushDenied: "Notifications are blocked for this site. Allow them in your browser settings, or follow by e-mail.",
    pushUnavailable: "This browser cannot receive notifications here. Follow by e-mail instead.",
  },
  fr: {
    heading: "Être prévenu de son avancement",
    hint: "Soyez prévenu de chaque nouvelle étape, par e-mail ou sur cet appareil. Vous pouvez arrêter à tout moment.",
    how: "Comment vous prévenir",
    byEmail: "Par e-mail",
    byPush: "Notifications sur cet appareil",
    pushHint: "Votre navigateur vous demandera d'autoriser les notifications de ce site.",
    pushDone: "C'est fait : cet appareil sera notifié à chaque nouvelle étape de ce signalement.",
    pushDenied: "Les notifications sont bloquées pour ce site. Autorisez-les dans les réglages du navigateur, ou suivez par e-mail.",
    pushUnavailable: "Ce navigateur ne peut pas recevoir de notifications ici. Suivez plutôt par e-mail.",
  },
  ar: {
    heading: "توصّل بمستجداته",
    hint: "توصّل بكل تحديث جديد، عبر البريد الإلكتروني أو على هذا الجهاز. يمكنك التوقف متى شئت.",
    how: "كيف نخبرك",
    byEmail: "عبر البريد الإلكتروني",
    byPush: "إشعارات على هذا الجهاز",
    pushHint: "سيطلب منك متصفحك السماح بإشعارات هذا الموقع.",
    pushDone: "تم: سيتوصل هذا الجهاز بإشعار عند كل تحديث لهذا البلاغ.",
    pushDenied: "الإشعارات محظورة لهذا الموقع. اسمح بها في إعدادات المتصفح، أو تابع عبر البريد الإلكتروني.",
    pushUnavailable: "لا يستطيع هذا المتصفح تلقي الإشعارات هنا. تابع عبر البريد الإلكتروني بدلا من ذلك.",
  },
});
