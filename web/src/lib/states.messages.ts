import { defineMessages } from "./messages.ts";

/** Names of report states, as citizens and staff read them. */
export default defineMessages({
  en: {
    open: "Awaiting confirmation", confirmed: "Reported", in_progress: "In progress", action_scheduled: "Action scheduled",
    fixed: "Fixed", closed: "Closed", duplicate: "Duplicate", not_responsible: "Not the city's responsibility",
    referred: "Referred to another body", reopened: "Reopened",
  },
  fr: {
    open: "En attente de confirmation", confirmed: "Signalé", in_progress: "En cours", action_scheduled: "Intervention programmée",
    fixed: "Réparé", closed: "Clôturé", duplicate: "Doublon", not_responsible: "Hors compétence de la commune",
    referred: "Transmis à un autre organisme", reopened: "Rouvert",
  },
  ar: {
    open: "في انتظار التأكيد", confirmed: "تم التبليغ", in_progress: "قيد المعالجة", action_scheduled: "تدخل مبرمج",
    fixed: "تم الإصلاح", closed: "مغلق", duplicate: "مكرر", not_responsible: "خارج اختصاص الجماعة",
    referred: "أحيل إلى جهة أخرى", reopened: "أعيد فتحه",
  },
});
