/**
 * Production readiness of a model version (DOMAIN.md 4 and 8): ten checks over facts the
 * service gathers from the graph as it is now. Each check is a pure function of those facts.
 */
import { sameOriginCounts } from "./composition.js";
import { latestChecks, type DiversityCheck } from "./diversity.js";
import type { Composition } from "./model.js";
import { HUMAN_LABELER_KINDS } from "./model.js";
import { count, failed, notApplicable, verdict, type Counted, type PolicyCheck } from "./policy-check.js";

export interface ReadinessFacts {
  modelVersionId: string;
  evaluations: number;
  evalVersions: ReadonlyArray<{ id: string; purpose: string }>;
  evalSamples: number;
  /** Evaluation samples that are not REAL or have no human label. */
  evalSampleIssues: Counted<{ id: string; origin: string; humanLabel: boolean }>;
  /** Evaluation samples that are training samples or feed one (seeds, DERIVED_FROM). */
  leakedEvalSamples: Counted<string>;
  /** Composition of the distinct training samples, computed now. */
  training: Composition;
  recorded: Composition | null;
  declaredSyntheticRatio: number | null;
  /** Runs that generated training samples. */
  contributingRuns: ReadonlyArray<{ id: string; aligned: boolean; downstreamValidated: boolean }>;
  modelDownstreamValidated: boolean;
  diversityChecks: readonly DiversityCheck[];
  tolerance: number;
  originIssues: Counted<{ id: string; reason: string }>;
  /** Training assets and the assets upstream of them (DOMAIN.md 9.3). */
  trainingAssets: number;
  /** Those assets whose origin is UNKNOWN or in conflict, all of them (a walk's worth). */
  assetIssues: ReadonlyArray<{ id: string; reason: string }>;
  /** RARE_EVENT runs anywhere in the training lineage. */
  rareEventRuns: ReadonlyArray<{ id: string; expertApproved: boolean }>;
  /** Decision-framework violations: at least the first 100 by id listed, all counted. */
  purpose: { listed: readonly string[]; count: number };
  purposeVersions: number;
  reviews: ReadonlyArray<{ id: string; decision: string; reviewerKind: string; at: string; auditSeq: number }>;
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function evalSetsReal(f: ReadinessFacts): PolicyCheck {
  if (f.evaluations === 0) return failed("EVAL_SETS_REAL", "no evaluation is recorded: the model was never scored");
  const wrongPurpose = f.evalVersions.filter((v) => v.purpose !== "EVALUATION" && v.purpose !== "HOLDOUT");
  const violations = [
    ...wrongPurpose.map((v) => `${v.id}: purpose ${v.purpose}, not EVALUATION or HOLDOUT`),
    ...f.evalSampleIssues.first.map((s) => `${s.id}: ${s.origin !== "REAL" ? `${s.origin}, not REAL` : "no label from a human labeler"}`),
  ];
  const detail =
    violations.length === 0
      ? `${count(f.evalVersions.length, "evaluation set")}, ${count(f.evalSamples, "sample")}, all REAL with human labels`
      : [
          wrongPurpose.length ? `${count(wrongPurpose.length, "evaluation set")} of the wrong purpose` : "",
          f.evalSampleIssues.count
            ? `${count(f.evalSampleIssues.count, "evaluation sample")} of ${f.evalSamples.toLocaleString("en-US")} not REAL or without a human label`
            : "",
        ]
          .filter(Boolean)
          .join("; ");
  return verdict(
    "EVAL_SETS_REAL",
    violations,
    detail,
    { evaluationSets: f.evalVersions.map((v) => v.id), samples: f.evalSamples },
    wrongPurpose.length + f.evalSampleIssues.count,
  );
}

function noLeakage(f: ReadinessFacts): PolicyCheck {
  if (f.evaluations === 0) return notApplicable("NO_LEAKAGE", "no evaluation to leak into");
  const detail =
    f.leakedEvalSamples.count === 0
      ? `none of the ${count(f.evalSamples, "evaluation sample")} is a training sample or feeds one`
      : `${count(f.leakedEvalSamples.count, "evaluation sample")} also train the model, directly or as seeds or sources`;
  return verdict(
    "NO_LEAKAGE",
    f.leakedEvalSamples.first.map((id) => `${id}: in or upstream of the training data`),
    detail,
    { evaluationSamples: f.evalSamples },
    f.leakedEvalSamples.count,
  );
}

const allReal = (f: ReadinessFacts) => f.training.real === f.training.total;

function distributionAligned(f: ReadinessFacts): PolicyCheck {
  if (allReal(f)) return notApplicable("DISTRIBUTION_ALIGNED", "every training sample is REAL");
  const unaligned = f.contributingRuns.filter((r) => !r.aligned);
  const detail =
    unaligned.length === 0
      ? `every contributing generation run (${f.contributingRuns.length}) has a passed DISTRIBUTION_ALIGNMENT check`
      : `${count(unaligned.length, "generation run")} of ${f.contributingRuns.length} lack a passed DISTRIBUTION_ALIGNMENT check`;
  return verdict(
    "DISTRIBUTION_ALIGNED",
    unaligned.map((r) => `${r.id}: no passed DISTRIBUTION_ALIGNMENT check`),
    detail,
    { runs: f.contributingRuns.length },
  );
}

function downstreamValidated(f: ReadinessFacts): PolicyCheck {
  if (allReal(f)) return notApplicable("DOWNSTREAM_VALIDATED", "every training sample is REAL");
  if (f.modelDownstreamValidated)
    return verdict("DOWNSTREAM_VALIDATED", [], "the model version has a passed DOWNSTREAM_REAL_HOLDOUT check");
  const missing = f.contributingRuns.filter((r) => !r.downstreamValidated);
  if (missing.length === f.contributingRuns.length) {
    return verdict(
      "DOWNSTREAM_VALIDATED",
      [`${f.modelVersionId}: no passed DOWNSTREAM_REAL_HOLDOUT check on the model version or its runs`],
      "no passed DOWNSTREAM_REAL_HOLDOUT check: the synthetic data was never scored on a real holdout",
    );
  }
  const detail =
    missing.length === 0
      ? "every contributing run has a passed DOWNSTREAM_REAL_HOLDOUT check"
      : `${count(missing.length, "contributing run")} lack a passed DOWNSTREAM_REAL_HOLDOUT check`;
  return verdict(
    "DOWNSTREAM_VALIDATED",
    missing.map((r) => `${r.id}: no passed DOWNSTREAM_REAL_HOLDOUT check`),
    detail,
  );
}

function collapseMonitored(f: ReadinessFacts): PolicyCheck {
  if (f.training.maxGenerationDepth <= 1)
    return notApplicable("COLLAPSE_MONITORED", `the deepest training sample has generation depth ${f.training.maxGenerationDepth}`);
  const present = f.training.byGenerationDepth.map((d) => Number(d.key)).sort((a, b) => a - b);
  const latest = latestChecks(f.diversityChecks);
  const violations: string[] = [];
  for (const g of present) if (!latest.has(g)) violations.push(`generation ${g}: no DIVERSITY check`);
  for (let i = 1; i < present.length; i++) {
    const [g, h] = [present[i - 1]!, present[i]!];
    const [vg, vh] = [latest.get(g)?.value, latest.get(h)?.value];
    if (vg !== undefined && vh !== undefined && vh < vg * (1 - f.tolerance)) {
      violations.push(`generation ${h}: diversity ${vh} fell more than ${pct(f.tolerance)} from ${vg} at generation ${g}`);
    }
  }
  const detail =
    violations.length === 0
      ? `diversity checked at generations ${present.join(", ")} and never falls more than ${pct(f.tolerance)}`
      : `generations ${present.join(", ")} present; ${count(violations.length, "problem")} with their diversity checks`;
  return verdict("COLLAPSE_MONITORED", violations, detail, { generations: present, tolerance: f.tolerance });
}

function originTagged(f: ReadinessFacts): PolicyCheck {
  const samples =
    f.originIssues.count === 0
      ? `all ${count(f.training.total, "training sample")} have an origin, every generated one a run with a generator and version`
      : `${count(f.originIssues.count, "training sample")} without origin or a run with a versioned generator`;
  const assets =
    f.trainingAssets === 0
      ? ""
      : f.assetIssues.length === 0
        ? `; the training assets and everything upstream of them (${count(f.trainingAssets, "asset")}) have a known origin and no conflict`
        : `; ${count(f.assetIssues.length, "asset")} in or upstream of the training assets with an unknown origin or a conflict`;
  const violations = [...f.originIssues.first, ...f.assetIssues].map((i) => `${i.id}: ${i.reason}`);
  return verdict(
    "ORIGIN_TAGGED",
    violations,
    samples + assets,
    { samples: f.training.total, assets: f.trainingAssets },
    f.originIssues.count + f.assetIssues.length,
  );
}

function ratioLogged(f: ReadinessFacts): PolicyCheck {
  const reasons: string[] = [];
  if (!f.recorded) reasons.push("no composition was recorded at registration");
  else if (!sameOriginCounts(f.recorded, f.training)) reasons.push("the recorded composition no longer matches the training data");
  const declared = f.declaredSyntheticRatio;
  const recorded = f.recorded?.syntheticRatio ?? f.training.syntheticRatio;
  const lies = declared !== null && Math.abs(declared - recorded) > 0.005;
  if (lies) reasons.push(`declared synthetic ratio ${pct(declared)} but ${pct(recorded)} was recorded`);
  const detail =
    reasons.length === 0
      ? `synthetic ratio ${pct(recorded)} recorded${declared !== null ? ` and declared (${pct(declared)})` : ", none declared"}`
      : lies
        ? `the pipeline declared ${pct(declared!)} synthetic; the training data is ${pct(recorded)}`
        : reasons[0]!;
  return verdict("RATIO_LOGGED", reasons.length ? [`${f.modelVersionId}: ${reasons.join("; ")}`] : [], detail, {
    recorded,
    declared,
    recomputed: f.training.syntheticRatio,
  });
}

function expertReviewed(f: ReadinessFacts): PolicyCheck {
  if (f.rareEventRuns.length === 0) return notApplicable("EXPERT_REVIEWED", "no RARE_EVENT run in the training lineage");
  const missing = f.rareEventRuns.filter((r) => !r.expertApproved);
  const detail =
    missing.length === 0
      ? `all ${count(f.rareEventRuns.length, "RARE_EVENT run")} approved by a human expert`
      : `${count(missing.length, "RARE_EVENT run")} without an APPROVED review by a HUMAN_EXPERT`;
  return verdict(
    "EXPERT_REVIEWED",
    missing.map((r) => `${r.id}: no APPROVED review by a HUMAN_EXPERT`),
    detail,
    { rareEventRuns: f.rareEventRuns.map((r) => r.id) },
  );
}

function purposeRespected(f: ReadinessFacts): PolicyCheck {
  const detail =
    f.purpose.count === 0
      ? `the decision framework holds for all ${count(f.purposeVersions, "dataset version")} it touches`
      : `${count(f.purpose.count, "violation")} of the decision framework across ${count(f.purposeVersions, "dataset version")}`;
  return verdict("PURPOSE_RESPECTED", f.purpose.listed, detail, { datasetVersions: f.purposeVersions }, f.purpose.count);
}

function approved(f: ReadinessFacts): PolicyCheck {
  const latest = [...f.reviews].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.auditSeq - b.auditSeq)).at(-1);
  if (!latest) return verdict("APPROVED", [`${f.modelVersionId}: no review`], "nobody has reviewed this model version");
  if (latest.decision !== "APPROVED")
    return verdict(
      "APPROVED",
      [`${f.modelVersionId}: latest review ${latest.id} is ${latest.decision}`],
      `the latest review (${latest.id}) is ${latest.decision}`,
    );
  if (!HUMAN_LABELER_KINDS.has(latest.reviewerKind)) {
    return verdict(
      "APPROVED",
      [`${f.modelVersionId}: latest approval ${latest.id} is by a ${latest.reviewerKind} reviewer`],
      `approved only by a ${latest.reviewerKind} reviewer, not a human`,
    );
  }
  return verdict("APPROVED", [], `approved by a ${latest.reviewerKind} reviewer (${latest.id})`, { review: latest.id });
}

/** The checklist in DOMAIN.md 4's order: each rule's name and its check. */
const RULES = {
  EVAL_SETS_REAL: evalSetsReal,
  NO_LEAKAGE: noLeakage,
  DISTRIBUTION_ALIGNED: distributionAligned,
  DOWNSTREAM_VALIDATED: downstreamValidated,
  COLLAPSE_MONITORED: collapseMonitored,
  ORIGIN_TAGGED: originTagged,
  RATIO_LOGGED: ratioLogged,
  EXPERT_REVIEWED: expertReviewed,
  PURPOSE_RESPECTED: purposeRespected,
  APPROVED: approved,
} satisfies Record<string, (f: ReadinessFacts) => PolicyCheck>;

export const READINESS_RULES = Object.keys(RULES) as Array<keyof typeof RULES>;

export function readinessChecks(f: ReadinessFacts): PolicyCheck[] {
  return Object.values(RULES).map((rule) => rule(f));
}
