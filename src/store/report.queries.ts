/** What an auditor report lists beyond the readiness checks. */
import type { CheckKind, DatasetPurpose, GenerationPurpose, LabelerKind, ReviewDecision } from "../domain/vocabulary.js";
import type { Run } from "./executor.js";
import { fromJsonText } from "./mappers.js";
import { VOCABULARY_PARAMS as V } from "./vocabulary-params.js";

export interface ReportEvaluation {
  id: string;
  datasetVersionId: string;
  purpose: DatasetPurpose;
  /** Parsed from its stored JSON text. */
  metrics: unknown;
  total: number;
  real: number;
}

export async function reportEvaluations(run: Run, modelVersionId: string): Promise<ReportEvaluation[]> {
  const rows = await run<ReportEvaluation & { metrics: string }>(
    `MATCH (:Entity {id: $id})<-[:OF_MODEL]-(e:Evaluation)-[:ON_DATASET]->(v:DatasetVersion)
     RETURN e.id AS id, v.id AS datasetVersionId, v.purpose AS purpose, e.metrics AS metrics,
            COUNT { (v)-[:CONTAINS]->() } AS total, COUNT { (v)-[:CONTAINS]->(:Sample {origin: $real}) } AS real
     ORDER BY e.auditSeq`,
    { id: modelVersionId, real: V.real },
  );
  return rows.map((row) => ({ ...row, metrics: fromJsonText(row.metrics) }));
}

export interface ReportRun {
  id: string;
  purpose: GenerationPurpose;
  generatorId: string;
  checks: Array<{
    id: string;
    kind: CheckKind;
    metric: string;
    value: number;
    threshold: number;
    passed: boolean;
    generation: number | null;
  }>;
  reviews: Array<{ id: string; decision: ReviewDecision; reviewerId: string; reviewerKind: LabelerKind; at: string }>;
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
