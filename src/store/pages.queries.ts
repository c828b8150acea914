/**
 * Ordered pages (keyset pagination by id): `WHERE x.id > $after ORDER BY x.id LIMIT $limit`,
 * which an id index answers without sorting. The first page uses `after = ""`, smaller than
 * every id (ids have at least one character).
 */
import { propsOf, toRecord } from "./entities.queries.js";
import type { EntityRecord, SampleRecord } from "./records.js";
import type { Run } from "./executor.js";
import { int } from "./mappers.js";

export type SampleScope = { kind: "all" } | { kind: "datasetVersion"; id: string } | { kind: "generationRun"; id: string };

const SAMPLE_MATCH: Record<SampleScope["kind"], string> = {
  // the entity_id index, walked in id order, filtered to samples
  all: "MATCH (s:Entity) WHERE s:Sample",
  datasetVersion: "MATCH (:Entity {id: $scopeId})-[:CONTAINS]->(s:Sample)",
  generationRun: "MATCH (:Entity {id: $scopeId})<-[:GENERATED_BY]-(s:Sample)",
};

const scopeId = (scope: SampleScope) => (scope.kind === "all" ? null : scope.id);

export async function samplePage(
  run: Run,
  scope: SampleScope,
  origin: string | null,
  after: string,
  limit: number,
): Promise<SampleRecord[]> {
  const rows = await run<{ props: Record<string, unknown> }>(
    `${SAMPLE_MATCH[scope.kind]} ${scope.kind === "all" ? "AND" : "WHERE"} s.id > $after AND ($origin IS NULL OR s.origin = $origin)
     RETURN ${propsOf("s")} AS props ORDER BY s.id LIMIT $limit`,
    { scopeId: scopeId(scope), origin, after, limit: int(limit) },
  );
  return rows.map((r) => toRecord("Sample", r.props));
}

export async function sampleCount(run: Run, scope: SampleScope, origin: string | null): Promise<number> {
  const cypher =
    origin === null && scope.kind !== "all"
      ? // the degree of the scope node: no scan
        `MATCH (x:Entity {id: $scopeId}) RETURN COUNT { (x)${scope.kind === "datasetVersion" ? "-[:CONTAINS]->" : "<-[:GENERATED_BY]-"}() } AS n`
      : `${SAMPLE_MATCH[scope.kind]} ${scope.kind === "all" ? "AND" : "WHERE"} ($origin IS NULL OR s.origin = $origin) RETURN count(s) AS n`;
  const [row] = await run<{ n: number }>(cypher, { scopeId: scopeId(scope), origin });
  return row?.n ?? 0;
}

/** Datasets filtered by purpose, or models filtered by kind. */
export type ContainerQuery = { label: "Dataset"; purpose: string | null } | { label: "Model"; kind: string | null };

const CONTAINER_MATCH = {
  Dataset: "MATCH (x:Dataset) WHERE ($filter IS NULL OR x.purpose = $filter)",
  Model: "MATCH (x:Model) WHERE ($filter IS NULL OR x.kind = $filter)",
};

const filterOf = (q: ContainerQuery) => (q.label === "Dataset" ? q.purpose : q.kind);

export async function containerPage(run: Run, q: ContainerQuery, after: string, limit: number): Promise<EntityRecord[]> {
  const rows = await run<{ props: Record<string, unknown> }>(
    `${CONTAINER_MATCH[q.label]} AND x.id > $after RETURN ${propsOf("x")} AS props ORDER BY x.id LIMIT $limit`,
    { filter: filterOf(q), after, limit: int(limit) },
  );
  return rows.map((r) => toRecord(q.label, r.props));
}

export async function containerCount(run: Run, q: ContainerQuery): Promise<number> {
  const [row] = await run<{ n: number }>(`${CONTAINER_MATCH[q.label]} RETURN count(x) AS n`, { filter: filterOf(q) });
  return row?.n ?? 0;
}
