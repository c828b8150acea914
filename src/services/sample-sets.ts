/** Computed queries over the sample set an id names: a dataset version, model version or run. */
import { labelAgreement, type LabelAgreementRow } from "../domain/agreement.js";
import { generationDiversity as diversityRows, type GenerationDiversity } from "../domain/diversity.js";
import { findEntities, type Entity } from "../store/entities.queries.js";
import type { Run } from "../store/executor.js";
import type { EntityLabel } from "../store/graph-schema.js";
import { diversityChecks } from "../store/checks.queries.js";
import { generationAggregates, versionLabels, type SampleSetKind } from "../store/sample-sets.queries.js";

export const SET_KIND: Partial<Record<EntityLabel, SampleSetKind>> = {
  DatasetVersion: "datasetVersion",
  ModelVersion: "modelVersion",
  GenerationRun: "generationRun",
};

/** Per generation depth; the recorded DIVERSITY checks are those on the set and, for a model, its training versions and runs. */
export async function generationDiversity(run: Run, entity: Entity): Promise<GenerationDiversity[]> {
  const kind = SET_KIND[entity.__typename]!;
  const subjects = [
    entity.id,
    ...((entity.trainedOnDatasetVersionIds as string[] | undefined) ?? []),
    ...((entity.runIds as string[] | undefined) ?? []),
  ];
  if (entity.__typename === "ModelVersion") {
    const versions = await findEntities(run, entity.trainedOnDatasetVersionIds as string[]);
    for (const v of versions.values()) subjects.push(...((v.runIds as string[] | undefined) ?? []));
  }
  return diversityRows(await generationAggregates(run, kind, entity.id), await diversityChecks(run, subjects));
}

export async function versionLabelAgreement(run: Run, versionId: string): Promise<LabelAgreementRow[]> {
  return labelAgreement(await versionLabels(run, versionId));
}
