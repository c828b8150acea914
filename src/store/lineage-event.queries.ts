/**
 * Writing one OpenLineage event (DOMAIN.md 9.1) in a few fixed statements: the job, run and assets it
 * names are merged (created once, idempotently), the edges it states merged, and what it says
 * about each asset and the run applied only where its event time is not older than what is
 * stored ("latest event time wins"; an earlier event arriving later does not undo it). The
 * event itself, its declarations and its checks are created, and the assets given an origin of
 * their own (declared, written by a generating run) marked `hasOwnOrigin` (asset-origin.queries.ts).
 * Nodes are found by id through :Entity, whose constraint indexes it. Fixed-shape: labels and
 * types are constants, every value a parameter.
 */
import type { AssetStatement, LineageChange, QualityCheck } from "../domain/openlineage.js";
import type { Run } from "./executor.js";
import { int, toJsonText } from "./mappers.js";
import { VOCABULARY_PARAMS as V } from "./vocabulary-params.js";

/** Sets `sets` on `n` when `guard` holds and the stored time of the group is not newer than `row.t`. */
const group = (row: string, time: string, guard: string, sets: string) =>
  `FOREACH (_ IN CASE WHEN ${guard} AND coalesce(n.${time}, '') <= ${row}.t THEN [1] ELSE [] END | SET ${sets}, n.${time} = ${row}.t)`;

/** The assets the events name, and what each says about them. */
const ASSETS = `
  UNWIND $assets AS a
  MERGE (n:Entity {id: a.id})
    ON CREATE SET n:DataAsset, n.namespace = a.namespace, n.name = a.name, n.kind = $table, n.auditSeq = a.seq
  ${group("a", "kindAt", "a.kind IS NOT NULL", "n.kind = a.kind")}
  ${group("a", "fieldsAt", "a.fields IS NOT NULL", "n.fields = a.fields")}
  ${group("a", "descriptionAt", "a.description IS NOT NULL", "n.description = a.description")}
  ${group("a", "tagsAt", "a.tags IS NOT NULL", "n.tags = a.tags")}
  ${group("a", "viewAt", "a.view", "n.entities = a.entities, n.ttlSeconds = a.ttlSeconds, n.online = a.online")}
  ${group("a", "serviceAt", "a.featureViewNames IS NOT NULL", "n.featureViewNames = a.featureViewNames")}
  ${group("a", "projectionsAt", "a.projections IS NOT NULL", "n.projections = a.projections")}`;

/** The jobs and runs (each run and its parent), each run tied to its job. */
const RUNS = `
  UNWIND $runs AS r
  MERGE (j:Entity {id: r.job.id})
    ON CREATE SET j:Job, j.namespace = r.job.namespace, j.name = r.job.name, j.auditSeq = r.seq
  WITH j, r WHERE r.id IS NOT NULL
  MERGE (n:Entity {id: r.id})
    ON CREATE SET n:JobRun, n.jobId = r.job.id, n.auditSeq = r.seq
  MERGE (n)-[:RUN_OF]->(j)`;

/** Each run's state and times (latest event time wins), and the edges its event states. */
const RUN_EVENTS = `
  UNWIND $runEvents AS r
  MATCH (n:Entity {id: r.id})
  ${group("r", "stateAt", "r.eventType IS NOT NULL", "n.state = r.eventType")}
  SET n.lastEventAt = CASE WHEN coalesce(n.lastEventAt, '') < r.t THEN r.t ELSE n.lastEventAt END,
      n.startedAt = CASE WHEN r.eventType = $start AND (n.startedAt IS NULL OR n.startedAt > datetime(r.t)) THEN datetime(r.t) ELSE n.startedAt END,
      n.endedAt = CASE WHEN r.eventType IN $finalStates AND (n.endedAt IS NULL OR n.endedAt < datetime(r.t)) THEN datetime(r.t) ELSE n.endedAt END
  WITH n, r
  CALL (n, r) { MATCH (p:Entity {id: r.parentId}) WHERE p:JobRun MERGE (n)-[:CHILD_OF]->(p) }
  CALL (n, r) { UNWIND r.reads AS id MATCH (a:Entity {id: id}) WHERE a:DataAsset MERGE (n)-[:READ]->(a) }
  CALL (n, r) { UNWIND r.writes AS id MATCH (a:Entity {id: id}) WHERE a:DataAsset MERGE (a)-[:WRITTEN_BY]->(n) }
  CALL (n, r) { MATCH (g:Entity {id: r.generationRunId}) WHERE g:GenerationRun MERGE (n)-[:IS_GENERATION]->(g) }
  CALL (n) { MATCH (a:DataAsset)-[:WRITTEN_BY]->(n) WHERE EXISTS { (n)-[:IS_GENERATION]->() } SET a.hasOwnOrigin = true }`;

const DECLARATIONS = `
  UNWIND $declarations AS d
  MATCH (a:Entity {id: d.assetId})
  SET a.hasOwnOrigin = true
  CREATE (a)-[:DECLARED]->(:Entity:OriginDeclaration {id: d.id, origin: d.origin, note: d.note, actor: d.actor, at: datetime(d.at), auditSeq: d.seq})`;

const CHECKS = `
  UNWIND $checks AS c
  MATCH (a:Entity {id: c.subjectId})
  CREATE (:Entity:ValidationCheck {id: c.id, subjectId: c.subjectId, kind: $dataQuality, metric: c.metric, value: c.value, threshold: c.threshold, passed: c.passed, createdAt: datetime($at), auditSeq: c.seq})-[:CHECKS]->(a)`;

const EVENTS = `
  UNWIND $events AS e
  MATCH (s:Entity {id: e.subjectId})
  CREATE (:Entity:LineageEvent {id: e.id, eventType: e.eventType, eventTime: datetime(e.t), producer: e.producer, payloadHash: e.payloadHash, event: e.json, auditSeq: e.seq})-[:ABOUT]->(s)`;

function assetRow(a: AssetStatement) {
  const view = a.entities !== undefined;
  return {
    id: a.id,
    namespace: a.namespace,
    name: a.name,
    kind: a.kind ?? null,
    fields: a.fields ? toJsonText(a.fields) : null,
    description: a.description ?? null,
    tags: a.tags ? toJsonText(a.tags) : null,
    view,
    entities: view ? toJsonText(a.entities) : null,
    ttlSeconds: view && a.ttlSeconds != null ? int(a.ttlSeconds) : null,
    online: view ? (a.online ?? null) : null,
    featureViewNames: a.featureViewNames ? toJsonText(a.featureViewNames) : null,
    projections: a.projections ? toJsonText(a.projections) : null,
  };
}

export interface EventWrite {
  change: LineageChange;
  eventId: string;
  payloadHash: string;
  json: string;
  seq: number;
  /** The checks not stored yet. */
  checks: readonly QualityCheck[];
}

/**
 * The statements that write `writes` (of one transaction, by `by.actor` at `by.at`) in order, as if one event after the other: one statement
 * per kind of node for all of them, each row carrying its event's time and seq. Rows of one
 * statement run in order and see the rows before them, so "latest event time wins" holds
 * between the events of one call as between calls. Sent at once: the transaction runs them in
 * order, and the caller waits for all.
 */
export function writeLineageEvents(run: Run, by: { actor: string; at: string }, writes: readonly EventWrite[]): Array<Promise<unknown>> {
  const rows = <R>(of: (w: EventWrite, row: { t: string; seq: ReturnType<typeof int> }) => R[]) =>
    writes.flatMap((w) => of(w, { t: w.change.eventTime, seq: int(w.seq) }));
  const assets = rows((w, row) => w.change.assets.map((a) => ({ ...assetRow(a), ...row })));
  const runs = rows(({ change }, row) => [
    ...(change.run?.parent ? [{ id: change.run.parent.id, job: change.run.parent.job, ...row }] : []),
    ...(change.job ? [{ id: change.run?.id ?? null, job: change.job, ...row }] : []),
  ]);
  const runEvents = rows(({ change }, row) =>
    change.run
      ? [
          {
            id: change.run.id,
            eventType: change.eventType,
            parentId: change.run.parent?.id ?? null,
            generationRunId: change.generation?.generationRunId ?? null,
            reads: change.reads,
            writes: change.writes,
            ...row,
          },
        ]
      : [],
  );
  const declarations = rows((w, row) =>
    w.change.assets
      .filter((a) => a.origin)
      .map((a, i) => ({
        id: `${w.eventId}:origin:${i}`,
        assetId: a.id,
        origin: a.origin!.origin,
        note: a.origin!.note,
        actor: by.actor,
        at: w.change.eventTime,
        seq: row.seq,
      })),
  );
  const checks = rows((w, row) => w.checks.map((c) => ({ ...c, subjectId: c.assetId, seq: row.seq })));
  const events = rows(({ change, eventId, payloadHash, json }, row) => [
    { id: eventId, subjectId: change.subjectId, eventType: change.eventType, producer: change.producer, payloadHash, json, ...row },
  ]);
  const statements: Array<Promise<unknown>> = [];
  const send = (cypher: string, list: unknown[], params: Record<string, unknown>) => {
    if (list.length > 0) statements.push(run(cypher, params));
  };
  send(ASSETS, assets, { assets, table: V.table });
  send(RUNS, runs, { runs });
  send(RUN_EVENTS, runEvents, { runEvents, start: V.start, finalStates: V.finalStates });
  send(DECLARATIONS, declarations, { declarations });
  send(CHECKS, checks, { checks, dataQuality: V.dataQuality, at: by.at });
  send(EVENTS, events, { events });
  return statements;
}
