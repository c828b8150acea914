/**
 * GET /metrics scraped by a real Prometheus (Debian's package): the series it stores and its
 * HTTP API returns are the requests, errors, rows and waits this test caused. One server in the
 * default mode (loopback, no key) and one in keyed mode, which Prometheus scrapes with a key
 * and, as a second job, without one (that target is down: 401).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditHead } from "../../src/store/audit.queries.js";
import { prefix, startApi, type TestApi } from "../helpers/api.js";
import { ensureDebianPackage } from "../helpers/debian.js";
import { postLineage } from "../helpers/lineage.js";
import { LABELER } from "../helpers/ops.js";
import { freePort, until } from "../helpers/processes.js";

const p = prefix("metrics");
let open: TestApi;
let keyed: TestApi;
let prometheus: ChildProcess | undefined;
let promUrl: string;

const base = (api: TestApi) => api.url.replace(/\/graphql$/, "");
const hostPort = (api: TestApi) => new URL(api.url).host;

beforeAll(async () => {
  const binary = ensureDebianPackage("/usr/bin/prometheus", "prometheus");
  open = await startApi();
  keyed = await startApi({ PROVGRAPH_METRICS: "keyed", PROVGRAPH_API_KEYS: "prom:reader:k-prom,wren:writer:k-write" });

  // What the assertions count: 3 named queries, 1 refused write, 2 new labelers, 1 repeated.
  const probe = `query MetricsProbe { labeler(id: "${p}ann") { id } }`;
  for (let i = 0; i < 3; i++) await open.ok(probe);
  await open.gql(`mutation BadLabeler { registerLabeler(input: { id: "", name: "x", kind: LLM }) { id } }`);
  for (const name of ["ann", "bob", "ann"]) await open.ok(LABELER, { i: { id: `${p}${name}`, name, kind: "HUMAN_EXPERT" } });
  // To the keyed server: one OpenLineage event posted twice (201, then 200: both accepted), one without run.runId (refused).
  const event = {
    eventType: "COMPLETE",
    eventTime: "2026-11-23T10:00:00.000Z",
    run: { runId: randomUUID() },
    job: { namespace: `${p}ns`, name: "nightly" },
    outputs: [{ namespace: `${p}ns`, name: "table" }],
    producer: "https://example.com/metrics-test",
    schemaURL: "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
  };
  const statuses = [];
  for (const body of [event, event, { ...event, run: {} }]) statuses.push((await postLineage(keyed, body, "k-write")).status);
  expect(statuses).toEqual([201, 200, 400]);

  const dir = mkdtempSync(join(tmpdir(), "provgraph-prometheus-"));
  const port = await freePort();
  promUrl = `http://127.0.0.1:${port}`;
  writeFileSync(
    join(dir, "prometheus.yml"),
    `global: { scrape_interval: 1s, scrape_timeout: 1s }
scrape_configs:
  - job_name: loopback
    static_configs: [{ targets: ["${hostPort(open)}"] }]
  - job_name: keyed
    authorization: { credentials: k-prom }
    static_configs: [{ targets: ["${hostPort(keyed)}"] }]
  - job_name: keyless
    static_configs: [{ targets: ["${hostPort(keyed)}"] }]
`,
  );
  prometheus = spawn(
    binary,
    [
      `--config.file=${join(dir, "prometheus.yml")}`,
      `--storage.tsdb.path=${join(dir, "data")}`,
      `--web.listen-address=127.0.0.1:${port}`,
      "--log.level=warn",
    ],
    { stdio: ["ignore", "ignore", "inherit"], detached: true },
  );
  // `up` is stored with the samples of the same scrape: once every target has one, every series has.
  await until("Prometheus to store a scrape of every target", async () => {
    const body = (await (await fetch(`${promUrl}/api/v1/query?query=up`)).json()) as { data: { result: unknown[] } };
    return body.data.result.length === 3 ? true : undefined;
  });
});
afterAll(async () => {
  if (prometheus?.pid) process.kill(-prometheus.pid, "SIGTERM");
  await open?.close();
  await keyed?.close();
});

/** The value of each series an instant PromQL query returns, by its labels as JSON. */
async function query(promql: string): Promise<number[]> {
  const body = (await (await fetch(`${promUrl}/api/v1/query?query=${encodeURIComponent(promql)}`)).json()) as {
    status: string;
    data: { result: Array<{ value: [number, string] }> };
  };
  expect(body.status).toBe("success");
  return body.data.result.map((r) => Number(r.value[1]));
}

describe("Prometheus scraping /metrics", () => {
  it("stores requests by operation and outcome, latency histograms and errors by code", async () => {
    const server = `job="loopback"`;
    // 3 MetricsProbe queries; the refused write counts once, as an error with its code.
    expect(await query(`provgraph_graphql_requests_total{${server},operation="MetricsProbe",outcome="ok"}`)).toEqual([3]);
    expect(await query(`provgraph_graphql_requests_total{${server},operation="BadLabeler",outcome="error"}`)).toEqual([1]);
    expect(await query(`provgraph_graphql_errors_total{${server},code="BAD_USER_INPUT"}`)).toEqual([1]);
    expect(await query(`provgraph_graphql_request_duration_seconds_count{${server},operation="MetricsProbe"}`)).toEqual([3]);
    // The +Inf bucket holds every observation.
    expect(await query(`provgraph_graphql_request_duration_seconds_bucket{${server},operation="MetricsProbe",le="+Inf"}`)).toEqual([3]);
  });

  it("stores rows written by kind, the audit head's waits, queue depth and the audit log's size", async () => {
    const server = `job="loopback"`;
    // Two new labelers, one event each; the repeated one and the refused one wrote nothing.
    expect(await query(`provgraph_rows_written_total{${server},kind="Labeler"}`)).toEqual([2]);
    expect(await query(`provgraph_rows_written_total{${server},kind="AuditEvent"}`)).toEqual([2]);
    // Three writes locked the audit head (an unchanged write locks too); the refused one failed its id check first.
    expect(await query(`provgraph_write_lock_wait_seconds_count{${server}}`)).toEqual([3]);
    // Read from the write queue at scrape time: nothing waits for a slot or at the turnstile, no transaction is open.
    expect(await query(`provgraph_write_queue_depth{${server},waiting_for="slot"}`)).toEqual([0]);
    expect(await query(`provgraph_write_queue_depth{${server},waiting_for="head"}`)).toEqual([0]);
    expect(await query(`provgraph_write_transactions_open{${server}}`)).toEqual([0]);
    const { seq } = await open.executor.read("test.head", auditHead);
    expect(await query(`provgraph_audit_log_events{${server}}`)).toEqual([seq]);
    expect((await query(`provgraph_neo4j_sessions_active{${server}}`)).length).toBe(1);
    // No OpenLineage event was posted here: both outcomes are served, at 0; the keyed server got 2 accepted, 1 refused.
    expect(await query(`provgraph_openlineage_events_total{${server},outcome="accepted"}`)).toEqual([0]);
    expect(await query(`provgraph_openlineage_events_total{${server},outcome="refused"}`)).toEqual([0]);
    expect(await query(`provgraph_openlineage_events_total{job="keyed",outcome="accepted"}`)).toEqual([2]);
    expect(await query(`provgraph_openlineage_events_total{job="keyed",outcome="refused"}`)).toEqual([1]);
    const [rss] = await query(`provgraph_process_resident_memory_bytes{${server}}`);
    expect(rss).toBeGreaterThan(10 * 1024 * 1024);
    expect((await query(`provgraph_nodejs_eventloop_lag_seconds{${server}}`)).length).toBe(1);
  });

  it("scrapes a keyed server with a key and is refused without one", async () => {
    expect(await query(`up{job="keyed"}`)).toEqual([1]);
    expect(await query(`up{job="keyless"}`)).toEqual([0]);
    const targets = (await (await fetch(`${promUrl}/api/v1/targets`)).json()) as {
      data: { activeTargets: Array<{ labels: { job: string }; lastError: string }> };
    };
    expect(targets.data.activeTargets.find((t) => t.labels.job === "keyless")?.lastError).toMatch(/401/);
  });
});

describe("access to /metrics", () => {
  it("answers a loopback client without a key by default, and a keyed server only with a key", async () => {
    expect((await fetch(`${base(open)}/metrics`)).status).toBe(200);
    const refused = await fetch(`${base(keyed)}/metrics`);
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ error: { code: "UNAUTHENTICATED" } });
    expect((await fetch(`${base(keyed)}/metrics`, { headers: { authorization: "Bearer k-prom" } })).status).toBe(200);
  });

  it("shows the write queue as it is at scrape time: writes waiting for a slot, at the turnstile, and their lock wait", async () => {
    const one = await startApi({ PROVGRAPH_WRITE_SLOTS: "1" });
    const sample = async () => {
      const text = await (await fetch(`${base(one)}/metrics`)).text();
      const value = (series: string) => Number(new RegExp(`^${series.replace(/[{}"]/g, "\\$&")} (\\S+)$`, "m").exec(text)?.[1]);
      return {
        slot: value(`provgraph_write_queue_depth{waiting_for="slot"}`),
        head: value(`provgraph_write_queue_depth{waiting_for="head"}`),
        open: value("provgraph_write_transactions_open"),
        lockWaits: value("provgraph_write_lock_wait_seconds_count"),
        lockWaited: value("provgraph_write_lock_wait_seconds_sum"),
      };
    };
    const write = (name: string) => one.ok(LABELER, { i: { id: `${p}${name}`, name, kind: "LLM" } });
    try {
      // This test holds the only slot: a write waits for it without a transaction.
      const leaveSlot = await one.writeQueue.enter();
      const first = write("queued");
      await until("the write to wait for the slot", async () => ((await sample()).slot === 1 ? true : undefined));
      expect(await sample()).toMatchObject({ slot: 1, head: 0, open: 1 /* this test's hold */, lockWaits: 0 });
      // Holding the turnstile instead: the write gets the slot, opens its transaction and waits at the head.
      const leaveHead = await one.writeQueue.turnstile();
      leaveSlot();
      await until("the write to wait at the turnstile", async () => ((await sample()).head === 1 ? true : undefined));
      const held = performance.now();
      expect(await sample()).toMatchObject({ slot: 0, head: 1, open: 1, lockWaits: 0 });
      await new Promise((resolve) => setTimeout(resolve, 200));
      leaveHead();
      const heldFor = (performance.now() - held) / 1000;
      await first;
      // One write took the head, after waiting at least as long as this test held the turnstile.
      const after = await sample();
      expect(after).toMatchObject({ slot: 0, head: 0, open: 0, lockWaits: 1 });
      expect(after.lockWaited).toBeGreaterThanOrEqual(heldFor);
    } finally {
      await one.close();
    }
  });

  it("is not served with PROVGRAPH_METRICS=off", async () => {
    const off = await startApi({ PROVGRAPH_METRICS: "off" });
    try {
      expect((await fetch(`${base(off)}/metrics`)).status).toBe(404);
    } finally {
      await off.close();
    }
  });
});
