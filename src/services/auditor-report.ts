import type { LabelAgreementRow } from "../domain/agreement.js";
import type { FeatureComposition } from "../domain/feature-composition.js";
import type { Composition } from "../domain/model.js";
import type { PolicyCheck } from "../domain/policy-check.js";
import type { SliceBalanceReport } from "../domain/slice-balance.js";
import type { LaidOutPicture } from "../exports/picture-layout.js";
import { findEntities } from "../store/entities.queries.js";
import { recordOf } from "../store/records.js";
import type { Executor } from "../store/executor.js";
import { reportEvaluations, reportRuns, type ReportRun } from "../store/report.queries.js";
import type { SigningKey } from "../domain/checkpoint.js";
import type { AuditCheckpoint } from "./audit-proofs.js";
import { verifyAuditLogSinceMark } from "./audit-verification.js";
import { modelComposition } from "./composition.js";
import { featureCompositionOf } from "./feature-composition.js";
import { lineagePicture } from "./lineage-picture.js";
import { readiness } from "./readiness.js";
import { requireEntity } from "./lookup.js";
import { versionLabelAgreement } from "./sample-sets.js";
import { sliceBalance } from "./slice-balance.js";
import { trainingAssets, type TrainingAsset } from "./training-assets.js";

/** The JSON form of an auditor report (DOMAIN.md 8 names the top-level keys). */
export interface AuditorReport {
  modelVersionId: string;
  model: { id: string; name: string; kind: string; version: string; trainedOn: string[] };
  ready: boolean;
  checks: PolicyCheck[];
  composition: Composition;
  recordedComposition: Composition | null;
  declaredSyntheticRatio: number | null;
  /** DOMAIN.md 9.3: the tables and feature services the training read, each with its origin now. */
  trainingAssets: TrainingAsset[];
  /** Of the training feature services and views, now and at registration; null without any. */
  featureComposition: FeatureComposition | null;
  recordedFeatureComposition: FeatureComposition | null;
  evaluations: Array<{ id: string; datasetVersionId: string; purpose: string; samples: number; allReal: boolean; metrics: unknown }>;
  generationRuns: ReportRun[];
  labelAgreement: Array<{ datasetVersionId: string; rows: LabelAgreementRow[] }>;
  /** DOMAIN.md 10.3, over the distinct training samples. */
  sliceBalance: SliceBalanceReport;
  /** The upstream as laid out for the HTML (DOMAIN.md 10.4); the JSON form leaves it out. */
  lineagePicture: LaidOutPicture;
  /**
   * The chain as verified for this report: `checked` events re-hashed, those after
   * `verifiedFrom` (the last verified point), and the verified head signed as `checkpoint`.
   */
  audit: { headHash: string; valid: boolean; checked: number; verifiedFrom: number; checkpoint: AuditCheckpoint | null };
  generatedAt: string;
  generatedBy: string;
}

/** Everything an auditor needs on one model version or RAG index, as the graph is now. */
export async function auditorReport(
  executor: Executor,
  key: SigningKey,
  modelVersionId: string,
  actor: string,
  tolerance: number,
): Promise<AuditorReport> {
  const body = await executor.read("auditorReport", async (run) => {
    const mv = await requireEntity(run, modelVersionId, ["ModelVersion"], "model version");
    const trainedOn = mv.trainedOnDatasetVersionIds;
    const related = await findEntities(run, [mv.modelId, ...trainedOn]);
    const model = recordOf(related, mv.modelId, "Model");
    const runIds = [...new Set(trainedOn.flatMap((id) => recordOf(related, id, "DatasetVersion").runIds ?? []))];
    const evaluations = await reportEvaluations(run, mv.id);
    const agreement = [];
    for (const id of [...new Set(evaluations.map((e) => e.datasetVersionId))])
      agreement.push({ datasetVersionId: id, rows: await versionLabelAgreement(run, id) });
    const report = await readiness(run, mv, tolerance);
    const { assets, entities } = await trainingAssets(run, mv);
    return {
      modelVersionId: mv.id,
      model: { id: model.id, name: model.name, kind: model.kind, version: mv.version, trainedOn },
      ready: report.ready,
      checks: report.checks,
      composition: await modelComposition(
        run,
        mv,
        [...new Set(trainedOn)].map((id) => recordOf(related, id, "DatasetVersion")),
      ),
      recordedComposition: mv.recordedComposition ?? null,
      declaredSyntheticRatio: mv.declaredSyntheticRatio ?? null,
      trainingAssets: assets,
      featureComposition: await featureCompositionOf(run, entities),
      recordedFeatureComposition: mv.recordedFeatureComposition ?? null,
      evaluations: evaluations.map((e) => ({
        id: e.id,
        datasetVersionId: e.datasetVersionId,
        purpose: e.purpose,
        samples: e.total,
        allReal: e.real === e.total,
        metrics: e.metrics,
      })),
      generationRuns: await reportRuns(run, runIds),
      labelAgreement: agreement,
      sliceBalance: await sliceBalance(run, mv.id),
      lineagePicture: await lineagePicture(run, mv.id),
    };
  });
  const audit = await verifyAuditLogSinceMark(executor, key);
  return {
    ...body,
    audit: {
      headHash: audit.headHash,
      valid: audit.valid,
      checked: audit.checked,
      verifiedFrom: audit.verifiedFrom,
      checkpoint: audit.checkpoint,
    },
    generatedAt: new Date().toISOString(),
    generatedBy: actor,
  };
}
