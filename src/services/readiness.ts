import { LOAD_TEST_USE, purposeViolation } from "../domain/purpose-policy.js";
import type { Composition, DatasetPurpose } from "../domain/model.js";
import { readinessChecks } from "../domain/readiness.js";
import type { PolicyCheck } from "../domain/policy-check.js";
import { findEntities, type Entity } from "../store/entities.queries.js";
import type { Run } from "../store/executor.js";
import { versionFacts } from "../store/membership.queries.js";
import {
  diversityChecks,
  evaluationSamples,
  evaluationsOf,
  leakedSamples,
  modelDownstreamValidated,
  originIssues,
  reviewsOf,
  runFacts,
} from "../store/readiness.queries.js";
import { computeComposition } from "./composition.js";

export interface ReadinessReport {
  modelVersionId: string;
  ready: boolean;
  checks: PolicyCheck[];
  generatedAt: string;
}

/** The decision framework over every version the model touches, evaluated now. */
async function purposeViolations(run: Run, versions: readonly Entity[]): Promise<string[]> {
  const violations: string[] = [];
  for (const version of versions) {
    const purpose = version.purpose as DatasetPurpose;
    if (purpose === "LOAD_TEST") violations.push(`${version.id}: ${LOAD_TEST_USE}`);
    for (const sample of await versionFacts(run, version.id)) {
      const rule = purposeViolation(purpose, sample);
      if (rule !== null) violations.push(`${sample.id}: ${version.id} ${rule}`);
    }
  }
  return violations;
}

const union = (lists: unknown[]) => [...new Set(lists.flatMap((l) => (Array.isArray(l) ? (l as string[]) : [])))];

/** The auditor's checklist for one model version (DOMAIN.md 4), as the graph is now. */
export async function readiness(run: Run, model: Entity, tolerance: number): Promise<ReadinessReport> {
  const trainingIds = model.trainedOnDatasetVersionIds as string[];
  const evaluations = await evaluationsOf(run, model.id);
  const evalIds = evaluations.versions.map((v) => v.id);
  const versions = await findEntities(run, [...trainingIds, ...evalIds]);
  const training = trainingIds.map((id) => versions.get(id)!);
  const runs = await runFacts(run, union(training.map((v) => v.runIds)));
  const lineageRuns = await runFacts(run, union(training.map((v) => v.lineageRunIds)));
  const evalSamples = await evaluationSamples(run, evalIds);

  const checks = readinessChecks({
    modelVersionId: model.id,
    evaluations: evaluations.evaluations,
    evalVersions: evaluations.versions,
    evalSamples: evalSamples.total,
    evalSampleIssues: evalSamples.issues,
    leakedEvalSamples: evalIds.length ? await leakedSamples(run, evalIds, trainingIds) : [],
    training: await computeComposition(run, "modelVersion", model.id),
    recorded: (model.recordedComposition as Composition | undefined) ?? null,
    declaredSyntheticRatio: (model.declaredSyntheticRatio as number | undefined) ?? null,
    contributingRuns: runs,
    modelDownstreamValidated: await modelDownstreamValidated(run, model.id),
    diversityChecks: await diversityChecks(run, [model.id, ...trainingIds, ...runs.map((r) => r.id)]),
    tolerance,
    originIssues: await originIssues(run, trainingIds),
    rareEventRuns: lineageRuns.filter((r) => r.purpose === "RARE_EVENT"),
    purposeViolations: await purposeViolations(run, [...new Map([...training, ...evalIds.map((id) => versions.get(id)!)].map((v) => [v.id, v])).values()]),
    purposeVersions: new Set([...trainingIds, ...evalIds]).size,
    reviews: await reviewsOf(run, model.id),
  });
  return { modelVersionId: model.id, ready: checks.every((c) => c.status !== "FAILED"), checks, generatedAt: new Date().toISOString() };
}
