/**
 * What the executor and the write path report as they work, for the metrics (src/server/
 * metrics.ts implements it over prom-client). Calls are synchronous and cheap: counters only.
 * The write queue's depth and lock waits come from the WriteQueue itself (store/write-queue.ts).
 * Spans for traces go through the OpenTelemetry API instead (a no-op until the SDK starts).
 */
export interface Instruments {
  /** A session opened (+1) or closed (-1): while open it holds one pooled Bolt connection. */
  session(delta: 1 | -1): void;
  /** A write committed: the rows it created by kind (label or relationship type, and AuditEvent). */
  committed(rows: ReadonlyMap<string, number>): void;
}

export const NO_INSTRUMENTS: Instruments = {
  session() {},
  committed() {},
};
