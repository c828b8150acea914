/** Generic entity reads and writes: fixed-shape UNWIND statements over allow-listed labels. */
import type { Run } from "./executor.js";
import { INTEGER_PROPERTIES, JSON_PROPERTIES, TEMPORAL_PROPERTIES, label, relType, type EntityLabel, type RelType } from "./graph-schema.js";
import { fromJsonText, int, toJsonText } from "./mappers.js";

/** A stored entity as the rest of the code sees it: its properties, JSON parsed, and its type. */
export type Entity = Record<string, unknown> & { id: string; __typename: EntityLabel };

/** `props` as `propsOf` returns them: JSON text parsed, epoch milliseconds as ISO strings. */
export function toEntity(labelName: string, props: Record<string, unknown>): Entity {
  const entity: Record<string, unknown> = { __typename: labelName };
  for (const [key, value] of Object.entries(props)) {
    if (JSON_PROPERTIES.has(key)) entity[key] = fromJsonText(value);
    else if (!TEMPORAL_PROPERTIES.has(key)) entity[key] = value;
    else if (value !== null) entity[key] = new Date(value as number).toISOString();
  }
  return entity as Entity;
}

/**
 * Cypher for the stored properties of entity `v`, temporals as epoch milliseconds: decoding
 * DATETIME values costs the driver far more than the rest of a row (read with `toEntity`).
 */
export const propsOf = (v: string) => `${v} {.*, ${[...TEMPORAL_PROPERTIES].map((key) => `${key}: ${v}.${key}.epochMillis`).join(", ")}}`;

const ENTITY_RETURN = `[l IN labels(n) WHERE l <> 'Entity'][0] AS label, ${propsOf("n")} AS props`;

/** The stored entities among `ids` (missing ids are absent from the map). */
export async function findEntities(run: Run, ids: readonly string[]): Promise<Map<string, Entity>> {
  const rows = await run<{ label: string; props: Record<string, unknown> }>(
    `UNWIND $ids AS id MATCH (n:Entity {id: id}) RETURN ${ENTITY_RETURN}`,
    { ids: [...new Set(ids)] },
  );
  return new Map(rows.map((r) => [r.props.id as string, toEntity(r.label, r.props)]));
}

/**
 * The Neo4j form of an entity's properties: JSON as text, integers typed; temporals stay ISO
 * text in `times`, turned into DATETIME by Cypher (far cheaper than the driver's temporal objects).
 */
function toNeo4jProps(row: Record<string, unknown>): { props: Record<string, unknown>; times: Record<string, string> } {
  const props: Record<string, unknown> = {};
  const times: Record<string, string> = {};
  for (const [key, value] of Object.entries(row)) {
    if (value === null || value === undefined) continue;
    if (JSON_PROPERTIES.has(key)) props[key] = toJsonText(value);
    else if (TEMPORAL_PROPERTIES.has(key)) times[key] = value as string;
    else if (INTEGER_PROPERTIES.has(key)) props[key] = int(value as number);
    else props[key] = value;
  }
  return { props, times };
}

/** SET clauses turning `row.times.<key>` into DATETIME properties, for the allow-listed `keys`; datetime(null) is null. */
const setTimes = (keys: Iterable<string>, keep: boolean) =>
  [...keys].filter((key) => TEMPORAL_PROPERTIES.has(key)).map((key) => (keep ? `n.${key} = coalesce(datetime(row.times.${key}), n.${key})` : `n.${key} = datetime(row.times.${key})`));
const UPDATE_TIMES = setTimes(TEMPORAL_PROPERTIES, true).join(", ");

/**
 * Creates one node per row; each row is the complete property map of a new entity in its
 * code form (the form `findEntities` returns). Only the temporal keys the rows hold are
 * converted: a conversion per row and key is a measurable share of a 10,000-row batch.
 */
export async function createNodes(run: Run, entityLabel: EntityLabel, rows: ReadonlyArray<Record<string, unknown>>): Promise<void> {
  if (rows.length === 0) return;
  const stored = rows.map(toNeo4jProps);
  const times = setTimes(new Set(stored.flatMap((row) => Object.keys(row.times))), false);
  await run(`UNWIND $rows AS row CREATE (n:Entity:${label(entityLabel)}) SET ${["n = row.props", ...times].join(", ")}`, { rows: stored });
}

/** Sets properties (code form) on one stored entity. */
export async function setProperties(run: Run, id: string, values: Record<string, unknown>): Promise<void> {
  await run(`MATCH (n:Entity {id: $id}) WITH n, $row AS row SET n += row.props, ${UPDATE_TIMES}`, { id, row: toNeo4jProps(values) });
}

export interface RelRow {
  from: string;
  to: string;
}

/** Creates one relationship per row between existing entities. */
export async function createRels(run: Run, type: RelType, rows: readonly RelRow[]): Promise<void> {
  if (rows.length === 0) return;
  await run(
    `UNWIND $rows AS row MATCH (a:Entity {id: row.from}) MATCH (b:Entity {id: row.to}) CREATE (a)-[:${relType(type)}]->(b)`,
    { rows },
  );
}

/** True when the database holds no entity yet. */
export async function isEmpty(run: Run): Promise<boolean> {
  const [row] = await run<{ n: number }>("MATCH (n:Entity) WITH n LIMIT 1 RETURN count(n) AS n");
  return (row?.n ?? 0) === 0;
}
