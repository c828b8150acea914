import { ChainVerifier, type AuditEventRecord, type ChainHead } from "../domain/audit-chain.js";
import { auditCount, auditPage } from "../store/audit.queries.js";
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
 * Re-hashes the chain after `from` (the genesis, or an event verified before) up to `head`, page
 * by page (memory stays flat), and checks that it ends where the head says: a deleted last event
 * is caught too. Events that writes commit meanwhile lie past that head and are left for the next
 * verification; the head and its events commit together, so every event up to it is there to be read.
 */
export async function verifyChain(executor: Executor, from: ChainHead, head: ChainHead): Promise<AuditVerification> {
  const verifier = new ChainVerifier(from);
  for (let after = from.seq; after < head.seq;) {
    const page = await executor.read("verifyAuditLog", (run) => auditPage(run, null, after, Math.min(VERIFY_PAGE, head.seq - after)));
    for (const event of page) if (!verifier.add(event)) break;
    if (verifier.firstInvalidSeq !== null || page.length === 0) break;
    after = page[page.length - 1]!.seq;
  }
  let firstInvalidSeq = verifier.firstInvalidSeq;
  if (firstInvalidSeq === null && (verifier.headSeq !== head.seq || verifier.headHash !== head.hash))
    firstInvalidSeq = Math.min(verifier.headSeq, head.seq) + 1;
  return { valid: firstInvalidSeq === null, checked: verifier.checked, firstInvalidSeq, headHash: head.hash };
}
