import { payloadHash } from "../domain/audit-chain.js";
import { orderedDigest, versionDigest } from "../domain/digest.js";
import type { Entity } from "../store/entities.queries.js";
import { setProperties } from "../store/entities.queries.js";
import { eachVersionMember, versionMembers, versionRuns } from "../store/sample-sets.queries.js";
import { findVersion } from "./add-samples.js";
import type { WriteScope } from "./audited-write.js";
import { computeComposition } from "./composition.js";

/**
 * Freezes a version's membership and stores its composition and digest, so that reading them
 * later costs the same for ten samples or ten million. Sealing a sealed version changes nothing.
 */
export async function sealDatasetVersion(scope: WriteScope, id: string): Promise<Entity> {
  await scope.lock(); // the membership read below must be the one sealed
  const version = await findVersion(scope, id);
  if (version.sealedAt) return version;
  const composition = await computeComposition(scope.run, "datasetVersion", id);
  const digest = await sealedDigest(scope, id);
  const sealed = { sealedAt: scope.at, digest, composition, ...(await versionRuns(scope.run, id)) };
  await setProperties(scope.run, id, sealed);
  scope.record(id, payloadHash({ id }));
  return { ...version, ...sealed };
}

/**
 * Streams the members in the database's id order, which is code-point order for every id
 * outside the astral planes; only when that fails are all members read and sorted here.
 */
async function sealedDigest(scope: WriteScope, id: string): Promise<string> {
  const streamed = orderedDigest();
  await eachVersionMember(scope.run, id, streamed.add);
  return streamed.result() ?? versionDigest(await versionMembers(scope.run, id));
}
