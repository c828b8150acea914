/**
 * The audit log in the graph: `(:AuditBlock)` nodes, one per writing transaction holding its
 * events (one per changed subject), and the single
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
 * Stores the events (ascending seq, consecutive) of one transaction as one `(:AuditBlock)` node,
 * and moves the head; runs in every transaction that locked the head, also to end the lock.
 * The block holds one list entry per event (`subjectIds`, `payloadHashes`, `hashes`, and
 * `levels`: the Merkle subtrees the event completes, joined by LEVEL_SEPARATOR) and what the
 * events share once: `at`, `actor`, `action`, `first` (event i's seq is first + i) and the first
 * event's `prevHash` (event i's is the hash before it). A transaction without events stores none.
 *
 * A subject's events are found through its entity (found by id through :Entity's index): its
 * `auditSeq` and its `laterAuditSeqs`. An event whose seq the write stored as the entity's
 * `auditSeq` (`seqOnEntity`) needs nothing more; the seq of any other is appended to
 * `laterAuditSeqs` here, unless it is the entity's `auditSeq` (a statement of the write created
 * the entity with it). A subject that is no entity could not be found: the write fails.
 */
export async function appendAuditEvents(
  run: Run,
  shared: { at: string; actor: string; action: string },
  events: ReadonlyArray<AuditEventRecord & { levels: string[]; seqOnEntity: boolean }>,
  edge: readonly string[],
): Promise<void> {
  const last = events[events.length - 1];
  events.forEach((e, i) => {
    if (i > 0 && (e.seq !== events[i - 1]!.seq + 1 || e.prevHash !== events[i - 1]!.hash))
      throw new Error(
        `audit event ${e.seq} does not follow event ${events[i - 1]!.seq}: the stored chain would differ from the hashed one`,
      );
  });
  const [row] = await run<{ missing: string[] }>(
    `MATCH (h:AuditHead {key: 'audit'})
     REMOVE h.locked
     WITH h, datetime($at) AS at
     FOREACH (_ IN CASE WHEN $last IS NULL THEN [] ELSE [1] END |
       SET h.seq = $last.seq, h.hash = $last.hash, h.at = at, h.edge = $edge
       CREATE (:AuditBlock {first: $first, at: at, actor: $actor, action: $action, prevHash: $prevHash,
                            subjectIds: $subjectIds, payloadHashes: $payloadHashes, hashes: $hashes, levels: $levels}))
     WITH DISTINCT 1 AS one
     CALL () {
       UNWIND $later AS x
       OPTIONAL MATCH (n:Entity {id: x.id})
       FOREACH (_ IN CASE WHEN n IS NOT NULL AND coalesce(n.auditSeq, -1) <> x.seq THEN [1] ELSE [] END |
         SET n.laterAuditSeqs = coalesce(n.laterAuditSeqs, []) + x.seq)
       RETURN collect(CASE WHEN n IS NULL THEN x.id END) AS missing
     }
     RETURN missing`,
    {
      ...shared,
      last: last ? { seq: int(last.seq), hash: last.hash } : null,
      edge,
      first: int(events[0]?.seq ?? 0),
      prevHash: events[0]?.prevHash ?? null,
      subjectIds: events.map((e) => e.subjectId),
      payloadHashes: events.map((e) => e.payloadHash),
      hashes: events.map((e) => e.hash),
      levels: events.map((e) => e.levels.join(LEVEL_SEPARATOR)),
      later: events.filter((e) => !e.seqOnEntity).map((e) => ({ id: e.subjectId, seq: int(e.seq) })),
    },
  );
  const missing = row?.missing ?? [];
  if (missing.length > 0) throw new Error(`audit subject '${missing[0]}' is no entity: its events could not be found by subject`);
}

/** Joins an event's completed subtrees (hex) in its block's `levels` entry; "" when it completes none. */
const LEVEL_SEPARATOR = ",";

/** The block holding event `seq` (bound before): the last block starting at or before it, an index seek on `first`. */
const BLOCK_OF = (seq: string) =>
  `CALL (${seq}) { MATCH (b:AuditBlock) WHERE b.first <= ${seq} RETURN b ORDER BY b.first DESC LIMIT 1 }
   WITH *, ${seq} - b.first AS i WHERE i < size(b.hashes)`;

/** The stored leaf entries and completed subtrees of the events with these seqs. */
export async function treeNodes(run: Run, seqs: readonly number[]): Promise<Array<{ seq: number; hash: string; levels: string[] }>> {
  const rows = await run<{ seq: number; hash: string; levels: string }>(
    `UNWIND $seqs AS seq ${BLOCK_OF("seq")} RETURN seq, b.hashes[i] AS hash, b.levels[i] AS levels`,
    { seqs: seqs.map(int) },
  );
  return rows.map((r) => ({ seq: r.seq, hash: r.hash, levels: r.levels === "" ? [] : r.levels.split(LEVEL_SEPARATOR) }));
}

interface StoredBlock {
  first: number;
  at: string;
  actor: string;
  action: string;
  prevHash: string;
  subjectIds: string[];
  payloadHashes: string[];
  hashes: string[];
}

const BLOCK_FIELDS =
  "b.first AS first, b.at AS at, b.actor AS actor, b.action AS action, b.prevHash AS prevHash, b.subjectIds AS subjectIds, b.payloadHashes AS payloadHashes, b.hashes AS hashes";

/** The events of blocks (ascending first) after `afterSeq`, at most `limit`. */
function eventsOf(blocks: readonly StoredBlock[], afterSeq: number, limit: number): AuditEventRecord[] {
  const events: AuditEventRecord[] = [];
  for (const b of blocks)
    for (let i = Math.max(0, afterSeq + 1 - b.first); i < b.hashes.length && events.length < limit; i++)
      events.push({
        seq: b.first + i,
        at: b.at,
        actor: b.actor,
        action: b.action,
        subjectId: b.subjectIds[i]!,
        payloadHash: b.payloadHashes[i]!,
        prevHash: i === 0 ? b.prevHash : b.hashes[i - 1]!,
        hash: b.hashes[i]!,
      });
  return events;
}

/** The seqs the subject's entity indexes (its `auditSeq` and `laterAuditSeqs`, see appendAuditEvents), ascending; none for an unknown id. */
async function indexedSeqs(run: Run, subjectId: string): Promise<number[]> {
  const [row] = await run<{ seqs: number[] }>(
    "MATCH (n:Entity {id: $subjectId}) RETURN [s IN [n.auditSeq] + coalesce(n.laterAuditSeqs, []) WHERE s IS NOT NULL] AS seqs",
    { subjectId },
  );
  return (row?.seqs ?? []).sort((x, y) => x - y);
}

/** The blocks `b` and offsets `i` of the events with seqs `$seqs` whose subject is `$subjectId`. */
const SUBJECT_EVENTS = `UNWIND $seqs AS seq ${BLOCK_OF("seq")} WITH * WHERE b.subjectIds[i] = $subjectId`;

/**
 * The stored events with these seqs whose subject is `subjectId`, ascending: the entity's
 * `auditSeq` may be the seq of another subject's event (the write that created it recorded
 * another subject), and a stored event is what it says, edited or not.
 */
function subjectEvents(run: Run, subjectId: string, seqs: readonly number[]): Promise<AuditEventRecord[]> {
  return run<AuditEventRecord>(
    `${SUBJECT_EVENTS}
     RETURN seq, b.at AS at, b.actor AS actor, b.action AS action, b.subjectIds[i] AS subjectId, b.payloadHashes[i] AS payloadHash,
            CASE i WHEN 0 THEN b.prevHash ELSE b.hashes[i - 1] END AS prevHash, b.hashes[i] AS hash
     ORDER BY seq`,
    { subjectId, seqs: seqs.map(int) },
  );
}

/**
 * One page of events in ascending seq after `afterSeq`, optionally for one subject. The whole
 * log's page reads the block holding afterSeq + 1 and the blocks starting within the page's
 * seqs, each block's lists once: what a page reads does not grow with the log behind it. A subject's page seeks the blocks of the
 * seqs its entity indexes, `limit` + 1 at a time (one may be another subject's) until the page
 * is full.
 */
export async function auditPage(run: Run, subjectId: string | null, afterSeq: number, limit: number): Promise<AuditEventRecord[]> {
  if (subjectId !== null) {
    const seqs = (await indexedSeqs(run, subjectId)).filter((s) => s > afterSeq);
    const events: AuditEventRecord[] = [];
    for (let from = 0; from < seqs.length && events.length < limit; from += limit + 1)
      events.push(...(await subjectEvents(run, subjectId, seqs.slice(from, from + limit + 1))));
    return events.slice(0, limit);
  }
  const blocks = await run<StoredBlock>(
    `CALL () {
       MATCH (b:AuditBlock) WHERE b.first <= $after + 1 RETURN b ORDER BY b.first DESC LIMIT 1
       UNION
       MATCH (b:AuditBlock) WHERE $after + 1 < b.first <= $after + $limit RETURN b
     }
     RETURN ${BLOCK_FIELDS} ORDER BY first`,
    { after: int(afterSeq), limit: int(limit) },
  );
  return eventsOf(blocks, afterSeq, limit);
}

/** The number of stored events (of one subject), counted in the blocks: an edited log reports what it holds. */
export async function auditCount(run: Run, subjectId: string | null): Promise<number> {
  const [row] = await run<{ n: number }>(
    subjectId === null ? "MATCH (b:AuditBlock) RETURN coalesce(sum(size(b.hashes)), 0) AS n" : `${SUBJECT_EVENTS} RETURN count(*) AS n`,
    subjectId === null ? {} : { subjectId, seqs: (await indexedSeqs(run, subjectId)).map(int) },
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
  const [row] = await run<{ hash: string }>(`WITH $seq AS seq ${BLOCK_OF("seq")} RETURN b.hashes[i] AS hash`, { seq: int(seq) });
  return row?.hash ?? null;
}
