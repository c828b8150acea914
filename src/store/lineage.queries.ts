/**
 * One level of a lineage walk: every relationship from the frontier in the walk's direction,
 * with the node at its other end, streamed and cut at `rows` inside the query.
 *
 * Data flows (DOMAIN.md 8) Generator -> GenerationRun -> Sample -> DatasetVersion ->
 * TrainingRun -> ModelVersion (-> Generator), Sample -> Sample (DERIVED_FROM, SEEDED_BY),
 * PromptTemplate -> GenerationRun, Labeler -> Label -> Sample, ModelVersion -> Evaluation,
 * ValidationCheck / Review -> subject. Most relationships point against the flow (newer thing
 * to what it came from), so UPSTREAM follows them outgoing; LABELS, CHECKS and REVIEWS point
 * with it. Containers (Dataset, Model) are reached only as VERSION_OF targets.
 */
import type { Run } from "./executor.js";
import { int } from "./mappers.js";

export type Direction = "UPSTREAM" | "DOWNSTREAM";

const AGAINST_FLOW = "GENERATED_BY|DERIVED_FROM|USED_GENERATOR|USED_PROMPT|SEEDED_BY|TRAINED_AS|LABELED_BY|CONTAINS|PRODUCED_BY|TRAINED_ON|OF_MODEL";
const WITH_FLOW = "LABELS|CHECKS|REVIEWS";

const STEP: Record<Direction, { out: string; in: string }> = {
  UPSTREAM: { out: `${AGAINST_FLOW}|VERSION_OF`, in: WITH_FLOW },
  DOWNSTREAM: { out: `${WITH_FLOW}|VERSION_OF`, in: AGAINST_FLOW },
};

export interface StepRow {
  /** The frontier node the relationship was followed from. */
  source: string;
  /** True when the relationship points from `source` to the reached node. */
  out: boolean;
  type: string;
  id: string;
  label: string;
  props: Record<string, unknown>;
}

export function lineageStep(run: Run, direction: Direction, frontier: readonly string[], rows: number): Promise<StepRow[]> {
  const step = STEP[direction];
  return run<StepRow>(
    `UNWIND $frontier AS fid
     MATCH (n:Entity {id: fid})
     CALL (n) {
       MATCH (n)-[r:${step.out}]->(m:Entity) RETURN r, m, true AS out
       UNION ALL
       MATCH (n)<-[r:${step.in}]-(m:Entity) RETURN r, m, false AS out
     }
     RETURN fid AS source, out, type(r) AS type, m.id AS id, [l IN labels(m) WHERE l <> 'Entity'][0] AS label,
            m {.name, .version, .kind, .slice, .purpose, .value, .metric, .decision, .origin} AS props
     LIMIT $rows`,
    { frontier, rows: int(rows) },
  );
}
