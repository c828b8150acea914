/** What an auditor report lists beyond the readiness checks. */
import type { Run } from "./executor.js";
import { VOCABULARY_PARAMS as V } from "./vocabulary-params.js";

export interface ReportEvaluation {
  id: string;
  datasetVersionId: string;
  purpose: string;
  metrics: string;
  total: number;
  real: number;
}

export function reportEvaluations(run: Run, modelVersionId: string): Promise<ReportEvaluation[]> {
  return run<ReportEvaluation>(
    `MATCH (:Entity {id: $id})<-[:OF_MODEL]-(e:Evaluation)-[:ON_DATASET]->(v:DatasetVersion)
     RETURN e.id AS id, v.id AS datasetVersionId, v.purpose AS purpose, e.metrics AS metrics,
            COUNT { (v)-[:CONTAINS]->() } AS total, COUNT { (v)-[:CONTAINS]->(:Sample {origin: $real}) } AS real
     ORDER BY e.auditSeq`,
    { id: modelVersionId, real: V.real },
  );
}

export interface ReportRun {
  id: string;
  purpose: string;
  generatorId: string;
  checks: Array<{ id: string; kind: string; metric: string; value: number; threshold: number; passed: boolean; generation: number | null }>;
  reviews: Array<{ id: string; decision: string; reviewerId: string; reviewerKind: string; at: string }>;
}

export function reportRuns(run: Run, runIds: readonly string[]): Promise<ReportRun[]> {
  return run<ReportRun>(
    `UNWIND $ids AS rid
     MATCH (r:Entity:GenerationRun {id: rid})
     RETURN r.id AS id, r.purpose AS purpose, r.generatorId AS generatorId,
            [(r)<-[:CHECKS]-(c:ValidationCheck) | c {.id, .kind, .metric, .value, .threshold, .passed, .generation}] AS checks,
            [(r)<-[:REVIEWS]-(v:Review)-[:BY]->(l:Labeler) | {id: v.id, decision: v.decision, reviewerId: l.id, reviewerKind: l.kind, at: v.at}] AS reviews
     ORDER BY id`,
    { ids: runIds },
  );
}
