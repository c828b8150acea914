/**
 * What readiness needs to know about a model version, each a bounded query. Training data is
 * always sealed, so its run lists are read from the versions rather than walked again.
 */
import type { Counted } from "../domain/policy-check.js";
import type { Run } from "./executor.js";
import { int } from "./mappers.js";
import { HUMAN_LABEL } from "./membership.queries.js";
import { VOCABULARY_PARAMS as V } from "./vocabulary-params.js";

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

/**
 * The distinct samples of the evaluation versions, and those not REAL or without a human label:
 * how many, and the first `limit` by id.
 */
export async function evaluationSamples(
  run: Run,
  versionIds: readonly string[],
  limit: number,
): Promise<{ total: number; issues: Counted<{ id: string; origin: string; humanLabel: boolean }> }> {
  const [row] = await run<{ total: number; issues: Counted<{ id: string; origin: string; humanLabel: boolean }> }>(
    `UNWIND $ids AS vid
     MATCH (:Entity {id: vid})-[:CONTAINS]->(s:Sample)
     WITH DISTINCT s
     WITH s, ${HUMAN_LABEL} AS humanLabel ORDER BY s.id
     WITH count(s) AS total, collect(CASE WHEN s.origin <> $real OR NOT humanLabel THEN {id: s.id, origin: s.origin, humanLabel: humanLabel} END) AS issues
     RETURN total, {count: size(issues), first: issues[..$limit]} AS issues`,
    { ids: versionIds, limit: int(limit), real: V.real, humanKinds: V.humanKinds },
  );
  return row ?? { total: 0, issues: { count: 0, first: [] } };
}

/**
 * Evaluation samples that are training samples, or seeds or DERIVED_FROM sources (at any
 * distance) of one: how many, and the first `limit` ids. The walk starts from the (small)
 * evaluation side and goes downstream: derived samples, and the output of runs the sample seeded.
 */
export async function leakedSamples(
  run: Run,
  evalVersionIds: readonly string[],
  trainingVersionIds: readonly string[],
  limit: number,
): Promise<Counted<string>> {
  const [row] = await run<Counted<string>>(
    `UNWIND $evalIds AS vid
     MATCH (:Entity {id: vid})-[:CONTAINS]->(e:Sample)
     WITH DISTINCT e
     MATCH (e)<-[:DERIVED_FROM|SEEDED_BY|GENERATED_BY*0..]-(x:Sample)
     WITH DISTINCT e, x
     WHERE EXISTS { (x)<-[:CONTAINS]-(t:DatasetVersion) WHERE t.id IN $trainIds }
     WITH DISTINCT e.id AS id ORDER BY id
     WITH collect(id) AS ids
     RETURN size(ids) AS count, ids[..$limit] AS first`,
    { evalIds: evalVersionIds, trainIds: trainingVersionIds, limit: int(limit) },
  );
  return row ?? { count: 0, first: [] };
}

/**
 * Members of `versionIds` without an origin or, generated, without a run; and runs whose
 * generator has no version. A scan of cheap predicates (a property, a degree): the API never
 * writes such data, but the graph may be edited around it. A sealed version whose stored
 * member counts show every origin and run needs no scan, so readiness leaves it out.
 */
export async function originIssues(
  run: Run,
  versionIds: readonly string[],
  runIds: readonly string[],
  limit: number,
): Promise<Counted<{ id: string; reason: string }>> {
  const [row] = await run<Counted<{ id: string; reason: string }>>(
    `CALL () {
       UNWIND $ids AS vid
       MATCH (:Entity {id: vid})-[:CONTAINS]->(s:Sample)
       WHERE s.origin IS NULL OR (s.origin <> $real AND NOT EXISTS { (s)-[:GENERATED_BY]->() })
       RETURN DISTINCT s.id AS id, CASE WHEN s.origin IS NULL THEN 'no origin' ELSE s.origin + ' without a generation run' END AS reason
       UNION
       UNWIND $runIds AS rid
       MATCH (r:Entity {id: rid})
       WHERE NOT EXISTS { (r)-[:USED_GENERATOR]->(g:Generator) WHERE g.version IS NOT NULL }
       RETURN r.id AS id, 'a run without a versioned generator' AS reason
     }
     WITH id, reason ORDER BY id
     WITH collect({id: id, reason: reason}) AS issues
     RETURN size(issues) AS count, issues[..$limit] AS first`,
    { ids: versionIds, runIds, limit: int(limit), real: V.real },
  );
  return row ?? { count: 0, first: [] };
}
