/**
 * DataAsset.origin (DOMAIN.md 9.2) against the rule applied here to the whole graph, over random
 * table-level lineage built through the API as a pipeline would: runs reading and writing any
 * tables (cycles and self-loops included) as OpenLineage COMPLETE events, some with the
 * provgraph_generation facet, declarations before or after the events, and a dataset of sealed
 * samples materialised as a table, linked before or after it is sealed. The store's walk stops at
 * the assets marked as having an origin of their own; the reference walks everything with every
 * asset's facts, so a write that forgot its marker shows here. Then the migration's backfill
 * must set exactly the markers the writes set.
 */
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assetOrigin, type AssetFacts } from "../../src/domain/asset-origin.js";
import { assetId } from "../../src/domain/lineage-ids.js";
import { MIGRATIONS_DIR } from "../../src/paths.js";
import { applyMigrationFile } from "../../src/store/migrations.js";
import { prefix, startApi, type TestApi } from "../helpers/api.js";
import { baseOf, postLineage } from "../helpers/lineage.js";

const P = prefix("origin");
const PRODUCER = "https://github.com/provgraph/tests/asset-origin";
const DECLARABLE = ["REAL", "SYNTHETIC", "AUGMENTED"] as const;

let api: TestApi;
beforeAll(async () => {
  api = await startApi();
});
afterAll(() => api?.close());

interface Lineage {
  tables: number;
  runs: Array<{ reads: number[]; writes: number[]; generation: boolean }>;
  /** Per table: a declaration, posted before the events or after them. */
  declared: Array<{ origin: (typeof DECLARABLE)[number]; early: boolean } | null>;
  /** The sealed dataset's members (true: REAL), the table it is materialised as, linked before sealing or after. */
  samples: { members: boolean[]; table: number; linkFirst: boolean } | null;
}

const lineage: fc.Arbitrary<Lineage> = fc.integer({ min: 2, max: 7 }).chain((tables) => {
  const table = fc.integer({ min: 0, max: tables - 1 });
  return fc.record({
    tables: fc.constant(tables),
    runs: fc.array(
      fc.record({
        reads: fc.uniqueArray(table, { maxLength: 3 }),
        writes: fc.uniqueArray(table, { minLength: 1, maxLength: 2 }),
        generation: fc.boolean(),
      }),
      { maxLength: 6 },
    ),
    declared: fc.array(fc.option(fc.record({ origin: fc.constantFrom(...DECLARABLE), early: fc.boolean() }), { freq: 3 }), {
      minLength: tables,
      maxLength: tables,
    }),
    samples: fc.option(fc.record({ members: fc.array(fc.boolean(), { minLength: 1, maxLength: 4 }), table, linkFirst: fc.boolean() }), {
      freq: 2,
    }),
  });
});

/** The rule's facts and feeds of every table, from what the test itself sent. */
function reference(l: Lineage, ids: string[]) {
  const facts = new Map<string, AssetFacts>();
  const feeds = new Map<string, string[]>();
  ids.forEach((id, t) => {
    const writers = l.runs.filter((r) => r.writes.includes(t));
    const real = l.samples?.members.filter((m) => m).length ?? 0;
    const total = l.samples?.members.length ?? 0;
    facts.set(id, {
      id,
      declared: l.declared[t]?.origin ?? null,
      generated: writers.some((r) => r.generation),
      samples: l.samples?.table === t ? { real, synthetic: total - real, augmented: 0, syntheticRatio: (total - real) / total } : null,
      written: writers.length > 0,
    });
    feeds.set(id, [...new Set(writers.flatMap((r) => r.reads.map((k) => ids[k]!)))]);
  });
  return { facts, feeds };
}

const ORIGIN = `query($ns: String!, $name: String!) { dataAsset(namespace: $ns, name: $name) {
  origin { origin basis syntheticRatio syntheticUpstream { id } unknownUpstream { id } conflict } } }`;

async function build(l: Lineage, ns: string, base: string) {
  const name = (t: number) => `t${t}`;
  const declare = async (early: boolean) => {
    for (const [t, d] of l.declared.entries())
      if (d && d.early === early)
        await api.ok(`mutation($i: AssetOriginInput!) { declareAssetOrigin(input: $i) { id } }`, {
          i: { asset: { namespace: ns, name: name(t) }, origin: d.origin },
        });
  };
  const dataset = `${ns}:dataset`;
  const version = `${dataset}:v1`;
  const link = () =>
    api.ok(`mutation($d: ID!, $a: AssetRefInput!) { linkDatasetToAsset(datasetId: $d, asset: $a) { id } }`, {
      d: dataset,
      a: { namespace: ns, name: name(l.samples!.table) },
    });
  if (l.samples) {
    const writer = `${ns}:sample-writer`;
    await api.ok(`mutation($id: ID!) { registerGenerator(input: {id: $id, name: "w", kind: LLM, version: "1"}) { id } }`, { id: writer });
    await api.ok(
      `mutation($id: ID!, $g: ID!) { recordGenerationRun(input: {id: $id, generatorId: $g, purpose: DOMAIN_SYNTHESIS}) { id } }`,
      {
        id: `${writer}:run`,
        g: writer,
      },
    );
    const members = l.samples.members.map((real, i) => ({
      id: `${ns}:s${i}`,
      contentHash: `${ns}${i}`,
      ...(real ? { origin: "REAL" } : { origin: "SYNTHETIC", generationRunId: `${writer}:run` }),
    }));
    await api.ok(`mutation($s: [SampleInput!]!) { ingestSamples(samples: $s) { created } }`, { s: members });
    await api.ok(`mutation($id: ID!) { createDataset(input: {id: $id, name: "d", purpose: TRAINING}) { id } }`, { id: dataset });
    await api.ok(`mutation($id: ID!, $d: ID!) { createDatasetVersion(input: {id: $id, datasetId: $d, version: "1"}) { id } }`, {
      id: version,
      d: dataset,
    });
    await api.ok(`mutation($v: ID!, $s: [ID!]!) { addSamplesToVersion(datasetVersionId: $v, sampleIds: $s) { created } }`, {
      v: version,
      s: members.map((m) => m.id),
    });
    if (l.samples.linkFirst) await link();
  }
  await declare(true);
  for (const [k, run] of l.runs.entries()) {
    const facets = run.generation
      ? {
          provgraph_generation: {
            _producer: PRODUCER,
            _schemaURL: `${base}/spec/facets/1-0-0/ProvgraphGenerationRunFacet.json#/$defs/ProvgraphGenerationRunFacet`,
            generationRunId: `${ns}:gen${k}`,
            generator: { id: `${ns}:llm`, name: "writer", kind: "LLM", version: "1" },
            purpose: "DOMAIN_SYNTHESIS",
          },
        }
      : {};
    const event = {
      eventType: "COMPLETE",
      eventTime: new Date(Date.UTC(2026, 10, 30, 9, k)).toISOString(),
      producer: PRODUCER,
      schemaURL: "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
      run: { runId: randomUUID(), facets },
      job: { namespace: `${ns}:jobs`, name: `job${k}` },
      inputs: run.reads.map((t) => ({ namespace: ns, name: name(t) })),
      outputs: run.writes.map((t) => ({ namespace: ns, name: name(t) })),
    };
    const answer = await postLineage(api, event);
    if (answer.status !== 201) throw new Error(`event ${k}: HTTP ${answer.status} ${JSON.stringify(answer.body)}`);
  }
  await declare(false);
  if (l.samples) {
    await api.ok(`mutation($id: ID!) { sealDatasetVersion(id: $id) { id } }`, { id: version });
    if (!l.samples.linkFirst) await link();
  }
}

/** The tables the API knows (a table is stored once something names it). */
function named(l: Lineage): number[] {
  return Array.from({ length: l.tables }, (_, t) => t).filter(
    (t) => l.declared[t] || l.samples?.table === t || l.runs.some((r) => r.reads.includes(t) || r.writes.includes(t)),
  );
}

describe("DataAsset.origin", () => {
  let built = 0;
  it("answers what the rule gives over the whole graph, for random lineage built through the API", async () => {
    const base = baseOf(api);
    await fc.assert(
      fc.asyncProperty(lineage, async (l) => {
        const ns = `${P}${built++}`;
        await build(l, ns, base);
        const ids = Array.from({ length: l.tables }, (_, t) => assetId(ns, `t${t}`));
        const graph = reference(l, ids);
        for (const t of named(l)) {
          const { dataAsset } = await api.ok(ORIGIN, { ns, name: `t${t}` });
          const want = assetOrigin(ids[t]!, graph);
          expect(dataAsset.origin, `table t${t} of ${JSON.stringify(l)}`).toEqual({
            origin: want.origin,
            basis: want.basis,
            syntheticRatio: want.syntheticRatio,
            syntheticUpstream: want.syntheticUpstream.map((id) => ({ id })),
            unknownUpstream: want.unknownUpstream.map((id) => ({ id })),
            conflict: want.conflict,
          });
        }
      }),
      { numRuns: 40 },
    );
  }, 600_000);

  it("has the migration's backfill set exactly the markers the writes set", async () => {
    const marked = async () =>
      (
        await api.executor.read("test.marked", (run) =>
          run<{ id: string }>(`MATCH (a:DataAsset) WHERE a.id STARTS WITH $p AND a.hasOwnOrigin RETURN a.id AS id ORDER BY id`, {
            p: `asset:${P}`,
          }),
        )
      ).map((r) => r.id);
    const byWrites = await marked();
    expect(byWrites.length).toBeGreaterThan(0);
    await api.executor.write("test.unmark", (run) =>
      run(`MATCH (a:DataAsset) WHERE a.id STARTS WITH $p REMOVE a.hasOwnOrigin`, { p: `asset:${P}` }),
    );
    await applyMigrationFile(api.executor, join(MIGRATIONS_DIR, "V006__asset_own_origin.cypher"));
    expect(await marked()).toEqual(byWrites);
  });
});
