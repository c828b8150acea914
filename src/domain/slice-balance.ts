/**
 * Slice balance (DOMAIN.md 10.3): per slice, REAL against generated samples, and how far the
 * generated samples' slice distribution is from the real one. Pure.
 */
import { compareCodePoints } from "./code-points.js";
import { NO_SLICE, type OriginSliceDepthCount } from "./composition.js";
import type { Origin } from "./model.js";

/** Samples of a set grouped by (slice, origin): what the store aggregates in the database. */
export interface SliceOriginCount {
  slice: string | null;
  origin: Origin;
  count: number;
}

/** The (slice, origin) counts of composition's groups, depths added up: what sealing stores for slice balance. */
export function sliceOriginCountsOf(groups: readonly OriginSliceDepthCount[]): SliceOriginCount[] {
  const counts = new Map<string, SliceOriginCount>();
  for (const { slice, origin, count } of groups) {
    const key = JSON.stringify([slice, origin]);
    const row = counts.get(key) ?? { slice, origin, count: 0 };
    row.count += count;
    counts.set(key, row);
  }
  return [...counts.values()];
}

export interface SliceBalance {
  slice: string;
  total: number;
  real: number;
  synthetic: number;
  augmented: number;
  /** (synthetic + augmented) / total. */
  syntheticShare: number;
}

export interface SliceBalanceReport {
  /** Sorted by total descending, then slice in code-point order. */
  slices: SliceBalance[];
  /** Jensen-Shannon divergence in bits between REAL's and generated samples' slice distributions; null when either is empty. */
  realVsGeneratedDivergence: number | null;
  /** Slices with syntheticShare >= UNGROUNDED_SHARE, in the order of `slices`. */
  ungroundedSlices: string[];
}

export const UNGROUNDED_SHARE = 0.9;

/**
 * Jensen-Shannon divergence, base 2 (so 0..1): JSD(P, Q) = ½ KL(P ‖ M) + ½ KL(Q ‖ M) with
 * M = ½ (P + Q), over the union of keys; counts need not be normalised. Terms with p = 0 are 0
 * (the limit of p log p). Null when either side counts nothing.
 */
export function jensenShannonBits(p: ReadonlyMap<string, number>, q: ReadonlyMap<string, number>): number | null {
  const sum = (m: ReadonlyMap<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
  const [np, nq] = [sum(p), sum(q)];
  if (np === 0 || nq === 0) return null;
  let divergence = 0;
  // Summed in one key order, so the same counts arriving in another order give the same bits.
  for (const key of [...new Set([...p.keys(), ...q.keys()])].sort(compareCodePoints)) {
    const pi = (p.get(key) ?? 0) / np;
    const qi = (q.get(key) ?? 0) / nq;
    const mi = (pi + qi) / 2;
    if (pi > 0) divergence += (pi / 2) * Math.log2(pi / mi);
    if (qi > 0) divergence += (qi / 2) * Math.log2(qi / mi);
  }
  // Rounding can leave a hair outside 0..1 (identical distributions give -0 or 1e-17).
  return Math.min(1, Math.max(0, divergence));
}

export function sliceBalance(counts: readonly SliceOriginCount[]): SliceBalanceReport {
  const bySlice = new Map<string, SliceBalance>();
  const real = new Map<string, number>();
  const generated = new Map<string, number>();
  for (const { slice, origin, count } of counts) {
    const key = slice ?? NO_SLICE;
    const row = bySlice.get(key) ?? { slice: key, total: 0, real: 0, synthetic: 0, augmented: 0, syntheticShare: 0 };
    row.total += count;
    if (origin === "REAL") row.real += count;
    else if (origin === "SYNTHETIC") row.synthetic += count;
    else row.augmented += count;
    bySlice.set(key, row);
    const side = origin === "REAL" ? real : generated;
    side.set(key, (side.get(key) ?? 0) + count);
  }
  const slices = [...bySlice.values()]
    .map((row) => ({ ...row, syntheticShare: row.total === 0 ? 0 : (row.synthetic + row.augmented) / row.total }))
    .sort((a, b) => b.total - a.total || compareCodePoints(a.slice, b.slice));
  return {
    slices,
    realVsGeneratedDivergence: jensenShannonBits(real, generated),
    ungroundedSlices: slices.filter((s) => s.syntheticShare >= UNGROUNDED_SHARE).map((s) => s.slice),
  };
}
