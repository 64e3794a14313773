export interface MannWhitneyResult {
  /** U of the first sample: pairs (a, b) with a > b, plus half the tied pairs. */
  readonly u: number;
  /** Standard score of `u` under the normal approximation, with tie and continuity corrections. */
  readonly z: number;
  /** Two-sided p-value: how likely a difference at least this large is when both samples come from one distribution. */
  readonly p: number;
}

/**
 * The two-sided Mann-Whitney U test (Wilcoxon rank-sum), normal approximation with the tie
 * correction of the variance and a continuity correction of 0.5 — the same figures as
 * `scipy.stats.mannwhitneyu(a, b, method='asymptotic')`. Fit for samples of a few dozen or more.
 */
export function mannWhitneyU(a: readonly number[], b: readonly number[]): MannWhitneyResult {
  const n1 = a.length;
  const n2 = b.length;
  if (n1 === 0 || n2 === 0) throw new Error('mannWhitneyU needs two non-empty samples');
  const n = n1 + n2;
  const pooled = [...a.map((value) => ({ value, first: true })), ...b.map((value) => ({ value, first: false }))].sort(
    (left, right) => left.value - right.value,
  );

  // Tied values share the mean of the ranks they span; each tie group of size t corrects the variance by t³ − t.
  let rankSumOfFirst = 0;
  let tieCorrection = 0;
  for (let start = 0; start < n;) {
    let end = start;
    while (end + 1 < n && pooled[end + 1]!.value === pooled[start]!.value) end += 1;
    const sharedRank = (start + end) / 2 + 1;
    for (let index = start; index <= end; index += 1) if (pooled[index]!.first) rankSumOfFirst += sharedRank;
    const tied = end - start + 1;
    tieCorrection += tied ** 3 - tied;
    start = end + 1;
  }

  const u = rankSumOfFirst - (n1 * (n1 + 1)) / 2;
  const mean = (n1 * n2) / 2;
  const variance = ((n1 * n2) / 12) * (n + 1 - tieCorrection / (n * (n - 1)));
  if (variance <= 0) return { u, z: 0, p: 1 };
  const z = (Math.sign(u - mean) * Math.max(0, Math.abs(u - mean) - 0.5)) / Math.sqrt(variance);
  return { u, z, p: Math.min(1, 2 * standardNormalUpperTail(Math.abs(z))) };
}

/** P(Z > x) for a standard normal Z. */
function standardNormalUpperTail(x: number): number {
  return complementaryErrorFunction(x / Math.SQRT2) / 2;
}

/** erfc(x) by Chebyshev fitting (Numerical Recipes' erfcc): fractional error below 1.2e-7 everywhere. */
function complementaryErrorFunction(x: number): number {
  const t = 1 / (1 + 0.5 * Math.abs(x));
  const polynomial =
    -x * x -
    1.26551223 +
    t *
      (1.00002368 +
        t *
          (0.37409196 +
            t *
              (0.09678418 +
                t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  const value = t * Math.exp(polynomial);
  return x >= 0 ? value : 2 - value;
}
