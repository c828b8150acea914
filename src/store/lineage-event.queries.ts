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

/** Sets `props` (a Cypher map) on `n` when `guard` holds and the stored time of the group is not newer. */
const group = (time: string, guard: string, sets: string) =>
  `FOREACH (_ IN CASE WHEN ${guard} AND coalesce(n.${time}, '') <= $t THEN [1] ELSE [] END | SET ${sets}, n.${time} = $t)`;

/** The assets an event names, and what it says about them. */
const ASSETS = `
  UNWIND $assets AS a
  MERGE (n:Entity {id: a.id})
    ON CREATE SET n:DataAsset, n.namespace = a.namespace, n.name = a.name, n.kind = $table, n.auditSeq = $seq
  ${group("kindAt", "a.kind IS NOT NULL", "n.kind = a.kind")}
  ${group("fieldsAt", "a.fields IS NOT NULL", "n.fields = a.fields")}
  ${group("descriptionAt", "a.description IS NOT NULL", "n.description = a.description")}
  ${group("tagsAt", "a.tags IS NOT NULL", "n.tags = a.tags")}
  ${group("viewAt", "a.view", "n.entities = a.entities, n.ttlSeconds = a.ttlSeconds, n.online = a.online")}
  ${group("serviceAt", "a.featureViewNames IS NOT NULL", "n.featureViewNames = a.featureViewNames")}
  ${group("projectionsAt", "a.projections IS NOT NULL", "n.projections = a.projections")}`;

/** The jobs and runs (the run and its parent), each run tied to its job. */
const RUNS = `
  UNWIND $runs AS r
  MERGE (j:Entity {id: r.job.id})
    ON CREATE SET j:Job, j.namespace = r.job.namespace, j.name = r.job.name, j.auditSeq = $seq
  WITH j, r WHERE r.id IS NOT NULL
  MERGE (n:Entity {id: r.id})
    ON CREATE SET n:JobRun, n.jobId = r.job.id, n.auditSeq = $seq
  MERGE (n)-[:RUN_OF]->(j)`;

/** The run's state and times (latest event time wins), and the edges the event states. */
const RUN_EVENT = `
  MATCH (n:Entity {id: $run.id})
  ${group("stateAt", "$run.eventType IS NOT NULL", "n.state = $run.eventType")}
  SET n.lastEventAt = CASE WHEN coalesce(n.lastEventAt, '') < $t THEN $t ELSE n.lastEventAt END,
      n.startedAt = CASE WHEN $run.eventType = $start AND (n.startedAt IS NULL OR n.startedAt > datetime($t)) THEN datetime($t) ELSE n.startedAt END,
      n.endedAt = CASE WHEN $run.eventType IN $finalStates AND (n.endedAt IS NULL OR n.endedAt < datetime($t)) THEN datetime($t) ELSE n.endedAt END
  WITH n
  CALL (n) { MATCH (p:Entity {id: $run.parentId}) WHERE p:JobRun MERGE (n)-[:CHILD_OF]->(p) }
  CALL (n) { UNWIND $reads AS id MATCH (a:Entity {id: id}) WHERE a:DataAsset MERGE (n)-[:READ]->(a) }
  CALL (n) { UNWIND $writes AS id MATCH (a:Entity {id: id}) WHERE a:DataAsset MERGE (a)-[:WRITTEN_BY]->(n) }
  CALL (n) { MATCH (g:Entity {id: $run.generationRunId}) WHERE g:GenerationRun MERGE (n)-[:IS_GENERATION]->(g) }
  CALL (n) { MATCH (a:DataAsset)-[:WRITTEN_BY]->(n) WHERE EXISTS { (n)-[:IS_GENERATION]->() } SET a.hasOwnOrigin = true }`;

const DECLARATIONS = `
  UNWIND $declarations AS d
  MATCH (a:Entity {id: d.assetId})
  SET a.hasOwnOrigin = true
  CREATE (a)-[:DECLARED]->(:Entity:OriginDeclaration {id: d.id, origin: d.origin, note: d.note, actor: d.actor, at: datetime(d.at), auditSeq: $seq})`;

const CHECKS = `
  UNWIND $checks AS c
  MATCH (a:Entity {id: c.subjectId})
  CREATE (:Entity:ValidationCheck {id: c.id, subjectId: c.subjectId, kind: $dataQuality, metric: c.metric, value: c.value, threshold: c.threshold, passed: c.passed, createdAt: datetime($at), auditSeq: $seq})-[:CHECKS]->(a)`;

const EVENT = `
  MATCH (s:Entity {id: $subjectId})
  CREATE (:Entity:LineageEvent {id: $event.id, eventType: $event.eventType, eventTime: datetime($t), producer: $event.producer, payloadHash: $event.payloadHash, event: $event.json, auditSeq: $seq})-[:ABOUT]->(s)`;

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
  actor: string;
  at: string;
  seq: number;
  /** The checks not stored yet. */
  checks: readonly QualityCheck[];
}

/**
 * The statements of one event, in the order they must run (each sent at once: the transaction
 * runs them in order, and the caller waits for all).
 */
export function writeLineageEvent(run: Run, w: EventWrite): Array<Promise<unknown>> {
  const { change } = w;
  const parent = change.run?.parent ?? null;
  const common = { t: change.eventTime, at: w.at, seq: int(w.seq) };
  const statements: Array<Promise<unknown>> = [];
  const send = (cypher: string, params: Record<string, unknown>) => statements.push(run(cypher, { ...common, ...params }));
  if (change.assets.length > 0) send(ASSETS, { assets: change.assets.map(assetRow), table: V.table });
  const runs = [
    ...(parent ? [{ id: parent.id, job: parent.job }] : []),
    ...(change.job ? [{ id: change.run?.id ?? null, job: change.job }] : []),
  ];
  if (runs.length > 0) send(RUNS, { runs });
  if (change.run) {
    const runRow = {
      id: change.run.id,
      eventType: change.eventType,
      parentId: parent?.id ?? null,
      generationRunId: change.generation?.generationRunId ?? null,
    };
    send(RUN_EVENT, { run: runRow, reads: change.reads, writes: change.writes, start: V.start, finalStates: V.finalStates });
  }
  const declarations = change.assets
    .filter((a) => a.origin)
    .map((a, i) => ({
      id: `${w.eventId}:origin:${i}`,
      assetId: a.id,
      origin: a.origin!.origin,
      note: a.origin!.note,
      actor: w.actor,
      at: change.eventTime,
    }));
  if (declarations.length > 0) send(DECLARATIONS, { declarations });
  if (w.checks.length > 0) send(CHECKS, { checks: w.checks.map((c) => ({ ...c, subjectId: c.assetId })), dataQuality: V.dataQuality });
  send(EVENT, {
    subjectId: change.subjectId,
    event: { id: w.eventId, eventType: change.eventType, producer: change.producer, payloadHash: w.payloadHash, json: w.json },
  });
  return statements;
}
