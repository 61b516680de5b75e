/** Prints an evaluation as the tables `npm run eval` shows. */
import type { Evaluation } from "./evaluate.ts";

export function table(head: string[], rows: (string | number)[][]): string {
  const cells = [head, ...rows.map((r) => r.map(String))];
  const widths = head.map((_, i) => Math.max(...cells.map((r) => [...(r[i] ?? "")].length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  return [line(cells[0]!), widths.map((w) => "-".repeat(w)).join("  "), ...cells.slice(1).map(line)].join("\n");
}

const pct = (x: number) => (x * 100).toFixed(1);
const TARGET_F1 = 0.85;

export function formatEvaluation(ev: Evaluation): string {
  const c = ev.category;
  const out: string[] = [`Models ${ev.modelVersion}, held-out test split\n`, "Category classifier (macro-F1 target per language: 0.85)"];
  const langs = Object.keys(c.perLanguage);
  out.push(table(["language", "n", "accuracy %", "macro-F1", "keyword baseline F1", "target met"], [
    ...langs.map((l) => [l, c.perLanguage[l]!.n, pct(c.perLanguage[l]!.accuracy), c.perLanguage[l]!.macroF1.toFixed(3), (c.baseline.perLanguage[l]?.macroF1 ?? 0).toFixed(3), c.perLanguage[l]!.macroF1 >= TARGET_F1 ? "yes" : "NO"]),
    ["all", c.overall.n, pct(c.overall.accuracy), c.overall.macroF1.toFixed(3), c.baseline.overall.macroF1.toFixed(3), ""],
  ]));
  if (c.judgedSample) {
    const j = c.judgedSample;
    out.push(`FixMyStreet test sample read and labelled by hand (${j.n} reports, ${j.relabelled} council labels changed): macro-F1 ${j.judgedLabels.macroF1.toFixed(3)} (accuracy ${pct(j.judgedLabels.accuracy)}%) against the judged labels, ${j.councilLabels.macroF1.toFixed(3)} against the council's; keyword baseline ${j.baselineJudged.macroF1.toFixed(3)}`);
  }
  out.push(`calibration: ECE ${c.calibration.ece}; threshold ${c.calibration.threshold}: ${pct(c.calibration.confidentShare)}% of reports pre-selected, ${pct(c.calibration.confidentAccuracy)}% of those right\n`);
  out.push(table(["category", "n", "precision", "recall", "F1"], c.perCategory.map((k) => [k.label, k.support, k.precision.toFixed(3), k.recall.toFixed(3), k.f1.toFixed(3)])));
  const codes = c.perCategory.map((k) => k.label);
  const short = (s: string) => s.slice(0, 5);
  out.push("\nConfusion (rows: truth, columns: predicted)");
  out.push(table(["", ...codes.map(short)], codes.map((t) => [t, ...codes.map((p) => c.confusion[t]?.[p] ?? 0)])));

  const l = ev.language;
  out.push("\nLanguage identification (targets: 95% on ar/fr/en, 85% on Darija vs MSA and Arabizi vs French/English)");
  out.push(table(["language", "n", "accuracy %"], [
    ...Object.entries(l.perLanguage).map(([k, v]) => [k, v.n, pct(v.accuracy)]),
    ["Darija vs MSA (ary, ar)", l.dialectVsStandard.n, pct(l.dialectVsStandard.accuracy)],
    ["  on civic reports", l.dialectVsStandard.reports.n, pct(l.dialectVsStandard.reports.accuracy)],
    ["  on MAC tweets", l.dialectVsStandard.tweets.n, pct(l.dialectVsStandard.tweets.accuracy)],
    ["Arabizi vs fr/en", l.arabiziVsLatin.n, pct(l.arabiziVsLatin.accuracy)],
    ["all", l.overall.n, pct(l.overall.accuracy)],
  ]));
  if (ev.urgency) {
    out.push("\nUrgency on labelled reports: how often one describing a danger scores above a cosmetic one");
    out.push(table(["language", "danger", "cosmetic", "mean danger", "mean cosmetic", "danger ranked above %"],
      Object.entries(ev.urgency).map(([l, u]) => [l, u.danger, u.cosmetic, u.meanDanger, u.meanCosmetic, pct(u.dangerAboveCosmetic)])));
  }
  if (ev.duplicates) {
    const d = ev.duplicates;
    out.push(`\nDuplicates on ${d.pairs} labelled pairs (${d.same} the same problem), threshold ${d.threshold}: precision ${d.precision}, recall ${d.recall}, F1 ${d.f1}`);
  }
  return out.join("\n");
}
