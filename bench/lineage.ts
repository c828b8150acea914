/**
 * The OpenLineage figures (issue 17), over HTTP to the API's POST /api/v1/lineage as dbt-ol sends:
 *
 * - Ingest: EMITTERS emitters sending dbt-shaped COMPLETE events (5 inputs, 1 output, schema
 *   facets; the models of a pool read each other, so events share assets), events/s, p50 and
 *   p99, beside the floor: the same events written by the raw driver, one transaction each with
 *   the audit head locked and one audit node (raw-baseline.ts), as many clients at once. Rounds
 *   alternate between the two, the first one untimed, so both see the same JVM and store state.
 * - Origin: `DataAsset.origin` of the last model of a dbt chain of CHAIN.depth levels of
 *   CHAIN.width models, each reading CHAIN.fanIn models of the level before, over CHAIN.width
 *   source tables declared SYNTHETIC or REAL (half by the provgraph_origin facet, half by
 *   `declareAssetOrigin`); the chain built through the same endpoint. Floor: the same upstream
 *   walk to the roots and their declarations as one Cypher statement.
 */
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "../src/paths.js";
import type { Executor } from "../src/store/executor.js";
import { interleaved, median, percentile, round, type Client } from "./client.js";
import type { RawBaselines } from "./raw-baseline.js";

const EMITTERS = 8;
/** Ingest: ROUNDS of ROUND events through each writer, the first round untimed. */
const ROUNDS = 5;
const ROUND = 400;
/** The ingest's models: model m reads 5 others of the pool and writes itself. */
const POOL = 400;
const FAN_IN = 5;
const CHAIN = { depth: 50, width: 40 };
const ORIGIN_ROUNDS = 50;

// Loosely typed JSON: events are built from a real dbt-ol event and edited in place.
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A COMPLETE event of a dbt model as dbt-ol 1.54 emits it (test/fixtures, see its README). */
const TEMPLATE: Json = JSON.parse(readFileSync(join(ROOT, "test/fixtures/openlineage/dbt-ol-1.54/event-09.json"), "utf8"));
const PRODUCER: string = TEMPLATE.inputs[0].facets.dataSource._producer;
const FIELDS = ["id", "ticket", "label", "score", "source", "created_at"].map((name, i) => ({
  name,
  type: i === 3 ? "DOUBLE" : i === 5 ? "TIMESTAMP" : "VARCHAR",
  description: "",
}));

function dataset(namespace: string, name: string, facets: Json = {}): Json {
  return {
    namespace,
    name,
    facets: {
      dataSource: { ...TEMPLATE.inputs[0].facets.dataSource, name: namespace, uri: namespace },
      schema: {
        _producer: PRODUCER,
        _schemaURL: "https://openlineage.io/spec/facets/1-2-0/SchemaDatasetFacet.json#/$defs/SchemaDatasetFacet",
        fields: FIELDS,
      },
      ...facets,
    },
  };
}

/** The COMPLETE event of dbt model `model` (schema `main` of `namespace`), a child of the invocation's run. */
function dbtEvent(namespace: string, model: string, inputs: Json[], invocation: string, eventTime: string): Json {
  const event: Json = structuredClone(TEMPLATE);
  const project = namespace.replace(/^.*\/(\w+)\.duckdb$/, "$1");
  event.eventTime = eventTime;
  event.job.name = `${project}.main.${project}.${model}.build.run`;
  Object.assign(event.job.facets.dbt_node, {
    alias: model,
    database: project,
    original_file_path: `models/${model}.sql`,
    unique_id: `model.${project}.${model}`,
  });
  event.job.facets.sql.query = `select * from ${inputs.map((i) => `"${i.name}"`).join(" natural join ")}`;
  event.run.runId = randomUUID();
  const parent = event.run.facets.parent;
  parent.job.name = parent.root.job.name = `dbt-run-${project}`;
  parent.run.runId = parent.root.run.runId = invocation;
  event.inputs = inputs;
  event.outputs = [
    { ...dataset(namespace, `${project}.main.${model}`, { dbt_model: TEMPLATE.outputs[0].facets.dbt_model }), outputFacets: {} },
  ];
  return event;
}

/** Sends `events` from EMITTERS emitters, each its next one as soon as the last is answered. */
async function emit(events: readonly Json[], send: (event: Json) => Promise<unknown>) {
  const latencies: number[] = [];
  let next = 0;
  const start = performance.now();
  const emitter = async () => {
    while (next < events.length) {
      const event = events[next++]!;
      const sent = performance.now();
      await send(event);
      latencies.push(performance.now() - sent);
    }
  };
  await Promise.all(Array.from({ length: EMITTERS }, emitter));
  return { ms: performance.now() - start, latencies };
}

/** The raw floor's write of one event: what the API stores of it, under raw labels, no checks. */
const RAW_EVENT = `
  CALL (row) {
    UNWIND row.assets AS a
    MERGE (n:RawEntity {id: a.id}) ON CREATE SET n:RawDataAsset, n.namespace = a.namespace, n.name = a.name
    SET n.fields = a.fields
  }
  MERGE (pj:RawEntity {id: row.parent.job.id}) ON CREATE SET pj:RawJob, pj.namespace = row.parent.job.namespace, pj.name = row.parent.job.name
  MERGE (p:RawEntity {id: row.parent.id}) ON CREATE SET p:RawJobRun
  MERGE (p)-[:RUN_OF]->(pj)
  MERGE (j:RawEntity {id: row.job.id}) ON CREATE SET j:RawJob, j.namespace = row.job.namespace, j.name = row.job.name
  MERGE (r:RawEntity {id: row.id}) ON CREATE SET r:RawJobRun
  SET r.state = row.eventType, r.endedAt = datetime(row.t)
  MERGE (r)-[:RUN_OF]->(j)
  MERGE (r)-[:CHILD_OF]->(p)
  WITH r, row, at
  CALL (r, row) { UNWIND row.reads AS id MATCH (a:RawEntity {id: id}) MERGE (r)-[:READ]->(a) }
  CALL (r, row) { UNWIND row.writes AS id MATCH (a:RawEntity {id: id}) MERGE (a)-[:WRITTEN_BY]->(r) }
  CREATE (:RawEntity:RawLineageEvent {id: row.eventId, eventType: row.eventType, eventTime: datetime(row.t), event: row.json, createdAt: at})-[:ABOUT]->(r)`;

function rawRow(event: Json) {
  const asset = (d: Json) => ({
    id: `raw-asset:${d.namespace}/${d.name}`,
    namespace: d.namespace,
    name: d.name,
    fields: JSON.stringify(d.facets.schema.fields),
  });
  const job = (j: Json) => ({ id: `raw-job:${j.namespace}/${j.name}`, namespace: j.namespace, name: j.name });
  const parent = event.run.facets.parent;
  return {
    id: `raw-${event.run.runId}`,
    eventId: `raw-event:${event.run.runId}:${event.eventType}`,
    eventType: event.eventType,
    t: event.eventTime,
    json: JSON.stringify(event),
    job: job(event.job),
    parent: { id: `raw-${parent.run.runId}`, job: job(parent.job) },
    assets: [...event.inputs, ...event.outputs].map(asset),
    reads: event.inputs.map((d: Json) => asset(d).id),
    writes: event.outputs.map((d: Json) => asset(d).id),
  };
}

export async function lineageFigures(
  client: Client,
  executor: Executor,
  raw: RawBaselines,
  base: string,
  key: string,
): Promise<Record<string, number>> {
  const post = async (event: Json) => {
    const response = await fetch(`${base}/api/v1/lineage`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
      body: JSON.stringify(event),
    });
    if (response.status !== 201) throw new Error(`POST /api/v1/lineage: HTTP ${response.status} ${await response.text()}`);
  };
  const results: Record<string, number> = {};

  // Ingest. Event i: model i % POOL of dbt invocation i / POOL, reading 5 distinct other models.
  const namespace = "duckdb:///warehouse/bench.duckdb";
  const invocations = Array.from({ length: Math.ceil((ROUNDS * ROUND) / POOL) }, () => randomUUID());
  const start = Date.parse("2026-12-01T00:00:00Z");
  const events = Array.from({ length: ROUNDS * ROUND }, (_, i) => {
    const m = i % POOL;
    const inputs = Array.from({ length: FAN_IN }, (_, k) =>
      dataset(namespace, `bench.main.m${(m + 1 + ((i * 37 + k * 53) % (POOL - 1))) % POOL}`),
    );
    return dbtEvent(namespace, `m${m}`, inputs, invocations[Math.floor(i / POOL)]!, new Date(start + i * 1000).toISOString());
  });
  const writers = { api: post, raw: (event: Json) => raw.auditedRows("openLineageEvent", [rawRow(event)], RAW_EVENT) };
  const timed = Object.fromEntries(Object.keys(writers).map((name) => [name, { ms: 0, latencies: [] as number[] }]));
  for (let r = 0; r < ROUNDS; r++)
    for (const [name, write] of Object.entries(writers)) {
      const { ms, latencies } = await emit(events.slice(r * ROUND, (r + 1) * ROUND), write);
      if (r === 0) continue;
      timed[name]!.ms += ms;
      timed[name]!.latencies.push(...latencies);
    }
  for (const [name, { ms, latencies }] of Object.entries(timed)) {
    results[`lineage_ingest_${name}_events_per_s`] = round(latencies.length / (ms / 1000));
    results[`lineage_ingest_${name}_p50_ms`] = round(median(latencies));
    results[`lineage_ingest_${name}_p99_ms`] = round(percentile(latencies, 99));
  }
  results.lineage_ingest_events = timed.api!.latencies.length;
  results.lineage_ingest_ratio = round(results.lineage_ingest_api_events_per_s! / results.lineage_ingest_raw_events_per_s!);

  // The chain: sources s0..s39 (k % 4: 0 SYNTHETIC and 1 REAL by facet, 2 SYNTHETIC and 3 REAL
  // declared), then level L's model j reads models (j + 9k + L) % 40, k < 5, of level L - 1.
  const chain = "duckdb:///warehouse/chain.duckdb";
  const level = (l: number) => (j: number) => (l === 0 ? `chain.raw.s${j}` : `chain.main.l${l}_m${j}`);
  const originOf = (k: number) => (k % 2 === 0 ? "SYNTHETIC" : "REAL");
  for (let k = 2; k < CHAIN.width; k += 4)
    for (const source of [k, k + 1])
      await client.ok(`mutation($a: AssetRefInput!, $o: DeclaredOrigin!) { declareAssetOrigin(input: {asset: $a, origin: $o}) { id } }`, {
        a: { namespace: chain, name: level(0)(source) },
        o: originOf(source),
      });
  const faceted = new Set<number>();
  const originFacet = (k: number) => {
    if (k % 4 > 1 || faceted.has(k)) return {};
    faceted.add(k);
    return {
      provgraph_origin: {
        _producer: PRODUCER,
        _schemaURL: `${base}/spec/facets/1-0-0/ProvgraphOriginDatasetFacet.json`,
        origin: originOf(k),
      },
    };
  };
  const invocation = randomUUID();
  let built = 0;
  for (let l = 1; l <= CHAIN.depth; l++) {
    const models = Array.from({ length: CHAIN.width }, (_, j) => {
      const reads = Array.from({ length: FAN_IN }, (_, k) => (j + 9 * k + l) % CHAIN.width);
      const inputs = reads.map((r) => dataset(chain, level(l - 1)(r), l === 1 ? originFacet(r) : {}));
      return dbtEvent(chain, `l${l}_m${j}`, inputs, invocation, new Date(start + l * 1000).toISOString());
    });
    built += (await emit(models, post)).ms;
  }
  results.origin_chain_build_events_per_s = round((CHAIN.depth * CHAIN.width) / (built / 1000));

  const last = { ns: chain, name: level(CHAIN.depth)(CHAIN.width - 1) };
  const ORIGIN = `query($ns: String!, $name: String!) { dataAsset(namespace: $ns, name: $name) { id origin { origin basis syntheticUpstream { id } unknownUpstream { id } } } }`;
  type Origin = {
    dataAsset: { id: string; origin: { origin: string; basis: string; syntheticUpstream: unknown[]; unknownUpstream: unknown[] } };
  };
  const answer = await client.ok<Origin>(ORIGIN, last);
  // Every source is upstream of the last model (steps of 9 modulo 40 reach all 40): half of them SYNTHETIC.
  const { origin } = answer.dataAsset;
  if (
    origin.origin !== "MIXED" ||
    origin.basis !== "PROPAGATED" ||
    origin.syntheticUpstream.length !== CHAIN.width / 2 ||
    origin.unknownUpstream.length
  )
    throw new Error(`origin of the chain's last model: ${JSON.stringify(origin)}`);
  const rawOrigin = () =>
    executor.read("bench-raw-origin", (run) =>
      run(
        `MATCH (:DataAsset {id: $id})-[:WRITTEN_BY|READ*]->(m:DataAsset)
         WITH DISTINCT m WHERE NOT EXISTS { (m)-[:WRITTEN_BY]->() }
         RETURN m.id AS id, COLLECT { MATCH (m)-[:DECLARED]->(d) RETURN d.origin ORDER BY d.at DESC LIMIT 1 }[0] AS declared`,
        { id: answer.dataAsset.id },
      ),
    );
  const [ours, floor] = await interleaved(
    ORIGIN_ROUNDS,
    () => client.ok(ORIGIN, last),
    () => rawOrigin(),
  );
  results.origin_chain_models = CHAIN.depth * CHAIN.width;
  results.origin_chain_p50_ms = round(median(ours));
  results.origin_chain_p95_ms = round(percentile(ours, 95));
  results.origin_chain_raw_p50_ms = round(median(floor));
  return results;
}
