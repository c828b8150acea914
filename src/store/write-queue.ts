/**
 * Where the write transactions of one process wait (built once, beside the executor, in
 * main.ts): `slots` transactions open at once, and the audit head's turnstile.
 *
 * A write transaction holds a pooled connection from its start, also while it waits for the
 * audit head; a few in parallel keep the head busy (the next writers look up and validate while
 * one writes), and the rest wait for a slot without a connection, so a burst of writers never
 * takes the pool the reads need.
 *
 * The turnstile: the writes of a process take the head's lock one at a time, in the order they
 * asked for it, so at most one of them waits in Neo4j's lock manager (for writers of other
 * processes), which keeps no order and gives up after its lock timeout; the others wait here,
 * in arrival order, without a timeout.
 *
 * The metrics read `load` at scrape time and listen to `lockWaited`: the queue keeps no counts.
 */
import { Gate } from "./gate.js";

export type Leave = () => void;

export class WriteQueue {
  private readonly slots: Gate;
  private readonly head = new Gate(1);
  private readonly lockWaitListeners = new Set<(seconds: number) => void>();

  constructor(readonly slotCount: number) {
    this.slots = new Gate(slotCount);
  }

  /** Waits for a slot (before the transaction opens); resolves with the function that frees it. */
  enter(): Promise<Leave> {
    return this.slots.enter();
  }

  /** Waits for this process's turn at the audit head's lock; leave it as the transaction function ends. */
  turnstile(): Promise<Leave> {
    return this.head.enter();
  }

  /** Reports that a write waited `seconds` for the audit head: this process's turnstile, then the database's lock. */
  lockWaited(seconds: number): void {
    for (const listener of this.lockWaitListeners) listener(seconds);
  }

  /** Calls `listener` with every write's lock wait; returns the function that stops it. */
  onLockWait(listener: (seconds: number) => void): () => void {
    this.lockWaitListeners.add(listener);
    return () => this.lockWaitListeners.delete(listener);
  }

  /** Writes with a transaction open, writes waiting for a slot, and writes waiting at the turnstile. */
  get load(): { open: number; waitingForSlot: number; waitingForHead: number } {
    const slots = this.slots.load;
    return { open: slots.holding, waitingForSlot: slots.waiting, waitingForHead: this.head.load.waiting };
  }
}
