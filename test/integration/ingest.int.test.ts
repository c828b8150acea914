import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { canonicalJson } from "../../src/domain/canonical-json.js";
import { expectRefused, graphCounts, prefix, startApi, type TestApi } from "../helpers/api.js";
import { GENERATOR, INGEST, LABELER, LABELS, RUN, SAMPLE, TRAIL } from "../helpers/ops.js";

const P = prefix("ingest");
let api: TestApi;

const refused = (query: string, variables: Record<string, unknown>, code: string, message?: RegExp) =>
  expectRefused(api, query, variables, code, message);

beforeAll(async () => {
  api = await startApi();
  await api.ok(GENERATOR, { i: { id: `${P}gen`, name: "GPT writer", kind: "LLM", version: "2026-01", model: "gpt-4o" } });
  await api.ok(RUN, { i: { id: `${P}run`, generatorId: `${P}gen`, purpose: "DOMAIN_SYNTHESIS" } });
});
afterAll(() => api?.close());

describe("ingestSamples", () => {
  it("creates a batch, and the same batch again changes nothing", async () => {
    const batch = [
      { id: `${P}r1`, origin: "REAL", kind: "DOCUMENT", slice: "invoice", contentHash: "h1", attributes: { lang: "en", pages: 2 } },
      { id: `${P}r2`, origin: "REAL", kind: "DOCUMENT", slice: "receipt" },
      { id: `${P}s1`, origin: "SYNTHETIC", generationRunId: `${P}run`, derivedFromIds: [`${P}r1`] },
    ];
    expect((await api.ok(INGEST, { s: batch })).ingestSamples).toEqual({ created: 3, unchanged: 0, violations: [] });
    const before = await graphCounts(api.executor);
    expect((await api.ok(INGEST, { s: batch })).ingestSamples).toEqual({ created: 0, unchanged: 3, violations: [] });
    expect(await graphCounts(api.executor)).toEqual(before); // no node, edge or audit event added

    const { sample } = await api.ok(SAMPLE, { id: `${P}s1` });
    expect(sample).toMatchObject({
      origin: "SYNTHETIC",
      generationDepth: 1,
      generationRun: { id: `${P}run`, generator: { id: `${P}gen` } },
      derivedFrom: [{ id: `${P}r1` }],
    });
    expect(sample.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const real = (await api.ok(SAMPLE, { id: `${P}r1` })).sample;
    expect(real).toMatchObject({ generationDepth: 0, attributes: { lang: "en", pages: 2 }, generationRun: null });
  });

  it("refuses content that differs from what is stored, and ids of another type", async () => {
    await refused(
      INGEST,
      { s: [{ id: `${P}r1`, origin: "REAL", kind: "DOCUMENT", slice: "contract", contentHash: "h1" }] },
      "CONFLICT",
      new RegExp(`sample '${P}r1' already exists`),
    );
    await refused(INGEST, { s: [{ id: `${P}gen`, origin: "REAL" }] }, "CONFLICT", /already names a Generator/);
  });

  it("enforces the origin rules", async () => {
    await refused(INGEST, { s: [{ id: `${P}x1`, origin: "SYNTHETIC" }] }, "BAD_USER_INPUT", /SYNTHETIC but names no generationRunId/);
    await refused(
      INGEST,
      { s: [{ id: `${P}x2`, origin: "REAL", generationRunId: `${P}run` }] },
      "BAD_USER_INPUT",
      /REAL but names generationRunId/,
    );
    await refused(
      INGEST,
      { s: [{ id: `${P}x3`, origin: "AUGMENTED", generationRunId: `${P}run` }] },
      "BAD_USER_INPUT",
      /AUGMENTED but names no derivedFromIds/,
    );
    await refused(
      INGEST,
      { s: [{ id: `${P}x4`, origin: "SYNTHETIC", generationRunId: `${P}nope` }] },
      "BAD_USER_INPUT",
      new RegExp(`unknown generationRunId '${P}nope'`),
    );
    await refused(
      INGEST,
      { s: [{ id: `${P}x5`, origin: "SYNTHETIC", generationRunId: `${P}r1` }] },
      "BAD_USER_INPUT",
      /is a Sample, not a GenerationRun/,
    );
    await refused(
      INGEST,
      { s: [{ id: `${P}x6`, origin: "REAL", derivedFromIds: [`${P}ghost`] }] },
      "BAD_USER_INPUT",
      new RegExp(`unknown derivedFromIds entry '${P}ghost'`),
    );
  });

  it("is all-or-nothing: one bad sample at the end of a batch writes nothing", async () => {
    const good = Array.from({ length: 50 }, (_, i) => ({ id: `${P}batch-${i}`, origin: "REAL" }));
    await refused(INGEST, { s: [...good, { id: `${P}batch-bad`, origin: "SYNTHETIC", generationRunId: `${P}missing` }] }, "BAD_USER_INPUT");
    expect((await api.ok(SAMPLE, { id: `${P}batch-0` })).sample).toBeNull();
  });

  it("accepts references inside one batch, in any order, and refuses cycles", async () => {
    const chain = [
      { id: `${P}c3`, origin: "AUGMENTED", generationRunId: `${P}run`, derivedFromIds: [`${P}c2`] },
      { id: `${P}c2`, origin: "AUGMENTED", generationRunId: `${P}run`, derivedFromIds: [`${P}c1`] },
      { id: `${P}c1`, origin: "REAL" },
    ];
    expect((await api.ok(INGEST, { s: chain })).ingestSamples.created).toBe(3);
    // c1 REAL = 0; c2 = 1 + max(run inputs 0, c1 0) = 1; c3 = 1 + max(0, c2 1) = 2
    expect((await api.ok(SAMPLE, { id: `${P}c3` })).sample.generationDepth).toBe(2);

    const cycle = [
      { id: `${P}y1`, origin: "AUGMENTED", generationRunId: `${P}run`, derivedFromIds: [`${P}y3`] },
      { id: `${P}y2`, origin: "AUGMENTED", generationRunId: `${P}run`, derivedFromIds: [`${P}y1`] },
      { id: `${P}y3`, origin: "AUGMENTED", generationRunId: `${P}run`, derivedFromIds: [`${P}y2`] },
    ];
    await refused(INGEST, { s: cycle }, "LINEAGE_CYCLE", /cycle/);
    await refused(INGEST, { s: [{ id: `${P}self`, origin: "REAL", derivedFromIds: [`${P}self`] }] }, "LINEAGE_CYCLE", /names itself/);
    await refused(
      INGEST,
      {
        s: [
          { id: `${P}dup`, origin: "REAL" },
          { id: `${P}dup`, origin: "REAL" },
        ],
      },
      "BAD_USER_INPUT",
      /appears more than once/,
    );
  });

  it("takes 10,000 samples in one call and refuses 10,001", async () => {
    const big = Array.from({ length: 10_001 }, (_, i) => ({ id: `${P}big-${i}`, origin: "REAL", slice: `s${i % 7}` }));
    await refused(INGEST, { s: big }, "BAD_USER_INPUT", /at most 10000 samples; this one has 10001/);
    expect((await api.ok(INGEST, { s: big.slice(0, 10_000) })).ingestSamples).toEqual({ created: 10_000, unchanged: 0, violations: [] });
  });

  it("refuses ids outside 1-256 characters", async () => {
    await refused(INGEST, { s: [{ id: "", origin: "REAL" }] }, "BAD_USER_INPUT", /1-256 characters/);
    await refused(INGEST, { s: [{ id: "x".repeat(257), origin: "REAL" }] }, "BAD_USER_INPUT", /1-256 characters/);
  });

  it("appends one audit event per created sample whose payloadHash a client can recompute", async () => {
    const input = { id: `${P}audited`, origin: "REAL", slice: "a", attributes: { z: 1, a: [true, null] } };
    await api.ok(INGEST, { s: [input] });
    const trail = (await api.ok(TRAIL, { s: `${P}audited` })).auditTrail;
    expect(trail.totalCount).toBe(1);
    const event = trail.edges[0].node;
    // RFC 8785 JSON of the input as coerced (absent fields left out), hashed with SHA-256.
    const expected = createHash("sha256").update(canonicalJson(input)).digest("hex");
    expect(event).toMatchObject({ action: "ingestSamples", actor: "anonymous", subjectId: `${P}audited`, payloadHash: expected });
    // The chain link: hash = sha256(prevHash + canonical {seq, at, actor, action, subjectId, payloadHash}).
    const { seq, at, actor, action, subjectId, payloadHash } = event;
    expect(event.hash).toBe(
      createHash("sha256")
        .update(event.prevHash + canonicalJson({ seq, at, actor, action, subjectId, payloadHash }))
        .digest("hex"),
    );
  });
});

describe("generation depth", () => {
  it("is 1 + the deepest of seeds, sources and the generator's training data", async () => {
    await api.ok(INGEST, { s: [{ id: `${P}seed`, origin: "REAL" }] });
    await api.ok(RUN, { i: { id: `${P}seeded`, generatorId: `${P}gen`, purpose: "AUGMENTATION", seedSampleIds: [`${P}seed`] } });
    await api.ok(INGEST, { s: [{ id: `${P}d1`, origin: "SYNTHETIC", generationRunId: `${P}seeded` }] });
    // seeds depth 0 -> 1
    expect((await api.ok(SAMPLE, { id: `${P}d1` })).sample.generationDepth).toBe(1);
    await api.ok(RUN, { i: { id: `${P}seeded2`, generatorId: `${P}gen`, purpose: "AUGMENTATION", seedSampleIds: [`${P}d1`] } });
    await api.ok(INGEST, { s: [{ id: `${P}d2`, origin: "SYNTHETIC", generationRunId: `${P}seeded2` }] });
    // a seed of depth 1 -> 2: synthetic data fed synthetic data
    expect((await api.ok(SAMPLE, { id: `${P}d2` })).sample.generationDepth).toBe(2);
  });

  it("refuses a RARE_EVENT run without seeds or with a non-REAL seed", async () => {
    await refused(
      RUN,
      { i: { id: `${P}rare1`, generatorId: `${P}gen`, purpose: "RARE_EVENT" } },
      "BAD_USER_INPUT",
      /RARE_EVENT but names no seedSampleIds/,
    );
    await refused(
      RUN,
      { i: { id: `${P}rare2`, generatorId: `${P}gen`, purpose: "RARE_EVENT", seedSampleIds: [`${P}s1`] } },
      "BAD_USER_INPUT",
      /seed '.*s1' is SYNTHETIC, not REAL/,
    );
  });
});

describe("labels", () => {
  it("records labels idempotently and refuses unknown labelers", async () => {
    await api.ok(LABELER, { i: { id: `${P}ann`, name: "Ann", kind: "HUMAN_EXPERT", qualifications: ["radiology"] } });
    const labels = [{ id: `${P}l1`, sampleId: `${P}r1`, labelerId: `${P}ann`, value: "invoice", confidence: 0.9 }];
    expect((await api.ok(LABELS, { l: labels })).recordLabels).toEqual({ created: 1, unchanged: 0, violations: [] });
    expect((await api.ok(LABELS, { l: labels })).recordLabels).toEqual({ created: 0, unchanged: 1, violations: [] });
    await refused(
      LABELS,
      { l: [{ id: `${P}l2`, sampleId: `${P}r1`, labelerId: `${P}bob`, value: "x" }] },
      "BAD_USER_INPUT",
      /unknown labelerId/,
    );
    const { sample } = await api.ok(SAMPLE, { id: `${P}r1` });
    expect(sample.labels).toEqual([{ id: `${P}l1`, value: "invoice", labeler: { id: `${P}ann`, kind: "HUMAN_EXPERT" } }]);
  });
});
