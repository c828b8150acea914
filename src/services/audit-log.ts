import { ChainVerifier, type AuditEventRecord } from "../domain/audit-chain.js";
import { auditCount, auditHead, auditPage } from "../store/audit.queries.js";
import { badInput } from "../domain/errors.js";
import type { Executor } from "../store/executor.js";
import { connection } from "./pages.js";

/** The seq an auditTrail cursor holds ("" before the first event). */
function afterSeq(key: string): number {
  if (key === "") return 0;
  if (!/^[1-9][0-9]{0,15}$/.test(key)) throw badInput(`after is not a cursor of auditTrail (it holds '${key.slice(0, 80)}')`);
  return Number(key);
}

/** The audit trail in ascending seq, all of it or one subject's; the cursor key is the seq. */
export function auditTrail(executor: Executor, subjectId: string | null, args: { first?: number | null; after?: string | null }) {
  return connection<AuditEventRecord>(
    args,
    (after, limit) => {
      const seq = afterSeq(after);
      return executor.read("auditTrail", (run) => auditPage(run, subjectId, seq, limit));
    },
    (e) => String(e.seq),
    () => executor.read("auditTrail.count", (run) => auditCount(run, subjectId)),
  );
}

export interface AuditVerification {
  valid: boolean;
  checked: number;
  firstInvalidSeq: number | null;
  headHash: string;
}

const VERIFY_PAGE = 10_000;

/**
 * Re-hashes the chain from seq 1 to the head read first, page by page (memory stays flat), and
 * checks that it ends where the head says: a deleted last event is caught too. Events that
 * writes commit meanwhile lie past that head and are left for the next verification; the head
 * and its events commit together, so every event up to it is there to be read.
 */
export async function verifyAuditLog(executor: Executor): Promise<AuditVerification> {
  const head = await executor.read("verifyAuditLog.head", auditHead);
  const verifier = new ChainVerifier();
  for (let after = 0; after < head.seq;) {
    const page = await executor.read("verifyAuditLog", (run) => auditPage(run, null, after, Math.min(VERIFY_PAGE, head.seq - after)));
    for (const event of page) if (!verifier.add(event)) break;
    if (verifier.firstInvalidSeq !== null || page.length === 0) break;
    after = page[page.length - 1]!.seq;
  }
  let firstInvalidSeq = verifier.firstInvalidSeq;
  if (firstInvalidSeq === null && (verifier.checked !== head.seq || verifier.headHash !== head.hash))
    firstInvalidSeq = Math.min(verifier.checked, head.seq) + 1;
  return { valid: firstInvalidSeq === null, checked: verifier.checked, firstInvalidSeq, headHash: head.hash };
}
