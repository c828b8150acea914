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
  /**
   * Leaves a statement that answers nothing running while the work goes on: the transaction
   * runs statements in the order they were sent, and the write waits for all of them (and fails
   * with the first failure) before it commits.
   */
  send(statement: Promise<unknown>): void;
}

export async function auditedWrite<T>(executor: Executor, actor: string, action: string, work: (scope: WriteScope) => Promise<T>): Promise<T> {
  return executor.write(action, async (run) => {
    // Everything below may run again on a retry: it only touches the transaction.
    const head = await lockAuditHead(run);
    const at = new Date().toISOString();
    const subjects: Array<{ subjectId: string; payloadHash: string }> = [];
    const sent: Array<Promise<unknown>> = [];
    const scope: WriteScope = {
      run,
      at,
      record(subjectId, hash) {
        subjects.push({ subjectId, payloadHash: hash });
        return head.seq + subjects.length;
      },
      send(statement) {
        statement.catch(() => undefined); // observed below; a failed write must not crash the process first
        sent.push(statement);
      },
    };
    try {
      const result = await work(scope);
      // Hashed while the database still runs what the work sent.
      const events = chainEvents(head, at, actor, action, subjects);
      const tree = extendTree(head.seq, head.edge, events.map((e) => e.hash));
      await Promise.all([...sent, appendAuditEvents(run, { at, actor, action }, events.map((e, i) => ({ ...e, levels: tree.levels[i]! })), tree.edge)]);
      return result;
    } finally {
      await Promise.allSettled(sent); // nothing may still run when the transaction ends
    }
  });
}
