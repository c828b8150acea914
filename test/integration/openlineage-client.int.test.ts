/**
 * POST /api/v1/lineage driven by openlineage-python's own OpenLineageClient (HttpTransport,
 * api_key auth): START/COMPLETE pairs, a COMPLETE before its START, a parent run, provgraph's
 * custom facets and a duplicate (test/python/openlineage_client_events.py); Great Expectations
 * results as GX's OpenLineage action turns them into facets (test/python/gx_openlineage.py).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prefix, startApi, type TestApi } from "../helpers/api.js";
import { baseOf, runScript } from "../helpers/lineage.js";

const KEYS = "pipeline:writer:k-writer,auditor:auditor:k-auditor";
const NS = `ol-${prefix("client")}`.replace(/-$/, "");
let api: TestApi;
let sent: { pipeline: string; generate: string; clean: string; statuses: number[] };

beforeAll(async () => {
  api = await startApi({ PROVGRAPH_API_KEYS: KEYS });
  sent = await runScript("openlineage_client_events.py", [baseOf(api), "k-writer", NS]);
});
afterAll(() => api?.close());

const asset = (name: string) => `asset:${NS}/${name}`;

describe("openlineage-python's client", () => {
  it("gets 201 for new events and 200 for the duplicate", () => {
    // the script checks six posts: pipeline START, generate START, clean COMPLETE, clean START,
    // clean COMPLETE again (the duplicate), pipeline COMPLETE; generate COMPLETE goes through client.emit
    expect(sent.statuses).toEqual([201, 201, 201, 201, 200, 201]);
  });

  it("keeps a run's state from its latest event, whatever the arrival order", async () => {
    const { jobRun } = await api.ok(
      `query($id: ID!) { jobRun(id: $id) { state startedAt endedAt job { namespace name } parent { id job { name } }
         inputs { id } outputs { id } generationRun { id } } }`,
      { id: sent.clean },
      "k-writer",
    );
    // COMPLETE (minute 5) arrived before START (minute 3): the state stays COMPLETE, and the times are the events'
    expect(jobRun.state).toBe("COMPLETE");
    expect(jobRun.startedAt).toBe("2026-11-23T10:03:00.000Z");
    expect(jobRun.endedAt).toBe("2026-11-23T10:05:00.000Z");
    expect(jobRun.job).toEqual({ namespace: NS, name: "clean" });
    expect(jobRun.parent).toEqual({ id: sent.pipeline, job: { name: "pipeline" } });
    expect(jobRun.inputs.map((a: { id: string }) => a.id).sort()).toEqual([asset("raw_real"), asset("raw_synthetic")]);
    expect(jobRun.outputs).toEqual([{ id: asset("clean") }]);
    expect(jobRun.generationRun).toBeNull();
  });

  it("registers the generation run of the provgraph_generation facet and follows origin through the runs", async () => {
    const { generate, synthetic, clean } = await api.ok(
      `query($id: ID!, $ns: String!) {
         generate: jobRun(id: $id) { state generationRun { id purpose generator { id kind version model } } }
         synthetic: dataAsset(namespace: $ns, name: "raw_synthetic") { fields { name type } origin { origin basis } }
         clean: dataAsset(namespace: $ns, name: "clean") { origin { origin basis syntheticUpstream { id } unknownUpstream { id } conflict } }
       }`,
      { id: sent.generate, ns: NS },
      "k-writer",
    );
    expect(generate.state).toBe("COMPLETE");
    expect(generate.generationRun).toEqual({
      id: `${NS}-gen-run`,
      purpose: "DOMAIN_SYNTHESIS",
      generator: { id: `${NS}-llm`, kind: "LLM", version: "2026-11", model: "gpt-4o" },
    });
    expect(synthetic.fields).toEqual([
      { name: "id", type: "INTEGER" },
      { name: "text", type: "VARCHAR" },
    ]);
    expect(synthetic.origin).toEqual({ origin: "SYNTHETIC", basis: "GENERATED" });
    // clean reads raw_synthetic (GENERATED: SYNTHETIC) and raw_real (DECLARED REAL): two roots, MIXED
    expect(clean.origin).toEqual({
      origin: "MIXED",
      basis: "PROPAGATED",
      syntheticUpstream: [{ id: asset("raw_synthetic") }],
      unknownUpstream: [],
      conflict: null,
    });
  });

  it("appends one audit event per accepted event, subject the run id, none for the duplicate", async () => {
    const { auditTrail } = await api.ok(
      `query($s: ID!) { auditTrail(subjectId: $s) { edges { node { action actor } } } }`,
      { s: sent.clean },
      "k-auditor",
    );
    // clean: COMPLETE and START accepted, the repeated COMPLETE not
    expect(auditTrail.edges.map((e: { node: unknown }) => e.node)).toEqual([
      { action: "openLineageEvent", actor: "pipeline" },
      { action: "openLineageEvent", actor: "pipeline" },
    ]);
    const { verifyAuditLog } = await api.ok(`{ verifyAuditLog { valid } }`, {}, "k-auditor");
    expect(verifyAuditLog.valid).toBe(true);
  });

  it("walks lineage from the cleaned table back to the generation run", async () => {
    const { lineage } = await api.ok(
      `query($id: ID!) { lineage(id: $id, direction: UPSTREAM, depth: 6) { nodes { id label distance } } }`,
      { id: asset("clean") },
      "k-writer",
    );
    const at = Object.fromEntries(lineage.nodes.map((n: { id: string; distance: number }) => [n.id, n.distance]));
    // clean -WRITTEN_BY-> clean run (1) -READ-> raw_synthetic (2) -WRITTEN_BY-> generate run (3) -IS_GENERATION-> generation run (4) -USED_GENERATOR-> generator (5)
    expect(at[sent.clean]).toBe(1);
    expect(at[asset("raw_synthetic")]).toBe(2);
    expect(at[sent.generate]).toBe(3);
    expect(at[`${NS}-gen-run`]).toBe(4);
    expect(at[`${NS}-llm`]).toBe(5);
  });

  it("records Great Expectations results, as GX's OpenLineage action reports them, as DATA_QUALITY checks", async () => {
    const { runId } = await runScript<{ runId: string }>("gx_openlineage.py", [baseOf(api), "k-writer", NS]);
    const { dataAsset } = await api.ok(
      `query($ns: String!) { dataAsset(namespace: $ns, name: "tickets") { validationChecks { id kind metric passed value threshold } } }`,
      { ns: NS },
      "k-writer",
    );
    // the two expectations in the suite's order: id has one null (fails), n's mean 2 is in [0, 10]
    // (passes); the assertions facet carries no actual or expected value, so both are 0
    const checks = [...dataAsset.validationChecks].sort((a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id));
    expect(checks).toEqual([
      {
        id: `${runId}:${asset("tickets")}:0`,
        kind: "DATA_QUALITY",
        metric: "expect_column_values_to_not_be_null:id",
        passed: false,
        value: 0,
        threshold: 0,
      },
      {
        id: `${runId}:${asset("tickets")}:1`,
        kind: "DATA_QUALITY",
        metric: "expect_column_mean_to_be_between:n",
        passed: true,
        value: 0,
        threshold: 0,
      },
    ]);
  });
});
