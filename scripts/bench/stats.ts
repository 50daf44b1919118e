/** Percentiles of latency samples, for every benchmark. */
/** The value below which a fraction `p` (0..1) of the samples lie (nearest rank; the median interpolates). */
export function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  if (p === 0.5) {
    const mid = Math.floor(s.length / 2);
    return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
  }
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))]!;
}

export const median = (xs: readonly number[]) => percentile(xs, 0.5);
