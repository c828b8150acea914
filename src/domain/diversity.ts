/**
 * Diversity per generation depth (DOMAIN.md 7 and 8), from aggregates the database computes:
 * falling slice entropy or rising duplication from one generation to the next is the early
 * warning of model collapse.
 */

/** Shannon entropy in bits of a distribution given by its counts (zeros ignored). */
export function shannonEntropyBits(counts: readonly number[]): number {
  const total = counts.reduce((s, c) => s + c, 0);
  let h = 0;
  for (const c of counts) if (c > 0) h -= (c / total) * Math.log2(c / total);
  return h === 0 ? 0 : h; // no -0
}

/** One generation's aggregates: sample counts per slice (null = no slice), and content hashes. */
export interface GenerationAggregate {
  generation: number;
  sliceCounts: ReadonlyArray<{ slice: string | null; count: number }>;
  /** Samples of this generation that have a content hash. */
  hashed: number;
  /** Distinct content hashes among them. */
  distinctHashes: number;
}

export interface DiversityCheck {
  generation: number;
  value: number;
  createdAt: string;
  auditSeq: number;
}

export interface GenerationDiversity {
  generation: number;
  samples: number;
  distinctSlices: number;
  sliceEntropy: number;
  duplicateRate: number;
  recordedDiversity: number | null;
}

/** The latest check per generation (by createdAt, then write order). */
export function latestChecks(checks: readonly DiversityCheck[]): Map<number, DiversityCheck> {
  const latest = new Map<number, DiversityCheck>();
  for (const check of checks) {
    const kept = latest.get(check.generation);
    if (!kept || check.createdAt > kept.createdAt || (check.createdAt === kept.createdAt && check.auditSeq > kept.auditSeq)) latest.set(check.generation, check);
  }
  return latest;
}

/** One row per generation present, ascending; a missing slice counts as its own category. */
export function generationDiversity(generations: readonly GenerationAggregate[], checks: readonly DiversityCheck[]): GenerationDiversity[] {
  const recorded = latestChecks(checks);
  return [...generations]
    .sort((a, b) => a.generation - b.generation)
    .map((g) => ({
      generation: g.generation,
      samples: g.sliceCounts.reduce((s, c) => s + c.count, 0),
      distinctSlices: g.sliceCounts.filter((c) => c.count > 0).length,
      sliceEntropy: shannonEntropyBits(g.sliceCounts.map((c) => c.count)),
      duplicateRate: g.hashed === 0 ? 0 : 1 - g.distinctHashes / g.hashed,
      recordedDiversity: recorded.get(g.generation)?.value ?? null,
    }));
}
