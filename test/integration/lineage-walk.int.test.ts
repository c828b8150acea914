/**
 * lineage against a breadth-first walk computed here, over random graphs: any labels, any of
 * the walk's relationship types between any two nodes (cycles, self-loops, parallel
 * relationships), containers, and sometimes a hub with more neighbours than one level's row
 * budget. The graphs are written with Cypher (the API refuses most such shapes) and removed
 * after each run; the walks go through GraphQL.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prefix, startApi, type TestApi } from "../helpers/api.js";

let api: TestApi;
beforeAll(async () => {
  api = await startApi();
});
afterAll(() => api?.close());

const LINEAGE = `query($id: ID!, $dir: Direction!, $depth: Int, $limit: Int) { lineage(id: $id, direction: $dir, depth: $depth, limit: $limit) {
  truncated nodes { id distance } edges { from to type } } }`;

// DOMAIN.md 8: most relationships point against the flow of data, LABELS, CHECKS and REVIEWS with
// it; VERSION_OF leads from a version to its container in both walks, and containers end a walk.
const AGAINST = [
  "GENERATED_BY",
  "DERIVED_FROM",
  "USED_GENERATOR",
  "USED_PROMPT",
  "SEEDED_BY",
  "TRAINED_AS",
  "LABELED_BY",
  "CONTAINS",
  "PRODUCED_BY",
  "TRAINED_ON",
  "OF_MODEL",
];
const WITH = ["LABELS", "CHECKS", "REVIEWS"];
const TYPES = [...AGAINST, ...WITH, "VERSION_OF"];
const LABELS = [
  "Sample",
  "Sample",
  "Sample",
  "GenerationRun",
  "Generator",
  "PromptTemplate",
  "DatasetVersion",
  "Dataset",
  "TrainingRun",
  "ModelVersion",
  "Model",
  "Label",
  "Labeler",
  "ValidationCheck",
  "Review",
  "Evaluation",
];
const CONTAINERS = new Set(["Dataset", "Model"]);
/**
 * Relationships of the hub: more than a folded level's rows (100) and, for the small limits,
 * than a level's row budget (2 * (limit + 1) + the frontier), to as many new nodes or, in
 * parallel, to the graph's own few.
 */
const HUB = 130;

type Direction = "UPSTREAM" | "DOWNSTREAM";
interface Rel {
  from: number;
  to: number;
  type: string;
}
interface Graph {
  labels: string[];
  rels: Rel[];
}
interface Edge {
  from: string;
  to: string;
  type: string;
}

/** Relationships followed from a node, as [the node reached, the relationship]. */
function follows(graph: Graph, direction: Direction): Map<number, Array<[number, Rel]>> {
  const out = new Map<number, Array<[number, Rel]>>();
  const add = (at: number, to: number, rel: Rel) => out.set(at, [...(out.get(at) ?? []), [to, rel]]);
  for (const rel of graph.rels) {
    const withFlow = WITH.includes(rel.type);
    const forward = rel.type === "VERSION_OF" || (direction === "UPSTREAM" ? !withFlow : withFlow);
    if (forward) add(rel.from, rel.to, rel);
    else add(rel.to, rel.from, rel);
  }
  return out;
}

/** The walk by the definition: shortest distances within `depth`, every relationship followed from a node it expands. */
function reference(graph: Graph, root: number, direction: Direction, depth: number) {
  const next = follows(graph, direction);
  const distance = new Map<number, number>([[root, 0]]);
  const edges: Array<{ at: number; rel: Rel }> = [];
  let frontier = CONTAINERS.has(graph.labels[root]!) ? [] : [root];
  for (let level = 1; level <= depth && frontier.length > 0; level++) {
    const reached: number[] = [];
    for (const at of frontier) {
      for (const [to, rel] of next.get(at) ?? []) {
        edges.push({ at, rel });
        if (!distance.has(to)) {
          distance.set(to, level);
          if (!CONTAINERS.has(graph.labels[to]!)) reached.push(to);
        }
      }
    }
    frontier = reached;
  }
  return { distance, edges };
}

const graphs = fc
  .integer({ min: 1, max: 24 })
  .chain((n) =>
    fc.record({
      labels: fc.array(fc.constantFrom(...LABELS), { minLength: n, maxLength: n }),
      rels: fc.array(fc.record({ from: fc.nat(n - 1), to: fc.nat(n - 1), type: fc.constantFrom(...TYPES) }), { maxLength: 3 * n }),
      hub: fc.option(fc.record({ at: fc.nat(n - 1), type: fc.constantFrom(...TYPES), out: fc.boolean(), parallel: fc.boolean() }), {
        freq: 3,
        nil: null,
      }),
      walks: fc.array(
        fc.record({
          root: fc.nat(n - 1),
          direction: fc.constantFrom<Direction>("UPSTREAM", "DOWNSTREAM"),
          depth: fc.integer({ min: 0, max: 6 }),
          limit: fc.constantFrom(1, 2, 3, 5, 8, 30, 1000),
        }),
        { minLength: 1, maxLength: 8 },
      ),
    }),
  )
  .map(({ labels, rels, hub, walks }): { graph: Graph; walks: typeof walks } => {
    if (!hub) return { graph: { labels, rels }, walks };
    const spoke = (k: number) => (hub.out ? { from: hub.at, to: k, type: hub.type } : { from: k, to: hub.at, type: hub.type });
    if (hub.parallel)
      return { graph: { labels, rels: [...rels, ...Array.from({ length: HUB }, (_, k) => spoke(k % labels.length))] }, walks };
    // New Samples, each also derived from the next one.
    const first = labels.length;
    const spokes = Array.from({ length: HUB }, (_, k) => first + k);
    return {
      graph: {
        labels: [...labels, ...spokes.map(() => "Sample")],
        rels: [...rels, ...spokes.map(spoke), ...spokes.slice(1).map((k) => ({ from: k - 1, to: k, type: "DERIVED_FROM" }))],
      },
      walks,
    };
  });

describe("lineage over random graphs", () => {
  it("returns the breadth-first walk: shortest distances, every followed relationship, truncated exactly when the limit left nodes out", async () => {
    await fc.assert(
      fc.asyncProperty(graphs, async ({ graph, walks }) => {
        const p = prefix("walk");
        const id = (k: number) => `${p}${k}`;
        await api.executor.write("test.graph", async (run) => {
          await run("UNWIND $nodes AS row CREATE (n:Entity {id: row.id}) SET n:$(row.label)", {
            nodes: graph.labels.map((label, k) => ({ id: id(k), label })),
          });
          await run("UNWIND $rels AS row MATCH (a:Entity {id: row.from}), (b:Entity {id: row.to}) CREATE (a)-[:$(row.type)]->(b)", {
            rels: graph.rels.map((r) => ({ from: id(r.from), to: id(r.to), type: r.type })),
          });
        });
        try {
          for (const walk of walks) {
            const what = JSON.stringify(walk);
            const { lineage } = await api.ok<{
              lineage: { truncated: boolean; nodes: Array<{ id: string; distance: number }>; edges: Edge[] };
            }>(LINEAGE, { id: id(walk.root), dir: walk.direction, depth: walk.depth, limit: walk.limit });
            const expected = reference(graph, walk.root, walk.direction, walk.depth);
            const distance = new Map([...expected.distance].map(([k, d]) => [id(k), d]));
            const key = (e: Edge) => `${e.from} ${e.type} ${e.to}`;
            const expectedEdges = expected.edges.map(({ at, rel }) => ({
              at: id(at),
              key: key({ from: id(rel.from), to: id(rel.to), type: rel.type }),
            }));
            const got = new Map(lineage.nodes.map((n) => [n.id, n.distance]));
            expect(got.size, what).toBe(lineage.nodes.length); // each node once
            for (const [n, d] of got) expect([n, d], what).toEqual([n, distance.get(n)]);
            const gotEdges = lineage.edges.map(key);
            expect(new Set(gotEdges).size, what).toBe(gotEdges.length);
            for (const e of lineage.edges) expect(got.has(e.from) && got.has(e.to), what).toBe(true);
            expect(
              gotEdges.filter((e) => !expectedEdges.some((x) => x.key === e)),
              what,
            ).toEqual([]);
            if (distance.size <= walk.limit) {
              // Everything within the depth fits: the exact walk.
              expect(lineage.truncated, what).toBe(false);
              expect([...got.keys()].sort(), what).toEqual([...distance.keys()].sort());
              expect(gotEdges.sort(), what).toEqual([...new Set(expectedEdges.map((e) => e.key))].sort());
            } else {
              // The limit left some out: `limit` nodes, nearest first, and every relationship of the levels before the last one reached.
              expect(lineage.truncated, what).toBe(true);
              expect(got.size, what).toBe(walk.limit);
              const deepest = Math.max(...got.values());
              for (const [n, d] of distance) if (d < deepest) expect(got.has(n), `${what} ${n}`).toBe(true);
              for (const e of expectedEdges) if (distance.get(e.at)! <= deepest - 2) expect(gotEdges, what).toContain(e.key);
            }
          }
        } finally {
          await api.executor.write("test.graph.remove", (run) => run("MATCH (n:Entity) WHERE n.id STARTS WITH $p DETACH DELETE n", { p }));
        }
      }),
      { numRuns: 60 },
    );
  }, 300_000);
});
