/**
 * Verifying the audit chain, in full or from the last verified point. A verification that finds
 * every event valid up to the head it read signs a checkpoint of that head and keeps it with the
 * head's chain hash as the verified mark; one that finds an invalid event forgets the mark, so
 * the verifications after it start from the first event again until the chain verifies.
 *
 * The incremental verification (what auditor reports run) re-hashes only the events after the
 * mark, once the mark holds: the server's key signed it, the event at its seq still has its
 * chain hash, and the stored Merkle tree of that size still has its root. So it catches any
 * change to an event after the mark, the deletion or insertion of one, and any rewrite of older
 * history that recomputes the chain (the hash at the mark changes: both verifications then
 * report the chain invalid, where a re-hash alone would find the rewritten chain consistent).
 * What it does not see is an old event edited in place with its stored hash left as it was:
 * only the full verification re-hashes every event, and `verifyAuditLog` runs it.
 */
import { GENESIS_HASH, type ChainHead } from "../domain/audit-chain.js";
import { auditHead, clearVerifiedMark, eventHashAt, storeVerifiedMark, verifiedMark } from "../store/audit.queries.js";
import type { Executor } from "../store/executor.js";
import type { SigningKey } from "../domain/checkpoint.js";
import { verifyChain, type AuditVerification } from "./audit-log.js";
import { signedBy, signedCheckpoint, storedRoot, type AuditCheckpoint } from "./audit-proofs.js";

export interface ChainVerification extends AuditVerification {
  /** The events re-hashed are those after this seq: 0 when verified from the first event. */
  verifiedFrom: number;
  /** The head that verified, signed now; null when the chain is invalid. */
  checkpoint: AuditCheckpoint | null;
}

/** Re-hashes every event from the first (the auditor's explicit verification). */
export function verifyAuditLog(executor: Executor, key: SigningKey): Promise<ChainVerification> {
  return verifyFrom(executor, key, false);
}

/** Re-hashes the events appended since the verified mark, or every event when there is none that holds. */
export function verifyAuditLogSinceMark(executor: Executor, key: SigningKey): Promise<ChainVerification> {
  return verifyFrom(executor, key, true);
}

async function verifyFrom(executor: Executor, key: SigningKey, fromMark: boolean): Promise<ChainVerification> {
  const { head, mark, holds } = await executor.read("verifyAuditLog.head", async (run) => {
    const head = await auditHead(run);
    const stored = await verifiedMark(run);
    const mark =
      stored && signedBy(key, { treeSize: stored.seq, rootHash: stored.rootHash, at: stored.at, signature: stored.signature })
        ? stored
        : null;
    const holds =
      mark !== null &&
      mark.seq <= head.seq &&
      (mark.seq === 0 ? GENESIS_HASH : await eventHashAt(run, mark.seq)) === mark.hash &&
      (await storedRoot(run, mark.seq)) === mark.rootHash;
    return { head, mark, holds };
  });
  const start: ChainHead = fromMark && holds ? { seq: mark!.seq, hash: mark!.hash } : { seq: 0, hash: GENESIS_HASH };
  const result = await verifyChain(executor, start, head);
  if (mark !== null && !holds) {
    // The log no longer matches a checkpoint this server signed after verifying it: history up to
    // the mark was rewritten (a rewrite that recomputes the chain re-hashes as valid) or cut
    // short. The mark stays, as the evidence; the first invalid event is at most its seq.
    const contradicted = Math.min(mark.seq, head.seq + 1);
    return {
      ...result,
      valid: false,
      firstInvalidSeq: Math.min(result.firstInvalidSeq ?? contradicted, contradicted),
      verifiedFrom: start.seq,
      checkpoint: null,
    };
  }
  if (!result.valid) {
    await executor.write("verifyAuditLog.mark", clearVerifiedMark);
    return { ...result, verifiedFrom: start.seq, checkpoint: null };
  }
  const checkpoint = signedCheckpoint(key, head);
  await executor.write("verifyAuditLog.mark", (run) =>
    storeVerifiedMark(run, {
      seq: head.seq,
      hash: head.hash,
      rootHash: checkpoint.rootHash,
      at: checkpoint.at,
      signature: checkpoint.signature,
    }),
  );
  return { ...result, verifiedFrom: start.seq, checkpoint };
}
