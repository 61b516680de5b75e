import { defineMessages } from "../../lib/messages.ts";

/** Outgoing messages (/staff/admin/outbox): dead letters to retry and messages waiting to be sent. */
export default defineMessages({
  en: {
    nav: "Outgoing messages",
    title: "Outgoing messages",
    intro: "E-mails, notifications and reports sent to authorities go out from a queue. A message that kept failing is a dead letter: fix the cause (an address, a provider, an authority's settings), then retry it. Addresses are masked.",
    dead: { heading: "Dead letters", empty: "No dead letter: every message went out or is still being tried." },
    pending: { heading: "Waiting to be sent", empty: "Nothing is waiting.", hint: "Messages retried after a failure wait longer each time (30 s, 1 min, 2 min… up to 1 h)." },
    columns: { message: "Message", to: "To", attempts: "Attempts", error: "Last error", created: "Queued", next: "Next attempt", actions: "Actions" },
    noError: "—",
    retry: "Retry",
    retryLabel: "Retry message {id} ({topic})",
    retried: "Message {id} is queued again.",
    topics: {
      mail: "E-mail", report_send: "Report sent to its authority", notification_send: "Notification", report_published: "Alerts for a new report",
      report_updated: "Alerts for a report update", report_supported: "Alerts for a “me too”", alerts_digest: "Daily digest", alerts_announcement: "Announcement",
      events_prune: "Clean-up of live events", triage_rescore: "Re-scoring of overdue reports",
    },
  },
  fr: {
    nav: "Messages sortants",
    title: "Messages sortants",
    intro: "Les e-mails, notifications et signalements transmis aux autorités partent d'une file d'attente. Un message qui a échoué à chaque essai est une lettre morte : corrigez la cause (une adresse, un fournisseur, le paramétrage d'une autorité), puis relancez-le. Les adresses sont masquées.",
    dead: { heading: "Lettres mortes", empty: "Aucune lettre morte : tous les messages sont partis ou sont encore en cours d'essai." },
    pending: { heading: "En attente d'envoi", empty: "Rien n'est en attente.", hint: "Après un échec, un message attend un peu plus à chaque essai (30 s, 1 min, 2 min… jusqu'à 1 h)." },
    columns: { message: "Message", to: "Destinataire", attempts: "Essais", error: "Dernière erreur", created: "Mis en file", next: "Prochain essai", actions: "Actions" },
    noError: "—",
    retry: "Relancer",
    retryLabel: "Relancer le message {id} ({topic})",
    retried: "Le message {id} est remis dans la file.",
    topics: {
      mail: "E-mail", report_send: "Signalement transmis à son autorité", notification_send: "Notification", report_published: "Alertes d'un nouveau signalement",
      report_updated: "Alertes d'une mise à jour", report_supported: "Alertes d'un « moi aussi »", alerts_digest: "Résumé quotidien", alerts_announcement: "Annonce",
      events_prune: "Nettoyage des événements en direct", triage_rescore: "Nouveau calcul des signalements en retard",
    },
  },
  ar: {
    nav: "الرسائل الصادرة",
    title: "الرسائل الصادرة",
    intro: "تخرج الرسائل الإلكترونية والإشعارات والبلاغات المحالة على الجهات من طابور انتظار. الرسالة التي فشلت في كل محاولة رسالة ميتة: عالج السبب (عنوان، مزود خدمة، إعدادات جهة)، ثم أعد إرسالها. العناوين مخفية جزئيا.",
    dead: { heading: "الرسائل الميتة", empty: "لا توجد رسائل ميتة: خرجت كل الرسائل أو ما زالت قيد المحاولة." },
    pending: { heading: "في انتظار الإرسال", empty: "لا شيء في الانتظار.", hint: "بعد كل فشل تنتظر الرسالة مدة أطول قبل المحاولة التالية (30 ثانية، دقيقة، دقيقتان… حتى ساعة)." },
    columns: { message: "الرسالة", to: "المرسل إليه", attempts: "المحاولات", error: "آخر خطأ", created: "أضيفت إلى الطابور", next: "المحاولة التالية", actions: "إجراءات" },
    noError: "—",
    retry: "إعادة المحاولة",
    retryLabel: "إعادة محاولة الرسالة {id} ({topic})",
    retried: "أعيدت الرسالة {id} إلى الطابور.",
    topics: {
      mail: "بريد إلكتروني", report_send: "بلاغ محال على الجهة المختصة", notification_send: "إشعار", report_published: "تنبيهات بلاغ جديد",
      report_updated: "تنبيهات تحديث بلاغ", report_supported: "تنبيهات «أنا أيضا»", alerts_digest: "الملخص اليومي", alerts_announcement: "إعلان",
      events_prune: "تنظيف الأحداث المباشرة", triage_rescore: "إعادة تقييم البلاغات المتأخرة",
    },
  },
});
