/**
 * The baselines: the same samples written with neo4j-driver alone, one UNWIND per batch; no
 * GraphQL, no validation, no hashing. Under their own labels (with the same id uniqueness
 * constraint) so the API's graph stays as a client built it.
 *
 * - `plain`: the sample nodes and their GENERATED_BY / DERIVED_FROM relationships, nothing else
 *   (the baseline).
 * - `audited`: the same, plus what DOMAIN.md 5 makes every write store in its transaction: the
 *   one audit head locked, and one AuditEvent-shaped node per sample with the same properties
 *   (hashes as placeholders of their real length), under the same seq constraint and subject
 *   index. No hashing and no validation, so it is the floor of any implementation that keeps the
 *   audit log as DOMAIN.md 1 stores it. It stores a Merkle level on every other event (the real
 *   tree: one a leaf on average), so if anything it is a little cheaper than the real thing.
 * - `auditedRows`: the audit part of `audited` around any other write (the OpenLineage floor).
 * - `reads`: the concurrent mix's three reads, as one hand-written Cypher query each.
 */
import type { Executor } from "../src/store/executor.js";

type Row = { id: string; generationRunId?: string; derivedFromIds?: string[] } & Record<string, unknown>;

const SAMPLES = `CREATE (s:RawEntity:RawSample {id: row.id, origin: row.origin, kind: row.kind, slice: row.slice, contentHash: row.contentHash, createdAt: at})
  WITH s, row
  CALL (s, row) { MATCH (r:RawEntity {id: row.generationRunId}) CREATE (s)-[:GENERATED_BY]->(r) }
  WITH s, row
  CALL (s, row) { UNWIND row.derivedFromIds AS d MATCH (src:RawEntity {id: d}) CREATE (s)-[:DERIVED_FROM]->(src) }`;

const HASH = "0123456789abcdef".repeat(4);

/**
 * The audit part of a raw write: the raw audit head locked and advanced by `size($rows)`, one
 * audit node per row of `$rows` (subject `row.id`, action `$action`), then `row` and `at` in
 * scope for what the write stores.
 */
const AUDITED = `MATCH (h:RawAuditHead {key: 'audit'}) SET h.seq = h.seq + size($rows)
  WITH h.seq - size($rows) AS base, datetime() AS at
  UNWIND range(0, size($rows) - 1) AS i
  WITH base + i + 1 AS seq, $rows[i] AS row, at
  CREATE (:RawAuditEvent {seq: seq, at: at, actor: 'bench', action: $action, subjectId: row.id, payloadHash: $hash, prevHash: $hash, hash: $hash,
                          levels: CASE WHEN seq % 2 = 0 THEN [$hash] END})
  WITH row, at`;

export interface RawBaselines {
  plain(rows: Row[]): Promise<unknown>;
  audited(rows: Row[]): Promise<unknown>;
  /** One transaction: the audit head locked and one audit node per row (AUDITED), then `cypher` over `row` and `at`. */
  auditedRows(action: string, rows: Array<{ id: string }>, cypher: string, params?: Record<string, unknown>): Promise<unknown>;
  reads: { lineage(id: string): Promise<unknown>; composition(versionId: string): Promise<unknown>; page(): Promise<unknown> };
}

/** Prepares the raw labels and the ten raw runs. */
export async function rawBaselines(executor: Executor): Promise<RawBaselines> {
  for (const ddl of [
    "CREATE CONSTRAINT raw_entity_id IF NOT EXISTS FOR (n:RawEntity) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT raw_audit_seq IF NOT EXISTS FOR (e:RawAuditEvent) REQUIRE e.seq IS UNIQUE",
    "CREATE INDEX raw_audit_subject IF NOT EXISTS FOR (e:RawAuditEvent) ON (e.subjectId)",
  ])
    await executor.write("raw.schema", (run) => run(ddl));
  await executor.write("raw.setup", (run) =>
    run(
      "UNWIND range(0, 9) AS r CREATE (:RawEntity:RawRun {id: 'raw-run-' + r}) WITH count(*) AS runs MERGE (h:RawAuditHead {key: 'audit'}) ON CREATE SET h.seq = 0",
    ),
  );
  const raw = (prefix: string, batch: Row[]) =>
    batch.map((s) => ({
      ...s,
      id: `${prefix}${s.id}`,
      generationRunId: s.generationRunId ? `raw-${s.generationRunId}` : null,
      derivedFromIds: (s.derivedFromIds ?? []).map((d) => `raw-${d}`),
    }));
  const auditedRows = (action: string, rows: Array<{ id: string }>, cypher: string, params: Record<string, unknown> = {}) =>
    executor.write(`raw.${action}`, (run) => run(`${AUDITED} ${cypher}`, { ...params, rows, action, hash: HASH }));
  const read = (cypher: string, params: Record<string, unknown> = {}) => executor.read("raw.read", (run) => run(cypher, params));
  return {
    plain: (batch) =>
      executor.write("raw.ingest", (run) => run(`WITH datetime() AS at UNWIND $rows AS row ${SAMPLES}`, { rows: raw("raw-", batch) })),
    audited: (batch) => auditedRows("ingestSamples", raw("raw-audited-", batch), SAMPLES),
    auditedRows,
    reads: {
      lineage: (id) =>
        read(
          "MATCH (s:RawEntity {id: $id}) OPTIONAL MATCH (s)-[:DERIVED_FROM|GENERATED_BY*1..5]->(m) RETURN collect(DISTINCT m.id) AS ids",
          { id: `raw-${id}` },
        ),
      composition: (versionId) => read("MATCH (v:Entity {id: $id}) RETURN v.composition AS composition", { id: versionId }),
      page: () =>
        read(
          "MATCH (s:RawEntity) WHERE s.id STARTS WITH 'raw-s' WITH s ORDER BY s.id LIMIT 100 OPTIONAL MATCH (s)-[:GENERATED_BY]->(r) RETURN s.id AS id, r.id AS run",
        ),
    },
  };
}
