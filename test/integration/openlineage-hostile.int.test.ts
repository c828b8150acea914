/**
 * POST /api/v1/lineage refusing what it must: malformed events get 400 naming the field, keys
 * 401 / 403, contradictions 409, oversized bodies 413; and none of them changes the graph or the
 * audit log.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../../src/paths.js";
import { graphCounts, prefix, startApi, type TestApi } from "../helpers/api.js";
import { baseOf, postLineage } from "../helpers/lineage.js";

const KEYS = "pipeline:writer:k-writer,viewer:reader:k-reader,auditor:auditor:k-auditor";
const P = prefix("olhostile");
let api: TestApi;

/** A dbt-ol START event of the captured fixtures, moved into this file's own namespace and run. */
function event(runId: string): Record<string, any> {
  const e = JSON.parse(readFileSync(join(ROOT, "test/fixtures/openlineage/dbt-ol-1.54/event-02.json"), "utf8"));
  e.job.namespace = `${P}jobs`;
  e.run.runId = runId;
  for (const d of [...e.inputs, ...e.outputs]) d.namespace = `${P}warehouse`;
  return e;
}
const RUN = "0190c0de-0000-7000-8000-000000000001";

beforeAll(async () => {
  api = await startApi({ PROVGRAPH_API_KEYS: KEYS, PROVGRAPH_BODY_LIMIT_MB: "12" });
  expect((await postLineage(api, event(RUN), "k-writer")).status).toBe(201);
});
afterAll(() => api?.close());

/** Posts `body` and expects `status` with `code`, a message matching `message`, and nothing changed. */
async function refused(body: unknown, status: number, code: string, message: RegExp, key = "k-writer") {
  const before = await graphCounts(api.executor);
  const answer = await postLineage(api, body, key);
  expect(answer, JSON.stringify(answer.body)).toMatchObject({ status, body: { code } });
  expect(answer.body.message).toMatch(message);
  expect(await graphCounts(api.executor)).toEqual(before);
}

const mutated = (change: (e: Record<string, any>) => void) => {
  const e = event("0190c0de-0000-7000-8000-0000000000ff");
  change(e);
  return e;
};

describe("hostile OpenLineage events", () => {
  it("refuses an event without run.runId, naming it", () =>
    refused(
      mutated((e) => delete e.run.runId),
      400,
      "BAD_USER_INPUT",
      /\/run\/runId is missing/,
    ));

  it("refuses a runId that is not a UUID", () =>
    refused(
      mutated((e) => (e.run.runId = "run-17")),
      400,
      "BAD_USER_INPUT",
      /\/run\/runId must match format "uuid"/,
    ));

  it("refuses an unknown eventType", () =>
    refused(
      mutated((e) => (e.eventType = "DONE")),
      400,
      "BAD_USER_INPUT",
      /\/eventType must be one of START, RUNNING, COMPLETE, ABORT, FAIL, OTHER/,
    ));

  it("refuses a facet without _producer", () =>
    refused(
      mutated((e) => delete e.outputs[0].facets.dbt_model._producer),
      400,
      "BAD_USER_INPUT",
      /\/outputs\/0\/facets\/dbt_model\/_producer is missing/,
    ));

  it("refuses a provgraph facet with a value its schema does not allow", () =>
    refused(
      mutated(
        (e) =>
          (e.inputs[0].facets.provgraph_origin = {
            _producer: "https://example.com/p",
            _schemaURL: "https://example.com/s",
            origin: "FAKE",
          }),
      ),
      400,
      "BAD_USER_INPUT",
      /provgraph_origin\/origin must be one of REAL, SYNTHETIC, AUGMENTED, MIXED/,
    ));

  it("refuses a body that is not JSON", () => refused('{"eventType": "START", ', 400, "BAD_USER_INPUT", /not JSON/));

  it("refuses 10 MB of nesting without exhausting the stack", async () => {
    // 5,000,000 opening and 5,000,000 closing brackets: 10 MB, nested 5,000,000 deep
    const deep = `{"eventTime": "2026-11-23T10:00:00Z", "producer": "https://example.com", "schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json", "job": {"namespace": "n", "name": "j", "facets": {"x": ${"[".repeat(5_000_000)}${"]".repeat(5_000_000)}}}}`;
    await refused(deep, 400, "BAD_USER_INPUT", /nests deeper than 64 levels/);
  });

  it("answers 413 over the body limit", async () => {
    // PROVGRAPH_BODY_LIMIT_MB=12 for this server: 13 MB of description is over it
    await refused(
      mutated((e) => (e.job.facets.sql.query = "x".repeat(13 * 1024 * 1024))),
      413,
      "QUERY_TOO_COMPLEX",
      /over the limit/,
    );
  });

  it("answers 409 when a runId is reused by another job, 401 without a key and 403 without the writer role", async () => {
    await refused(
      mutated((e) => ((e.run.runId = RUN), (e.job.name = "another.job"))),
      409,
      "CONFLICT",
      new RegExp(`run.runId '${RUN}' is already a run of`),
    );
    const before = await graphCounts(api.executor);
    const response = await fetch(`${baseOf(api)}/api/v1/lineage`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(event(RUN)),
    });
    expect([response.status, ((await response.json()) as { code: string }).code]).toEqual([401, "UNAUTHENTICATED"]);
    expect(await graphCounts(api.executor)).toEqual(before);
    await refused(event("0190c0de-0000-7000-8000-000000000002"), 403, "FORBIDDEN", /needs the writer role/, "k-reader");
  });

  it("answers each of a burst of events for itself: one event's refusal refuses no other", async () => {
    const checked = async () => (await api.ok(`{ verifyAuditLog { valid checked } }`, {}, "k-auditor")).verifyAuditLog;
    const before = await checked();
    const runId = (i: number) => `0190c0de-0000-7000-8000-0000000001${String(i).padStart(2, "0")}`;
    // Ten new runs, the third one twice, and a reused runId of another job: sent at once, so
    // they arrive while each other's transactions are being written.
    const burst = [
      ...Array.from({ length: 10 }, (_, i) => event(runId(i))),
      event(runId(2)),
      mutated((e) => ((e.run.runId = RUN), (e.job.name = "another.job"))),
    ];
    const answers = await Promise.all(burst.map((e) => postLineage(api, e, "k-writer")));
    const statuses = answers.map((a) => a.status);
    // The first of the two copies of run 2 is accepted and the other is the duplicate, in either order.
    expect(statuses.slice(0, 10).filter((s) => s === 201).length + (statuses[10] === 201 ? 1 : 0)).toBe(10);
    expect([statuses[2], statuses[10]].sort()).toEqual([200, 201]);
    expect(answers[11]!.body.code).toBe("CONFLICT");
    // Ten accepted events, one audit event each; the duplicate and the refusal append none.
    expect(await checked()).toEqual({ valid: true, checked: before.checked + 10 });
  });

  it("refuses a generation facet whose generator exists with other content, and leaves the log valid", async () => {
    const generation = (version: string) => ({
      _producer: "https://example.com/p",
      _schemaURL: `${baseOf(api)}/spec/facets/1-0-0/ProvgraphGenerationRunFacet.json#/$defs/ProvgraphGenerationRunFacet`,
      generationRunId: `${P}gen`,
      generator: { id: `${P}llm`, name: "writer", kind: "LLM", version },
      purpose: "DOMAIN_SYNTHESIS",
    });
    const first = mutated(
      (e) => ((e.run.runId = "0190c0de-0000-7000-8000-000000000003"), (e.run.facets.provgraph_generation = generation("1"))),
    );
    expect((await postLineage(api, first, "k-writer")).status).toBe(201);
    await refused(
      mutated((e) => ((e.run.runId = "0190c0de-0000-7000-8000-000000000004"), (e.run.facets.provgraph_generation = generation("2")))),
      409,
      "CONFLICT",
      new RegExp(`generator '${P}llm' already exists with different content`),
    );
    expect((await api.ok(`{ verifyAuditLog { valid } }`, {}, "k-auditor")).verifyAuditLog.valid).toBe(true);
  });

  it("serves provgraph's facet schemas and no other file", async () => {
    const schema = await fetch(`${baseOf(api)}/spec/facets/1-0-0/ProvgraphOriginDatasetFacet.json`);
    expect(schema.status).toBe(200);
    expect(((await schema.json()) as { properties: { provgraph_origin: { $ref: string } } }).properties.provgraph_origin.$ref).toBe(
      "#/$defs/ProvgraphOriginDatasetFacet",
    );
    expect((await fetch(`${baseOf(api)}/spec/facets/1-0-0/..%2F..%2Fpackage.json`)).status).toBe(404);
  });
});
