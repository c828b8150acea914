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
  /** Whether the walk can go on from the reached node: not a container, and it has a relationship to follow. */
  onward: boolean;
}

type Step = (typeof STEP)[Direction];

const NODE = (v: string) => `[l IN labels(${v}) WHERE l <> 'Entity'][0]`;
const PROPS = (v: string) => `${v} {.name, .version, .kind, .slice, .purpose, .value, .metric, .decision, .origin}`;
const ONWARD = (v: string, step: Step) => `(NOT (${v}:Dataset OR ${v}:Model) AND (EXISTS { (${v})-[:${step.out}]->() } OR EXISTS { (${v})<-[:${step.in}]-() }))`;

/** The relationships to follow from `n`, with the node `m` at their other end. */
const NEIGHBOURS = (step: Step) => `(n) {
       MATCH (n)-[r:${step.out}]->(m:Entity) RETURN r, m, true AS out
       UNION ALL
       MATCH (n)<-[r:${step.in}]-(m:Entity) RETURN r, m, false AS out
     }`;

/** The columns of a StepRow, as [key, Cypher expression]. */
const ROW = (step: Step) => [
  ["source", "n.id"],
  ["out", "out"],
  ["type", "type(r)"],
  ["id", "m.id"],
  ["label", NODE("m")],
  ["props", PROPS("m")],
  ["onward", ONWARD("m", step)],
];

/** One level from `frontier`, cut at `rows` rows inside the query. */
export function lineageStep(run: Run, direction: Direction, frontier: readonly string[], rows: number): Promise<StepRow[]> {
  const step = STEP[direction];
  return run<StepRow>(
    `UNWIND $frontier AS fid
     MATCH (n:Entity {id: fid})
     CALL ${NEIGHBOURS(step)}
     RETURN ${ROW(step).map(([key, expr]) => `${expr} AS ${key}`).join(", ")}
     LIMIT $rows`,
    { frontier, rows: int(rows) },
  );
}

export interface FirstStep {
  root: { label: string; props: Record<string, unknown>; onward: boolean };
  rows: StepRow[];
}

/** The root itself and the first level from it, in one query; null when `rootId` names nothing. */
export async function lineageFirstStep(run: Run, direction: Direction, rootId: string, rows: number): Promise<FirstStep | null> {
  const step = STEP[direction];
  const [found] = await run<FirstStep["root"] & { rows: StepRow[] }>(
    `MATCH (n:Entity {id: $rootId})
     OPTIONAL CALL ${NEIGHBOURS(step)}
     WITH n, r, m, out LIMIT $rows
     RETURN ${NODE("n")} AS label, ${PROPS("n")} AS props, ${ONWARD("n", step)} AS onward,
            collect(CASE WHEN m IS NOT NULL THEN {${ROW(step).map(([key, expr]) => `${key}: ${expr}`).join(", ")}} END) AS rows`,
    { rootId, rows: int(rows) },
  );
  if (!found) return null;
  const { rows: reached, ...root } = found;
  return { root, rows: reached };
}
