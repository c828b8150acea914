import { LOAD_TEST_USE } from "../domain/purpose-policy.js";
import type { Composition } from "../domain/model.js";
import { readinessChecks } from "../domain/readiness.js";
import type { PolicyCheck } from "../domain/policy-check.js";
import { findEntities, type Entity } from "../store/entities.queries.js";
import type { Run } from "../store/executor.js";
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
import { purposeOutcome } from "./version-policy.js";

export interface ReadinessReport {
  modelVersionId: string;
  ready: boolean;
  checks: PolicyCheck[];
  generatedAt: string;
}

/** The decision framework over every version the model touches, evaluated now: violations listed and counted. */
async function purposeViolations(run: Run, versions: readonly Entity[]): Promise<{ listed: string[]; count: number }> {
  let listed: string[] = [];
  let count = 0;
  for (const version of versions) {
    if (version.purpose === "LOAD_TEST") {
      listed.push(`${version.id}: ${LOAD_TEST_USE}`);
      count++;
    }
    const outcome = await purposeOutcome(run, version);
    listed = listed.concat(outcome.violations); // may be 100,000s: no spread
    count += outcome.count;
  }
  return { listed, count };
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
    // one sealed training version: its stored composition is the recomputation (members, origins,
    // slices, depths and runs never change); several: their distinct union is counted now
    training: training.length === 1 && training[0]!.composition ? (training[0]!.composition as Composition) : await computeComposition(run, "modelVersion", model.id),
    recorded: (model.recordedComposition as Composition | undefined) ?? null,
    declaredSyntheticRatio: (model.declaredSyntheticRatio as number | undefined) ?? null,
    contributingRuns: runs,
    modelDownstreamValidated: await modelDownstreamValidated(run, model.id),
    diversityChecks: await diversityChecks(run, [model.id, ...trainingIds, ...runs.map((r) => r.id)]),
    tolerance,
    originIssues: await originIssues(run, trainingIds, runs.map((r) => r.id)),
    rareEventRuns: lineageRuns.filter((r) => r.purpose === "RARE_EVENT"),
    purpose: await purposeViolations(run, [...new Map([...training, ...evalIds.map((id) => versions.get(id)!)].map((v) => [v.id, v])).values()]),
    purposeVersions: new Set([...trainingIds, ...evalIds]).size,
    reviews: await reviewsOf(run, model.id),
  });
  return { modelVersionId: model.id, ready: checks.every((c) => c.status !== "FAILED"), checks, generatedAt: new Date().toISOString() };
}
