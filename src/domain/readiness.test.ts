import { describe, expect, it } from "vitest";
import type { Composition } from "./model.js";
import { READINESS_RULES, readinessChecks, type ReadinessFacts } from "./readiness.js";

/** 10 training samples: 6 REAL, 4 SYNTHETIC from run-1, depths 0 (6) and 1 (4): ratio 0.4. */
const TRAINING: Composition = {
  total: 10,
  real: 6,
  synthetic: 4,
  augmented: 0,
  syntheticRatio: 0.4,
  byGenerator: [{ key: "gen-1", count: 4, share: 0.4 }],
  bySlice: [{ key: "a", count: 10, share: 1 }],
  byLabelerKind: [],
  maxGenerationDepth: 1,
  byGenerationDepth: [
    { key: "0", count: 6, share: 0.6 },
    { key: "1", count: 4, share: 0.4 },
  ],
};

/** A model version that passes every rule that applies (COLLAPSE_MONITORED and EXPERT_REVIEWED do not). */
const READY: ReadinessFacts = {
  modelVersionId: "mv",
  evaluations: 1,
  evalVersions: [{ id: "eval:v1", purpose: "EVALUATION" }],
  evalSamples: 3,
  evalSampleIssues: { count: 0, first: [] },
  leakedEvalSamples: { count: 0, first: [] },
  training: TRAINING,
  recorded: TRAINING,
  declaredSyntheticRatio: 0.4,
  contributingRuns: [{ id: "run-1", aligned: true, downstreamValidated: true }],
  modelDownstreamValidated: false,
  diversityChecks: [],
  tolerance: 0.1,
  originIssues: { count: 0, first: [] },
  trainingAssets: 0,
  assetIssues: [],
  rareEventRuns: [],
  purpose: { listed: [], count: 0 },
  purposeVersions: 2,
  reviews: [{ id: "rev-1", decision: "APPROVED", reviewerKind: "HUMAN_EXPERT", at: "2026-01-01T00:00:00Z", auditSeq: 7 }],
};

const byRule = (facts: ReadinessFacts) => Object.fromEntries(readinessChecks(facts).map((c) => [c.rule, c]));
const statuses = (facts: ReadinessFacts) => Object.fromEntries(readinessChecks(facts).map((c) => [c.rule, c.status]));

describe("readinessChecks (DOMAIN.md 4)", () => {
  it("gives the ten rules in DOMAIN.md 4's order", () => {
    expect(readinessChecks(READY).map((c) => c.rule)).toEqual(READINESS_RULES);
    expect(READINESS_RULES).toEqual([
      "EVAL_SETS_REAL",
      "NO_LEAKAGE",
      "DISTRIBUTION_ALIGNED",
      "DOWNSTREAM_VALIDATED",
      "COLLAPSE_MONITORED",
      "ORIGIN_TAGGED",
      "RATIO_LOGGED",
      "EXPERT_REVIEWED",
      "PURPOSE_RESPECTED",
      "APPROVED",
    ]);
  });

  it("passes a model version that meets every rule, with a one-line detail each", () => {
    const checks = byRule(READY);
    expect(statuses(READY)).toEqual({
      EVAL_SETS_REAL: "PASSED",
      NO_LEAKAGE: "PASSED",
      DISTRIBUTION_ALIGNED: "PASSED",
      DOWNSTREAM_VALIDATED: "PASSED",
      COLLAPSE_MONITORED: "NOT_APPLICABLE", // deepest sample at depth 1
      ORIGIN_TAGGED: "PASSED",
      RATIO_LOGGED: "PASSED",
      EXPERT_REVIEWED: "NOT_APPLICABLE", // no RARE_EVENT run
      PURPOSE_RESPECTED: "PASSED",
      APPROVED: "PASSED",
    });
    expect(checks.EVAL_SETS_REAL!.detail).toBe("1 evaluation set, 3 samples, all REAL with human labels");
    expect(checks.RATIO_LOGGED!.detail).toBe("synthetic ratio 40.0% recorded and declared (40.0%)");
    expect(checks.COLLAPSE_MONITORED!.detail).toBe("the deepest training sample has generation depth 1");
    expect(checks.APPROVED!.detail).toBe("approved by a HUMAN_EXPERT reviewer (rev-1)");
  });

  it("EVAL_SETS_REAL fails without an evaluation, for a set of the wrong purpose and for each bad sample", () => {
    expect(byRule({ ...READY, evaluations: 0 }).EVAL_SETS_REAL).toMatchObject({
      status: "FAILED",
      violationCount: 0,
      detail: "no evaluation is recorded: the model was never scored",
    });
    expect(byRule({ ...READY, evaluations: 0 }).NO_LEAKAGE!.status).toBe("NOT_APPLICABLE");
    const bad = byRule({
      ...READY,
      evalVersions: [...READY.evalVersions, { id: "train:v1", purpose: "TRAINING" }],
      evalSampleIssues: {
        count: 2,
        first: [
          { id: "e2", origin: "REAL", humanLabel: false },
          { id: "e1", origin: "SYNTHETIC", humanLabel: true },
        ],
      },
    }).EVAL_SETS_REAL!;
    // 1 wrong set + 2 samples = 3 violations, listed in id order ("e1" < "e2" < "train:v1")
    expect(bad).toMatchObject({
      status: "FAILED",
      violationCount: 3,
      violations: ["e1: SYNTHETIC, not REAL", "e2: no label from a human labeler", "train:v1: purpose TRAINING, not EVALUATION or HOLDOUT"],
      detail: "1 evaluation set of the wrong purpose; 2 evaluation samples of 3 not REAL or without a human label",
    });
  });

  it("NO_LEAKAGE fails for each evaluation sample in or upstream of the training data", () => {
    expect(byRule({ ...READY, leakedEvalSamples: { count: 1, first: ["e1"] } }).NO_LEAKAGE).toMatchObject({
      status: "FAILED",
      violations: ["e1: in or upstream of the training data"],
      detail: "1 evaluation sample also train the model, directly or as seeds or sources",
    });
  });

  it("counts the offending samples a read counted beyond the ones it listed", () => {
    // 250 leaked samples, the read listing only the first
    expect(byRule({ ...READY, leakedEvalSamples: { count: 250, first: ["e1"] } }).NO_LEAKAGE).toMatchObject({
      status: "FAILED",
      violationCount: 250,
      violations: ["e1: in or upstream of the training data"],
    });
  });

  it("the synthetic-data rules do not apply to all-REAL training data", () => {
    const allReal = {
      ...TRAINING,
      real: 10,
      synthetic: 0,
      syntheticRatio: 0,
      byGenerator: [],
      maxGenerationDepth: 0,
      byGenerationDepth: [{ key: "0", count: 10, share: 1 }],
    };
    const s = statuses({ ...READY, training: allReal, recorded: allReal, declaredSyntheticRatio: null, contributingRuns: [] });
    expect([s.DISTRIBUTION_ALIGNED, s.DOWNSTREAM_VALIDATED, s.COLLAPSE_MONITORED]).toEqual([
      "NOT_APPLICABLE",
      "NOT_APPLICABLE",
      "NOT_APPLICABLE",
    ]);
  });

  it("DISTRIBUTION_ALIGNED and DOWNSTREAM_VALIDATED name each run without its check", () => {
    const runs = [
      { id: "run-1", aligned: true, downstreamValidated: true },
      { id: "run-2", aligned: false, downstreamValidated: false },
    ];
    const checks = byRule({ ...READY, contributingRuns: runs });
    expect(checks.DISTRIBUTION_ALIGNED).toMatchObject({
      status: "FAILED",
      violations: ["run-2: no passed DISTRIBUTION_ALIGNMENT check"],
      detail: "1 generation run of 2 lack a passed DISTRIBUTION_ALIGNMENT check",
    });
    expect(checks.DOWNSTREAM_VALIDATED).toMatchObject({ status: "FAILED", violations: ["run-2: no passed DOWNSTREAM_REAL_HOLDOUT check"] });
    // a check on the model version itself covers every run
    expect(byRule({ ...READY, contributingRuns: runs, modelDownstreamValidated: true }).DOWNSTREAM_VALIDATED!.status).toBe("PASSED");
    // no run validated at all: one violation naming the model version
    expect(byRule({ ...READY, contributingRuns: [runs[1]!] }).DOWNSTREAM_VALIDATED!.violations).toEqual([
      "mv: no passed DOWNSTREAM_REAL_HOLDOUT check on the model version or its runs",
    ]);
  });

  it("COLLAPSE_MONITORED needs a DIVERSITY check per generation and no fall beyond the tolerance", () => {
    const deep = {
      ...TRAINING,
      maxGenerationDepth: 2,
      byGenerationDepth: [
        { key: "0", count: 4, share: 0.4 },
        { key: "1", count: 3, share: 0.3 },
        { key: "2", count: 3, share: 0.3 },
      ],
    };
    const facts = { ...READY, training: deep, recorded: deep };
    const check = (generation: number, value: number) => ({ generation, value, createdAt: "2026-01-01T00:00:00Z" });
    // 0.92 -> 0.84 is a fall of 8.7% (within 10%); 0.84 -> 0.71 of 15.5%: fails at generation 2
    expect(byRule({ ...facts, diversityChecks: [check(0, 0.92), check(1, 0.84), check(2, 0.71)] }).COLLAPSE_MONITORED).toMatchObject({
      status: "FAILED",
      violations: ["generation 2: diversity 0.71 fell more than 10.0% from 0.84 at generation 1"],
    });
    // 0.84 * (1 - 0.1) = 0.756: 0.76 is within the tolerance
    expect(byRule({ ...facts, diversityChecks: [check(0, 0.92), check(1, 0.84), check(2, 0.76)] }).COLLAPSE_MONITORED!.status).toBe(
      "PASSED",
    );
    expect(byRule({ ...facts, diversityChecks: [check(0, 0.92), check(2, 0.9)] }).COLLAPSE_MONITORED!.violations).toEqual([
      "generation 1: no DIVERSITY check",
    ]);
  });

  it("RATIO_LOGGED fails when the declared ratio is more than half a point off, or nothing was recorded", () => {
    // |0.45 - 0.4| = 0.05 > 0.005
    expect(byRule({ ...READY, declaredSyntheticRatio: 0.45 }).RATIO_LOGGED).toMatchObject({
      status: "FAILED",
      violations: ["mv: declared synthetic ratio 45.0% but 40.0% was recorded"],
      detail: "the pipeline declared 45.0% synthetic; the training data is 40.0%",
    });
    // |0.404 - 0.4| = 0.004: within half a point
    expect(byRule({ ...READY, declaredSyntheticRatio: 0.404 }).RATIO_LOGGED!.status).toBe("PASSED");
    expect(byRule({ ...READY, recorded: null }).RATIO_LOGGED).toMatchObject({
      status: "FAILED",
      detail: "no composition was recorded at registration",
    });
    expect(byRule({ ...READY, recorded: { ...TRAINING, real: 5, synthetic: 5 } }).RATIO_LOGGED!.detail).toBe(
      "the recorded composition no longer matches the training data",
    );
  });

  it("EXPERT_REVIEWED needs a human expert's approval of every RARE_EVENT run", () => {
    const rare = [
      { id: "rare-1", expertApproved: true },
      { id: "rare-2", expertApproved: false },
    ];
    expect(byRule({ ...READY, rareEventRuns: rare }).EXPERT_REVIEWED).toMatchObject({
      status: "FAILED",
      violations: ["rare-2: no APPROVED review by a HUMAN_EXPERT"],
    });
    expect(byRule({ ...READY, rareEventRuns: [rare[0]!] }).EXPERT_REVIEWED!.status).toBe("PASSED");
  });

  it("PURPOSE_RESPECTED counts every violation, listing what it was given", () => {
    expect(byRule({ ...READY, purpose: { listed: ["s1: v1 rule"], count: 250 } }).PURPOSE_RESPECTED).toMatchObject({
      status: "FAILED",
      violationCount: 250,
      violations: ["s1: v1 rule"],
      detail: "250 violations of the decision framework across 2 dataset versions",
    });
  });

  it("APPROVED takes the latest review (time, then write order), which must be a human's approval", () => {
    const review = (id: string, decision: string, reviewerKind: string, at: string, auditSeq: number) => ({
      id,
      decision,
      reviewerKind,
      at,
      auditSeq,
    });
    const early = "2026-01-01T00:00:00Z";
    const late = "2026-02-01T00:00:00Z";
    expect(byRule({ ...READY, reviews: [] }).APPROVED).toMatchObject({ status: "FAILED", violations: ["mv: no review"] });
    // the rejection is later in time, though written first
    expect(
      byRule({ ...READY, reviews: [review("r2", "REJECTED", "HUMAN_EXPERT", late, 1), review("r1", "APPROVED", "HUMAN_EXPERT", early, 2)] })
        .APPROVED!.violations,
    ).toEqual(["mv: latest review r2 is REJECTED"]);
    // same time: the later write wins
    expect(
      byRule({
        ...READY,
        reviews: [review("r2", "REJECTED", "HUMAN_EXPERT", early, 2), review("r1", "APPROVED", "HUMAN_EXPERT", early, 1)],
      }).APPROVED!.status,
    ).toBe("FAILED");
    expect(byRule({ ...READY, reviews: [review("r1", "APPROVED", "LLM", early, 1)] }).APPROVED!.violations).toEqual([
      "mv: latest approval r1 is by a LLM reviewer",
    ]);
    expect(byRule({ ...READY, reviews: [review("r1", "APPROVED", "HUMAN_CROWD", early, 1)] }).APPROVED!.status).toBe("PASSED");
  });
});
