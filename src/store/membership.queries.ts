/** Dataset-version membership: what the decision framework needs, and the CONTAINS writes. */
import type { SampleFacts } from "../domain/purpose-policy.js";
import type { Run } from "./executor.js";
import { int } from "./mappers.js";

export interface MemberFacts extends SampleFacts {
  member: boolean;
}

/** The facts of the decision framework for sample `s`, given its version `v`. */
const FACTS = `OPTIONAL MATCH (s)-[:GENERATED_BY]->(r:GenerationRun)
     RETURN s.id AS id, s.origin AS origin, s.kind AS kind, r.id AS runId,
            r IS NOT NULL AND EXISTS { (r)<-[:CHECKS]-(c:ValidationCheck {kind: 'DISTRIBUTION_ALIGNMENT', passed: true}) } AS runAligned,
            [(s)<-[:LABELS]-(l:Label) | l.labelerKind] AS labelerKinds,
            EXISTS { (v)-[:CONTAINS]->(s) } AS member`;

/** The facts of each stored sample among `ids` (other ids are absent), and whether it is a member. */
export function memberFacts(run: Run, versionId: string, ids: readonly string[]): Promise<MemberFacts[]> {
  return run<MemberFacts>(`MATCH (v:Entity {id: $versionId}) UNWIND $ids AS id MATCH (s:Entity:Sample {id: id}) ${FACTS}`, {
    versionId,
    ids,
  });
}

/** The facts of every member of the version. */
export function versionFacts(run: Run, versionId: string): Promise<MemberFacts[]> {
  return run<MemberFacts>(`MATCH (v:Entity {id: $versionId})-[:CONTAINS]->(s:Sample) ${FACTS}`, { versionId });
}

/** The model versions trained or evaluated on the dataset version. */
export async function versionUsers(run: Run, versionId: string): Promise<string[]> {
  const rows = await run<{ id: string }>(
    `MATCH (v:Entity {id: $versionId})
     CALL (v) {
       MATCH (v)<-[:TRAINED_ON]-(:TrainingRun)<-[:PRODUCED_BY]-(m:ModelVersion) RETURN m
       UNION
       MATCH (v)<-[:ON_DATASET]-(:Evaluation)-[:OF_MODEL]->(m:ModelVersion) RETURN m
     }
     RETURN DISTINCT m.id AS id ORDER BY id`,
    { versionId },
  );
  return rows.map((r) => r.id);
}

/** Adds members; `violation` records the purpose rule a member broke (AUDIT datasets). */
export async function addMembers(
  run: Run,
  versionId: string,
  rows: ReadonlyArray<{ id: string; violation: string | null }>,
): Promise<void> {
  if (rows.length === 0) return;
  await run(
    `MATCH (v:Entity {id: $versionId})
     UNWIND $rows AS row
     MATCH (s:Entity {id: row.id})
     CREATE (v)-[c:CONTAINS]->(s)
     SET c.violation = row.violation`,
    { versionId, rows },
  );
}

/** Generated (non-REAL) members of a version, optionally only those of some runs, optionally the first `limit` by id. */
export function generatedMembers(
  run: Run,
  versionId: string,
  runIds: readonly string[] | null,
  limit: number | null = null,
): Promise<Array<{ id: string; origin: string; kind: string | null; runId: string | null }>> {
  const order = limit === null ? "" : "ORDER BY id LIMIT $limit";
  return run(
    runIds === null
      ? `MATCH (:Entity {id: $versionId})-[:CONTAINS]->(s:Sample) WHERE s.origin <> 'REAL'
         RETURN s.id AS id, s.origin AS origin, s.kind AS kind, s.generationRunId AS runId ${order}`
      : `MATCH (v:Entity {id: $versionId}) UNWIND $runIds AS rid MATCH (:Entity {id: rid})<-[:GENERATED_BY]-(s:Sample) WHERE (v)-[:CONTAINS]->(s)
         RETURN s.id AS id, s.origin AS origin, s.kind AS kind, rid AS runId ${order}`,
    { versionId, runIds, limit: limit === null ? null : int(limit) },
  );
}

/** The runs that generated members of a version (for unsealed versions; sealed ones store them). */
export async function memberRuns(run: Run, versionId: string): Promise<string[]> {
  const rows = await run<{ id: string }>(
    "MATCH (:Entity {id: $versionId})-[:CONTAINS]->(:Sample)-[:GENERATED_BY]->(r:GenerationRun) RETURN DISTINCT r.id AS id",
    { versionId },
  );
  return rows.map((r) => r.id);
}
