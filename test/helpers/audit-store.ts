/**
 * The audit log as stored (store/audit.queries.ts: one `(:AuditBlock)` per transaction holding its
 * events as lists), read and edited event by event, the way an attacker with database access
 * would: tests reach the stored events only through here.
 */
import type { AuditEventRecord } from "../../src/domain/audit-chain.js";
import type { Executor } from "../../src/store/executor.js";

export interface StoredEvent extends AuditEventRecord {
  levels: string;
}

/** Every event of the blocks `b` (bound before) as the map `e`; each block's lists are read once. */
const EVENTS_OF_B = `WITH b.first AS first, b.at AS at, b.actor AS actor, b.action AS action, b.prevHash AS prevHash,
       b.subjectIds AS subjectIds, b.payloadHashes AS payloadHashes, b.hashes AS hashes, b.levels AS levels
  UNWIND range(0, size(hashes) - 1) AS i
  WITH {seq: first + i, at: at, actor: actor, action: action, subjectId: subjectIds[i], payloadHash: payloadHashes[i],
        prevHash: CASE i WHEN 0 THEN prevHash ELSE hashes[i - 1] END, hash: hashes[i], levels: levels[i]} AS e`;

/** A Cypher fragment that yields every stored event as the map `e` (fields of StoredEvent). */
export const AUDIT_EVENTS = `MATCH (b:AuditBlock) ${EVENTS_OF_B}`;

/** The stored events with these seqs, in ascending seq (an absent seq is left out). */
export function storedEvents(executor: Executor, seqs: readonly number[]): Promise<StoredEvent[]> {
  return executor
    .read("test.events", (run) => run<{ e: StoredEvent }>(`${AUDIT_EVENTS} WHERE e.seq IN $seqs RETURN e ORDER BY e.seq`, { seqs }))
    .then((rows) => rows.map((r) => r.e));
}

/** The number of stored events of each subject among `ids` (subjects without events are absent). */
export async function eventsPerSubject(executor: Executor, ids: readonly string[]): Promise<Map<string, number>> {
  const rows = await executor.read("test.events-per-subject", (run) =>
    run<{ s: string; n: number }>(`${AUDIT_EVENTS} WHERE e.subjectId IN $ids RETURN e.subjectId AS s, count(*) AS n`, { ids }),
  );
  return new Map(rows.map((r) => [r.s, r.n]));
}

/** The number of stored events. */
export async function storedEventCount(executor: Executor): Promise<number> {
  const [row] = await executor.read("test.event-count", (run) =>
    run<{ n: number }>("MATCH (b:AuditBlock) RETURN coalesce(sum(size(b.hashes)), 0) AS n"),
  );
  return row!.n;
}

type Edit = Partial<Pick<StoredEvent, "actor" | "prevHash" | "hash">> | "delete";

/**
 * Rewrites the stored events with these seqs (edits fields of one event only, or deletes it) and
 * returns what puts the blocks back as they were. The blocks holding them are rewritten: the
 * events regrouped into blocks of consecutive events that share time, actor and action and chain
 * as stored, so every other event reads back unchanged.
 */
export async function rewriteEvents(executor: Executor, edits: ReadonlyMap<number, Edit>): Promise<() => Promise<void>> {
  const seqs = [...edits.keys()];
  const blocks = await executor.read("test.blocks", (run) =>
    run<{ first: number; events: StoredEvent[] }>(
      `UNWIND $seqs AS seq
       CALL (seq) { MATCH (b:AuditBlock) WHERE b.first <= seq RETURN b ORDER BY b.first DESC LIMIT 1 }
       WITH DISTINCT b
       CALL (b) { ${EVENTS_OF_B} RETURN collect(e) AS events }
       RETURN b.first AS first, events ORDER BY first`,
      { seqs },
    ),
  );
  const original = blocks.flatMap((b) => b.events);
  const edited = original.flatMap((e) => {
    const edit = edits.get(e.seq);
    return edit === "delete" ? [] : [{ ...e, ...edit }];
  });
  // Every block of either version starts within the original blocks' seqs (a version may hold no event at all).
  const span = { lo: blocks[0]!.first, hi: original[original.length - 1]!.seq };
  const replace = (to: readonly StoredEvent[]) =>
    executor.write("test.rewrite-events", async (run) => {
      await run("MATCH (b:AuditBlock) WHERE $lo <= b.first <= $hi DELETE b", span);
      await run(
        `UNWIND $blocks AS x
         CREATE (:AuditBlock {first: toInteger(x.first), at: datetime(x.at), actor: x.actor, action: x.action, prevHash: x.prevHash,
                              subjectIds: x.subjectIds, payloadHashes: x.payloadHashes, hashes: x.hashes, levels: x.levels})`,
        { blocks: group(to) },
      );
    });
  await replace(edited);
  return () => replace(original);
}

/** Consecutive events sharing time, actor and action and chaining as stored, as block properties. */
function group(events: readonly StoredEvent[]) {
  const blocks: StoredEvent[][] = [];
  events.forEach((e, i) => {
    const before = events[i - 1];
    const joins =
      before &&
      e.seq === before.seq + 1 &&
      e.prevHash === before.hash &&
      e.at === before.at &&
      e.actor === before.actor &&
      e.action === before.action;
    if (joins) blocks[blocks.length - 1]!.push(e);
    else blocks.push([e]);
  });
  return blocks.map((b) => ({
    first: b[0]!.seq,
    at: b[0]!.at,
    actor: b[0]!.actor,
    action: b[0]!.action,
    prevHash: b[0]!.prevHash,
    subjectIds: b.map((e) => e.subjectId),
    payloadHashes: b.map((e) => e.payloadHash),
    hashes: b.map((e) => e.hash),
    levels: b.map((e) => e.levels),
  }));
}
