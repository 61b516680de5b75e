/** Classification metrics: accuracy, per-class precision/recall/F1, macro-F1, confusion matrix. */
export interface ClassMetrics { label: string; support: number; precision: number; recall: number; f1: number }
export interface Metrics {
  n: number;
  accuracy: number;
  macroF1: number;
  perClass: ClassMetrics[];
  /** confusion[truth][predicted] = count */
  confusion: Record<string, Record<string, number>>;
}

export function computeMetrics(pairs: { truth: string; predicted: string }[], labels?: string[]): Metrics {
  const classes = labels ?? [...new Set(pairs.map((p) => p.truth))].sort();
  const confusion: Record<string, Record<string, number>> = {};
  for (const t of classes) confusion[t] = {};
  let correct = 0;
  for (const { truth, predicted } of pairs) {
    if (truth === predicted) correct++;
    (confusion[truth] ??= {})[predicted] = (confusion[truth][predicted] ?? 0) + 1;
  }
  const perClass = classes.map((label) => {
    const tp = confusion[label]?.[label] ?? 0;
    const support = pairs.filter((p) => p.truth === label).length;
    const predictedAs = pairs.filter((p) => p.predicted === label).length;
    const precision = predictedAs ? tp / predictedAs : 0;
    const recall = support ? tp / support : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    return { label, support, precision, recall, f1 };
  });
  const present = perClass.filter((c) => c.support > 0);
  return {
    n: pairs.length,
    accuracy: pairs.length ? correct / pairs.length : 0,
    macroF1: present.length ? present.reduce((s, c) => s + c.f1, 0) / present.length : 0,
    perClass,
    confusion,
  };
}

/** Expected calibration error over 10 confidence bins: how far "80% sure" is from being right 80% of the time. */
export function expectedCalibrationError(items: { confidence: number; correct: boolean }[]): number {
  const bins = Array.from({ length: 10 }, () => ({ n: 0, conf: 0, right: 0 }));
  for (const { confidence, correct } of items) {
    const b = bins[Math.min(9, Math.floor(confidence * 10))]!;
    b.n++; b.conf += confidence; b.right += correct ? 1 : 0;
  }
  return bins.reduce((s, b) => s + (b.n ? (b.n / items.length) * Math.abs(b.conf / b.n - b.right / b.n) : 0), 0);
}
