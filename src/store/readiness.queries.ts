/**
 * What readiness needs to know about a model version, each a bounded query. Training data is
 * always sealed, so its run lists are read from the versions rather than walked again.
 */
import type { Run } from "./executor.js";

const HUMAN_LABEL = "EXISTS { (s)<-[:LABELS]-(l:Label) WHERE l.labelerKind IN ['HUMAN_EXPERT', 'HUMAN_CROWD'] }";

export interface EvaluationFacts {
  evaluations: number;
  versions: Array<{ id: string; purpose: string }>;
}

export async function evaluationsOf(run: Run, modelVersionId: string): Promise<EvaluationFacts> {
  const [row] = await run<EvaluationFacts>(
    `MATCH (m:Entity {id: $id})
     OPTIONAL MATCH (m)<-[:OF_MODEL]-(e:Evaluation)-[:ON_DATASET]->(v:DatasetVersion)
     WITH count(e) AS evaluations, collect(DISTINCT {id: v.id, purpose: v.purpose}) AS versions
     RETURN evaluations, [x IN versions WHERE x.id IS NOT NULL] AS versions`,
    { id: modelVersionId },
  );
  return row!;
}

/** The distinct samples of the evaluation versions, and those not REAL or without a human label. */
export async function evaluationSamples(run: Run, versionIds: readonly string[]) {
  const [row] = await run<{ total: number; issues: Array<{ id: string; origin: string; humanLabel: boolean }> }>(
    `UNWIND $ids AS vid
     MATCH (:Entity {id: vid})-[:CONTAINS]->(s:Sample)
     WITH DISTINCT s
     WITH s, ${HUMAN_LABEL} AS humanLabel
     RETURN count(s) AS total,
            collect(CASE WHEN s.origin <> 'REAL' OR NOT humanLabel THEN {id: s.id, origin: s.origin, humanLabel: humanLabel} END) AS issues`,
    { ids: versionIds },
  );
  return row ?? { total: 0, issues: [] };
}

/**
 * Evaluation samples that are training samples, or seeds or DERIVED_FROM sources (at any
 * distance) of one. The walk starts from the (small) evaluation side and goes downstream:
 * derived samples, and the output of runs the sample seeded.
 */
export async function leakedSamples(run: Run, evalVersionIds: readonly string[], trainingVersionIds: readonly string[]): Promise<string[]> {
  const rows = await run<{ id: string }>(
    `UNWIND $evalIds AS vid
     MATCH (:Entity {id: vid})-[:CONTAINS]->(e:Sample)
     WITH DISTINCT e
     MATCH (e)<-[:DERIVED_FROM|SEEDED_BY|GENERATED_BY*0..]-(x:Sample)
     WITH DISTINCT e, x
     WHERE EXISTS { (x)<-[:CONTAINS]-(t:DatasetVersion) WHERE t.id IN $trainIds }
     RETURN DISTINCT e.id AS id ORDER BY id`,
    { evalIds: evalVersionIds, trainIds: trainingVersionIds },
  );
  return rows.map((r) => r.id);
}

/**
 * Training samples without an origin or, generated, without a run; and runs whose generator has
 * no version. A scan of cheap predicates (a property, a degree): the API never writes such
 * data, but the graph may be edited around it.
 */
export function originIssues(
  run: Run,
  versionIds: readonly string[],
  runIds: readonly string[],
): Promise<Array<{ id: string; reason: string }>> {
  return run(
    `CALL () {
       UNWIND $ids AS vid
       MATCH (:Entity {id: vid})-[:CONTAINS]->(s:Sample)
       WHERE s.origin IS NULL OR (s.origin <> 'REAL' AND NOT EXISTS { (s)-[:GENERATED_BY]->() })
       RETURN DISTINCT s.id AS id, CASE WHEN s.origin IS NULL THEN 'no origin' ELSE s.origin + ' without a generation run' END AS reason
       UNION
       UNWIND $runIds AS rid
       MATCH (r:Entity {id: rid})
       WHERE NOT EXISTS { (r)-[:USED_GENERATOR]->(g:Generator) WHERE g.version IS NOT NULL }
       RETURN r.id AS id, 'a run without a versioned generator' AS reason
     }
     RETURN id, reason`,
    { ids: versionIds, runIds },
  );
}
