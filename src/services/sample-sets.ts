/** Computed queries over the sample set an id names: a dataset version, model version or run. */
import { labelAgreement, type LabelAgreementRow } from "../domain/agreement.js";
import { generationDiversity as diversityRows, type GenerationDiversity } from "../domain/diversity.js";
import { findEntities } from "../store/entities.queries.js";
import { recordOf, type RecordOf } from "../store/records.js";
import type { Run } from "../store/executor.js";
import { diversityChecks } from "../store/checks.queries.js";
import { generationAggregates, versionLabels, type SampleSetKind } from "../store/sample-sets.queries.js";

/** The records that name a sample set. */
export type SampleSetRecord = RecordOf<"DatasetVersion" | "ModelVersion" | "GenerationRun">;

export const SET_KIND: Record<SampleSetRecord["__typename"], SampleSetKind> = {
  DatasetVersion: "datasetVersion",
  ModelVersion: "modelVersion",
  GenerationRun: "generationRun",
};

/** Per generation depth; the recorded DIVERSITY checks are those on the set and, for a model, its training versions and runs. */
export async function generationDiversity(run: Run, entity: RecordOf<"DatasetVersion" | "ModelVersion">): Promise<GenerationDiversity[]> {
  const kind = SET_KIND[entity.__typename];
  const subjects = [entity.id];
  if (entity.__typename === "DatasetVersion") subjects.push(...(entity.runIds ?? []));
  else {
    subjects.push(...entity.trainedOnDatasetVersionIds);
    const versions = await findEntities(run, entity.trainedOnDatasetVersionIds);
    for (const id of entity.trainedOnDatasetVersionIds) subjects.push(...(recordOf(versions, id, "DatasetVersion").runIds ?? []));
  }
  return diversityRows(await generationAggregates(run, kind, entity.id), await diversityChecks(run, subjects));
}

export async function versionLabelAgreement(run: Run, versionId: string): Promise<LabelAgreementRow[]> {
  return labelAgreement(await versionLabels(run, versionId));
}
