/**
 * `npm run eval`: the shipped models on the held-out test split (never used for training or
 * tuning): category accuracy and macro-F1 overall, per language and per category, the
 * confusion matrix, a keyword baseline, calibration; language identification per language
 * and on the two hard distinctions; duplicate detection on labelled pairs.
 */
import { duplicateScore, DUPLICATE_THRESHOLD } from "../duplicates.ts";
import { scoreUrgency } from "../urgency.ts";
import type { TriageModels } from "../models.ts";
import { normalizeForModel } from "../normalize.ts";
import { readJsonl, splitOf, splitOfExample, type Example, type TrainingData } from "./examples.ts";
import { computeMetrics, expectedCalibrationError, type ClassMetrics } from "./metrics.ts";

export interface Score { n: number; accuracy: number; macroF1: number }
export interface Evaluation {
  modelVersion: string;
  evaluatedAt: string;
  category: {
    overall: Score;
    perLanguage: Record<string, Score>;
    perCategory: ClassMetrics[];
    confusion: Record<string, Record<string, number>>;
    baseline: { overall: Score; perLanguage: Record<string, Score> };
    calibration: { ece: number; threshold: number; confidentShare: number; confidentAccuracy: number };
    /** A sample of the FixMyStreet test reports labelled by reading them, scored against both labels. */
    judgedSample?: { n: number; relabelled: number; councilLabels: Score; judgedLabels: Score; baselineJudged: Score };
  };
  language: {
    overall: Score;
    perLanguage: Record<string, { n: number; accuracy: number }>;
    /** Overall, and on civic reports apart from the MAC tweets (whose dialect labels are noisier). */
    dialectVsStandard: { n: number; accuracy: number; reports: { n: number; accuracy: number }; tweets: { n: number; accuracy: number } };
    arabiziVsLatin: { n: number; accuracy: number };
    confusion: Record<string, Record<string, number>>;
  };
  duplicates?: { pairs: number; same: number; threshold: number; precision: number; recall: number; f1: number };
  /** Per language: how often a report labelled "danger" scores above one labelled "cosmetic". */
  urgency?: Record<string, UrgencyRanking>;
}

export interface UrgencyRanking { danger: number; cosmetic: number; meanDanger: number; meanCosmetic: number; dangerAboveCosmetic: number }

/** Pairwise ranking of labelled examples: ties count half. */
export function urgencyRanking(examples: Example[], severities: Record<string, number>): Record<string, UrgencyRanking> {
  const out: Record<string, UrgencyRanking> = {};
  for (const language of [...new Set(examples.map((e) => e.language))].sort()) {
    const score = (label: string) => examples.filter((e) => e.language === language && e.urgency === label)
      .map((e) => scoreUrgency({ text: e.text, severity: severities[e.category ?? ""] ?? 2 }).score);
    const danger = score("danger"), cosmetic = score("cosmetic");
    if (!danger.length || !cosmetic.length) continue;
    let wins = 0;
    for (const d of danger) for (const c of cosmetic) wins += d > c ? 1 : d === c ? 0.5 : 0;
    const mean = (xs: number[]) => Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 10) / 10;
    out[language] = { danger: danger.length, cosmetic: cosmetic.length, meanDanger: mean(danger), meanCosmetic: mean(cosmetic), dangerAboveCosmetic: r3(wins / (danger.length * cosmetic.length)) };
  }
  return out;
}

export interface DuplicatePair {
  a: { id: string; text: string; category: string; lat: number; lon: number; date: string };
  b: { id: string; text: string; category: string; lat: number; lon: number; date: string };
  same: boolean;
}

const r3 = (x: number) => Math.round(x * 1000) / 1000;
const score = (pairs: { truth: string; predicted: string }[]): Score => {
  const m = computeMetrics(pairs);
  return { n: m.n, accuracy: r3(m.accuracy), macroF1: r3(m.macroF1) };
};
function perGroup<T extends { truth: string; predicted: string }>(pairs: (T & { group: string })[]): Record<string, Score> {
  const out: Record<string, Score> = {};
  for (const g of [...new Set(pairs.map((p) => p.group))].sort()) out[g] = score(pairs.filter((p) => p.group === g));
  return out;
}

/** A keyword matcher as a rule-based system would have it: the category whose keywords occur most; "other" when none does. */
export function keywordBaseline(keywords: Record<string, string[]>): (text: string) => string {
  const patterns = Object.entries(keywords).map(([code, words]) => ({
    code, words: words.map((w) => normalizeForModel(w)).filter(Boolean).map((w) => new RegExp(`(?:^|[^\\p{L}])${w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`, "u")),
  }));
  return (text) => {
    const t = normalizeForModel(text);
    let best = "other", bestHits = 0;
    for (const { code, words } of patterns) {
      const hits = words.filter((re) => re.test(t)).length;
      if (hits > bestHits) { best = code; bestHits = hits; }
    }
    return best;
  };
}

export function evaluateModels(models: TriageModels, data: TrainingData, opts: { keywords: Record<string, string[]>; severities?: Record<string, number>; duplicatePairsFile?: string; corrections?: Example[]; judged?: Map<string, string> }): Evaluation {
  const test = [...data.reports, ...(opts.corrections ?? [])].filter((e) => e.category && splitOfExample(e) === "test");
  const baseline = keywordBaseline(opts.keywords);
  const labels = models.manifest.category.labels;

  const predicted = test.map((e) => {
    const c = models.categorizer.classify(e.text);
    return { truth: e.category!, predicted: c.categories[0]?.code ?? "", group: e.language, confidence: c.categories[0]?.p ?? 0, confident: c.confident };
  });
  const all = computeMetrics(predicted, labels);
  const confident = predicted.filter((p) => p.confident);
  const baselinePairs = test.map((e) => ({ truth: e.category!, predicted: baseline(e.text), group: e.language }));
  const judged = test.flatMap((e, i) => {
    const label = opts.judged?.get(e.id);
    return label ? [{ council: e.category!, judged: label, predicted: predicted[i]!.predicted, baseline: baselinePairs[i]!.predicted }] : [];
  });

  const languageTest = [...data.languageOnly, ...data.reports].filter((e) => splitOfExample(e) === "test");
  const languagePairs = languageTest.map((e) => ({ truth: e.language as string, predicted: models.language.identify(e.text).language as string, group: e.language as string, tweet: e.id.startsWith("mac-") }));
  const within = (set: string[], only: (p: (typeof languagePairs)[number]) => boolean = () => true) => {
    const items = languagePairs.filter((p) => set.includes(p.truth) && only(p));
    return { n: items.length, accuracy: r3(items.filter((p) => p.truth === p.predicted).length / Math.max(1, items.length)) };
  };
  const languageMetrics = computeMetrics(languagePairs);

  return {
    modelVersion: models.manifest.version,
    evaluatedAt: new Date().toISOString(),
    category: {
      overall: { n: all.n, accuracy: r3(all.accuracy), macroF1: r3(all.macroF1) },
      perLanguage: perGroup(predicted),
      perCategory: all.perClass.map((c) => ({ ...c, precision: r3(c.precision), recall: r3(c.recall), f1: r3(c.f1) })),
      confusion: all.confusion,
      baseline: { overall: score(baselinePairs), perLanguage: perGroup(baselinePairs) },
      calibration: {
        ece: r3(expectedCalibrationError(predicted.map((p) => ({ confidence: p.confidence, correct: p.truth === p.predicted })))),
        threshold: models.manifest.category.threshold,
        confidentShare: r3(confident.length / Math.max(1, predicted.length)),
        confidentAccuracy: r3(confident.filter((p) => p.truth === p.predicted).length / Math.max(1, confident.length)),
      },
      judgedSample: judged.length ? {
        n: judged.length,
        relabelled: judged.filter((j) => j.judged !== j.council).length,
        councilLabels: score(judged.map((j) => ({ truth: j.council, predicted: j.predicted }))),
        judgedLabels: score(judged.map((j) => ({ truth: j.judged, predicted: j.predicted }))),
        baselineJudged: score(judged.map((j) => ({ truth: j.judged, predicted: j.baseline }))),
      } : undefined,
    },
    language: {
      overall: { n: languageMetrics.n, accuracy: r3(languageMetrics.accuracy), macroF1: r3(languageMetrics.macroF1) },
      perLanguage: Object.fromEntries([...new Set(languagePairs.map((p) => p.truth))].sort().map((l) => [l, within([l])])),
      dialectVsStandard: { ...within(["ary", "ar"]), reports: within(["ary", "ar"], (p) => !p.tweet), tweets: within(["ary", "ar"], (p) => p.tweet) },
      arabiziVsLatin: within(["ary-Latn", "fr", "en"]),
      confusion: languageMetrics.confusion,
    },
    // The threshold was chosen on the other pairs: only the test part is scored here.
    urgency: opts.severities ? urgencyRanking(test.filter((e) => e.urgency), opts.severities) : undefined,
    duplicates: opts.duplicatePairsFile ? evaluateDuplicates(readJsonl<DuplicatePair>(opts.duplicatePairsFile).filter((p) => splitOf(`${p.a.id}|${p.b.id}`) === "test")) : undefined,
  };
}

export function evaluateDuplicates(pairs: DuplicatePair[], threshold = DUPLICATE_THRESHOLD): NonNullable<Evaluation["duplicates"]> {
  let tp = 0, fp = 0, fn = 0;
  for (const { a, b, same } of pairs) {
    // The later report is the new one; the earlier is the open report it may repeat.
    const [older, newer] = a.date <= b.date ? [a, b] : [b, a];
    const match = duplicateScore(
      { category: newer.category, text: newer.text, lat: newer.lat, lon: newer.lon, at: new Date(newer.date) },
      { category: older.category, text: older.text, lat: older.lat, lon: older.lon, createdAt: new Date(older.date) },
    );
    const predicted = match.score >= threshold;
    if (predicted && same) tp++; else if (predicted) fp++; else if (same) fn++;
  }
  const precision = tp / Math.max(1, tp + fp), recall = tp / Math.max(1, tp + fn);
  return { pairs: pairs.length, same: pairs.filter((p) => p.same).length, threshold, precision: r3(precision), recall: r3(recall), f1: r3(precision + recall ? (2 * precision * recall) / (precision + recall) : 0) };
}
