import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectRefused, prefix, startApi, type TestApi } from "../helpers/api.js";
import { MODEL_VERSION } from "../helpers/ops.js";
import { Scenario } from "../helpers/scenario.js";

let api: TestApi;
let s: Scenario;

const LINEAGE = `query($id: ID!, $dir: Direction!, $depth: Int, $limit: Int) { lineage(id: $id, direction: $dir, depth: $depth, limit: $limit) {
  root truncated nodes { id label name origin distance } edges { from to type } } }`;
const IMPACT = `query($id: ID!, $limit: Int) { impact(id: $id, limit: $limit) { truncated nodes { id label distance } } }`;
const COMPOSITION = `query($of: ID!) { composition(of: $of) { total real synthetic augmented syntheticRatio maxGenerationDepth
  byGenerator { key count share } bySlice { key count share } byLabelerKind { key count share } byGenerationDepth { key count share } } }`;
const AGREEMENT = `query($v: ID!) { labelAgreement(datasetVersionId: $v) { labelers items observedAgreement cohenKappa krippendorffAlpha } }`;
const POLICY = `query($v: ID!) { datasetVersion(id: $v) { policy { rule status violationCount violations } } }`;

beforeAll(async () => {
  api = await startApi();
  s = new Scenario(api, prefix("prov"));
  // A RAG corpus: 2 real documents, 2 real chunks of doc-0, 2 synthetic QA pairs about chunk-0.
  await s.generator("qa-writer");
  await s.run("qa-run", "qa-writer");
  await s.samples("doc", 2, () => ({ origin: "REAL", kind: "DOCUMENT", slice: "policy" }));
  await s.samples("chunk", 2, () => ({ origin: "REAL", kind: "CHUNK", slice: "policy", derivedFromIds: [s.id("doc-0")] }));
  await s.samples("qa", 2, () => ({
    origin: "SYNTHETIC",
    kind: "QA_PAIR",
    slice: "faq",
    generationRunId: s.id("qa-run"),
    derivedFromIds: [s.id("chunk-0")],
  }));
  await s.labeler("ann", "HUMAN_EXPERT");
  await s.labeler("bot", "LLM");
});
afterAll(() => api?.close());

describe("lineage", () => {
  it("walks upstream from a QA pair to its chunk, document, run and generator, with shortest distances", async () => {
    const { lineage } = await api.ok(LINEAGE, { id: s.id("qa-0"), dir: "UPSTREAM" });
    const byId = Object.fromEntries(lineage.nodes.map((n: any) => [n.id, n]));
    expect(lineage.truncated).toBe(false);
    // qa-0 -DERIVED_FROM-> chunk-0 -DERIVED_FROM-> doc-0; qa-0 -GENERATED_BY-> qa-run -USED_GENERATOR-> qa-writer
    expect(Object.keys(byId).sort()).toEqual([s.id("chunk-0"), s.id("doc-0"), s.id("qa-0"), s.id("qa-run"), s.id("qa-writer")].sort());
    expect(byId[s.id("qa-0")]).toEqual({ id: s.id("qa-0"), label: "Sample", name: "QA_PAIR faq", origin: "SYNTHETIC", distance: 0 });
    expect(byId[s.id("doc-0")]).toMatchObject({ label: "Sample", origin: "REAL", distance: 2 });
    expect(byId[s.id("qa-writer")]).toMatchObject({ label: "Generator", distance: 2 });
    expect(lineage.edges).toContainEqual({ from: s.id("chunk-0"), to: s.id("doc-0"), type: "DERIVED_FROM" });
    expect(lineage.edges).toContainEqual({ from: s.id("qa-run"), to: s.id("qa-writer"), type: "USED_GENERATOR" });
  });

  it("stops at the depth, and says when the limit left nodes out", async () => {
    const shallow = (await api.ok(LINEAGE, { id: s.id("qa-0"), dir: "UPSTREAM", depth: 1 })).lineage;
    expect(shallow.nodes.map((n: any) => n.id).sort()).toEqual([s.id("chunk-0"), s.id("qa-0"), s.id("qa-run")].sort());
    expect(shallow.truncated).toBe(false); // nothing within depth 1 was left out
    const capped = (await api.ok(LINEAGE, { id: s.id("qa-0"), dir: "UPSTREAM", limit: 2 })).lineage;
    expect(capped.nodes).toHaveLength(2); // the root and one of its two neighbours
    expect(capped.truncated).toBe(true);
    const exact = (await api.ok(LINEAGE, { id: s.id("qa-0"), dir: "UPSTREAM", limit: 5 })).lineage;
    expect(exact.truncated).toBe(false); // all 5 reachable nodes fit exactly
  });

  it("walks downstream from a document to everything derived from it, and refuses unknown ids", async () => {
    const { lineage } = await api.ok(LINEAGE, { id: s.id("doc-0"), dir: "DOWNSTREAM" });
    // doc-0 <- chunk-0, chunk-1 (distance 1) <- qa-0, qa-1 (distance 2, through chunk-0)
    expect(lineage.nodes.map((n: any) => [n.id, n.distance]).sort()).toEqual(
      [
        [s.id("doc-0"), 0],
        [s.id("chunk-0"), 1],
        [s.id("chunk-1"), 1],
        [s.id("qa-0"), 2],
        [s.id("qa-1"), 2],
      ].sort(),
    );
    expect(await api.code(LINEAGE, { id: s.id("ghost"), dir: "UPSTREAM" })).toBe("NOT_FOUND");
    expect(await api.code(LINEAGE, { id: s.id("doc-0"), dir: "UPSTREAM", limit: 0 })).toBe("BAD_USER_INPUT");
  });
});

describe("a RAG corpus and the decision framework", () => {
  it("allows real documents and chunks with synthetic QA pairs, and flags a synthetic document", async () => {
    const ids = ["doc-0", "doc-1", "chunk-0", "chunk-1", "qa-0", "qa-1"].map(s.id);
    const corpus = await s.version("corpus", "RAG_CORPUS", ids, { seal: false });
    expect((await api.ok(POLICY, { v: corpus })).datasetVersion.policy).toEqual({
      rule: "PURPOSE_RESPECTED",
      status: "PASSED",
      violationCount: 0,
      violations: [],
    });
    const [fake] = await s.samples("fake-doc", 1, () => ({ origin: "SYNTHETIC", kind: "DOCUMENT", generationRunId: s.id("qa-run") }));
    await api.ok(`mutation($v: ID!, $ids: [ID!]!) { addSamplesToVersion(datasetVersionId: $v, sampleIds: $ids) { violations } }`, {
      v: corpus,
      ids: [fake],
    });
    expect((await api.ok(POLICY, { v: corpus })).datasetVersion.policy).toMatchObject({
      status: "FAILED",
      violationCount: 1,
      violations: [
        `${fake}: ${corpus} RAG_CORPUS allows generated samples only of kind QA_PAIR or QUERY, not DOCUMENT (documents and chunks must be real)`,
      ],
    });
  });
});

describe("composition", () => {
  it("of a generation run's output, a dataset version and a model version", async () => {
    const run = (await api.ok(COMPOSITION, { of: s.id("qa-run") })).composition;
    // qa-0, qa-1 and fake-doc-0: 3 synthetic, all depth 1
    expect(run).toMatchObject({
      total: 3,
      synthetic: 3,
      syntheticRatio: 1,
      maxGenerationDepth: 1,
      byGenerator: [{ key: s.id("qa-writer"), count: 3, share: 1 }],
    });
    await s.label("ann", [s.id("doc-0"), s.id("doc-1")]);
    await s.label("bot", [s.id("doc-0")]);
    const version = await s.version("comp", "TRAINING", ["doc-0", "doc-1", "qa-0", "chunk-0"].map(s.id));
    const comp = (await api.ok(COMPOSITION, { of: version })).composition;
    // 3 real + 1 synthetic: ratio 1/4; slices policy 3, faq 1; labels: 2 by HUMAN_EXPERT, 1 by LLM (shares of 3 labels)
    expect(comp).toEqual({
      total: 4,
      real: 3,
      synthetic: 1,
      augmented: 0,
      syntheticRatio: 0.25,
      maxGenerationDepth: 1,
      byGenerator: [{ key: s.id("qa-writer"), count: 1, share: 0.25 }],
      bySlice: [
        { key: "policy", count: 3, share: 0.75 },
        { key: "faq", count: 1, share: 0.25 },
      ],
      byLabelerKind: [
        { key: "HUMAN_EXPERT", count: 2, share: 2 / 3 },
        { key: "LLM", count: 1, share: 1 / 3 },
      ],
      byGenerationDepth: [
        { key: "0", count: 3, share: 0.75 },
        { key: "1", count: 1, share: 0.25 },
      ],
    });
    const input = {
      id: s.id("rag-index"),
      modelId: s.id("rag-index-model"),
      modelName: "rag-index",
      kind: "RAG_INDEX",
      version: "1",
      trainedOnDatasetVersionIds: [version, s.id("corpus-v1")],
      trainingRunId: s.id("rag-index-training"),
    };
    await expectRefused(api, MODEL_VERSION, { i: input }, "BAD_USER_INPUT", new RegExp(`'${s.id("corpus-v1")}' is not sealed`));
    const index = await s.model("rag-index2", [version]);
    expect((await api.ok(COMPOSITION, { of: index })).composition).toEqual(comp);
    expect(await api.code(COMPOSITION, { of: s.id("ann") })).toBe("NOT_FOUND");
  });
});

describe("impact", () => {
  it("of a bad generator reaches every model trained on what it made", async () => {
    await s.generator("bad");
    await s.run("bad-run", "bad");
    const made = await s.samples("bad-out", 3, () => ({ origin: "SYNTHETIC", generationRunId: s.id("bad-run") }));
    const [derived] = await s.samples("bad-derived", 1, () => ({ origin: "REAL", derivedFromIds: [made[0]] }));
    const v1 = await s.version("bad-a", "LOAD_TEST", [made[1]!]);
    const v2 = await s.version("bad-b", "LOAD_TEST", [derived!]);
    const m1 = await s.model("bad-m1", [v1]);
    const m2 = await s.model("bad-m2", [v2]);
    const { impact } = await api.ok(IMPACT, { id: s.id("bad") });
    const reached = Object.fromEntries(impact.nodes.map((n: any) => [n.id, n.distance]));
    // bad -> run (1) -> 3 samples (2) -> derived (3) / v1 (3) -> ... -> m1, m2
    expect(reached[s.id("bad-run")]).toBe(1);
    expect(reached[made[0]!]).toBe(2);
    expect(reached[derived!]).toBe(3);
    expect(reached[v1]).toBe(3); // v1 CONTAINS bad-out-1
    expect(reached[m1]).toBe(5); // v1 -> training run (4) -> m1 (5)
    expect(reached[m2]).toBe(6); // one step further, through the derived sample
    expect(impact.truncated).toBe(false);
    const capped = (await api.ok(IMPACT, { id: s.id("bad"), limit: 3 })).impact;
    expect(capped).toMatchObject({ truncated: true });
    expect(capped.nodes).toHaveLength(3);
  });
});

describe("label agreement", () => {
  it("over a dataset version's samples, per pair and overall", async () => {
    await s.labeler("cy", "HUMAN_CROWD");
    const items = await s.samples("agree", 4, () => ({ origin: "REAL" }));
    // ann: a a b b; cy: a b b b -> 3 of 4 agree
    await s.label("ann", items, (i) => (i < 2 ? "a" : "b"));
    await s.label("cy", items, (i) => (i < 1 ? "a" : "b"));
    const version = await s.version("agree", "EVALUATION", items, { seal: false });
    const rows = (await api.ok(AGREEMENT, { v: version })).labelAgreement;
    // po = 3/4; ann: a 2, b 2; cy: a 1, b 3; pe = (2/4)(1/4) + (2/4)(3/4) = 0.5; kappa = (0.75 - 0.5) / 0.5 = 0.5
    // alpha: values a,a,b,b,a,b,b,b -> n = 8, n_a = 3, n_b = 5; one disagreeing unit adds o_ab = o_ba = 1
    // alpha = 1 - (n - 1) * 2 / (2 * n_a * n_b) = 1 - 7 * 2 / 30 = 0.5333
    const pair = { labelers: [s.id("ann"), s.id("cy")], items: 4, observedAgreement: 0.75, cohenKappa: 0.5 };
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject(pair);
    expect(rows[0].krippendorffAlpha).toBeCloseTo(1 - 14 / 30, 10);
    expect(rows[1]).toMatchObject(pair); // two labelers: the overall row is the pair
  });
});
