/** Urgency factors in plain words, in the reader's language. */
import type { UrgencyFactor } from "../ai/index.ts";
import { translator, type Language } from "../i18n/index.ts";

export function explainFactor(factor: UrgencyFactor, lang: Language): string {
  const t = translator(lang);
  // Isolated left-to-right, or Arabic text shows "+30" as "30+".
  const points = lang === "ar" ? `\u2066+${factor.points}\u2069` : `+${factor.points}`;
  switch (factor.kind) {
    case "severity": return t("urgency.severity", { severity: factor.severity, points });
    case "hazard": return t("urgency.hazard", { hazard: t(`urgency.hazards.${factor.hazard}`), points });
    case "duration": return t("urgency.duration", { days: factor.days, points });
    case "near": return t("urgency.near", { distance: factor.distance, place: t(`urgency.places.${factor.place}`), name: factor.name[lang] ?? factor.name.fr ?? "", points });
    case "supporters": return t("urgency.supporters", { count: factor.count, points });
    case "overdue": return t("urgency.overdue", { days: factor.days, target: factor.targetDays, points });
  }
}

export function urgencyView(urgency: { score: number; factors: unknown[] }, lang: Language) {
  return {
    score: urgency.score,
    factors: (urgency.factors as UrgencyFactor[]).map((f) => ({ kind: f.kind, points: f.points, text: explainFactor(f, lang) })),
  };
}
