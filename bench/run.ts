/**
 * npm run bench [-- --samples N | --quick] [--cpu-prof DIR]: builds a realistic graph through the GraphQL API
 * over HTTP, as a client would, against the embedded Neo4j (fresh temporary directory) or
 * NEO4J_URI, and measures the figures of the benchmark issue in one run, beside a raw-driver
 * baseline. Prints a table and writes bench/results/latest.json (the previous one is kept as
 * bench/results/<its date>.json).
 */
import "reflect-metadata";
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { promisify } from "node:util";
import { join } from "node:path";
import { MIGRATIONS_DIR, ROOT } from "../src/paths.js";
import { startEmbeddedNeo4j } from "../src/store/embedded-neo4j.js";
import { createDriver, Executor } from "../src/store/executor.js";
import { runMigrations } from "../src/store/migrations.js";
import { ensurePythonEnv, venvBin } from "../scripts/python-env.js";
import { exportFigures } from "./exports.js";
import { lineageFigures } from "./lineage.js";
import { rawBaselines } from "./raw-baseline.js";
import {
  Client,
  concurrent,
  cpuMs,
  interleaved,
  median,
  percentile,
  repeat,
  round,
  serve,
  time,
  untilReady,
  type LoadResult,
  type MixRequest,
} from "./client.js";
import { COMPOSITION, PAGE, sideBySide } from "./peer.js";

const args = process.argv.slice(2);
const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const N = args.includes("--quick") ? 50_000 : Number(option("--samples") ?? 1_000_000);
const BATCH = 10_000;
const RUNS = 10;
const CONCURRENT_SECONDS = Number(option("--concurrent-seconds") ?? 60);
const id = (i: number) => `s${String(i).padStart(8, "0")}`;
const log = (msg: string) => console.log(`[bench] ${msg}`);

/** The workload: 80% REAL, 20% SYNTHETIC from 10 runs (run 0 makes half of them), 30% DERIVED_FROM an earlier sample. */
function sample(i: number) {
  const synthetic = i % 5 === 4;
  const run = synthetic ? (i % 10 === 4 ? 0 : 1 + (Math.floor(i / 10) % (RUNS - 1))) : -1;
  return {
    id: id(i),
    origin: synthetic ? "SYNTHETIC" : "REAL",
    kind: "RECORD",
    slice: `slice-${i % 17}`,
    contentHash: `h${i % 900_000}`,
    ...(synthetic ? { generationRunId: `run-${run}` } : {}),
    ...(i % 10 < 3 && i >= BATCH ? { derivedFromIds: [id(i - BATCH + 1)] } : {}),
  };
}

/** A request of the concurrent mix as provgraph's clients send it. */
function apiQuery(request: MixRequest): [string, Record<string, unknown>] {
  switch (request.type) {
    case "ingest":
      return [`mutation($s: [SampleInput!]!) { ingestSamples(samples: $s) { created } }`, { s: request.samples }];
    case "lineage":
      return [`query($id: ID!) { lineage(id: $id, direction: UPSTREAM, depth: 5) { nodes { id } } }`, { id: request.id }];
    case "composition":
      return [`{ composition(of: "v-all") { total syntheticRatio } }`, {}];
    case "page":
      return [`{ samples(first: 100) { edges { node { id generationRun { id } } } } }`, {}];
  }
}

async function main() {
  log(`${N.toLocaleString("en-US")} samples, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB`);
  ensurePythonEnv(log);
  const dataDir = mkdtempSync(join(tmpdir(), "provgraph-bench-"));
  const neo4j = process.env.NEO4J_URI
    ? undefined
    : await startEmbeddedNeo4j({ dataDir: join(dataDir, "neo4j"), heap: "4g", pageCache: "4g", log });
  const uri = process.env.NEO4J_URI ?? neo4j!.uri;
  const executor = new Executor(
    createDriver({ uri, user: process.env.NEO4J_USER, password: process.env.NEO4J_PASSWORD }),
    process.env.NEO4J_DATABASE ?? "neo4j",
  );
  await runMigrations(executor, MIGRATIONS_DIR);

  // The API in its own process, as deployed: its peak RSS is read from /proc.
  const port = 4700 + Math.floor(Math.random() * 200);
  // Deployed as in production (NODE_ENV=production needs an API key); the debug flag adds round-trip counts.
  const key = randomBytes(24).toString("base64url");
  const env = {
    NODE_ENV: "production",
    NEO4J_URI: uri,
    PORT: String(port),
    PROVGRAPH_DATA_DIR: dataDir,
    PROVGRAPH_API_KEYS: `bench:reader+writer+auditor+admin:${key}`,
    PROVGRAPH_DEBUG: "1",
    LOG_LEVEL: "warn",
  };
  // --cpu-prof DIR: the API writes a V8 CPU profile there when it stops (open it in Chrome's DevTools).
  const profile = option("--cpu-prof");
  const api = await serve("src/main.ts", env, "GraphQL API at", profile ? ["--cpu-prof", `--cpu-prof-dir=${profile}`] : []);
  await untilReady(`http://127.0.0.1:${port}/readyz`);
  const client = new Client(`http://127.0.0.1:${port}/graphql`, { authorization: `Bearer ${key}` });
  const results: Record<string, number | boolean | string> = { date: new Date().toISOString(), samples: N, cores: cpus().length };

  try {
    await client.ok(`mutation { registerGenerator(input: {id: "gen-0", name: "big writer", kind: LLM, version: "1"}) { id } }`);
    await client.ok(`mutation { registerGenerator(input: {id: "gen-1", name: "small writers", kind: LLM, version: "1"}) { id } }`);
    for (let r = 0; r < RUNS; r++)
      await client.ok(
        `mutation($id: ID!, $g: ID!) { recordGenerationRun(input: {id: $id, generatorId: $g, purpose: DOMAIN_SYNTHESIS}) { id } }`,
        { id: `run-${r}`, g: r === 0 ? "gen-0" : "gen-1" },
      );

    // Ingest: API vs raw driver, same rows, batches interleaved so both see the same JVM warm-up and store size.
    log("ingest through the API and with the raw driver (baselines: plain, and with the audit nodes), batch by batch");
    const INGEST = `mutation($s: [SampleInput!]!) { ingestSamples(samples: $s) { created } }`;
    const raw = await rawBaselines(executor);
    // Wall time of each writer, and the CPU it cost the database, the API server and the benchmark's own driver.
    const writers = { api: () => client.ok(INGEST, { s: rows }), raw: () => raw.plain(rows), raw_audited: () => raw.audited(rows) };
    const spent = Object.fromEntries(Object.keys(writers).map((name) => [name, { wall: 0, neo4j: 0, server: 0, driver: 0 }]));
    let rows: ReturnType<typeof sample>[] = [];
    for (let from = 0; from < N; from += BATCH) {
      rows = Array.from({ length: Math.min(BATCH, N - from) }, (_, k) => sample(from + k));
      for (const [name, write] of Object.entries(writers)) {
        const before = { neo4j: neo4j ? cpuMs(neo4j.pid) : 0, server: cpuMs(api.pid!), driver: process.cpuUsage() };
        spent[name]!.wall += await time(write);
        spent[name]!.neo4j += neo4j ? cpuMs(neo4j.pid) - before.neo4j : 0;
        spent[name]!.server += cpuMs(api.pid!) - before.server;
        const driver = process.cpuUsage(before.driver);
        spent[name]!.driver += (driver.user + driver.system) / 1000;
      }
      if ((from / BATCH) % 20 === 19) log(`  ${(from + BATCH).toLocaleString("en-US")}`);
    }
    const perSecond = (name: string) => Math.round(N / (spent[name]!.wall / 1000));
    results.ingest_api_samples_per_s = perSecond("api");
    results.ingest_raw_samples_per_s = perSecond("raw");
    results.ingest_ratio = round(perSecond("api") / perSecond("raw"));
    results.ingest_raw_audited_samples_per_s = perSecond("raw_audited");
    results.ingest_raw_audited_ratio = round(perSecond("raw_audited") / perSecond("raw"));
    results.ingest_ratio_vs_audited = round(perSecond("api") / perSecond("raw_audited"));
    // Per 10,000 samples: where the time of each writer goes (the database's CPU only when it is the embedded one).
    for (const [name, { wall, ...cpu }] of Object.entries(spent)) {
      results[`ingest_${name}_ms_per_10k`] = round((wall * BATCH) / N);
      for (const [process, ms] of Object.entries(cpu))
        if (ms > 0 && (process !== "neo4j" || neo4j)) results[`ingest_${name}_${process}_cpu_ms_per_10k`] = round((ms * BATCH) / N);
    }

    // The Python client: the same workload as one pandas DataFrame (ids "p..."), through
    // Client.ingest_samples, DataFrame conversion and batching included; after the API's own
    // ingest, so against a store that already holds its N samples.
    log("ingest through the Python client (clients/python: one DataFrame, batches of 10,000)");
    // Asynchronously: a process blocked for minutes keeps idle sockets the API has closed since.
    const { stdout } = await promisify(execFile)(venvBin("python"), [join(ROOT, "bench/python_client.py"), String(N)], {
      env: { ...process.env, PROVGRAPH_URL: `http://127.0.0.1:${port}/graphql`, PROVGRAPH_API_KEY: key },
      maxBuffer: 16 * 1024 * 1024,
    });
    const python = JSON.parse(stdout) as { samples: number; seconds: number };
    results.ingest_python_client_samples_per_s = Math.round(python.samples / python.seconds);
    results.ingest_python_client_ratio = round(python.samples / python.seconds / perSecond("api"));

    // Versions: all samples, and a 1,000-sample one; a 10,000-sample real evaluation set.
    log("dataset versions");
    await client.ok(`mutation { createDataset(input: {id: "ds-train", name: "train", purpose: TRAINING}) { id } }`);
    await client.ok(`mutation { createDataset(input: {id: "ds-eval", name: "eval", purpose: EVALUATION}) { id } }`);
    for (const v of ["v-all", "v-1k"])
      await client.ok(
        `mutation($v: ID!, $label: String!) { createDatasetVersion(input: {id: $v, datasetId: "ds-train", version: $label}) { id } }`,
        { v, label: v },
      );
    const ADD = `mutation($v: ID!, $ids: [ID!]!) { addSamplesToVersion(datasetVersionId: $v, sampleIds: $ids) { created } }`;
    for (let from = 0; from < N; from += BATCH)
      await client.ok(ADD, { v: "v-all", ids: Array.from({ length: Math.min(BATCH, N - from) }, (_, k) => id(from + k)) });
    await client.ok(ADD, { v: "v-1k", ids: Array.from({ length: 1000 }, (_, k) => id(k * Math.floor(N / 1000))) });
    results.seal_1m_ms = Math.round(await time(() => client.ok(`mutation { sealDatasetVersion(id: "v-all") { digest } }`)));
    await client.ok(`mutation { sealDatasetVersion(id: "v-1k") { digest } }`);
    await client.ok(`mutation { registerLabeler(input: {id: "ann", name: "Ann", kind: HUMAN_EXPERT}) { id } }`);
    const evalIds = Array.from({ length: 10_000 }, (_, k) => `e${String(k).padStart(6, "0")}`);
    await client.ok(INGEST, { s: evalIds.map((e) => ({ id: e, origin: "REAL", slice: "eval" })) });
    await client.ok(`mutation($l: [LabelInput!]!) { recordLabels(labels: $l) { created } }`, {
      l: evalIds.map((e) => ({ id: `${e}-l`, sampleId: e, labelerId: "ann", value: "ok" })),
    });
    await client.ok(`mutation { createDatasetVersion(input: {id: "v-eval", datasetId: "ds-eval", version: "1"}) { id } }`);
    await client.ok(ADD, { v: "v-eval", ids: evalIds });
    await client.ok(`mutation { sealDatasetVersion(id: "v-eval") { id } }`);
    await client.ok(
      `mutation { registerModelVersion(input: {id: "mv", modelId: "m", modelName: "model", kind: MODEL, version: "1", trainedOnDatasetVersionIds: ["v-all"], trainingRunId: "tr"}) { id } }`,
    );
    await client.ok(
      `mutation { recordEvaluation(input: {id: "ev", modelVersionId: "mv", datasetVersionId: "v-eval", metrics: {f1: 0.9}}) { id } }`,
    );

    log("reads, side by side with the peer (@neo4j/graphql over the same database and graph)");
    const picks = Array.from({ length: 200 }, (_, k) => id((k * 7919 * 31) % N));
    Object.assign(results, await sideBySide(client, uri, picks, { "1k": "v-1k", "1m": "v-all" }));
    // Sealed composition of the 1k and the 1m version alternately, on their own: beside the peer,
    // each 1m reading came right after the peer's second-long aggregation over the same version.
    const [small, large] = await interleaved(
      20,
      () => client.ok(COMPOSITION, { of: "v-1k" }),
      () => client.ok(COMPOSITION, { of: "v-all" }),
    );
    results.composition_sealed_1k_ms = round(median(small));
    results.composition_sealed_1m_ms = round(median(large));
    for (const n of [50, 500]) results[`page${n}_roundtrips`] = (await client.call(PAGE, { n })).extensions?.roundTrips as number;
    const IMPACT = `{ impact(id: "gen-0", limit: 1000) { truncated nodes { id } } }`;
    await client.ok(IMPACT);
    results.impact_generator_ms = round(median(await repeat(5, () => time(() => client.ok(IMPACT)))));
    results.impact_run_samples = (
      await client.ok<{ generationRun: { producedCount: number } }>(`{ generationRun(id: "run-0") { producedCount } }`)
    ).generationRun.producedCount;
    const READINESS = `{ readiness(modelVersionId: "mv") { ready checks { rule status violationCount } } }`;
    await client.ok(READINESS);
    results.readiness_1m_ms = round(median(await repeat(5, () => time(() => client.ok(READINESS)))));
    log("exports: PROV, Croissant and its member manifest, the lineage picture and the HTML report");
    Object.assign(results, await exportFigures(client, executor, `http://127.0.0.1:${port}`, key, api.pid!, "mv", "v-all"));
    log("OpenLineage: 8 emitters of dbt events through /api/v1/lineage and the raw driver, then the origin of a 2,000-model chain");
    Object.assign(results, await lineageFigures(client, executor, raw, `http://127.0.0.1:${port}`, key));
    log(`32 concurrent clients for ${CONCURRENT_SECONDS} s, then the same mix through the raw driver (plain, then with the audit nodes)`);
    const apiRequest = (request: MixRequest) =>
      client.call(...apiQuery(request)).then((body) => (body.errors?.length ? (body.errors[0]!.extensions?.code ?? "ERROR") : undefined));
    const rawRequest = (write: "plain" | "audited") => async (request: MixRequest) => {
      if (request.type === "ingest") await raw[write](request.samples);
      else if (request.type === "lineage") await raw.reads.lineage(request.id);
      else if (request.type === "composition") await raw.reads.composition("v-all");
      else await raw.reads.page();
      return undefined;
    };
    const loads: Array<[string, LoadResult]> = [
      ["concurrent", await concurrent(32, CONCURRENT_SECONDS * 1000, picks, apiRequest)],
      ["concurrent_raw", await concurrent(32, CONCURRENT_SECONDS * 1000, picks, rawRequest("plain"))],
      ["concurrent_raw_audited", await concurrent(32, CONCURRENT_SECONDS * 1000, picks, rawRequest("audited"))],
    ];
    for (const [key, load] of loads) {
      results[`${key}_p99_ms`] = round(percentile([...load.reads, ...load.writes], 99));
      results[`${key}_read_p99_ms`] = round(percentile(load.reads, 99));
      results[`${key}_write_p99_ms`] = round(percentile(load.writes, 99));
      results[`${key}_requests`] = load.reads.length + load.writes.length;
      results[`${key}_errors`] = Object.values(load.errors).reduce((a, b) => a + b, 0);
      if (Object.keys(load.errors).length) results[`${key}_error_codes`] = JSON.stringify(load.errors);
    }
    const verification = (await client.ok<{ verifyAuditLog: { valid: boolean; checked: number } }>(`{ verifyAuditLog { valid checked } }`))
      .verifyAuditLog;
    results.audit_chain_valid = verification.valid;
    results.audit_events = verification.checked;
    results.api_rss_peak_mb = Math.round(Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${api.pid}/status`, "utf8"))![1]) / 1024);
  } finally {
    // waited for: it writes its CPU profile, when asked for one, as it exits
    await new Promise((resolve) => {
      api.once("exit", resolve);
      api.kill("SIGTERM");
    });
    await executor.close();
    await neo4j?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }

  const latest = join(ROOT, "bench/results/latest.json");
  if (existsSync(latest))
    renameSync(
      latest,
      join(
        ROOT,
        `bench/results/${String(JSON.parse(readFileSync(latest, "utf8")).date)
          .slice(0, 19)
          .replace(/:/g, "-")}.json`,
      ),
    );
  writeFileSync(latest, `${JSON.stringify(results, null, 2)}\n`);
  console.table(results);
  log(`wrote ${latest}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
