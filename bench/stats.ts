/** Summary statistics shared by the benchmarks. */

/** Minimum, median and maximum of a series of runs. */
export type Spread = { runs: number; min: number; median: number; max: number };

/** The spread of `values` (the median of an even count is the lower middle value). */
export function spreadOf(values: readonly number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    runs: sorted.length,
    min: sorted[0] ?? 0,
    median: sorted[Math.floor((sorted.length - 1) / 2)] ?? 0,
    max: sorted[sorted.length - 1] ?? 0,
  };
}
