import { payloadHash } from "../domain/audit-chain.js";
import { composition } from "../domain/composition.js";
import { orderedDigest, versionDigest } from "../domain/digest.js";
import { MAX_LISTED_VIOLATIONS } from "../domain/policy-check.js";
import type { DatasetVersionRecord } from "../store/records.js";
import { markSealedAssets } from "../store/assets.queries.js";
import { sliceOriginCountsOf } from "../domain/slice-balance.js";
import { setProperties } from "../store/entities.queries.js";
import { eachVersionMember, setAggregates, versionMembers, versionRuns } from "../store/sample-sets.queries.js";
import { findVersion } from "./lookup.js";
import type { Run } from "../store/executor.js";
import type { LockedScope, Write } from "./audited-write.js";

/**
 * Freezes a version's membership and stores its composition and digest, the counts slice
 * balance and the lineage picture read (per slice and origin, per run and origin), and the first
 * 100 members each run generated (the purpose rules' listing), so that reading them later costs
 * the same for ten samples or ten million. Sealing a sealed version changes nothing.
 * All of it under the lock: the membership read is the one sealed.
 */
export function sealDatasetVersion(id: string): Write<DatasetVersionRecord> {
  return { apply: (scope) => seal(scope, id) };
}

async function seal(scope: LockedScope, id: string): Promise<DatasetVersionRecord> {
  const version = await findVersion(scope.run, id);
  if (version.sealedAt) return version;
  const { groups, byGenerator, byLabelerKind } = await setAggregates(scope.run, "datasetVersion", id);
  const sealed = {
    sealedAt: scope.at,
    ...(await memberPass(scope.run, id)),
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
 * One pass over the members in the database's id order, which is code-point order for every id
 * outside the astral planes: the digest (only when that order fails are all members read again
 * and sorted here), and the first members of each generating run, as the purpose rules list them.
 */
async function memberPass(run: Run, id: string): Promise<{ digest: string; firstMembersByRun: Record<string, string[]> }> {
  const streamed = orderedDigest();
  const firsts = new Map<string, string[]>();
  await eachVersionMember(run, id, (member) => {
    streamed.add(member);
    if (member.runId === null) return;
    const first = firsts.get(member.runId);
    if (!first) firsts.set(member.runId, [member.id]);
    else if (first.length < MAX_LISTED_VIOLATIONS) first.push(member.id);
  });
  return { digest: streamed.result() ?? versionDigest(await versionMembers(run, id)), firstMembersByRun: Object.fromEntries(firsts) };
}
