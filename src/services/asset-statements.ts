/**
 * What a person states about an asset through GraphQL: its origin (`declareAssetOrigin`, the
 * same as a `provgraph_origin` facet) and the provgraph dataset materialised as it
 * (`linkDatasetToAsset`). An asset not heard of yet is created (pipelines often report a table
 * after someone described it). Each write appends one event; one that changes nothing (the
 * latest declaration already says so, the link exists) appends none.
 */
import { payloadHash } from "../domain/audit-chain.js";
import { badInput, conflict, quote } from "../domain/errors.js";
import { assetId } from "../domain/lineage-ids.js";
import type { DeclaredOrigin } from "../domain/vocabulary.js";
import {
  addDeclaration,
  ensureAsset,
  isMaterializedAs,
  latestDeclaration,
  linkMaterialized,
  type AssetName,
} from "../store/assets.queries.js";
import { findEntities } from "../store/entities.queries.js";
import type { EntityRecord } from "../store/records.js";
import type { LockedScope } from "./audited-write.js";

export interface AssetRef {
  namespace: string;
  name: string;
}

/** The asset's id and name; refuses a stored node of another type or of another (namespace, name). */
async function resolveAsset(scope: LockedScope, ref: AssetRef): Promise<AssetName & { stored: EntityRecord | undefined }> {
  if (!ref.namespace || !ref.name) throw badInput("an asset needs a non-empty namespace and name");
  const id = assetId(ref.namespace, ref.name);
  const stored = (await findEntities(scope.run, [id])).get(id);
  if (stored && stored.__typename !== "DataAsset") throw conflict(`asset id ${quote(id)} already names a ${stored.__typename}`);
  if (stored && (stored.namespace !== ref.namespace || stored.name !== ref.name))
    throw conflict(
      `asset '${ref.namespace}/${ref.name}' gets the id ${quote(id)}, which already names '${String(stored.namespace)}/${String(stored.name)}'`,
    );
  return { id, namespace: ref.namespace, name: ref.name, stored };
}

export async function declareAssetOrigin(
  scope: LockedScope,
  actor: string,
  input: { asset: AssetRef; origin: DeclaredOrigin; note?: string | null },
): Promise<string> {
  const asset = await resolveAsset(scope, input.asset);
  const latest = asset.stored ? await latestDeclaration(scope.run, asset.id) : null;
  const note = input.note ?? null;
  if (latest && latest.origin === input.origin && latest.note === note) return asset.id;
  const seq = scope.record(asset.id, payloadHash(input));
  if (!asset.stored) scope.send(ensureAsset(scope.run, asset, seq));
  scope.send(
    addDeclaration(scope.run, asset.id, { id: `${asset.id}:declaration:${seq}`, origin: input.origin, note, actor, at: scope.at, seq }),
  );
  return asset.id;
}

export async function linkDatasetToAsset(scope: LockedScope, datasetId: string, ref: AssetRef): Promise<string> {
  const dataset = (await findEntities(scope.run, [datasetId])).get(datasetId);
  if (dataset?.__typename !== "Dataset") throw badInput(`linkDatasetToAsset names unknown datasetId ${quote(datasetId)}`);
  const asset = await resolveAsset(scope, ref);
  if (asset.stored && (await isMaterializedAs(scope.run, datasetId, asset.id))) return datasetId;
  const seq = scope.record(datasetId, payloadHash({ datasetId, asset: ref }));
  if (!asset.stored) scope.send(ensureAsset(scope.run, asset, seq));
  scope.send(linkMaterialized(scope.run, datasetId, asset.id));
  return datasetId;
}
