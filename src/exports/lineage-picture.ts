/**
 * The lineage picture (DOMAIN.md 10.4) as a graph to lay out: the things upstream of a node,
 * samples never one by one but counted on the edge that carries them ("4,200 SYNTHETIC"), edges
 * pointing with the flow (upstream on the left). Pure.
 */

export interface PictureNode {
  id: string;
  /** Its type (Generator, GenerationRun, ...), or "Samples" for a group of samples. */
  label: string;
  title: string;
  root: boolean;
}

export interface PictureEdge {
  from: string;
  to: string;
  /** Samples counted on the edge ("4,200 SYNTHETIC"), else null. */
  label: string | null;
  /** On a path that carries generated samples. */
  synthetic: boolean;
}

export interface PictureGraph {
  nodes: PictureNode[];
  edges: PictureEdge[];
  /** Nodes left out for the size cap. */
  truncated: boolean;
}

export interface SampleGroup {
  /** The node the samples feed. */
  into: string;
  type: string;
  runId: string | null;
  origin: string;
  count: number;
}

const GROUP_TITLE: Record<string, string> = { CONTAINS: "collected samples", SEEDED_BY: "seed samples", DERIVED_FROM: "source samples" };

/**
 * `structure`: [newer, older] pairs of non-sample nodes; `groups`: counted samples. A dataset
 * version's generated members are counted on the edge from their run; its REAL members, a run's
 * seeds and a sample's sources on an edge from a group node. An edge is synthetic when it counts
 * SYNTHETIC or AUGMENTED samples or leaves a generation run, feeds a run such an edge leaves,
 * or leaves a node a synthetic edge enters.
 */
export function pictureGraph(
  nodes: readonly PictureNode[],
  structure: ReadonlyArray<[string, string]>,
  groups: readonly SampleGroup[],
  truncated: boolean,
): PictureGraph {
  const all = new Map(nodes.map((n) => [n.id, n]));
  const edges: PictureEdge[] = structure.map(([newer, older]) => ({ from: older, to: newer, label: null, synthetic: false }));
  const counted = new Map<string, { from: string; to: string; counts: Map<string, number> }>();
  for (const g of groups) {
    const from = g.type === "CONTAINS" && g.runId !== null && all.has(g.runId) ? g.runId : `samples:${g.into}:${g.type}`;
    if (!all.has(from)) all.set(from, { id: from, label: "Samples", title: GROUP_TITLE[g.type] ?? "samples", root: false });
    const key = `${from}\u0000${g.into}`;
    const entry = counted.get(key) ?? { from, to: g.into, counts: new Map<string, number>() };
    entry.counts.set(g.origin, (entry.counts.get(g.origin) ?? 0) + g.count);
    counted.set(key, entry);
  }
  for (const { from, to, counts } of counted.values()) {
    const parts = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    edges.push({
      from,
      to,
      label: parts.map(([origin, n]) => `${n.toLocaleString("en-US")} ${origin}`).join(", "),
      synthetic: parts.some(([origin]) => origin !== "REAL"),
    });
  }
  // What leaves a generation run is generated data, counted or not (the job run that IS_GENERATION of it, DOMAIN.md 9).
  for (const e of edges) if (all.get(e.from)?.label === "GenerationRun") e.synthetic = true;
  const producing = new Set(edges.filter((e) => e.synthetic).map((e) => e.from));
  for (const e of edges) if (producing.has(e.to) && all.get(e.from)?.label !== "Samples") e.synthetic = true;
  // Downstream of a synthetic edge, every edge carries generated samples too.
  for (let changed = true; changed;) {
    changed = false;
    const tainted = new Set(edges.filter((e) => e.synthetic).map((e) => e.to));
    for (const e of edges) if (!e.synthetic && tainted.has(e.from)) changed = e.synthetic = true;
  }
  return { nodes: [...all.values()], edges, truncated };
}
