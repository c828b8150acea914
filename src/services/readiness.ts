import { LOAD_TEST_USE, violationText, type Breach } from "../domain/purpose-policy.js";
import { readinessChecks } from "../domain/readiness.js";
import { MAX_LISTED_VIOLATIONS, type PolicyCheck } from "../domain/policy-check.js";
import { findEntities } from "../store/entities.queries.js";
import { originsCounted, recordOf, type DatasetVersionRecord, type ModelVersionRecord } from "../store/records.js";
import { distinctOffending, type OffendingSelector } from "../store/membership.queries.js";
import type { Run } from "../store/executor.js";
import { diversityChecks, modelDownstreamValidated, reviewsOf, runFacts } from "../store/checks.queries.js";
import { evaluationSamples, evaluationsOf, leakedSamples, originIssues } from "../store/readiness.queries.js";
import { computeComposition } from "./composition.js";
import { assetOriginIssues, trainingAssetIds } from "./training-assets.js";
import { purposeOutcome } from "./version-policy.js";

export interface ReadinessReport {
  modelVersionId: string;
  ready: boolean;
  checks: PolicyCheck[];
  generatedAt: string;
}

/**
 * The decision framework over every version the model touches, evaluated now. Each offending
 * id is listed and counted once (DOMAIN.md 8): a sample in two of the versions lists both
 * breaches. Each version lists its first 100 offending samples by id, so the first 100 of all
 * are among them; where some version has more and another has any, the samples offending in
 * any of them are counted once in the database.
 */
async function purposeViolations(run: Run, versions: readonly DatasetVersionRecord[]): Promise<{ listed: string[]; count: number }> {
  const listed: string[] = [];
  const breaches = new Map<string, Breach[]>();
  const selectors: OffendingSelector[] = [];
  let unlisted = 0;
  for (const version of versions) {
    if (version.purpose === "LOAD_TEST") listed.push(`${version.id}: ${LOAD_TEST_USE}`);
    const outcome = await purposeOutcome(run, version);
    if (outcome.selector && outcome.count > 0) selectors.push(outcome.selector);
    for (const { sampleId, rule } of outcome.violations) {
      const known = breaches.get(sampleId);
      if (known) known.push({ datasetVersionId: version.id, rule });
      else breaches.set(sampleId, [{ datasetVersionId: version.id, rule }]);
    }
    unlisted += outcome.count - outcome.violations.length;
  }
  const loadTestUses = listed.length;
  for (const [sampleId, list] of breaches) listed.push(violationText(sampleId, list));
  const count = unlisted > 0 && selectors.length > 1 ? loadTestUses + (await distinctOffending(run, selectors)) : listed.length + unlisted;
  return { listed, count };
}

const union = (lists: ReadonlyArray<readonly string[] | null | undefined>) => [...new Set(lists.flatMap((l) => l ?? []))];

/** The auditor's checklist for one model version (DOMAIN.md 4), as the graph is now. */
export async function readiness(run: Run, model: ModelVersionRecord, tolerance: number): Promise<ReadinessReport> {
  const trainingIds = model.trainedOnDatasetVersionIds;
  const evaluations = await evaluationsOf(run, model.id);
  const evalIds = evaluations.versions.map((v) => v.id);
  const versions = await findEntities(run, [...trainingIds, ...evalIds]);
  const training = trainingIds.map((id) => recordOf(versions, id, "DatasetVersion"));
  const runs = await runFacts(run, union(training.map((v) => v.runIds)));
  const lineageRuns = await runFacts(run, union(training.map((v) => v.lineageRunIds)));
  const evalSamples = await evaluationSamples(run, evalIds, MAX_LISTED_VIOLATIONS);
  const assets = await assetOriginIssues(run, await trainingAssetIds(run, model));

  const checks = readinessChecks({
    modelVersionId: model.id,
    evaluations: evaluations.evaluations,
    evalVersions: evaluations.versions,
    evalSamples: evalSamples.total,
    evalSampleIssues: evalSamples.issues,
    leakedEvalSamples: evalIds.length ? await leakedSamples(run, evalIds, trainingIds, MAX_LISTED_VIOLATIONS) : { count: 0, first: [] },
    // one sealed training version: its stored composition is the recomputation (members, origins,
    // slices, depths and runs never change); several: their distinct union is counted now
    training:
      training.length === 1 && training[0]!.composition
        ? training[0]!.composition
        : await computeComposition(run, "modelVersion", model.id),
    recorded: model.recordedComposition ?? null,
    declaredSyntheticRatio: model.declaredSyntheticRatio ?? null,
    contributingRuns: runs,
    modelDownstreamValidated: await modelDownstreamValidated(run, model.id),
    diversityChecks: await diversityChecks(run, [model.id, ...trainingIds, ...runs.map((r) => r.id)]),
    tolerance,
    // a version whose sealed counts hold every member's origin and run has none of its own to scan for
    originIssues: await originIssues(
      run,
      training.filter((v) => !originsCounted(v)).map((v) => v.id),
      runs.map((r) => r.id),
      MAX_LISTED_VIOLATIONS,
    ),
    trainingAssets: assets.checked,
    assetIssues: assets.issues,
    rareEventRuns: lineageRuns.filter((r) => r.purpose === "RARE_EVENT"),
    purpose: await purposeViolations(run, [
      ...new Map([...training, ...evalIds.map((id) => recordOf(versions, id, "DatasetVersion"))].map((v) => [v.id, v])).values(),
    ]),
    purposeVersions: new Set([...trainingIds, ...evalIds]).size,
    reviews: await reviewsOf(run, model.id),
  });
  return { modelVersionId: model.id, ready: checks.every((c) => c.status !== "FAILED"), checks, generatedAt: new Date().toISOString() };
}
