import type { Composition, CountShare, Origin } from "./model.js";

/** Samples of a set grouped by (origin, slice, depth): what the store aggregates in the database. */
export interface OriginSliceDepthCount {
  origin: Origin;
  slice: string | null;
  depth: number;
  count: number;
}

export interface KeyCount {
  key: string;
  count: number;
}

export const NO_SLICE = "(none)";

/**
 * Entries with `share` = count / `of`, sorted by count descending, then key ascending
 * (DOMAIN.md 8). `of` = 0 gives share 0.
 */
function countShares(counts: Iterable<KeyCount>, of: number): CountShare[] {
  const merged = new Map<string, number>();
  for (const { key, count } of counts) merged.set(key, (merged.get(key) ?? 0) + count);
  return [...merged]
    .map(([key, count]) => ({ key, count, share: of === 0 ? 0 : count / of }))
    .sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/**
 * The composition of a set of samples (DOMAIN.md 2 and 8), from database aggregates:
 * `groups` covers every sample once, `byGenerator` counts the generated samples per generator
 * id, `byLabelerKind` counts the labels on the set's samples per labeler kind.
 */
export function composition(
  groups: readonly OriginSliceDepthCount[],
  byGenerator: readonly KeyCount[],
  byLabelerKind: readonly KeyCount[],
): Composition {
  const originCount: Record<Origin, number> = { REAL: 0, SYNTHETIC: 0, AUGMENTED: 0 };
  let maxGenerationDepth = 0;
  for (const g of groups) {
    originCount[g.origin] += g.count;
    if (g.count > 0) maxGenerationDepth = Math.max(maxGenerationDepth, g.depth);
  }
  const total = originCount.REAL + originCount.SYNTHETIC + originCount.AUGMENTED;
  return {
    total,
    real: originCount.REAL,
    synthetic: originCount.SYNTHETIC,
    augmented: originCount.AUGMENTED,
    syntheticRatio: total === 0 ? 0 : (originCount.SYNTHETIC + originCount.AUGMENTED) / total,
    byGenerator: countShares(byGenerator, total),
    bySlice: countShares(
      groups.map((g) => ({ key: g.slice ?? NO_SLICE, count: g.count })),
      total,
    ),
    byLabelerKind: labelShares(byLabelerKind),
    maxGenerationDepth,
    byGenerationDepth: countShares(
      groups.map((g) => ({ key: String(g.depth), count: g.count })),
      total,
    ),
  };
}

/** Labels per labeler kind, each with its share of all the set's labels. */
function labelShares(byLabelerKind: readonly KeyCount[]): CountShare[] {
  return countShares(
    byLabelerKind,
    byLabelerKind.reduce((sum, k) => sum + k.count, 0),
  );
}

/** `c` with its labels counted again (`byLabelerKind` as the store aggregates it): labels may be added after a set's samples are counted. */
export function withLabels(c: Composition, byLabelerKind: readonly KeyCount[]): Composition {
  return { ...c, byLabelerKind: labelShares(byLabelerKind) };
}

/**
 * True when two compositions count the same samples the same way: origins, generators, slices
 * and depths. Labels are left out: they may be added to samples after the fact.
 */
export function sameOriginCounts(a: Composition, b: Composition): boolean {
  const counts = (c: Composition) =>
    JSON.stringify([
      c.total,
      c.real,
      c.synthetic,
      c.augmented,
      c.maxGenerationDepth,
      ...[c.byGenerator, c.bySlice, c.byGenerationDepth].map((list) => list.map((e) => [e.key, e.count])),
    ]);
  return counts(a) === counts(b);
}
