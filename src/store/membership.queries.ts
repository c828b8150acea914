/** Dataset-version membership: what the decision framework needs, and the CONTAINS writes. */
import type { Origin } from "../domain/model.js";
import type { SampleFacts } from "../domain/purpose-policy.js";
import type { Run } from "./executor.js";
import { int } from "./mappers.js";
import { VOCABULARY_PARAMS as V } from "./vocabulary-params.js";

export interface MemberFacts extends SampleFacts {
  member: boolean;
}

/** The facts of the decision framework for sample `s`, given its version `v`. */
const FACTS = `OPTIONAL MATCH (s)-[:GENERATED_BY]->(r:GenerationRun)
     RETURN s.id AS id, s.origin AS origin, s.kind AS kind, r.id AS runId,
            r IS NOT NULL AND EXISTS { (r)<-[:CHECKS]-(c:ValidationCheck {kind: $alignment, passed: true}) } AS runAligned,
            [(s)<-[:LABELS]-(l:Label) | l.labelerKind] AS labelerKinds,
            EXISTS { (v)-[:CONTAINS]->(s) } AS member`;

/** The facts of each stored sample among `ids` (other ids are absent), and whether it is a member. */
export function memberFacts(run: Run, versionId: string, ids: readonly string[]): Promise<MemberFacts[]> {
  return run<MemberFacts>(`MATCH (v:Entity {id: $versionId}) UNWIND $ids AS id MATCH (s:Entity:Sample {id: id}) ${FACTS}`, {
    versionId,
    ids,
    alignment: V.alignment,
  });
}

/** A human label on sample `s`: what EVALUATION and HOLDOUT members need (parameter `$humanKinds`). */
export const HUMAN_LABEL = "EXISTS { (s)<-[:LABELS]-(l:Label) WHERE l.labelerKind IN $humanKinds }";

/**
 * The members that can break a purpose's rule (those `purposeViolation` flags under it, in
 * domain/purpose-policy.ts), as fixed predicates on `s`: generated members (PRETRAINING,
 * FINE_TUNING), generated members of another kind than QA_PAIR or QUERY (RAG_CORPUS), members
 * not REAL or without a human label (EVALUATION, HOLDOUT).
 */
const OFFENDING = {
  generated: "s.origin <> $real",
  generatedDocuments: "s.origin <> $real AND NOT coalesce(s.kind, '') IN $ragGeneratedKinds",
  unrealOrUnlabelled: `s.origin <> $real OR NOT ${HUMAN_LABEL}`,
} as const;

/** The parameters the predicates above take. */
const OFFENDING_PARAMS = { real: V.real, ragGeneratedKinds: V.ragGeneratedKinds, humanKinds: V.humanKinds };

export type OffendingMembers = keyof typeof OFFENDING;

/** The offending members of one version: one of the predicates above, or the generated members of some runs (TRAINING). */
export type OffendingSelector = { versionId: string; which: OffendingMembers } | { versionId: string; runIds: readonly string[] };

/** How many distinct samples are offending members of at least one of the versions. */
export async function distinctOffending(run: Run, selectors: readonly OffendingSelector[]): Promise<number> {
  const [row] = await run<{ n: number }>(
    `UNWIND $selectors AS x
     MATCH (:Entity {id: x.versionId})-[:CONTAINS]->(s:Sample)
     WHERE CASE x.which
             WHEN 'generated' THEN ${OFFENDING.generated}
             WHEN 'generatedDocuments' THEN ${OFFENDING.generatedDocuments}
             WHEN 'unrealOrUnlabelled' THEN ${OFFENDING.unrealOrUnlabelled}
             ELSE s.origin <> $real AND s.generationRunId IN x.runIds
           END
     RETURN count(DISTINCT s) AS n`,
    {
      selectors: selectors.map((x) => ({
        versionId: x.versionId,
        which: "which" in x ? x.which : null,
        runIds: "runIds" in x ? x.runIds : [],
      })),
      ...OFFENDING_PARAMS,
    },
  );
  return row?.n ?? 0;
}

/**
 * How many members of a version are `which`, and the facts of the first `limit` of them by id:
 * one pass over the members, and only those first facts are built and sent.
 */
export async function offendingMembers(
  run: Run,
  versionId: string,
  which: OffendingMembers,
  limit: number,
): Promise<{ count: number; first: SampleFacts[] }> {
  const [row] = await run<{ count: number; first: SampleFacts[] }>(
    `MATCH (:Entity {id: $versionId})-[:CONTAINS]->(s:Sample) WHERE ${OFFENDING[which]}
     WITH s ORDER BY s.id
     WITH collect(s) AS offending
     RETURN size(offending) AS count,
            [s IN offending[..$limit] | {id: s.id, origin: s.origin, kind: s.kind, runId: s.generationRunId, runAligned: false,
                                         labelerKinds: [(s)<-[:LABELS]-(l:Label) | l.labelerKind]}] AS first`,
    { versionId, limit: int(limit), ...OFFENDING_PARAMS },
  );
  return row ?? { count: 0, first: [] };
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

/** The first `limit` members by id that these runs generated. */
export function generatedMembers(
  run: Run,
  versionId: string,
  runIds: readonly string[],
  limit: number,
): Promise<Array<{ id: string; origin: Origin; kind: string | null; runId: string | null }>> {
  return run(
    `MATCH (v:Entity {id: $versionId}) UNWIND $runIds AS rid MATCH (:Entity {id: rid})<-[:GENERATED_BY]-(s:Sample) WHERE (v)-[:CONTAINS]->(s)
     RETURN s.id AS id, s.origin AS origin, s.kind AS kind, rid AS runId ORDER BY id LIMIT $limit`,
    { versionId, runIds, limit: int(limit) },
  );
}

/** How many members these runs generated (an unsealed version; a sealed one stores it per run). */
export async function generatedMemberCount(run: Run, versionId: string, runIds: readonly string[]): Promise<number> {
  const [row] = await run<{ n: number }>(
    `MATCH (v:Entity {id: $versionId}) UNWIND $runIds AS rid MATCH (:Entity {id: rid})<-[:GENERATED_BY]-(s:Sample) WHERE (v)-[:CONTAINS]->(s) RETURN count(s) AS n`,
    { versionId, runIds },
  );
  return row?.n ?? 0;
}

/** The runs that generated members of a version (for unsealed versions; sealed ones store them). */
export async function memberRuns(run: Run, versionId: string): Promise<string[]> {
  const rows = await run<{ id: string }>(
    "MATCH (:Entity {id: $versionId})-[:CONTAINS]->(:Sample)-[:GENERATED_BY]->(r:GenerationRun) RETURN DISTINCT r.id AS id",
    { versionId },
  );
  return rows.map((r) => r.id);
}
