import type { Composition, DatasetPurpose } from "../domain/model.js";
import { count, MAX_LISTED_VIOLATIONS, verdict, type PolicyCheck } from "../domain/policy-check.js";
import { LOAD_TEST_USE, purposeViolation, violationText } from "../domain/purpose-policy.js";
import type { Entity } from "../store/entities.queries.js";
import type { Run } from "../store/executor.js";
import { generatedMembers, memberRuns, versionFacts, versionUsers } from "../store/membership.queries.js";
import { sampleCount } from "../store/pages.queries.js";
import { runFacts } from "../store/checks.queries.js";

export interface PurposeOutcome {
  /** Each offending sample once, with the rule it breaks; at least the first 100 by id. */
  violations: Array<{ sampleId: string; rule: string }>;
  /** How many there are in all. */
  count: number;
  samples: number;
}

/**
 * The decision framework (DOMAIN.md 3) over a version's members, evaluated now. Only purposes
 * whose rule depends on labels look at every member; the others need only the generated
 * members, and a sealed version's stored composition and run list often show there are none.
 */
export async function purposeOutcome(run: Run, version: Entity): Promise<PurposeOutcome> {
  const purpose = version.purpose as DatasetPurpose;
  const stored = version.composition as Composition | undefined;
  const noneGenerated = stored !== undefined && stored.real === stored.total;
  const total = async () => stored?.total ?? (await sampleCount(run, { kind: "datasetVersion", id: version.id }, null));
  const judge = (samples: ReadonlyArray<{ id: string; origin: string; kind: string | null; runId: string | null }>, aligned: boolean) =>
    samples.flatMap((s) => {
      const rule = purposeViolation(purpose, { ...s, origin: s.origin as never, runAligned: aligned, labelerKinds: [] });
      return rule === null ? [] : [{ sampleId: s.id, rule }];
    });

  switch (purpose) {
    case "EVALUATION":
    case "HOLDOUT": {
      const members = await versionFacts(run, version.id);
      const violations = members.flatMap((s) => {
        const rule = purposeViolation(purpose, s);
        return rule === null ? [] : [{ sampleId: s.id, rule }];
      });
      return { violations, count: violations.length, samples: members.length };
    }
    case "TRAINING": {
      if (noneGenerated) return { violations: [], count: 0, samples: stored.total };
      const runs = await runFacts(run, (version.runIds as string[] | undefined) ?? (await memberRuns(run, version.id)));
      const unaligned = runs.filter((r) => !r.aligned).map((r) => r.id);
      if (unaligned.length === 0) return { violations: [], count: 0, samples: await total() };
      // Sealed: every generated member of an unaligned run breaks the rule, and how many each run
      // made is stored, so only the first ids are read.
      const counts = version.runSampleCounts as Record<string, number> | undefined;
      const violations = judge(await generatedMembers(run, version.id, unaligned, counts ? MAX_LISTED_VIOLATIONS : null), false);
      const counted = counts ? unaligned.reduce((sum, id) => sum + (counts[id] ?? 0), 0) : violations.length;
      return { violations, count: counted, samples: await total() };
    }
    case "PRETRAINING":
    case "FINE_TUNING":
    case "RAG_CORPUS": {
      const violations = noneGenerated ? [] : judge(await generatedMembers(run, version.id, null), true);
      return { violations, count: violations.length, samples: await total() };
    }
    case "LOAD_TEST":
      return { violations: [], count: 0, samples: await total() };
    default: {
      const never: never = purpose;
      throw new Error(`unknown purpose ${String(never)}`);
    }
  }
}

/** PURPOSE_RESPECTED for one dataset version: its members, and any model that used LOAD_TEST data. */
export async function versionPolicy(run: Run, version: Entity): Promise<PolicyCheck> {
  const purpose = version.purpose as DatasetPurpose;
  const outcome = await purposeOutcome(run, version);
  const users = purpose === "LOAD_TEST" ? (await versionUsers(run, version.id)).map((model) => `${model}: ${LOAD_TEST_USE}`) : [];
  const total = outcome.count + users.length;
  const detail =
    total === 0
      ? `all ${count(outcome.samples, "sample")} meet the ${purpose} rules`
      : `${count(total, "violation")} of the ${purpose} rules among ${count(outcome.samples, "sample")}`;
  const violations = outcome.violations.map((v) => violationText(v.sampleId, [{ datasetVersionId: version.id, rule: v.rule }]));
  return verdict(
    "PURPOSE_RESPECTED",
    violations.concat(users),
    detail,
    { purpose, enforcement: version.enforcement, samples: outcome.samples },
    total,
  );
}
