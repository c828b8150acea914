/**
 * The audit log in the graph: `(:AuditEvent)` nodes, one per changed subject, and the single
 * `(:AuditHead)` node that every writing transaction locks before it changes anything. Holding
 * that lock to the commit serialises every writer of every API process, so the chain never forks.
 */
import type { AuditEventRecord, ChainHead } from "../domain/audit-chain.js";
import type { Run } from "./executor.js";
import { int } from "./mappers.js";

/** The chain's last event (its time too, null before the first), and the right edge of the Merkle tree over all events. */
export interface AuditHead extends ChainHead {
  at: string | null;
  edge: string[];
}

const HEAD_FIELDS = "h.seq AS seq, h.hash AS hash, h.at AS at, coalesce(h.edge, []) AS edge";

/** Takes the write lock on the head (before a writing transaction changes anything). */
export async function lockAuditHead(run: Run): Promise<AuditHead> {
  const [head] = await run<AuditHead>(`MATCH (h:AuditHead {key: 'audit'}) SET h.locked = true RETURN ${HEAD_FIELDS}`);
  if (!head) throw new Error("the audit head is missing: were the migrations applied?");
  return head;
}

/**
 * Stores the events (ascending seq, consecutive) of one transaction, each with the Merkle
 * subtrees it completes (`levels`), and moves the head; runs in every transaction that locked
 * the head, also to end the lock. Sent as one list per field; what the list implies is not sent
 * again: the fields every event shares (`at`, `actor`, `action`, converted once), each seq
 * (the first + i) and each prevHash (the hash before it).
 */
export async function appendAuditEvents(
  run: Run,
  shared: { at: string; actor: string; action: string },
  events: ReadonlyArray<AuditEventRecord & { levels: string[] }>,
  edge: readonly string[],
): Promise<void> {
  const last = events[events.length - 1];
  events.forEach((e, i) => {
    if (i > 0 && (e.seq !== events[i - 1]!.seq + 1 || e.prevHash !== events[i - 1]!.hash))
      throw new Error(
        `audit event ${e.seq} does not follow event ${events[i - 1]!.seq}: the stored chain would differ from the hashed one`,
      );
  });
  await run(
    `MATCH (h:AuditHead {key: 'audit'})
     REMOVE h.locked
     WITH h, datetime($at) AS at
     FOREACH (_ IN CASE WHEN $last IS NULL THEN [] ELSE [1] END | SET h.seq = $last.seq, h.hash = $last.hash, h.at = at, h.edge = $edge)
     WITH at
     UNWIND range(0, size($hash) - 1) AS i
     CREATE (:AuditEvent {seq: $first + i, at: at, actor: $actor, action: $action, subjectId: $subjectId[i], payloadHash: $payloadHash[i],
                          prevHash: CASE i WHEN 0 THEN $prevHash ELSE $hash[i - 1] END, hash: $hash[i], levels: $levels[i]})`,
    {
      ...shared,
      last: last ? { seq: int(last.seq), hash: last.hash } : null,
      edge,
      first: int(events[0]?.seq ?? 0),
      prevHash: events[0]?.prevHash ?? null,
      subjectId: events.map((e) => e.subjectId),
      payloadHash: events.map((e) => e.payloadHash),
      hash: events.map((e) => e.hash),
      // An event that completes no subtree stores no levels (read as []).
      levels: events.map((e) => (e.levels.length ? e.levels : null)),
    },
  );
}

/** The stored leaf entries and completed subtrees of the events with these seqs. */
export function treeNodes(run: Run, seqs: readonly number[]): Promise<Array<{ seq: number; hash: string; levels: string[] }>> {
  return run("UNWIND $seqs AS seq MATCH (e:AuditEvent {seq: seq}) RETURN e.seq AS seq, e.hash AS hash, coalesce(e.levels, []) AS levels", {
    seqs: seqs.map(int),
  });
}

const EVENT_FIELDS =
  "e.seq AS seq, e.at AS at, e.actor AS actor, e.action AS action, e.subjectId AS subjectId, e.payloadHash AS payloadHash, e.prevHash AS prevHash, e.hash AS hash";

/** One page of events in ascending seq after `afterSeq`, optionally for one subject. */
export function auditPage(run: Run, subjectId: string | null, afterSeq: number, limit: number): Promise<AuditEventRecord[]> {
  return run<AuditEventRecord>(
    subjectId === null
      ? `MATCH (e:AuditEvent) WHERE e.seq > $after RETURN ${EVENT_FIELDS} ORDER BY e.seq LIMIT $limit`
      : `MATCH (e:AuditEvent) WHERE e.subjectId = $subjectId AND e.seq > $after RETURN ${EVENT_FIELDS} ORDER BY e.seq LIMIT $limit`,
    { subjectId, after: int(afterSeq), limit: int(limit) },
  );
}

export async function auditCount(run: Run, subjectId: string | null): Promise<number> {
  const [row] = await run<{ n: number }>(
    subjectId === null ? "MATCH (e:AuditEvent) RETURN count(e) AS n" : "MATCH (e:AuditEvent {subjectId: $subjectId}) RETURN count(e) AS n",
    { subjectId },
  );
  return row?.n ?? 0;
}

export async function auditHead(run: Run): Promise<AuditHead> {
  const [head] = await run<AuditHead>(`MATCH (h:AuditHead {key: 'audit'}) RETURN ${HEAD_FIELDS}`);
  return head ?? { seq: 0, hash: "0".repeat(64), at: null, edge: [] };
}

/**
 * The last verified point of the chain (`(:AuditVerified)`): the checkpoint the server signed
 * when every event up to `seq` had verified, and the chain hash of event `seq`.
 */
export interface VerifiedMark {
  seq: number;
  hash: string;
  rootHash: string;
  at: string;
  signature: string;
}

export async function verifiedMark(run: Run): Promise<VerifiedMark | null> {
  const [row] = await run<VerifiedMark>(
    "MATCH (w:AuditVerified {key: 'audit'}) WHERE w.seq IS NOT NULL RETURN w.seq AS seq, w.hash AS hash, w.rootHash AS rootHash, w.at AS at, w.signature AS signature",
  );
  return row ?? null;
}

/** Moves the mark forward (a verification that ended before the stored mark leaves it). */
export async function storeVerifiedMark(run: Run, mark: VerifiedMark): Promise<void> {
  await run(
    "MATCH (w:AuditVerified {key: 'audit'}) WHERE coalesce(w.seq, -1) <= $seq SET w.seq = $seq, w.hash = $hash, w.rootHash = $rootHash, w.at = $at, w.signature = $signature",
    {
      ...mark,
      seq: int(mark.seq),
    },
  );
}

/** Forgets the mark: after a failed verification, the next one starts from the first event. */
export async function clearVerifiedMark(run: Run): Promise<void> {
  await run("MATCH (w:AuditVerified {key: 'audit'}) REMOVE w.seq, w.hash, w.rootHash, w.at, w.signature");
}

/** The stored chain hash of event `seq`, null when there is none. */
export async function eventHashAt(run: Run, seq: number): Promise<string | null> {
  const [row] = await run<{ hash: string }>("MATCH (e:AuditEvent {seq: $seq}) RETURN e.hash AS hash", { seq: int(seq) });
  return row?.hash ?? null;
}
