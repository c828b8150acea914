import type { Composition, DatasetPurpose } from "../domain/model.js";
import { count, verdict, type PolicyCheck } from "../domain/policy-check.js";
import { LOAD_TEST_USE, purposeViolation, violationText } from "../domain/purpose-policy.js";
import type { Entity } from "../store/entities.queries.js";
import type { Run } from "../store/executor.js";
import { generatedMembers, memberRuns, versionFacts, versionUsers } from "../store/membership.queries.js";
import { sampleCount } from "../store/pages.queries.js";
import { runFacts } from "../store/readiness.queries.js";

export interface PurposeOutcome {
  /** `<sample id>: <version id> <rule broken>`, each sample once. */
  violations: string[];
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
  const text = (sampleId: string, rule: string) => violationText(sampleId, version.id, rule);
  const total = async () => stored?.total ?? (await sampleCount(run, { kind: "datasetVersion", id: version.id }, null));
  const judge = (samples: ReadonlyArray<{ id: string; origin: string; kind: string | null; runId: string | null }>, aligned: boolean) =>
    samples.flatMap((s) => {
      const rule = purposeViolation(purpose, { ...s, origin: s.origin as never, runAligned: aligned, labelerKinds: [] });
      return rule === null ? [] : [text(s.id, rule)];
    });

  switch (purpose) {
    case "EVALUATION":
    case "HOLDOUT": {
      const members = await versionFacts(run, version.id);
      return { violations: members.flatMap((s) => { const rule = purposeViolation(purpose, s); return rule === null ? [] : [text(s.id, rule)]; }), samples: members.length };
    }
    case "TRAINING": {
      if (noneGenerated) return { violations: [], samples: stored.total };
      const runs = await runFacts(run, (version.runIds as string[] | undefined) ?? (await memberRuns(run, version.id)));
      const unaligned = runs.filter((r) => !r.aligned).map((r) => r.id);
      const violations = unaligned.length ? judge(await generatedMembers(run, version.id, unaligned), false) : [];
      return { violations, samples: await total() };
    }
    case "PRETRAINING":
    case "FINE_TUNING":
    case "RAG_CORPUS": {
      const violations = noneGenerated ? [] : judge(await generatedMembers(run, version.id, null), true);
      return { violations, samples: await total() };
    }
    case "LOAD_TEST":
      return { violations: [], samples: await total() };
    default: {
      const never: never = purpose;
      throw new Error(`unknown purpose ${String(never)}`);
    }
  }
}

/** PURPOSE_RESPECTED for one dataset version: its members, and any model that used LOAD_TEST data. */
export async function versionPolicy(run: Run, version: Entity): Promise<PolicyCheck> {
  const purpose = version.purpose as DatasetPurpose;
  const { violations, samples } = await purposeOutcome(run, version);
  if (purpose === "LOAD_TEST") for (const model of await versionUsers(run, version.id)) violations.push(`${model}: ${LOAD_TEST_USE}`);
  const detail =
    violations.length === 0
      ? `all ${count(samples, "sample")} meet the ${purpose} rules`
      : `${count(violations.length, "violation")} of the ${purpose} rules among ${count(samples, "sample")}`;
  return verdict("PURPOSE_RESPECTED", violations, detail, { purpose, enforcement: version.enforcement, samples });
}
