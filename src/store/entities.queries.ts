/** Generic entity reads and writes: UNWIND statements over allow-listed labels and property keys of the code. */
import type { Run } from "./executor.js";
import {
  INTEGER_PROPERTIES,
  JSON_PROPERTIES,
  TEMPORAL_PROPERTIES,
  label,
  relType,
  type EntityLabel,
  type RelType,
} from "./graph-schema.js";
import { fromJsonText, int, toJsonText } from "./mappers.js";
import type { EntityRecord, RecordOf } from "./records.js";

/**
 * The record of a `labelName` node from `props` as `propsOf` returns them: JSON text parsed,
 * epoch milliseconds as ISO strings. The one place stored values become records: what a label
 * stores is what its writers put there (records.ts).
 */
export function toRecord<L extends EntityLabel>(labelName: L, props: Record<string, unknown>): RecordOf<L> {
  const entity: Record<string, unknown> = { __typename: labelName };
  for (const [key, value] of Object.entries(props)) {
    if (JSON_PROPERTIES.has(key)) entity[key] = fromJsonText(value);
    else if (!TEMPORAL_PROPERTIES.has(key)) entity[key] = value;
    else if (typeof value === "number") entity[key] = new Date(value).toISOString();
  }
  return entity as unknown as RecordOf<L>;
}

/** The record of an entity just created from `row` (its complete property map in code form, as `createNodes` takes it). */
export function createdRecord<L extends EntityLabel>(labelName: L, row: Record<string, unknown>): RecordOf<L> {
  return { ...row, __typename: labelName } as RecordOf<L>;
}

/**
 * Cypher for the stored properties of entity `v`, temporals as epoch milliseconds: decoding
 * DATETIME values costs the driver far more than the rest of a row (read with `toEntity`).
 */
export const propsOf = (v: string) => `${v} {.*, ${[...TEMPORAL_PROPERTIES].map((key) => `${key}: ${v}.${key}.epochMillis`).join(", ")}}`;

const ENTITY_RETURN = `[l IN labels(n) WHERE l <> 'Entity'][0] AS label, ${propsOf("n")} AS props`;

/** The stored entities among `ids` (missing ids are absent from the map). */
export async function findEntities(run: Run, ids: readonly string[]): Promise<Map<string, EntityRecord>> {
  const rows = await run<{ label: EntityLabel; props: Record<string, unknown> }>(
    `UNWIND $ids AS id MATCH (n:Entity {id: id}) RETURN ${ENTITY_RETURN}`,
    { ids: [...new Set(ids)] },
  );
  return new Map(rows.map((r) => [String(r.props.id), toRecord(r.label, r.props)]));
}

/** The Neo4j form of one property value: JSON as text, integers typed; null for none. */
function toNeo4jValue(key: string, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (JSON_PROPERTIES.has(key)) return toJsonText(value);
  if (INTEGER_PROPERTIES.has(key)) return int(value as number);
  return value;
}

/**
 * The Neo4j form of an entity's properties; temporals stay ISO text in `times`, turned into
 * DATETIME by Cypher (far cheaper than the driver's temporal objects).
 */
function toNeo4jProps(row: Record<string, unknown>): { props: Record<string, unknown>; times: Record<string, string> } {
  const props: Record<string, unknown> = {};
  const times: Record<string, string> = {};
  for (const [key, value] of Object.entries(row)) {
    if (value === null || value === undefined) continue;
    if (TEMPORAL_PROPERTIES.has(key)) times[key] = value as string;
    else props[key] = toNeo4jValue(key, value);
  }
  return { props, times };
}

const UPDATE_TIMES = [...TEMPORAL_PROPERTIES].map((key) => `n.${key} = coalesce(datetime(row.times.${key}), n.${key})`).join(", ");

/** Property keys are field names of the code (GraphQL inputs, derived values), never data; this guards the interpolation. */
const PROPERTY_KEY = /^[A-Za-z][A-Za-z0-9]*$/;
function propertyKey(key: string): string {
  if (!PROPERTY_KEY.test(key)) throw new Error(`not a property key: ${key}`);
  return key;
}

/**
 * Creates one node per row; each row is the complete property map of a new entity in its
 * code form (the form `findEntities` returns). The rows go as one list per property
 * (`$c.<key>[i]`), not as one map per row: a third less to encode, send and decode at 10,000
 * rows. Only the keys the rows hold become columns (sorted: one statement text, one cached plan,
 * per set of keys), and only those temporal keys are converted.
 */
export async function createNodes(run: Run, entityLabel: EntityLabel, rows: ReadonlyArray<Record<string, unknown>>): Promise<void> {
  if (rows.length === 0) return;
  const keys = new Set<string>();
  for (const row of rows)
    for (const [key, value] of Object.entries(row)) if (value !== null && value !== undefined) keys.add(propertyKey(key));
  const columns: Record<string, unknown[]> = {};
  for (const key of keys) columns[key] = rows.map((row) => toNeo4jValue(key, row[key])); // temporals stay ISO text
  const props = [...keys]
    .sort()
    .map((key) => (TEMPORAL_PROPERTIES.has(key) ? `\`${key}\`: datetime($c.\`${key}\`[i])` : `\`${key}\`: $c.\`${key}\`[i]`));
  await run(`UNWIND range(0, $n - 1) AS i CREATE (:Entity:${label(entityLabel)} {${props.join(", ")}})`, {
    n: int(rows.length),
    c: columns,
  });
}

/** Sets properties (code form) on one stored entity. */
export async function setProperties(run: Run, id: string, values: Record<string, unknown>): Promise<void> {
  await run(`MATCH (n:Entity {id: $id}) WITH n, $row AS row SET n += row.props, ${UPDATE_TIMES}`, { id, row: toNeo4jProps(values) });
}

export interface RelRow {
  from: string;
  to: string;
}

/** Creates one relationship per row between existing entities (sent as two id lists, as `createNodes` sends its rows). */
export async function createRels(run: Run, type: RelType, rows: readonly RelRow[]): Promise<void> {
  if (rows.length === 0) return;
  await run(
    `UNWIND range(0, size($from) - 1) AS i MATCH (a:Entity {id: $from[i]}) MATCH (b:Entity {id: $to[i]}) CREATE (a)-[:${relType(type)}]->(b)`,
    {
      from: rows.map((r) => r.from),
      to: rows.map((r) => r.to),
    },
  );
}

/** True when the database holds no entity yet. */
export async function isEmpty(run: Run): Promise<boolean> {
  const [row] = await run<{ n: number }>("MATCH (n:Entity) WITH n LIMIT 1 RETURN count(n) AS n");
  return (row?.n ?? 0) === 0;
}
