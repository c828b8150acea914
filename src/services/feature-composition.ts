/**
 * Feature composition (DOMAIN.md 9.2) of a feature service, or of a model's training assets
 * (services and views): the views, their fields and their origins gathered from the graph, then
 * counted by the pure rule.
 */
import { assetOrigin } from "../domain/asset-origin.js";
import {
  featureComposition,
  serviceFeatures,
  viewFeatures,
  type Feature,
  type FeatureComposition,
  type FeatureView,
} from "../domain/feature-composition.js";
import { assetId } from "../domain/lineage-ids.js";
import { walkFeeds } from "../store/asset-origin.queries.js";
import { findEntities } from "../store/entities.queries.js";
import { isRecordOf, type DataAssetRecord } from "../store/records.js";
import type { Run } from "../store/executor.js";

const fieldNames = (asset: DataAssetRecord) => (asset.fields ?? []).map((f) => f.name);

/** The ids of a feature service's views, in its facet's order. */
export const featureViewIds = (service: DataAssetRecord) =>
  (service.featureViewNames ?? []).map((name) => assetId(service.namespace, name));

/** The stored views among `ids`, with their origins (one walk for all). */
async function views(run: Run, ids: readonly string[]): Promise<Map<string, FeatureView>> {
  const found = await findEntities(run, ids);
  const present = ids.flatMap((id) => {
    const asset = found.get(id);
    return isRecordOf(asset, "DataAsset") ? [asset] : [];
  });
  const graph = await walkFeeds(
    run,
    present.map((a) => a.id),
    false,
  );
  return new Map(present.map((a) => [a.id, { id: a.id, name: a.name, fields: fieldNames(a), origin: assetOrigin(a.id, graph).origin }]));
}

/**
 * The composition of the feature services and feature views among `assets`; null when there is
 * none (a model trained on tables only).
 */
export async function featureCompositionOf(run: Run, assets: readonly DataAssetRecord[]): Promise<FeatureComposition | null> {
  const services = assets.filter((a) => a.kind === "FEATURE_SERVICE");
  const direct = assets.filter((a) => a.kind === "FEATURE_VIEW");
  if (services.length === 0 && direct.length === 0) return null;
  const known = await views(run, [...new Set([...services.flatMap(featureViewIds), ...direct.map((v) => v.id)])]);
  const features: Feature[] = [];
  const rows: FeatureView[] = [];
  for (const service of services) {
    const own = featureViewIds(service).flatMap((id) => (known.has(id) ? [known.get(id)!] : []));
    features.push(...serviceFeatures({ fields: fieldNames(service), views: own, projections: service.projections }));
    rows.push(...own);
  }
  for (const view of direct) {
    features.push(...viewFeatures(known.get(view.id)!));
    rows.push(known.get(view.id)!);
  }
  return featureComposition(features, rows);
}
