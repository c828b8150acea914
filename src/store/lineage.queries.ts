/**
 * The queries of a lineage walk. A level is every relationship from the frontier in the walk's
 * direction, with the node at its other end, cut at `rows` inside the query; the first query
 * reads the root and the first levels at once (a walk of a few small levels is one round trip).
 *
 * Data flows (DOMAIN.md 8) Generator -> GenerationRun -> Sample -> DatasetVersion ->
 * TrainingRun -> ModelVersion (-> Generator), Sample -> Sample (DERIVED_FROM, SEEDED_BY),
 * PromptTemplate -> GenerationRun, Labeler -> Label -> Sample, ModelVersion -> Evaluation,
 * ValidationCheck / Review -> subject; and for data assets (DOMAIN.md 9) run inputs -> JobRun ->
 * outputs, GenerationRun -> the JobRun that IS_GENERATION of it, asset -> the dataset versions
 * of a dataset materialised as it, parent run -> child run. Most relationships point against the flow (newer thing
 * to what it came from), so UPSTREAM follows them outgoing; LABELS, CHECKS and REVIEWS point
 * with it. Containers (Dataset, Model) are reached only as VERSION_OF targets.
 */
import type { Run } from "./executor.js";
import { int } from "./mappers.js";

export type Direction = "UPSTREAM" | "DOWNSTREAM";

const AGAINST_FLOW =
  "GENERATED_BY|DERIVED_FROM|USED_GENERATOR|USED_PROMPT|SEEDED_BY|TRAINED_AS|LABELED_BY|CONTAINS|PRODUCED_BY|TRAINED_ON|OF_MODEL|READ|WRITTEN_BY|CHILD_OF|IS_GENERATION";
const WITH_FLOW = "LABELS|CHECKS|REVIEWS";

/**
 * An asset flows into the versions of a dataset MATERIALIZED_AS it (DOMAIN.md 9), through the
 * dataset, a container the walk does not expand: one step from version to asset (reported as a
 * MATERIALIZED_AS edge from the version), and back.
 */
const STEP: Record<Direction, { out: string; in: string; hop: string; hopFrom: (v: string) => string }> = {
  UPSTREAM: {
    out: `${AGAINST_FLOW}|VERSION_OF`,
    in: WITH_FLOW,
    hop: "MATCH (n:DatasetVersion)-[:VERSION_OF]->(:Dataset)-[r:MATERIALIZED_AS]->(m:Entity) RETURN r, m, true AS out",
    hopFrom: (v) => `EXISTS { (${v}:DatasetVersion)-[:VERSION_OF]->(:Dataset)-[:MATERIALIZED_AS]->() }`,
  },
  DOWNSTREAM: {
    out: `${WITH_FLOW}|VERSION_OF`,
    in: AGAINST_FLOW,
    hop: "MATCH (n:DataAsset)<-[r:MATERIALIZED_AS]-(:Dataset)<-[:VERSION_OF]-(m:Entity) RETURN r, m, false AS out",
    hopFrom: (v) => `EXISTS { (${v}:DataAsset)<-[:MATERIALIZED_AS]-(:Dataset) }`,
  },
};

export interface StepRow {
  /** The frontier node the relationship was followed from. */
  source: string;
  /** True when the relationship points from `source` to the reached node. */
  out: boolean;
  type: string;
  id: string;
  label: string;
  props: WalkProps;
  /** Whether the walk can go on from the reached node: not a container, and it has a relationship to follow. */
  onward: boolean;
}

type Step = (typeof STEP)[Direction];

const NODE = (v: string) => `[l IN labels(${v}) WHERE l <> 'Entity'][0]`;
/**
 * The properties a walk reads of a node, sent as a list in this order and made a map here: the
 * driver builds a map value far slower than a list, and a big level is a row per node.
 */
const PROP_KEYS = ["name", "version", "kind", "slice", "purpose", "value", "metric", "decision", "origin"] as const;
/** The text properties a walk reads of a node (each absent from some labels: null). */
export type WalkProps = { readonly [K in (typeof PROP_KEYS)[number]]: string | null };
const PROPS = (v: string) => `[${PROP_KEYS.map((key) => `${v}.${key}`).join(", ")}]`;
function propsOf(values: readonly unknown[]): WalkProps {
  const props: Record<string, string | null> = {};
  PROP_KEYS.forEach((key, i) => (props[key] = typeof values[i] === "string" ? values[i] : null));
  return props as WalkProps;
}
/** A row as the database sends it: `props` as PROPS lists them. */
type SentRow<T extends { props: WalkProps }> = Omit<T, "props"> & { props: unknown[] };
const received = <T extends { props: WalkProps }>(row: SentRow<T>): T => ({ ...row, props: propsOf(row.props) }) as T;
const ONWARD = (v: string, step: Step) =>
  `(NOT (${v}:Dataset OR ${v}:Model) AND (EXISTS { (${v})-[:${step.out}]->() } OR EXISTS { (${v})<-[:${step.in}]-() } OR ${step.hopFrom(v)}))`;

/** The relationships to follow from `n`, with the node `m` at their other end. */
const NEIGHBOURS = (step: Step) => `(n) {
       MATCH (n)-[r:${step.out}]->(m:Entity) RETURN r, m, true AS out
       UNION ALL
       MATCH (n)<-[r:${step.in}]-(m:Entity) RETURN r, m, false AS out
       UNION ALL
       ${step.hop}
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

/**
 * Rows per record of a big level: a record costs the driver several times what a value in it
 * does, and a record of many Bolt chunks decodes slower than its size (README, Benchmarks).
 */
const ROWS_PER_RECORD = 50;

/** One level from `frontier`, cut at `rows` rows inside the query; its rows sent as lists, ROWS_PER_RECORD a record. */
export async function lineageStep(run: Run, direction: Direction, frontier: readonly string[], rows: number): Promise<StepRow[]> {
  const step = STEP[direction];
  const sent = await run<{ rows: unknown[][] }>(
    `UNWIND $frontier AS fid
     MATCH (n:Entity {id: fid})
     CALL ${NEIGHBOURS(step)}
     WITH n, r, m, out LIMIT $rows
     WITH collect([${ROW(step)
       .map(([, expr]) => expr)
       .join(", ")}]) AS found
     UNWIND range(0, size(found) - 1, $perRecord) AS i
     RETURN found[i..i + $perRecord] AS rows`,
    { frontier, rows: int(rows), perRecord: int(ROWS_PER_RECORD) },
  );
  return sent.flatMap((record) => record.rows.map(stepRow));
}

/** A row sent as a list, in ROW's order. */
function stepRow(values: unknown[]): StepRow {
  const [source, out, type, id, label, props, onward] = values as [string, boolean, string, string, string, unknown[], boolean];
  return { source, out, type, id, label, props: propsOf(props), onward };
}

/**
 * A walk's first query reads the root and up to this many levels. Two cover a typical sample
 * (its run and generator, or its source and the source's source); a folded level costs even
 * when it is empty, a further query costs a round trip (figures: README, Benchmarks).
 */
export const FOLDED_LEVELS = 2;
/**
 * The first query cuts each level at this many rows and goes deeper only after a level that
 * came back whole: it is for small walks (telling new nodes from seen ones in Cypher costs their
 * product), and a big level is better asked alone, its rows streamed.
 */
export const FOLDED_ROWS = 100;

export interface Walk {
  root: { label: string; props: WalkProps };
  /**
   * `levels[k - 1]`: every relationship followed at level k from the nodes first reached at
   * level k - 1 (the root for level 1) that are not containers, cut at `rows`. A level is
   * present only when every level before it came back whole (fewer than `rows` rows); the walk
   * asks lineageStep for the rest. A row's `onward` is whether it is not a container, except at
   * level `levels` when `more`: there it is ONWARD.
   */
  levels: StepRow[][];
}

/**
 * The root and the first `levels` levels of a walk in one query, as a breadth-first walk does
 * them (a level expands only the nodes it first reached, so distances are the shortest); null
 * when `rootId` names nothing. A container root expands nothing. `more`: the walk may go on
 * after `levels`, so the last level's rows say ONWARD. The rows come back one record each, the
 * root's first: the driver decodes a record that spans many Bolt chunks in quadratic time.
 */
export async function lineageWalk(
  run: Run,
  direction: Direction,
  rootId: string,
  levels: number,
  more: boolean,
  rows: number,
): Promise<Walk | null> {
  const step = STEP[direction];
  const row = (level: number) =>
    ROW(step)
      .map(([key, expr]) => `${key}: ${key === "onward" && !(more && level === levels) ? "NOT (m:Dataset OR m:Model)" : expr}`)
      .join(", ");
  const level = (k: number) => `
     CALL (frontier) {
       UNWIND frontier AS n
       CALL ${NEIGHBOURS(step)}
       WITH n, r, m, out LIMIT $rows
       RETURN collect({${row(k)}}) AS rows, collect(DISTINCT m) AS reached
     }
     WITH root, seen, CASE WHEN folding THEN levels + [rows] ELSE levels END AS levels, folding AND size(rows) < $rows AS folding, reached
     WITH root, levels, folding, seen, CASE WHEN folding THEN [x IN reached WHERE NOT x IN seen] ELSE [] END AS fresh
     WITH root, levels, folding, seen + fresh AS seen, [x IN fresh WHERE NOT (x:Dataset OR x:Model)] AS frontier`;
  const found = await run<{ level: number; folded: number; row: SentRow<StepRow> }>(
    `MATCH (root:Entity {id: $rootId})
     WITH root, [root] AS seen, CASE WHEN root:Dataset OR root:Model THEN [] ELSE [root] END AS frontier, [] AS levels, true AS folding
     ${Array.from({ length: levels }, (_, k) => level(k + 1)).join("")}
     UNWIND range(0, size(levels)) AS level
     UNWIND CASE level WHEN 0 THEN [{label: ${NODE("root")}, props: ${PROPS("root")}}] ELSE levels[level - 1] END AS row
     RETURN level, size(levels) AS folded, row`,
    { rootId, rows: int(rows) },
  );
  if (found.length === 0) return null;
  const walk: Walk = { root: received(found[0]!.row), levels: Array.from({ length: found[0]!.folded }, () => []) };
  for (const { level, row } of found.slice(1)) walk.levels[level - 1]!.push(received(row));
  return walk;
}
