import type { Messages } from "./en.ts";

/** رسائل الخادم بالعربية. */
export const ar: Messages = {
  problem: {
    validation: "الطلب غير صالح",
    not_found: "غير موجود",
    outside_area: "هذا الموقع خارج النطاق الترابي المشمول بالخدمة",
    unknown_category: "فئة غير معروفة",
    unauthenticated: "المرجو تسجيل الدخول",
    forbidden: "غير مسموح لك بهذا الإجراء",
    csrf: "رمز الأمان مفقود أو غير صالح: أعد تحميل الصفحة وحاول مجددا",
    rate_limited: "طلبات كثيرة جدا: المرجو الانتظار قليلا ثم المحاولة مجددا",
    payload_too_large: "الملف المرسل كبير جدا",
    unsupported_media: "نوع الملف غير مقبول",
    idempotency_conflict: "مفتاح Idempotency-Key هذا استُعمل لطلب مختلف",
    invalid_transition: "تغيير الحالة هذا غير مسموح به",
    invalid_token: "هذا الرابط غير صالح أو انتهت صلاحيته",
    email_taken: "يوجد حساب مسجل بهذا البريد الإلكتروني",
    invalid_credentials: "البريد الإلكتروني أو كلمة المرور غير صحيحة",
    email_not_verified: "المرجو تأكيد بريدك الإلكتروني أولا",
    location_required: "ضع الدبوس على الخريطة أو أضف صورة تحمل موقعها",
    contact_required: "أدخل بريدا إلكترونيا لتأكيد بلاغك، أو سجّل الدخول",
    internal: "حدث خطأ من جهتنا. تم تسجيله.",
    unavailable: "الخدمة غير متاحة مؤقتا",
  },
  field: {
    required: "هذا الحقل إلزامي",
    invalid: "هذه القيمة غير صالحة",
    too_long: "هذا النص طويل جدا ({{max}} حرفا على الأكثر)",
    too_short: "هذا النص قصير جدا ({{min}} أحرف على الأقل)",
    too_many_photos: "{{max}} صور على الأكثر",
    photo_too_large: "يجب ألا يتجاوز حجم كل صورة {{max}} ميغابايت",
    photo_type: "يجب أن تكون الصور بصيغة JPEG أو PNG أو WebP أو HEIC",
    photo_unreadable: "تعذرت قراءة هذه الصورة",
    no_gps: "هذه الصورة لا تحمل موقعا: ضع الدبوس على الخريطة",
  },
  state: {
    open: "في انتظار التأكيد",
    confirmed: "مفتوح",
    in_progress: "قيد المعالجة",
    action_scheduled: "تدخل مبرمج",
    fixed: "تم الإصلاح",
    closed: "مغلق",
    duplicate: "مكرر",
    not_responsible: "خارج اختصاص الجماعة",
    referred: "أحيل على جهة أخرى",
    reopened: "أعيد فتحه",
  },
  mail: {
    footer: "بلدية، منصة التبليغ المواطن لمدينة {{city}}. أُرسلت هذه الرسالة آليا.",
    confirmReport: {
      subject: "أكّد بلاغك: {{title}}",
      body: "مرحبا {{name}}،\n\nشكرا على بلاغك «{{title}}» (المرجع {{ref}}).\n\nلنشره وإحالته على المصلحة المختصة، المرجو تأكيده بفتح هذا الرابط خلال 7 أيام:\n{{link}}\n\nإذا لم تكن صاحب هذا البلاغ، تجاهل هذه الرسالة ولن يُنشر أي شيء.",
    },
    reportConfirmed: {
      subject: "أُحيل بلاغك {{ref}} على {{authority}}",
      body: "مرحبا {{name}}،\n\nأصبح بلاغك «{{title}}» منشورا وأُحيل على {{authority}}.\nتابعه هنا: {{link}}",
    },
    newReport: {
      subject: "[{{ref}}] بلاغ جديد: {{category}} — {{area}}",
      body: "أبلغ مواطن عن مشكل يدخل في نطاق اختصاصكم.\n\nالمرجع: {{ref}}\nالفئة: {{category}}\nالمقاطعة: {{area}}\nالعنوان: {{title}}\n\n{{description}}\n\nالموقع: {{lat}}، {{lon}}\nالخريطة: {{mapLink}}\nالصور: {{photos}}\nتاريخ التبليغ: {{date}}\n\nمعالجة هذا البلاغ: {{link}}",
      noPhotos: "لا توجد",
    },
    verifyEmail: {
      subject: "أكّد بريدك الإلكتروني",
      body: "مرحبا {{name}}،\n\nالمرجو تأكيد بريدك الإلكتروني بفتح هذا الرابط خلال 7 أيام:\n{{link}}",
    },
    passwordReset: {
      subject: "إعادة تعيين كلمة المرور",
      body: "مرحبا {{name}}،\n\nطلب أحدهم إعادة تعيين كلمة مرور حسابك. لاختيار كلمة مرور جديدة، افتح هذا الرابط خلال ساعة:\n{{link}}\n\nإذا لم تكن أنت، تجاهل هذه الرسالة: تبقى كلمة مرورك كما هي.",
    },
    reportUpdated: {
      subject: "جديد بلاغك {{ref}}: {{state}}",
      body: "مرحبا {{name}}،\n\nهناك جديد بخصوص بلاغك «{{title}}».\nالحالة: {{state}}\n\n{{text}}\n\nتابعه هنا: {{link}}",
    },
  },
};
