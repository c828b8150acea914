/**
 * Data assets outside the event path: created on first mention by a declaration or a dataset
 * link, declarations and links added (with the `hasOwnOrigin` marker asset-origin.queries.ts
 * rests on), pages in id order filtered by namespace and kind.
 */
import { propsOf, toRecord } from "./entities.queries.js";
import type { DataAssetRecord } from "./records.js";
import type { Run } from "./executor.js";
import { int } from "./mappers.js";
import { VOCABULARY_PARAMS as V } from "./vocabulary-params.js";

export interface AssetName {
  id: string;
  namespace: string;
  name: string;
}

/** Creates the asset (a TABLE until lineage says otherwise) unless it exists. */
export async function ensureAsset(run: Run, asset: AssetName, seq: number): Promise<void> {
  await run(
    `MERGE (n:Entity {id: $a.id})
       ON CREATE SET n:DataAsset, n.namespace = $a.namespace, n.name = $a.name, n.kind = $table, n.auditSeq = $seq`,
    { a: asset, seq: int(seq), table: V.table },
  );
}

export async function addDeclaration(
  run: Run,
  assetId: string,
  d: { id: string; origin: string; note: string | null; actor: string; at: string; seq: number },
): Promise<void> {
  await run(
    `MATCH (a:Entity {id: $assetId})
     SET a.hasOwnOrigin = true
     CREATE (a)-[:DECLARED]->(:Entity:OriginDeclaration {id: $d.id, origin: $d.origin, note: $d.note, actor: $d.actor, at: datetime($d.at), auditSeq: $seq})`,
    { assetId, d, seq: int(d.seq) },
  );
}

/** The latest declaration of an asset (by time, then write order), or null. */
export async function latestDeclaration(run: Run, assetId: string): Promise<{ origin: string; note: string | null } | null> {
  const [row] = await run<{ origin: string; note: string | null }>(
    `MATCH (:Entity {id: $assetId})-[:DECLARED]->(d:OriginDeclaration)
     RETURN d.origin AS origin, d.note AS note ORDER BY d.at DESC, d.auditSeq DESC LIMIT 1`,
    { assetId },
  );
  return row ?? null;
}

export async function isMaterializedAs(run: Run, datasetId: string, assetId: string): Promise<boolean> {
  const [row] = await run<{ linked: boolean }>(
    `MATCH (d:Entity {id: $datasetId}) RETURN EXISTS { (d)-[:MATERIALIZED_AS]->(:DataAsset {id: $assetId}) } AS linked`,
    { datasetId, assetId },
  );
  return row?.linked ?? false;
}

/** Links the dataset to the asset; a dataset with a sealed version gives the asset an origin of its own. */
export async function linkMaterialized(run: Run, datasetId: string, assetId: string): Promise<void> {
  await run(
    `MATCH (d:Entity {id: $datasetId}) MATCH (a:Entity {id: $assetId})
     MERGE (d)-[:MATERIALIZED_AS]->(a)
     WITH d, a WHERE EXISTS { (d)<-[:VERSION_OF]-(v:DatasetVersion) WHERE v.sealedAt IS NOT NULL }
     SET a.hasOwnOrigin = true`,
    { datasetId, assetId },
  );
}

/** Sealing a version gives the assets its dataset is materialised as an origin of their own. */
export async function markSealedAssets(run: Run, versionId: string): Promise<void> {
  await run(`MATCH (:Entity {id: $versionId})-[:VERSION_OF]->(:Dataset)-[:MATERIALIZED_AS]->(a:DataAsset) SET a.hasOwnOrigin = true`, {
    versionId,
  });
}

export interface AssetQuery {
  namespace: string | null;
  kind: string | null;
}

const ASSET_MATCH = "MATCH (x:DataAsset) WHERE ($namespace IS NULL OR x.namespace = $namespace) AND ($kind IS NULL OR x.kind = $kind)";

export async function assetPage(run: Run, q: AssetQuery, after: string, limit: number): Promise<DataAssetRecord[]> {
  const rows = await run<{ props: Record<string, unknown> }>(
    `${ASSET_MATCH} AND x.id > $after RETURN ${propsOf("x")} AS props ORDER BY x.id LIMIT $limit`,
    { ...q, after, limit: int(limit) },
  );
  return rows.map((r) => toRecord("DataAsset", r.props));
}

export async function assetCount(run: Run, q: AssetQuery): Promise<number> {
  const [row] = await run<{ n: number }>(`${ASSET_MATCH} RETURN count(x) AS n`, { ...q });
  return row?.n ?? 0;
}
