/**
 * The data assets a model version was trained on (DOMAIN.md 9.3) and what readiness and the
 * auditor report say about them: each training asset's origin, and every asset upstream of the
 * training assets (ENTITY assets aside) whose class is UNKNOWN or that has a conflict.
 */
import { assetOrigin, type AssetOrigin } from "../domain/asset-origin.js";
import { walkFeeds } from "../store/asset-origin.queries.js";
import { findEntities } from "../store/entities.queries.js";
import { recordOf, type DataAssetRecord, type ModelVersionRecord } from "../store/records.js";
import type { Run } from "../store/executor.js";

export interface TrainingAsset {
  id: string;
  namespace: string;
  name: string;
  kind: string;
  origin: AssetOrigin;
}

/** The ids of the assets the model version's training run read, in registration order. */
export async function trainingAssetIds(run: Run, model: ModelVersionRecord): Promise<string[]> {
  const training = (await findEntities(run, [model.trainingRunId])).get(model.trainingRunId);
  return (training?.__typename === "TrainingRun" && training.trainedOnAssetIds) || [];
}

/** The training assets with their origins, and their stored records (for the feature composition). */
export async function trainingAssets(
  run: Run,
  model: ModelVersionRecord,
): Promise<{ assets: TrainingAsset[]; entities: DataAssetRecord[] }> {
  const ids = await trainingAssetIds(run, model);
  if (ids.length === 0) return { assets: [], entities: [] };
  // One transaction runs one query at a time.
  const found = await findEntities(run, ids);
  const graph = await walkFeeds(run, ids, false);
  const entities = ids.map((id) => recordOf(found, id, "DataAsset"));
  const assets = entities.map((asset) => ({
    id: asset.id,
    namespace: asset.namespace,
    name: asset.name,
    kind: asset.kind,
    origin: assetOrigin(asset.id, graph),
  }));
  return { assets, entities };
}

/**
 * ORIGIN_TAGGED's asset part: how many assets are in or upstream of the training assets, and
 * those whose class is UNKNOWN or that have a conflict, each with its reason, in id order.
 */
export async function assetOriginIssues(
  run: Run,
  ids: readonly string[],
): Promise<{ checked: number; issues: Array<{ id: string; reason: string }> }> {
  if (ids.length === 0) return { checked: 0, issues: [] };
  const graph = await walkFeeds(run, ids, true);
  const issues: Array<{ id: string; reason: string }> = [];
  for (const id of [...graph.facts.keys()].sort()) {
    const origin = assetOrigin(id, graph);
    if (origin.origin === "UNKNOWN") issues.push({ id, reason: "origin unknown" });
    else if (origin.conflict) issues.push({ id, reason: `conflict: ${origin.conflict}` });
  }
  return { checked: graph.facts.size, issues };
}
