/**
 * Value mapping at the Neo4j boundary. Integers arrive as JS numbers (the driver runs with
 * disableLosslessIntegers); temporals become ISO 8601 UTC strings with milliseconds, and go out
 * as ISO text that Cypher's datetime() reads. JS numbers go out as floats, so integer properties
 * and LIMIT/SKIP are sent as `int(n)`.
 */
import neo4j from "neo4j-driver";

export const int = (n: number) => neo4j.int(n);

export function fromNeo4j(value: unknown): unknown {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map(fromNeo4j);
  if (neo4j.isDateTime(value as never)) return (value as { toStandardDate(): Date }).toStandardDate().toISOString();
  if (neo4j.isInt(value as never)) return (value as { toNumber(): number }).toNumber();
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = fromNeo4j(v);
  return out;
}

/** JSON values are stored as their JSON text: Neo4j properties cannot hold maps. */
export const toJsonText = (value: unknown) => (value === undefined || value === null ? null : JSON.stringify(value));
export const fromJsonText = (text: unknown) => (typeof text === "string" ? (JSON.parse(text) as unknown) : null);
