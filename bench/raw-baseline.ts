/**
 * The baseline: the same nodes and relationships written with neo4j-driver, one UNWIND per
 * 10,000 rows; no GraphQL, no validation, no audit. Under their own labels (with the same id
 * uniqueness constraint) so the API's graph stays as a client built it.
 */
import type { Executor } from "../src/store/executor.js";

type Row = { id: string; generationRunId?: string; derivedFromIds?: string[] } & Record<string, unknown>;

/** Prepares the raw labels; returns the function that writes one batch. */
export async function rawBaseline(executor: Executor): Promise<(rows: Row[]) => Promise<unknown>> {
  await executor.write("raw.constraint", (run) => run("CREATE CONSTRAINT raw_entity_id IF NOT EXISTS FOR (n:RawEntity) REQUIRE n.id IS UNIQUE"));
  await executor.write("raw.runs", (run) => run("UNWIND range(0, 9) AS r CREATE (:RawEntity:RawRun {id: 'raw-run-' + r})"));
  return (batch) => {
    const rows = batch.map((s) => ({ ...s, id: `raw-${s.id}`, generationRunId: s.generationRunId ? `raw-${s.generationRunId}` : null, derivedFromIds: (s.derivedFromIds ?? []).map((d) => `raw-${d}`) }));
    return executor.write("raw.ingest", (run) =>
      run(
        `UNWIND $rows AS row
         CREATE (s:RawEntity:RawSample {id: row.id, origin: row.origin, kind: row.kind, slice: row.slice, contentHash: row.contentHash, createdAt: datetime()})
         WITH s, row
         CALL (s, row) { MATCH (r:RawEntity {id: row.generationRunId}) CREATE (s)-[:GENERATED_BY]->(r) }
         WITH s, row
         CALL (s, row) { UNWIND row.derivedFromIds AS d MATCH (src:RawEntity {id: d}) CREATE (s)-[:DERIVED_FROM]->(src) }`,
        { rows },
      ),
    );
  };
}
