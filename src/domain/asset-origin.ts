/**
 * The origin of a data asset (DOMAIN.md 9.2): its class, the basis for it and the evidence,
 * from the facts of the asset and of what feeds it. Pure: the store walks the graph and hands
 * over the facts and the "feeds" links (asset -> the assets its writing runs read).
 */
import type { DeclaredOrigin, OriginBasis, OriginClass } from "./vocabulary.js";

export type { OriginBasis, OriginClass };

/** What the graph says about one asset itself. */
export interface AssetFacts {
  id: string;
  /** The latest origin declaration, if any. */
  declared: DeclaredOrigin | null;
  /** An output of a run with the provgraph_generation facet. */
  generated: boolean;
  /** The latest sealed version's composition of a dataset materialised as the asset. */
  samples: { real: number; synthetic: number; augmented: number; syntheticRatio: number } | null;
  /** Written by at least one run. */
  written: boolean;
}

export interface AssetOrigin {
  origin: OriginClass;
  basis: OriginBasis;
  syntheticRatio: number | null;
  /** Root ids whose class is SYNTHETIC or MIXED (at most 100, sorted). */
  syntheticUpstream: string[];
  /** Root ids nothing is known about (at most 100, sorted). */
  unknownUpstream: string[];
  conflict: string | null;
}

const EVIDENCE = 100;

/** AUGMENTED rows were written by a generator: they count as SYNTHETIC. */
export const declaredClass = (d: DeclaredOrigin): OriginClass => (d === "AUGMENTED" ? "SYNTHETIC" : d);

function samplesClass(s: NonNullable<AssetFacts["samples"]>): OriginClass {
  if (s.synthetic + s.augmented === 0) return "REAL";
  return s.real === 0 ? "SYNTHETIC" : "MIXED";
}

/** Bases 2 and 3, the ones an asset has of itself apart from a declaration. */
function ownComputed(f: AssetFacts): { origin: OriginClass; basis: OriginBasis; syntheticRatio: number | null } | null {
  if (f.generated) return { origin: "SYNTHETIC", basis: "GENERATED", syntheticRatio: null };
  if (f.samples) return { origin: samplesClass(f.samples), basis: "SAMPLES", syntheticRatio: f.samples.syntheticRatio };
  return null;
}

/** The class a root contributes: bases 1-3, first that applies; null when it has none. */
export function rootClass(f: AssetFacts): OriginClass | null {
  if (f.declared) return declaredClass(f.declared);
  return ownComputed(f)?.origin ?? null;
}

/** UNKNOWN if any root is unknown, REAL if all are REAL, SYNTHETIC if all are SYNTHETIC, else MIXED. */
export function combine(classes: readonly OriginClass[]): OriginClass {
  if (classes.length === 0 || classes.includes("UNKNOWN")) return "UNKNOWN";
  if (classes.every((c) => c === "REAL")) return "REAL";
  if (classes.every((c) => c === "SYNTHETIC")) return "SYNTHETIC";
  return "MIXED";
}

export interface FeedGraph {
  facts: ReadonlyMap<string, AssetFacts>;
  /** asset id -> the (non-ENTITY) assets read by the runs that wrote it. */
  feeds: ReadonlyMap<string, readonly string[]>;
}

/**
 * Basis 4: walk upstream from `id` (each asset once, so cycles end), stopping at roots. Null
 * when the walk finds no root at all.
 */
function propagated(id: string, graph: FeedGraph): { origin: OriginClass; synthetic: string[]; unknown: string[] } | null {
  const roots = new Map<string, OriginClass>();
  const seen = new Set([id]);
  let frontier = [id];
  while (frontier.length > 0) {
    const next: string[] = [];
    for (const from of frontier) {
      for (const to of graph.feeds.get(from) ?? []) {
        if (seen.has(to)) continue;
        seen.add(to);
        const facts = graph.facts.get(to);
        const cls = facts ? rootClass(facts) : null;
        if (cls) roots.set(to, cls);
        else if (!facts?.written) roots.set(to, "UNKNOWN");
        else next.push(to);
      }
    }
    frontier = next;
  }
  if (roots.size === 0) return null;
  const sorted = [...roots].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    origin: combine([...roots.values()]),
    synthetic: sorted.filter(([, c]) => c === "SYNTHETIC" || c === "MIXED").map(([r]) => r),
    unknown: sorted.filter(([, c]) => c === "UNKNOWN").map(([r]) => r),
  };
}

/** DataAsset.origin of `id`, whose facts and upstream `graph` holds. */
export function assetOrigin(id: string, graph: FeedGraph): AssetOrigin {
  const facts = graph.facts.get(id) ?? { id, declared: null, generated: false, samples: null, written: false };
  const own = ownComputed(facts);
  const walked = own || !facts.written ? null : propagated(id, graph);
  const computed = own ?? (walked ? { origin: walked.origin, basis: "PROPAGATED" as const, syntheticRatio: null } : null);
  if (facts.declared) {
    const synthetic = computed && (computed.origin === "SYNTHETIC" || computed.origin === "MIXED");
    const root = walked?.synthetic[0] ?? id;
    const conflict =
      facts.declared === "REAL" && synthetic ? `declared REAL, but its data is ${computed.origin}: synthetic root ${root}` : null;
    return {
      origin: declaredClass(facts.declared),
      basis: "DECLARED",
      syntheticRatio: null,
      syntheticUpstream: [],
      unknownUpstream: [],
      conflict,
    };
  }
  if (!computed)
    return { origin: "UNKNOWN", basis: "NONE", syntheticRatio: null, syntheticUpstream: [], unknownUpstream: [], conflict: null };
  return {
    ...computed,
    syntheticUpstream: walked?.synthetic.slice(0, EVIDENCE) ?? [],
    unknownUpstream: walked?.unknown.slice(0, EVIDENCE) ?? [],
    conflict: null,
  };
}
