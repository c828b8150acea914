import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectRefused, graphCounts, prefix, startApi, type TestApi } from "../helpers/api.js";
import {
  ADD,
  CHECK,
  DATASET,
  EVALUATION,
  GENERATOR,
  INGEST,
  LABELER,
  LABELS,
  MODEL_VERSION,
  RUN,
  SEAL,
  TRAIL,
  VERSION,
} from "../helpers/ops.js";

const P = prefix("datasets");
let api: TestApi;

const refused = (query: string, variables: Record<string, unknown>, code: string, message?: RegExp) =>
  expectRefused(api, query, variables, code, message);

beforeAll(async () => {
  api = await startApi();
  await api.ok(GENERATOR, { i: { id: `${P}gen`, name: "writer", kind: "LLM", version: "1" } });
  await api.ok(RUN, { i: { id: `${P}run`, generatorId: `${P}gen`, purpose: "DOMAIN_SYNTHESIS" } });
  // 6 REAL (slices a,a,a,b,b,none), 3 SYNTHETIC (slice a), 1 AUGMENTED of r0 (slice b)
  await api.ok(INGEST, {
    s: [
      ...["a", "a", "a", "b", "b", null].map((slice, i) => ({ id: `${P}r${i}`, origin: "REAL", slice, contentHash: `c${i}` })),
      ...[0, 1, 2].map((i) => ({ id: `${P}s${i}`, origin: "SYNTHETIC", generationRunId: `${P}run`, slice: "a" })),
      { id: `${P}g0`, origin: "AUGMENTED", generationRunId: `${P}run`, derivedFromIds: [`${P}r0`], slice: "b" },
    ],
  });
  await api.ok(DATASET, { i: { id: `${P}train`, name: "train", purpose: "TRAINING" } });
  await api.ok(VERSION, { i: { id: `${P}train-v1`, datasetId: `${P}train`, version: "1" } });
});
afterAll(() => api?.close());

const ALL = () => [...[0, 1, 2, 3, 4, 5].map((i) => `${P}r${i}`), `${P}s0`, `${P}s1`, `${P}s2`, `${P}g0`];

describe("dataset versions", () => {
  it("adds samples idempotently; an AUDIT TRAINING version records unaligned runs as violations", async () => {
    const first = (await api.ok(ADD, { v: `${P}train-v1`, ids: ALL().slice(0, 7) })).addSamplesToVersion;
    // 6 real + s0; s0's run has no passed DISTRIBUTION_ALIGNMENT check
    expect(first.created).toBe(7);
    expect(first.violations).toEqual([
      `${P}s0: ${P}train-v1 TRAINING needs a passed DISTRIBUTION_ALIGNMENT check on generation run '${P}run'`,
    ]);
    await api.ok(CHECK, {
      i: {
        id: `${P}align`,
        subjectId: `${P}run`,
        kind: "DISTRIBUTION_ALIGNMENT",
        metric: "wasserstein",
        value: 0.02,
        threshold: 0.05,
        passed: true,
      },
    });
    const second = (await api.ok(ADD, { v: `${P}train-v1`, ids: ALL() })).addSamplesToVersion;
    expect(second).toEqual({ created: 3, unchanged: 7, violations: [] }); // aligned now
    const events = (await api.ok(TRAIL, { s: `${P}train-v1` })).auditTrail.edges.map((e: any) => e.node);
    // createDatasetVersion, then one event per call that added samples; only new ids, sorted
    expect(events.map((e: any) => e.action)).toEqual(["createDatasetVersion", "addSamplesToVersion", "addSamplesToVersion"]);
    const input = { datasetVersionId: `${P}train-v1`, sampleIds: [`${P}g0`, `${P}s1`, `${P}s2`] };
    expect(events[2].payloadHash).toBe(createHash("sha256").update(JSON.stringify(input)).digest("hex")); // keys already in RFC 8785 order
    await refused(ADD, { v: `${P}train-v1`, ids: [`${P}nobody`] }, "BAD_USER_INPUT", new RegExp(`unknown sample '${P}nobody'`));
    await refused(ADD, { v: `${P}nothing`, ids: [`${P}r0`] }, "BAD_USER_INPUT", new RegExp(`unknown dataset version '${P}nothing'`));
  });

  it("seals: stores composition and digest, refuses later adds, and is idempotent", async () => {
    const { sealDatasetVersion: sealed } = await api.ok(SEAL, { id: `${P}train-v1` });
    // total 10: real 6, synthetic 3, augmented 1 -> ratio (3 + 1) / 10 = 0.4
    expect(sealed.composition).toMatchObject({
      total: 10,
      real: 6,
      synthetic: 3,
      augmented: 1,
      syntheticRatio: 0.4,
      maxGenerationDepth: 1,
    });
    // generated 4 of 10, all by one generator
    expect(sealed.composition.byGenerator).toEqual([{ key: `${P}gen`, count: 4, share: 0.4 }]);
    // slices: a = 3 real + 3 synthetic = 6; b = 2 real + 1 augmented = 3; (none) = 1
    expect(sealed.composition.bySlice).toEqual([
      { key: "a", count: 6, share: 0.6 },
      { key: "b", count: 3, share: 0.3 },
      { key: "(none)", count: 1, share: 0.1 },
    ]);
    // depth 0: the 6 real; depth 1: the 4 generated
    expect(sealed.composition.byGenerationDepth).toEqual([
      { key: "0", count: 6, share: 0.6 },
      { key: "1", count: 4, share: 0.4 },
    ]);
    // digest: one "<id>\t<contentHash>\n" line per member in id order; generated ones have no hash
    const lines = ALL()
      .sort()
      .map((id) => `${id}\t${/r\d$/.test(id) ? `c${id.slice(-1)}` : ""}\n`)
      .join("");
    expect(sealed.digest).toBe(createHash("sha256").update(lines).digest("hex"));

    await refused(ADD, { v: `${P}train-v1`, ids: [`${P}r0`] }, "SEALED", /is sealed/);
    const before = await graphCounts(api.executor);
    const again = (await api.ok(SEAL, { id: `${P}train-v1` })).sealDatasetVersion;
    expect(again).toEqual(sealed);
    expect(await graphCounts(api.executor)).toEqual(before);
  });

  it("digests ids in code-point order, also where the database orders them otherwise", async () => {
    // U+FFFF < U+1F600 by code point; a UTF-16 order puts the emoji (0xD83D...) first
    const ids = [`${P}d\u{1F600}`, `${P}d\uFFFF`, `${P}d-plain`];
    await api.ok(INGEST, { s: ids.map((id) => ({ id, origin: "REAL", contentHash: `c-${id.length}` })) });
    await api.ok(DATASET, { i: { id: `${P}astral`, name: "astral", purpose: "TRAINING" } });
    await api.ok(VERSION, { i: { id: `${P}astral-v1`, datasetId: `${P}astral`, version: "1" } });
    await api.ok(ADD, { v: `${P}astral-v1`, ids });
    const { sealDatasetVersion: sealed } = await api.ok(SEAL, { id: `${P}astral-v1` });
    // "-" (U+002D) < U+FFFF < U+1F600
    const lines = [ids[2], ids[1], ids[0]].map((id) => `${id}\tc-${id!.length}\n`).join("");
    expect(sealed.digest).toBe(createHash("sha256").update(lines, "utf8").digest("hex"));
  });

  it("a STRICT EVALUATION dataset refuses what AUDIT records", async () => {
    await api.ok(LABELER, { i: { id: `${P}human`, name: "H", kind: "HUMAN_CROWD" } });
    await api.ok(LABELS, { l: [{ id: `${P}lab-r0`, sampleId: `${P}r0`, labelerId: `${P}human`, value: "yes" }] });
    for (const enforcement of ["STRICT", "AUDIT"]) {
      await api.ok(DATASET, { i: { id: `${P}eval-${enforcement}`, name: "eval", purpose: "EVALUATION", enforcement } });
      await api.ok(VERSION, { i: { id: `${P}eval-${enforcement}-v1`, datasetId: `${P}eval-${enforcement}`, version: "1" } });
    }
    // r0 is REAL with a human label: allowed; s0 is SYNTHETIC: never in an evaluation set; r1 has no human label
    await refused(
      ADD,
      { v: `${P}eval-STRICT-v1`, ids: [`${P}r0`, `${P}s0`] },
      "POLICY_VIOLATION",
      new RegExp(`${P}s0: ${P}eval-STRICT-v1 EVALUATION allows only REAL samples`),
    );
    expect((await api.ok(ADD, { v: `${P}eval-STRICT-v1`, ids: [`${P}r0`] })).addSamplesToVersion.created).toBe(1);
    const audit = (await api.ok(ADD, { v: `${P}eval-AUDIT-v1`, ids: [`${P}r0`, `${P}s0`, `${P}r1`] })).addSamplesToVersion;
    expect(audit).toEqual({
      created: 3,
      unchanged: 0,
      violations: [
        `${P}s0: ${P}eval-AUDIT-v1 EVALUATION allows only REAL samples, not SYNTHETIC`,
        `${P}r1: ${P}eval-AUDIT-v1 EVALUATION needs a label from a HUMAN_EXPERT or HUMAN_CROWD labeler`,
      ],
    });
  });
});

describe("model versions and evaluations", () => {
  const mv = (over: Record<string, unknown> = {}) => ({
    id: `${P}mv1`,
    modelId: `${P}model`,
    modelName: "classifier",
    kind: "MODEL",
    version: "1",
    trainedOnDatasetVersionIds: [`${P}train-v1`],
    trainingRunId: `${P}tr1`,
    declaredSyntheticRatio: 0.1,
    ...over,
  });

  it("only trains on sealed versions", async () => {
    await api.ok(VERSION, { i: { id: `${P}train-v2`, datasetId: `${P}train`, version: "2", previousVersionId: `${P}train-v1` } });
    await refused(
      MODEL_VERSION,
      { i: mv({ trainedOnDatasetVersionIds: [`${P}train-v2`] }) },
      "BAD_USER_INPUT",
      new RegExp(`dataset version '${P}train-v2' is not sealed`),
    );
  });

  it("records the composition of the distinct training samples at registration", async () => {
    await api.ok(DATASET, { i: { id: `${P}more`, name: "more", purpose: "TRAINING" } });
    await api.ok(VERSION, { i: { id: `${P}more-v1`, datasetId: `${P}more`, version: "1" } });
    await api.ok(ADD, { v: `${P}more-v1`, ids: [`${P}r0`, `${P}r1`, `${P}s0`] }); // all three already in train-v1
    await api.ok(SEAL, { id: `${P}more-v1` });
    const { registerModelVersion: m } = await api.ok(MODEL_VERSION, {
      i: mv({ trainedOnDatasetVersionIds: [`${P}train-v1`, `${P}more-v1`] }),
    });
    // 10 + 3 memberships, but the 3 are among the 10: 10 distinct samples, 4 generated -> 0.4
    expect(m.recordedComposition).toEqual({ total: 10, real: 6, synthetic: 3, augmented: 1, syntheticRatio: 0.4, maxGenerationDepth: 1 });
    expect(m).toMatchObject({
      declaredSyntheticRatio: 0.1,
      model: { id: `${P}model`, name: "classifier", kind: "MODEL" },
      trainingRun: { id: `${P}tr1` },
    });
    const before = await graphCounts(api.executor);
    await api.ok(MODEL_VERSION, { i: mv({ trainedOnDatasetVersionIds: [`${P}train-v1`, `${P}more-v1`] }) });
    expect(await graphCounts(api.executor)).toEqual(before);
    await refused(
      MODEL_VERSION,
      { i: mv({ trainedOnDatasetVersionIds: [`${P}train-v1`, `${P}more-v1`], declaredSyntheticRatio: 0.4 }) },
      "CONFLICT",
    );
  });

  it("evaluates only on sealed versions", async () => {
    await refused(
      EVALUATION,
      { i: { id: `${P}ev1`, modelVersionId: `${P}mv1`, datasetVersionId: `${P}eval-AUDIT-v1`, metrics: { f1: 0.9 } } },
      "BAD_USER_INPUT",
      /is not sealed/,
    );
    await api.ok(SEAL, { id: `${P}eval-AUDIT-v1` });
    const { recordEvaluation } = await api.ok(EVALUATION, {
      i: { id: `${P}ev1`, modelVersionId: `${P}mv1`, datasetVersionId: `${P}eval-AUDIT-v1`, metrics: { f1: 0.9 } },
    });
    expect(recordEvaluation).toEqual({
      id: `${P}ev1`,
      metrics: { f1: 0.9 },
      model: { id: `${P}mv1` },
      dataset: { id: `${P}eval-AUDIT-v1` },
    });
  });

  it("a generator that is a tracked model passes its training depth on", async () => {
    await api.ok(GENERATOR, { i: { id: `${P}gen2`, name: "distilled", kind: "LLM", version: "1", modelVersionId: `${P}mv1` } });
    await api.ok(RUN, { i: { id: `${P}run2`, generatorId: `${P}gen2`, purpose: "DOMAIN_SYNTHESIS" } });
    await api.ok(INGEST, { s: [{ id: `${P}deep`, origin: "SYNTHETIC", generationRunId: `${P}run2` }] });
    // the generator's training data reaches depth 1, so its output is 1 + 1 = 2
    const { sample } = await api.ok(
      `query($id: ID!) { sample(id: $id) { generationDepth generationRun { generator { trainedAs { id } } } } }`,
      { id: `${P}deep` },
    );
    expect(sample).toEqual({ generationDepth: 2, generationRun: { generator: { trainedAs: { id: `${P}mv1` } } } });
  });
});
