import { count, MAX_LISTED_VIOLATIONS, verdict, type PolicyCheck } from "../domain/policy-check.js";
import { LOAD_TEST_USE, purposeViolation, violationText, type SampleFacts } from "../domain/purpose-policy.js";
import { compareCodePoints } from "../domain/code-points.js";
import { originsCounted, type DatasetVersionRecord } from "../store/records.js";
import type { Run } from "../store/executor.js";
import {
  generatedMemberCount,
  generatedMembers,
  memberFacts,
  memberRuns,
  offendingMembers,
  versionUsers,
  type OffendingMembers,
  type OffendingSelector,
} from "../store/membership.queries.js";
import { sampleCount } from "../store/pages.queries.js";
import { runFacts } from "../store/checks.queries.js";

export interface PurposeOutcome {
  /** Each offending sample once, with the rule it breaks: the first 100 by id. */
  violations: Array<{ sampleId: string; rule: string }>;
  /** How many there are in all. */
  count: number;
  samples: number;
  /** Which members offend, for a count across versions; null when none can. */
  selector: OffendingSelector | null;
}

/**
 * The decision framework (DOMAIN.md 3) over a version's members, evaluated now. Each purpose's
 * read lists the first 100 offending members by id and counts the rest; a sealed version's
 * stored composition and run counts often show there are none, or how many, and its stored
 * first members of each run which they are.
 */
export async function purposeOutcome(run: Run, version: DatasetVersionRecord): Promise<PurposeOutcome> {
  const { purpose } = version;
  const stored = version.composition ?? undefined;
  const noneGenerated = stored !== undefined && stored.real === stored.total;
  const total = async () => stored?.total ?? (await sampleCount(run, { kind: "datasetVersion", id: version.id }, null));
  const none = async () => ({ violations: [], count: 0, samples: await total(), selector: null });
  const judge = (samples: ReadonlyArray<SampleFacts>) =>
    samples.map((s) => {
      const rule = purposeViolation(purpose, s);
      // the store's predicate for the purpose selects exactly the members this rule flags
      if (rule === null) throw new Error(`${s.id} was read as breaking the ${purpose} rules of ${version.id}, but breaks none`);
      return { sampleId: s.id, rule };
    });
  const offending = async (which: OffendingMembers) => {
    const { count, first } = await offendingMembers(run, version.id, which, MAX_LISTED_VIOLATIONS);
    return { violations: judge(first), count, samples: await total(), selector: { versionId: version.id, which } };
  };

  switch (purpose) {
    case "EVALUATION":
    case "HOLDOUT":
      return offending("unrealOrUnlabelled");
    case "TRAINING": {
      if (noneGenerated) return none();
      const runs = await runFacts(run, version.runIds ?? (await memberRuns(run, version.id)));
      const unaligned = runs.filter((r) => !r.aligned).map((r) => r.id);
      if (unaligned.length === 0) return none();
      // every generated member of an unaligned run breaks the rule; a sealed version stores how many each run made
      const counts = version.runSampleCounts;
      const counted = counts
        ? unaligned.reduce((sum, id) => sum + (counts[id] ?? 0), 0)
        : await generatedMemberCount(run, version.id, unaligned);
      const violations = judge(await firstGenerated(run, version, unaligned));
      return { violations, count: counted, samples: await total(), selector: { versionId: version.id, runIds: unaligned } };
    }
    case "PRETRAINING":
    case "FINE_TUNING": {
      if (noneGenerated) return none();
      // sealed, with every generated member counted under its run: those runs' first members are the first generated ones
      if (!stored || !version.firstMembersByRun || !originsCounted(version)) return offending("generated");
      const violations = judge(await firstGenerated(run, version, Object.keys(version.firstMembersByRun)));
      return {
        violations,
        count: stored.total - stored.real,
        samples: stored.total,
        selector: { versionId: version.id, which: "generated" },
      };
    }
    case "RAG_CORPUS":
      return noneGenerated ? none() : offending("generatedDocuments");
    case "LOAD_TEST":
      return none();
    default: {
      const never: never = purpose;
      throw new Error(`unknown purpose ${String(never)}`);
    }
  }
}

/**
 * The facts of the first 100 members by id that `runIds` generated: among the first members of
 * each run that sealing stored, or read from the membership.
 */
async function firstGenerated(run: Run, version: DatasetVersionRecord, runIds: readonly string[]): Promise<SampleFacts[]> {
  const stored = version.firstMembersByRun;
  if (!stored) {
    const first = await generatedMembers(run, version.id, runIds, MAX_LISTED_VIOLATIONS);
    return first.map((s) => ({ ...s, runAligned: false, labelerKinds: [] }));
  }
  const ids = runIds.flatMap((id) => stored[id] ?? []).sort(compareCodePoints);
  return memberFacts(run, version.id, ids.slice(0, MAX_LISTED_VIOLATIONS));
}

/** PURPOSE_RESPECTED for one dataset version: its members, and any model that used LOAD_TEST data. */
export async function versionPolicy(run: Run, version: DatasetVersionRecord): Promise<PolicyCheck> {
  const { purpose } = version;
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
