/**
 * Every write runs inside `auditedWrite`: one transaction that locks the audit head before it
 * changes anything, and appends one audit event per changed subject before it commits. An
 * unchanged (idempotent) write records no subject and appends nothing.
 *
 * A write comes in two phases and this is the one place that locks between them: `prepare` may
 * only read what no other write changes (entities are immutable once created), `apply` runs
 * under the lock and is the only code that gets the `LockedScope` to record and send with.
 *
 * For the metrics and traces: the time a write waits for the audit head goes to the queue's
 * lock-wait listeners, the rows `apply` tallies (and the audit events) to the executor's
 * instruments once the transaction commits, and the lock and the append are spans of the write.
 */
import { trace } from "@opentelemetry/api";
import { chainEvents } from "../domain/audit-chain.js";
import { extendTree } from "../domain/merkle.js";
import { appendAuditEvents, lockAuditHead } from "../store/audit.queries.js";
import { ConcurrentWriteError, type Executor, type Run } from "../store/executor.js";
import type { WriteQueue } from "../store/write-queue.js";

/** What a write has under the audit head's lock. */
export interface LockedScope {
  run: Run;
  /** The time of this write: every event and server-set timestamp of it. */
  readonly at: string;
  /**
   * Appends an event for a changed subject, an entity stored by now or by a statement already
   * sent, given the `payloadHash` of its input; returns the event's seq. The seq is added to the
   * entity's `laterAuditSeqs` unless it is the entity's `auditSeq` (the subject's index, see
   * store/audit.queries.ts); a subject that is no entity fails the write.
   */
  record(subjectId: string, payloadHash: string): number;
  /**
   * The same for an entity this write creates, which stores the returned seq as its `auditSeq`
   * (also its write order): the event is found through that, nothing else is stored.
   */
  recordCreated(subjectId: string, payloadHash: string): number;
  /**
   * Leaves a statement that answers nothing running while the work goes on: the transaction
   * runs statements in the order they were sent, and the write waits for all of them (and fails
   * with the first failure) before it commits.
   */
  send(statement: Promise<unknown>): void;
  /** Counts rows the write creates, by kind (label or relationship type), for the metrics once it commits. */
  tally(kind: string, rows: number): void;
}

export interface Write<T, P = void> {
  /** Checks, and reads of what no other write can change, before the lock. */
  prepare?(run: Run): Promise<P>;
  /** The write itself, under the lock. */
  apply(scope: LockedScope, prepared: P): Promise<T>;
}

/** How often a write is tried again after another one created an id it meant to create. */
const ATTEMPTS = 3;

/** No-ops unless src/server/tracing.ts started the OpenTelemetry SDK. */
const tracer = trace.getTracer("provgraph");

export async function auditedWrite<T, P>(
  executor: Executor,
  queue: WriteQueue,
  actor: string,
  action: string,
  write: Write<T, P>,
): Promise<T> {
  const leave = await queue.enter();
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        // Everything inside may run again on a retry: it only touches the transaction.
        const rows = new Map<string, number>();
        const result = await executor.write(action, (run) => attemptWrite(run, queue, rows, actor, action, write));
        executor.instruments.committed(rows);
        return result;
      } catch (error) {
        // A prepare phase can miss an id created meanwhile; the next attempt sees that entity
        // and answers unchanged or CONFLICT as it should.
        if (!(error instanceof ConcurrentWriteError) || attempt === ATTEMPTS) throw error;
      }
    }
  } finally {
    leave();
  }
}

async function attemptWrite<T, P>(
  run: Run,
  queue: WriteQueue,
  rows: Map<string, number>,
  actor: string,
  action: string,
  write: Write<T, P>,
): Promise<T> {
  rows.clear(); // a replayed transaction counts once
  const prepared = write.prepare ? await write.prepare(run) : (undefined as P);
  const waiting = performance.now();
  const leave = await queue.turnstile();
  const sent: Array<Promise<unknown>> = [];
  try {
    const head = await tracer.startActiveSpan("audit lock", (span) => lockAuditHead(run).finally(() => span.end()));
    queue.lockWaited((performance.now() - waiting) / 1000);
    // Times never run backwards along the chain, even when this process's clock is behind the one that wrote the last event.
    const now = new Date().toISOString();
    const at = head.at !== null && head.at > now ? head.at : now;
    const subjects: Array<{ subjectId: string; payloadHash: string; created: boolean }> = [];
    const record = (subjectId: string, payloadHash: string, created: boolean) => {
      subjects.push({ subjectId, payloadHash, created });
      return head.seq + subjects.length;
    };
    const scope: LockedScope = {
      run,
      at,
      record: (subjectId, payloadHash) => record(subjectId, payloadHash, false),
      recordCreated: (subjectId, payloadHash) => record(subjectId, payloadHash, true),
      send(statement) {
        statement.catch(() => undefined); // observed below; a failed write must not crash the process first
        sent.push(statement);
      },
      tally(kind, count) {
        if (count > 0) rows.set(kind, (rows.get(kind) ?? 0) + count);
      },
    };
    const result = await write.apply(scope, prepared);
    // Hashed while the database still runs what the work sent.
    const events = chainEvents(head, at, actor, action, subjects);
    const tree = extendTree(
      head.seq,
      head.edge,
      events.map((e) => e.hash),
    );
    const append = tracer.startActiveSpan("audit append", { attributes: { "provgraph.audit.events": events.length } }, (span) =>
      appendAuditEvents(
        run,
        { at, actor, action },
        events.map((e, i) => ({ ...e, levels: tree.levels[i]!, seqOnEntity: subjects[i]!.created })),
        tree.edge,
      ).finally(() => span.end()),
    );
    await Promise.all([...sent, append]);
    scope.tally("AuditEvent", events.length);
    return result;
  } finally {
    await Promise.allSettled(sent); // nothing may still run when the transaction ends
    leave();
  }
}
