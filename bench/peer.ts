/**
 * provgraph beside its peer (bench/peer-server.ts, @neo4j/graphql over the same database and
 * graph): the same questions asked of both over HTTP. Each question's answers are compared
 * first; a time counts only where they agree (`peer_compared` records it).
 */
import { Client, interleaved, median, percentile, round, serve } from "./client.js";

/** The same selection in both: a page of samples in id order with their run, generator, labels and sources. */
export const PAGE = `query($n: Int!) { samples(first: $n) { edges { node { id generationRun { id generator { id } } labels { value labeler { kind } } derivedFrom { id } } } } }`;
const PEER_PAGE = `query($n: Int!) { samples(limit: $n, sort: [{ id: ASC }]) { id generationRun { id generator { id } } labels { value labeler { kind } } derivedFrom { id } } }`;

const LINEAGE = `query($id: ID!) { lineage(id: $id, direction: UPSTREAM, depth: 5) { truncated nodes { id label distance } edges { from to type } } }`;
/** The closest a generic layer gets to lineage: derivedFrom nested 5 levels, each with its run and generator. */
const PEER_LINEAGE = `query($id: ID!) { samples(where: { id: { eq: $id } }) { ${nest(5)} } }`;
function nest(levels: number): string {
  const fields = "id generationRun { id generator { id } }";
  return levels === 0 ? fields : `${fields} derivedFrom { ${nest(levels - 1)} }`;
}

export const COMPOSITION = `query($of: ID!) { composition(of: $of) { total synthetic augmented syntheticRatio byGenerator { key count } byGenerationDepth { key count } } }`;
const PEER_RATIO = `query($of: ID!) { datasetVersions(where: { id: { eq: $of } }) {
  all: samplesConnection { aggregate { count { nodes } } }
  generated: samplesConnection(where: { node: { origin: { in: ["SYNTHETIC", "AUGMENTED"] } } }) { aggregate { count { nodes } } } } }`;

type PageNode = {
  id: string;
  generationRun: { id: string; generator: { id: string } | null } | null;
  labels: Array<{ value: string; labeler: { kind: string } | null }>;
  derivedFrom: Array<{ id: string }>;
};
type Nested = { id: string; derivedFrom?: Nested[] };
type Count = { aggregate: { count: { nodes: number } } };

/** One canonical text per page: what both must agree on (lists compared as sets). */
const canonicalPage = (nodes: PageNode[]) =>
  JSON.stringify(
    nodes.map((n) => ({
      ...n,
      labels: n.labels.map((l) => `${l.value}/${l.labeler?.kind}`).sort(),
      derivedFrom: n.derivedFrom.map((d) => d.id).sort(),
    })),
  );

const nestedIds = (n: Nested, into = new Set<string>()): Set<string> => {
  into.add(n.id);
  for (const d of n.derivedFrom ?? []) nestedIds(d, into);
  return into;
};
const sameSet = (a: Iterable<string>, b: Iterable<string>) =>
  JSON.stringify([...new Set(a)].sort()) === JSON.stringify([...new Set(b)].sort());

/**
 * Starts the peer over `uri` and asks both servers the same questions: pages of 50 and 500
 * samples, lineage of `picks` 5 levels up, the synthetic ratio of the sealed `versions`. Each
 * question is answered by both and compared, then timed alternately.
 * Returns provgraph's figures, the peer's, the ratios of those whose answers agree, and
 * `peer_compared`.
 */
export async function sideBySide(ours: Client, uri: string, picks: readonly string[], versions: { "1k": string; "1m": string }) {
  const port = 4900 + Math.floor(Math.random() * 100);
  const server = await serve("bench/peer-server.ts", { NODE_ENV: "production", NEO4J_URI: uri, PORT: String(port) }, "peer GraphQL at");
  const peer = new Client(`http://127.0.0.1:${port}/`);
  const out: Record<string, number | string> = {};
  const agreed: string[] = [];
  const disagreed: string[] = [];
  const versus = (what: string, same: boolean, key: string, mine: number, theirs: number) => {
    (same ? agreed : disagreed).push(what);
    if (same) out[key] = Number((mine / theirs).toPrecision(3)); // 3 significant digits: some are far below 0.01
  };
  try {
    for (const n of [50, 500]) {
      const mine = await ours.ok<{ samples: { edges: Array<{ node: PageNode }> } }>(PAGE, { n });
      const theirs = await peer.ok<{ samples: PageNode[] }>(PEER_PAGE, { n });
      const [a, b] = await interleaved(
        10,
        () => ours.ok(PAGE, { n }),
        () => peer.ok(PEER_PAGE, { n }),
      );
      out[`page${n}_ms`] = round(median(a));
      out[`peer_page${n}_ms`] = round(median(b));
      versus(
        `page${n}`,
        canonicalPage(mine.samples.edges.map((e) => e.node)) === canonicalPage(theirs.samples),
        `page${n}_vs_peer`,
        median(a),
        median(b),
      );
    }

    let same = 0;
    for (const id of picks) {
      const mine = await ours.ok<{ lineage: { nodes: Array<{ id: string; label: string }> } }>(LINEAGE, { id });
      const theirs = await peer.ok<{ samples: Nested[] }>(PEER_LINEAGE, { id });
      if (
        theirs.samples.length === 1 &&
        sameSet(
          mine.lineage.nodes.filter((x) => x.label === "Sample").map((x) => x.id),
          nestedIds(theirs.samples[0]!),
        )
      )
        same++;
    }
    const [a, b] = await interleaved(
      picks.length,
      (k) => ours.ok(LINEAGE, { id: picks[k] }),
      (k) => peer.ok(PEER_LINEAGE, { id: picks[k] }),
    );
    out.lineage_depth5_p50_ms = round(percentile(a, 50));
    out.lineage_depth5_p95_ms = round(percentile(a, 95));
    out.peer_lineage5_p50_ms = round(percentile(b, 50));
    versus(`lineage ${same}/${picks.length}`, same === picks.length, "lineage5_vs_peer", percentile(a, 50), percentile(b, 50));

    for (const [size, of] of Object.entries(versions)) {
      const mine = (await ours.ok<{ composition: { total: number; synthetic: number; augmented: number } }>(COMPOSITION, { of }))
        .composition;
      const [theirs] = (await peer.ok<{ datasetVersions: Array<{ all: Count; generated: Count }> }>(PEER_RATIO, { of })).datasetVersions;
      const [a, b] = await interleaved(
        10,
        () => ours.ok(COMPOSITION, { of }),
        () => peer.ok(PEER_RATIO, { of }),
      );
      out[`composition_${size}_beside_peer_ms`] = round(median(a));
      out[`peer_ratio_${size}_ms`] = round(median(b));
      const same =
        theirs?.all.aggregate.count.nodes === mine.total && theirs.generated.aggregate.count.nodes === mine.synthetic + mine.augmented;
      versus(`ratio ${size}`, same, `composition_${size}_vs_peer`, median(a), median(b));
    }
  } finally {
    server.kill("SIGTERM");
  }
  out.peer_compared = `same answers: ${agreed.join(", ") || "none"}${disagreed.length ? `; DIFFERENT: ${disagreed.join(", ")}` : ""}`;
  return out;
}
