/**
 * Temperature scaling (Guo et al. 2017): softmax probabilities sharpened or flattened by one
 * number T fitted on the validation split, so that "70%" means right about 70% of the time.
 * p_i ∝ p_i^(1/T) is the same as dividing the logits by T.
 */
export function applyTemperature(scores: { label: string; p: number }[], temperature: number): { label: string; p: number }[] {
  if (temperature === 1) return scores;
  const powered = scores.map((s) => ({ label: s.label, p: Math.pow(Math.max(s.p, 1e-12), 1 / temperature) }));
  const total = powered.reduce((sum, s) => sum + s.p, 0);
  return powered.map((s) => ({ label: s.label, p: s.p / total }));
}

/** The temperature in [0.25, 4] that minimizes the negative log-likelihood of the true labels. */
export function fitTemperature(items: { scores: { label: string; p: number }[]; truth: string }[]): number {
  let best = 1, bestLoss = Infinity;
  for (let t = 0.25; t <= 4.0001; t += 0.05) {
    let loss = 0;
    for (const { scores, truth } of items) {
      const p = applyTemperature(scores, t).find((s) => s.label === truth)?.p ?? 1e-12;
      loss -= Math.log(Math.max(p, 1e-12));
    }
    if (loss < bestLoss) { bestLoss = loss; best = Math.round(t * 100) / 100; }
  }
  return best;
}
