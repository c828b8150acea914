import { payloadHash } from "../domain/audit-chain.js";
import { composition } from "../domain/composition.js";
import { orderedDigest, versionDigest } from "../domain/digest.js";
import type { DatasetVersionRecord } from "../store/records.js";
import { markSealedAssets } from "../store/assets.queries.js";
import { sliceOriginCountsOf } from "../domain/slice-balance.js";
import { setProperties } from "../store/entities.queries.js";
import { eachVersionMember, setAggregates, versionMembers, versionRuns } from "../store/sample-sets.queries.js";
import { findVersion } from "./lookup.js";
import type { Run } from "../store/executor.js";
import type { LockedScope, Write } from "./audited-write.js";

/**
 * Freezes a version's membership and stores its composition and digest, and the counts slice
 * balance and the lineage picture read (per slice and origin, per run and origin), so that
 * reading them later costs the same for ten samples or ten million. Sealing a sealed version changes nothing.
 * All of it under the lock: the membership read is the one sealed.
 */
export function sealDatasetVersion(id: string): Write<DatasetVersionRecord> {
  return { apply: (scope) => seal(scope, id) };
}

async function seal(scope: LockedScope, id: string): Promise<DatasetVersionRecord> {
  const version = await findVersion(scope.run, id);
  if (version.sealedAt) return version;
  const { groups, byGenerator, byLabelerKind } = await setAggregates(scope.run, "datasetVersion", id);
  const digest = await sealedDigest(scope.run, id);
  const sealed = {
    sealedAt: scope.at,
    digest,
    composition: composition(groups, byGenerator, byLabelerKind),
    sliceOriginCounts: sliceOriginCountsOf(groups),
    ...(await versionRuns(scope.run, id)),
  };
  await setProperties(scope.run, id, sealed);
  scope.send(markSealedAssets(scope.run, id));
  scope.record(id, payloadHash({ id }));
  return { ...version, ...sealed };
}

/**
 * Streams the members in the database's id order, which is code-point order for every id
 * outside the astral planes; only when that fails are all members read and sorted here.
 */
async function sealedDigest(run: Run, id: string): Promise<string> {
  const streamed = orderedDigest();
  await eachVersionMember(run, id, streamed.add);
  return streamed.result() ?? versionDigest(await versionMembers(run, id));
}
