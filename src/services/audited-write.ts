/**
 * Every write runs inside `auditedWrite`: one transaction that first locks the audit head,
 * does its work, and appends one audit event per changed subject before it commits. An
 * unchanged (idempotent) write records no subject and appends nothing.
 */
import { chainEvents } from "../domain/audit-chain.js";
import { extendTree } from "../domain/merkle.js";
import { appendAuditEvents, lockAuditHead } from "../store/audit.queries.js";
import type { Executor, Run } from "../store/executor.js";

export interface WriteScope {
  run: Run;
  /** The time of this write: every event and server-set timestamp of it. */
  at: string;
  /**
   * Appends an event for a changed subject, given the `payloadHash` of its input; returns the
   * event's seq, which is also the subject's write order.
   */
  record(subjectId: string, payloadHash: string): number;
}

export async function auditedWrite<T>(executor: Executor, actor: string, action: string, work: (scope: WriteScope) => Promise<T>): Promise<T> {
  return executor.write(action, async (run) => {
    // Everything below may run again on a retry: it only touches the transaction.
    const head = await lockAuditHead(run);
    const at = new Date().toISOString();
    const subjects: Array<{ subjectId: string; payloadHash: string }> = [];
    const scope: WriteScope = {
      run,
      at,
      record(subjectId, hash) {
        subjects.push({ subjectId, payloadHash: hash });
        return head.seq + subjects.length;
      },
    };
    const result = await work(scope);
    const events = chainEvents(head, at, actor, action, subjects);
    const tree = extendTree(head.seq, head.edge, events.map((e) => e.hash));
    await appendAuditEvents(run, events.map((e, i) => ({ ...e, levels: tree.levels[i]! })), tree.edge);
    return result;
  });
}
