/**
 * Every write runs inside `auditedWrite`: one transaction that locks the audit head before it
 * changes anything, and appends one audit event per changed subject before it commits. An
 * unchanged (idempotent) write records no subject and appends nothing.
 */
import { trace } from "@opentelemetry/api";
import { chainEvents } from "../domain/audit-chain.js";
import { extendTree } from "../domain/merkle.js";
import { appendAuditEvents, lockAuditHead, type AuditHead } from "../store/audit.queries.js";
import { ConcurrentWriteError, type Executor, type Run } from "../store/executor.js";
import type { Instruments } from "../store/instruments.js";
import { Gate } from "./gate.js";

/** The audit head's lock and append as spans of the write (no-ops unless tracing runs). */
const tracer = trace.getTracer("provgraph");

export interface WriteScope {
  run: Run;
  /**
   * Takes the audit head's lock (once). From then on no other write of any process changes
   * anything until this one commits: work calls it before it reads what another write could
   * change, and always before `at` and `record`.
   */
  lock(): Promise<void>;
  /** The time of this write (read after `lock`): every event and server-set timestamp of it. */
  readonly at: string;
  /**
   * Appends an event for a changed subject, given the `payloadHash` of its input; returns the
   * event's seq, which is also the subject's write order. Only after `lock`.
   */
  record(subjectId: string, payloadHash: string): number;
  /**
   * Leaves a statement that answers nothing running while the work goes on: the transaction
   * runs statements in the order they were sent, and the write waits for all of them (and fails
   * with the first failure) before it commits.
   */
  send(statement: Promise<unknown>): void;
  /** Counts rows the write creates, by kind (label or relationship type), for the metrics once it commits. */
  tally(kind: string, rows: number): void;
}

/** How often a write is tried again after another one created an id it meant to create. */
const ATTEMPTS = 3;

/**
 * Write transactions one process keeps open at once. Each holds a pooled connection from its
 * start, also while it waits for the audit head; a few in parallel keep the head busy (the next
 * writers look up and validate while one writes), and the rest wait here without a connection,
 * so a burst of writers never takes the pool the reads need.
 */
const WRITE_SLOTS = 8;

/**
 * Per process (per driver): the write slots, and the audit head's turnstile. The writes of a
 * process take the head's lock one at a time, in the order they asked for it. They would wait
 * for each other anyway, but in Neo4j's lock manager, which neither keeps their order nor waits
 * longer than its lock timeout (10 s): with dozens of writers queued, some waited past it and
 * failed. Through the turnstile at most one writer of a process waits on the database's lock
 * (for writers of other processes), the others in arrival order, without a timeout; a writer
 * leaves it as its transaction function ends, so the next one's lock wait in the database is at
 * most that commit.
 */
const gates = new WeakMap<object, { slots: Gate; turnstile: Gate }>();
const gatesOf = (executor: Executor) => {
  let gate = gates.get(executor.driver);
  if (!gate) gates.set(executor.driver, (gate = { slots: new Gate(WRITE_SLOTS), turnstile: new Gate(1) }));
  return gate;
};

/** Waits at `gate`, counted in the instruments' write queue while it waits. */
async function queued(instruments: Instruments, gate: Gate): Promise<() => void> {
  instruments.writeQueue(1);
  try {
    return await gate.enter();
  } finally {
    instruments.writeQueue(-1);
  }
}

export async function auditedWrite<T>(executor: Executor, actor: string, action: string, work: (scope: WriteScope) => Promise<T>): Promise<T> {
  const { slots, turnstile } = gatesOf(executor);
  const { instruments } = executor;
  const leave = await queued(instruments, slots);
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        // Everything inside may run again on a retry: it only touches the transaction.
        const rows = new Map<string, number>();
        const result = await executor.write(action, (run) => attemptWrite(run, instruments, turnstile, rows, actor, action, work));
        if (rows.size > 0) instruments.committed(rows);
        return result;
      } catch (error) {
        // Work that read before it locked (writeEntities) can find its new id created meanwhile;
        // the next attempt sees that entity and answers unchanged or CONFLICT as it should.
        if (!(error instanceof ConcurrentWriteError) || attempt === ATTEMPTS) throw error;
      }
    }
  } finally {
    leave();
  }
}

async function attemptWrite<T>(run: Run, instruments: Instruments, turnstile: Gate, rows: Map<string, number>, actor: string, action: string, work: (scope: WriteScope) => Promise<T>): Promise<T> {
  rows.clear(); // a replayed transaction counts once
  let head: AuditHead | undefined;
  let leave: (() => void) | undefined;
  let at = "";
  const subjects: Array<{ subjectId: string; payloadHash: string }> = [];
  const sent: Array<Promise<unknown>> = [];
  const locked = (what: string) => {
    if (!head) throw new Error(`${what} before the audit head was locked`);
    return head;
  };
  const scope: WriteScope = {
    run,
    async lock() {
      if (leave) return;
      const waiting = performance.now();
      leave = await queued(instruments, turnstile);
      head = await tracer.startActiveSpan("audit lock", (span) => lockAuditHead(run).finally(() => span.end()));
      instruments.lockWaited((performance.now() - waiting) / 1000);
      // After the lock, and never before the last event: times do not run backwards along the
      // chain, even when this process's clock is behind the one that wrote it.
      const now = new Date().toISOString();
      at = head.at !== null && head.at > now ? head.at : now;
    },
    get at() {
      locked("the write's time read");
      return at;
    },
    record(subjectId, hash) {
      const { seq } = locked(`an event for ${subjectId} recorded`);
      subjects.push({ subjectId, payloadHash: hash });
      return seq + subjects.length;
    },
    send(statement) {
      statement.catch(() => undefined); // observed below; a failed write must not crash the process first
      sent.push(statement);
    },
    tally(kind, count) {
      if (count > 0) rows.set(kind, (rows.get(kind) ?? 0) + count);
    },
  };
  try {
    const result = await work(scope);
    if (!head) {
      await Promise.all(sent);
      return result;
    }
    // Hashed while the database still runs what the work sent.
    const events = chainEvents(head, at, actor, action, subjects);
    const tree = extendTree(head.seq, head.edge, events.map((e) => e.hash));
    const append = tracer.startActiveSpan("audit append", { attributes: { "provgraph.audit.events": events.length } }, (span) =>
      appendAuditEvents(run, { at, actor, action }, events.map((e, i) => ({ ...e, levels: tree.levels[i]! })), tree.edge).finally(() => span.end()),
    );
    await Promise.all([...sent, append]);
    scope.tally("AuditEvent", events.length);
    return result;
  } finally {
    await Promise.allSettled(sent); // nothing may still run when the transaction ends
    leave?.();
  }
}
