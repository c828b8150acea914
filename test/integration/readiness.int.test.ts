import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prefix, startApi, type TestApi } from "../helpers/api.js";
import { READINESS, Scenario, statuses } from "../helpers/scenario.js";

let api: TestApi;
let s: Scenario;
const ready = async (id: string) => (await api.ok(READINESS, { id })).readiness;
const check = (report: any, rule: string) => report.checks.find((c: any) => c.rule === rule);

beforeAll(async () => {
  api = await startApi();
  s = new Scenario(api, prefix("ready"));
  await s.labeler("expert", "HUMAN_EXPERT");
  await s.labeler("crowd", "HUMAN_CROWD");
  await s.labeler("gpt", "LLM");
});
afterAll(() => api?.close());

describe("the synthetic trap, then its fixed successor", () => {
  let train: string;
  let trap: string;

  it("fails exactly the rules DOMAIN.md 8 names", async () => {
    await s.generator("writer");
    await s.run("writer-run", "writer");
    const real = await s.samples("trap-real", 800, () => ({ origin: "REAL", slice: "invoice" }));
    const synthetic = await s.samples("trap-syn", 4200, () => ({
      origin: "SYNTHETIC",
      generationRunId: s.id("writer-run"),
      slice: "invoice",
    }));
    train = await s.version("trap-train", "TRAINING", [...real, ...synthetic]);
    // the evaluation set is synthetic too, labelled by an LLM
    const evalSet = await s.samples("trap-eval", 200, () => ({ origin: "SYNTHETIC", generationRunId: s.id("writer-run") }));
    await s.label("gpt", evalSet);
    const evalVersion = await s.version("trap-eval", "EVALUATION", evalSet);
    // the pipeline declares 10% synthetic; the data is (4,200) / 5,000 = 84%
    trap = await s.model("trap", [train], 0.1);
    await s.evaluate(trap, evalVersion);

    const report = await ready(trap);
    expect(report.ready).toBe(false);
    expect(statuses(report)).toEqual({
      EVAL_SETS_REAL: "FAILED",
      NO_LEAKAGE: "PASSED",
      DISTRIBUTION_ALIGNED: "FAILED",
      DOWNSTREAM_VALIDATED: "FAILED",
      COLLAPSE_MONITORED: "NOT_APPLICABLE",
      ORIGIN_TAGGED: "PASSED",
      RATIO_LOGGED: "FAILED",
      EXPERT_REVIEWED: "NOT_APPLICABLE",
      PURPOSE_RESPECTED: "FAILED",
      APPROVED: "FAILED",
    });
    // every one of the 200 evaluation samples is SYNTHETIC: 200 violations, the first 100 listed
    expect(check(report, "EVAL_SETS_REAL")).toMatchObject({ violationCount: 200 });
    expect(check(report, "EVAL_SETS_REAL").violations).toHaveLength(100);
    expect(check(report, "DISTRIBUTION_ALIGNED").violations).toEqual([`${s.id("writer-run")}: no passed DISTRIBUTION_ALIGNMENT check`]);
    expect(check(report, "DOWNSTREAM_VALIDATED").violations).toEqual([
      `${trap}: no passed DOWNSTREAM_REAL_HOLDOUT check on the model version or its runs`,
    ]);
    expect(check(report, "RATIO_LOGGED").violations).toEqual([`${trap}: declared synthetic ratio 10.0% but 84.0% was recorded`]);
    // 4,200 unaligned training samples + 200 synthetic evaluation samples
    expect(check(report, "PURPOSE_RESPECTED").violationCount).toBe(4400);
    expect(check(report, "APPROVED").violations).toEqual([`${trap}: no review`]);
    expect(check(report, "COLLAPSE_MONITORED").detail).toBe("the deepest training sample has generation depth 1");
  });

  it("is ready once each rule is met", async () => {
    await s.check("writer-aligned", s.id("writer-run"), "DISTRIBUTION_ALIGNMENT");
    const realEval = await s.samples("fixed-eval", 200, () => ({ origin: "REAL" }));
    await s.label("crowd", realEval);
    const evalVersion = await s.version("fixed-eval", "HOLDOUT", realEval);
    // declared as recorded: 4,200 / 5,000 = 0.84
    const fixed = await s.model("fixed", [train], 0.84);
    let report = await ready(fixed);
    expect(statuses(report)).toMatchObject({
      EVAL_SETS_REAL: "FAILED",
      DISTRIBUTION_ALIGNED: "PASSED",
      RATIO_LOGGED: "PASSED",
      DOWNSTREAM_VALIDATED: "FAILED",
      APPROVED: "FAILED",
    });
    expect(check(report, "EVAL_SETS_REAL")).toMatchObject({
      detail: "no evaluation is recorded: the model was never scored",
      violationCount: 0,
    });

    await s.evaluate(fixed, evalVersion);
    await s.check("fixed-holdout", fixed, "DOWNSTREAM_REAL_HOLDOUT");
    await s.review("fixed-approval", fixed, "expert");
    report = await ready(fixed);
    expect(report.checks.filter((c: any) => c.status === "FAILED")).toEqual([]);
    expect(report.ready).toBe(true);
    expect(check(report, "EVAL_SETS_REAL").detail).toBe("1 evaluation set, 200 samples, all REAL with human labels");
  });

  it("APPROVED follows the latest review, and only a human's", async () => {
    const fixed = s.id("fixed");
    await s.review("fixed-rejection", fixed, "crowd", "REJECTED");
    expect(check(await ready(fixed), "APPROVED")).toMatchObject({
      status: "FAILED",
      violations: [`${fixed}: latest review ${s.id("fixed-rejection")} is REJECTED`],
    });
    await s.review("fixed-llm-approval", fixed, "gpt", "APPROVED");
    expect(check(await ready(fixed), "APPROVED").status).toBe("FAILED"); // an LLM's approval is not a human's
    await s.review("fixed-reapproval", fixed, "crowd", "APPROVED");
    expect(check(await ready(fixed), "APPROVED").status).toBe("PASSED");
  });
});

describe("NO_LEAKAGE", () => {
  it("finds evaluation samples in the training set, as seeds, and as sources at any distance", async () => {
    await s.generator("para");
    const evalSet = await s.samples("leak-eval", 4, () => ({ origin: "REAL" }));
    await s.label("expert", evalSet);
    // leak-eval-0 is itself trained on; leak-eval-1 seeds a run whose output is trained on;
    // leak-eval-2 is the source of a source of a training sample; leak-eval-3 stays clean
    await s.run("leak-run", "para", "AUGMENTATION", ["leak-eval-1"]);
    const [hop1] = await s.samples("leak-hop1", 1, () => ({
      origin: "AUGMENTED",
      generationRunId: s.id("leak-run"),
      derivedFromIds: [s.id("leak-eval-2")],
    }));
    const [hop2] = await s.samples("leak-hop2", 1, () => ({
      origin: "AUGMENTED",
      generationRunId: s.id("leak-run"),
      derivedFromIds: [hop1!],
    }));
    const train = await s.version("leak-train", "TRAINING", [
      s.id("leak-eval-0"),
      hop2!,
      ...(await s.samples("leak-seeded", 1, () => ({ origin: "SYNTHETIC", generationRunId: s.id("leak-run") }))),
    ]);
    const model = await s.model("leaky", [train]);
    expect(check(await ready(model), "NO_LEAKAGE").status).toBe("NOT_APPLICABLE"); // no evaluation yet
    await s.evaluate(model, await s.version("leak-evalset", "EVALUATION", evalSet));
    const leak = check(await ready(model), "NO_LEAKAGE");
    expect(leak).toMatchObject({ status: "FAILED", violationCount: 3 });
    expect(leak.violations).toEqual([0, 1, 2].map((i) => `${s.id(`leak-eval-${i}`)}: in or upstream of the training data`));
  });
});

describe("generation depth 2 and COLLAPSE_MONITORED", () => {
  let model: string;
  let train: string;

  it("fails without DIVERSITY checks on every generation present", async () => {
    await s.generator("base");
    await s.run("base-run", "base");
    const real = await s.samples("d-real", 10, () => ({ origin: "REAL", slice: "a" }));
    const gen1 = await s.samples("d-gen1", 10, () => ({ origin: "SYNTHETIC", generationRunId: s.id("base-run"), slice: "a" }));
    // a generator that is itself a model trained on depth-1 data
    const distilled = await s.model("distilled", [await s.version("d-distill", "TRAINING", [...real, ...gen1])]);
    await s.generator("student", { modelVersionId: distilled });
    await s.run("student-run", "student");
    const gen2 = await s.samples("d-gen2", 10, () => ({ origin: "SYNTHETIC", generationRunId: s.id("student-run"), slice: "b" }));
    const depth = await api.ok(`query($id: ID!) { sample(id: $id) { generationDepth } }`, { id: gen2[0] });
    expect(depth.sample.generationDepth).toBe(2); // 1 + the depth 1 of its generator's training data
    train = await s.version("d-train", "TRAINING", [...real, ...gen1, ...gen2]);
    model = await s.model("collapsing", [train]);
    const c = check(await ready(model), "COLLAPSE_MONITORED");
    expect(c).toMatchObject({
      status: "FAILED",
      violations: ["generation 0: no DIVERSITY check", "generation 1: no DIVERSITY check", "generation 2: no DIVERSITY check"],
    });
  });

  it("passes within the tolerance and fails beyond it", async () => {
    // 0.90 -> 0.85 -> 0.80: each step keeps more than 90% of the one before (0.81, 0.765)
    await s.check("div0", train, "DIVERSITY", true, 0, 0.9);
    await s.check("div1", s.id("base-run"), "DIVERSITY", true, 1, 0.85);
    await s.check("div2", model, "DIVERSITY", true, 2, 0.8);
    expect(check(await ready(model), "COLLAPSE_MONITORED").status).toBe("PASSED");
    // a later generation-2 check of 0.60 counts now: 0.60 < 0.85 x 0.9 = 0.765
    await s.check("div2-later", model, "DIVERSITY", true, 2, 0.6);
    expect(check(await ready(model), "COLLAPSE_MONITORED")).toMatchObject({
      status: "FAILED",
      violations: ["generation 2: diversity 0.6 fell more than 10.0% from 0.85 at generation 1"],
    });
  });

  it("reports diversity per generation", async () => {
    const { generationDiversity } = await api.ok(
      `query($id: ID!) { generationDiversity(of: $id) { generation samples distinctSlices sliceEntropy duplicateRate recordedDiversity } }`,
      { id: model },
    );
    expect(generationDiversity).toEqual([
      { generation: 0, samples: 10, distinctSlices: 1, sliceEntropy: 0, duplicateRate: 0, recordedDiversity: 0.9 },
      { generation: 1, samples: 10, distinctSlices: 1, sliceEntropy: 0, duplicateRate: 0, recordedDiversity: 0.85 },
      { generation: 2, samples: 10, distinctSlices: 1, sliceEntropy: 0, duplicateRate: 0, recordedDiversity: 0.6 },
    ]);
  });
});

describe("EXPERT_REVIEWED", () => {
  it("needs a human expert's approval of every RARE_EVENT run in the lineage", async () => {
    await s.generator("fraudsim");
    const seeds = await s.samples("fraud-seed", 3, () => ({ origin: "REAL", slice: "fraud" }));
    await s.run(
      "fraud-run",
      "fraudsim",
      "RARE_EVENT",
      seeds.map((id) => id.slice(s.p.length)),
    );
    const rare = await s.samples("fraud-syn", 5, () => ({ origin: "SYNTHETIC", generationRunId: s.id("fraud-run"), slice: "fraud" }));
    const model = await s.model("fraud", [await s.version("fraud-train", "TRAINING", [...seeds, ...rare])]);
    await s.review("fraud-llm-review", s.id("fraud-run"), "gpt");
    expect(check(await ready(model), "EXPERT_REVIEWED")).toMatchObject({
      status: "FAILED",
      violations: [`${s.id("fraud-run")}: no APPROVED review by a HUMAN_EXPERT`],
    });
    await s.review("fraud-expert-review", s.id("fraud-run"), "expert");
    expect(check(await ready(model), "EXPERT_REVIEWED").status).toBe("PASSED");
  });
});

describe("ORIGIN_TAGGED", () => {
  it("fails for a training sample that reached the graph without a versioned generator", async () => {
    const samples = await s.samples("legacy", 2, () => ({ origin: "REAL" }));
    // a record written around the API (a legacy import) lost its origin; then it was versioned and sealed
    await api.executor.write("test.tamper", (run) => run("MATCH (s:Sample {id: $id}) REMOVE s.origin", { id: samples[0] }));
    const version = await s.version("legacy-train", "TRAINING", samples);
    const model = await s.model("legacy-model", [version]);
    expect(check(await ready(model), "ORIGIN_TAGGED")).toMatchObject({ status: "FAILED", violations: [`${samples[0]}: no origin`] });
  });
});

describe("every REAL training set", () => {
  it("makes the synthetic-data rules not applicable", async () => {
    const model = await s.model("all-real", [s.id("legacy-train-v1")]);
    expect(statuses(await ready(model))).toMatchObject({
      DISTRIBUTION_ALIGNED: "NOT_APPLICABLE",
      DOWNSTREAM_VALIDATED: "NOT_APPLICABLE",
      COLLAPSE_MONITORED: "NOT_APPLICABLE",
      EXPERT_REVIEWED: "NOT_APPLICABLE",
    });
  });

  it("answers NOT_FOUND for an id that is no model version", async () => {
    expect(await api.code(READINESS, { id: s.id("nothing") })).toBe("NOT_FOUND");
    expect(await api.code(READINESS, { id: s.id("legacy-train-v1") })).toBe("NOT_FOUND");
  });
});

describe("PURPOSE_RESPECTED over several versions", () => {
  it("lists and counts a sample in two of the versions once, with both breaches", async () => {
    await s.generator("overlap-writer");
    await s.run("overlap-run", "overlap-writer"); // no DISTRIBUTION_ALIGNMENT check: every member it made breaks TRAINING
    const made = await s.samples("overlap-syn", 10, () => ({ origin: "SYNTHETIC", generationRunId: s.id("overlap-run") }));
    const a = await s.version("overlap-a", "TRAINING", made);
    const b = await s.version("overlap-b", "TRAINING", made.slice(0, 5));
    const report = await ready(await s.model("overlap", [a, b]));
    const rule = `TRAINING needs a passed DISTRIBUTION_ALIGNMENT check on generation run '${s.id("overlap-run")}'`;
    // 10 distinct samples break the rule (5 of them in both versions): 10, not 15
    expect(check(report, "PURPOSE_RESPECTED").violationCount).toBe(10);
    expect(check(report, "PURPOSE_RESPECTED").violations).toEqual(
      [...made].sort().map((id) => (made.indexOf(id) < 5 ? `${id}: ${a} ${rule}; ${b} ${rule}` : `${id}: ${a} ${rule}`)),
    );
  });
});
