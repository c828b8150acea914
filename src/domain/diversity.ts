/**
 * Diversity per generation depth (DOMAIN.md 7 and 8): falling slice entropy or rising
 * duplication from one generation to the next is the early warning of model collapse.
 *
 * The input is what the database aggregates (a million samples never leave it): per generation,
 * sample counts per slice, how many samples have a content hash and how many distinct hashes
 * there are. Rows of samples are aggregated the same way: count per (generation, slice), then
 * count(contentHash) and count(DISTINCT contentHash) per generation.
 */
import { NO_SLICE } from "./composition.js";
import { supersedes } from "./write-order.js";

/** Shannon entropy, in bits, of the distribution given by these counts (zeros ignored; 0 for none). */
export function shannonEntropyBits(counts: readonly number[]): number {
  let total = 0;
  for (const c of counts) {
    if (!Number.isFinite(c) || c < 0) throw new RangeError(`a count is a non-negative number, not ${c}`);
    total += c;
  }
  let h = 0;
  for (const c of counts) if (c > 0) h -= (c / total) * Math.log2(c / total);
  return h === 0 ? 0 : h; // one category gives -0
}

/** 1 - distinct hashes / samples with a hash (DOMAIN.md 8); 0 when no sample has one. */
export function duplicateRate(hashed: number, distinctHashes: number): number {
  return hashed === 0 ? 0 : 1 - distinctHashes / hashed;
}

/** One generation's aggregates. */
export interface GenerationAggregate {
  generation: number;
  /** Samples per slice; a null slice is the category "(none)", as in composition's bySlice. */
  sliceCounts: ReadonlyArray<{ slice: string | null; count: number }>;
  /** Samples of this generation that have a content hash. */
  hashed: number;
  /** Distinct content hashes among them. */
  distinctHashes: number;
}

/** A recorded DIVERSITY check with `generation` set. */
export interface DiversityCheck {
  generation: number;
  value: number;
  createdAt: string;
  /** Write order: breaks ties of createdAt; without it, the later check in the input wins. */
  auditSeq?: number;
}

export interface GenerationDiversity {
  generation: number;
  samples: number;
  distinctSlices: number;
  sliceEntropy: number;
  duplicateRate: number;
  recordedDiversity: number | null;
}

/** The check that counts for each generation: the latest by createdAt, then auditSeq, then input order. */
export function latestChecks(checks: readonly DiversityCheck[]): Map<number, DiversityCheck> {
  const latest = new Map<number, DiversityCheck>();
  for (const check of checks) {
    if (supersedes(check, latest.get(check.generation))) latest.set(check.generation, check);
  }
  return latest;
}

/**
 * One row per generation present (at least one sample), in ascending generation, beside the
 * latest recorded check for it (null without one; checks for absent generations are ignored).
 * Throws a RangeError for two aggregates of one generation (distinct-hash counts of parts do not
 * add up) or for counts that contradict each other.
 */
export function generationDiversity(generations: readonly GenerationAggregate[], checks: readonly DiversityCheck[]): GenerationDiversity[] {
  const recorded = latestChecks(checks);
  const seen = new Set<number>();
  const rows: GenerationDiversity[] = [];
  for (const g of generations) {
    if (seen.has(g.generation)) throw new RangeError(`generation ${g.generation} is aggregated twice`);
    seen.add(g.generation);
    const bySlice = new Map<string, number>();
    for (const { slice, count } of g.sliceCounts) bySlice.set(slice ?? NO_SLICE, (bySlice.get(slice ?? NO_SLICE) ?? 0) + count);
    const counts = [...bySlice.values()];
    const samples = counts.reduce((s, c) => s + c, 0);
    if (!(g.distinctHashes >= 0 && g.distinctHashes <= g.hashed && g.hashed <= samples) || (g.hashed > 0 && g.distinctHashes === 0)) {
      throw new RangeError(`generation ${g.generation}: ${g.distinctHashes} distinct hashes over ${g.hashed} hashed of ${samples} samples`);
    }
    if (samples === 0) continue;
    rows.push({
      generation: g.generation,
      samples,
      distinctSlices: counts.filter((c) => c > 0).length,
      sliceEntropy: shannonEntropyBits(counts),
      duplicateRate: duplicateRate(g.hashed, g.distinctHashes),
      recordedDiversity: recorded.get(g.generation)?.value ?? null,
    });
  }
  return rows.sort((a, b) => a.generation - b.generation);
}
