import { compareCodePoints } from "../domain/code-points.js";
import { payloadHash } from "../domain/audit-chain.js";
import { badInput, DomainError, quote } from "../domain/errors.js";
import { checkBatchSize, checkId } from "../domain/ids.js";
import { purposeViolation, violationText } from "../domain/purpose-policy.js";
import { addMembers, memberFacts } from "../store/membership.queries.js";
import type { LockedScope, Write } from "./audited-write.js";
import type { IngestOutcome } from "./batch-writes.js";
import { findVersion } from "./lookup.js";

/**
 * Adds samples to an unsealed version, idempotently (members already in count as unchanged).
 * The decision framework of the dataset's purpose is applied to each new member: AUDIT
 * datasets record and return what breaks it, STRICT ones refuse the whole call.
 */
export function addSamplesToVersion(versionId: string, sampleIds: readonly string[]): Write<IngestOutcome, string[]> {
  return {
    async prepare() {
      checkBatchSize("sample ids", sampleIds.length);
      const ids = [...new Set(sampleIds)];
      for (const id of ids) checkId("sample", id);
      return ids;
    },
    // Membership and sealing change: they are read under the lock.
    apply: (scope, ids) => addMembersLocked(scope, versionId, sampleIds.length, ids),
  };
}

async function addMembersLocked(scope: LockedScope, versionId: string, asked: number, ids: string[]): Promise<IngestOutcome> {
  const version = await findVersion(scope.run, versionId);
  if (version.sealedAt)
    throw new DomainError(
      "SEALED",
      `dataset version ${quote(versionId)} is sealed (at ${String(version.sealedAt)}); its membership is frozen`,
    );

  const facts = await memberFacts(scope.run, versionId, ids);
  if (facts.length < ids.length) {
    const known = new Set(facts.map((f) => f.id));
    const unknown = ids.filter((id) => !known.has(id));
    throw badInput(
      `unknown sample ${quote(unknown[0]!)}${unknown.length > 1 ? ` (and ${unknown.length - 1} more unknown sample ids)` : ""}: samples must be ingested before they are added to a version`,
    );
  }
  const fresh = facts.filter((f) => !f.member);
  const { purpose } = version;
  const rows = fresh.map((f) => {
    const rule = purposeViolation(purpose, f);
    return { id: f.id, violation: rule === null ? null : violationText(f.id, [{ datasetVersionId: versionId, rule }]) };
  });
  const violations = rows.flatMap((r) => (r.violation === null ? [] : [r.violation]));
  if (violations.length > 0 && version.enforcement === "STRICT") {
    const more = violations.length > 1 ? ` (and ${violations.length - 1} more)` : "";
    throw new DomainError("POLICY_VIOLATION", `STRICT dataset version refuses ${violations[0]}${more}`);
  }
  if (fresh.length > 0) {
    const added = fresh.map((f) => f.id).sort(compareCodePoints);
    scope.record(versionId, payloadHash({ datasetVersionId: versionId, sampleIds: added }));
    await addMembers(scope.run, versionId, rows);
    scope.tally("CONTAINS", rows.length);
  }
  return { created: fresh.length, unchanged: asked - fresh.length, violations };
}
