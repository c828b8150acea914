/**
 * The lineage picture's reads (DOMAIN.md 10.4): the non-sample nodes upstream of a frontier, and
 * the samples between them counted, never listed: rows grow with runs and origins, not samples.
 */
import type { Run } from "./executor.js";

/**
 * Relationships from a node to the non-sample things it came from; besides them, a dataset
 * version comes from the assets its dataset is MATERIALIZED_AS (DOMAIN.md 9), drawn as one step.
 */
const STRUCTURE = "PRODUCED_BY|TRAINED_ON|USED_GENERATOR|USED_PROMPT|TRAINED_AS|GENERATED_BY|WRITTEN_BY|READ|IS_GENERATION";

export interface PictureNeighbour {
  from: string;
  type: string;
  id: string;
  label: string;
  /** What the picture prints: its name, version or purpose; a job run, which has none, its job's name. */
  name: string | null;
}

export function pictureNeighbours(run: Run, ids: readonly string[]): Promise<PictureNeighbour[]> {
  return run<PictureNeighbour>(
    `UNWIND $ids AS nid
     MATCH (n:Entity {id: nid})
     CALL (n) {
       MATCH (n)-[r:${STRUCTURE}]->(m:Entity) WHERE NOT m:Sample RETURN r, m
       UNION ALL
       MATCH (n:DatasetVersion)-[:VERSION_OF]->(:Dataset)-[r:MATERIALIZED_AS]->(m:DataAsset) RETURN r, m
     }
     RETURN n.id AS from, type(r) AS type, m.id AS id, [l IN labels(m) WHERE l <> 'Entity'][0] AS label, coalesce(m.name, m.version, m.purpose, head([(m)-[:RUN_OF]->(j:Job) | j.name])) AS name
     ORDER BY from, type, id`,
    { ids },
  );
}

export interface SampleCount {
  /** The node the samples feed: a dataset version (members), a run (seeds) or a sample (sources). */
  node: string;
  type: string;
  /** For members: the run that generated them (null for REAL). */
  runId: string | null;
  origin: string;
  count: number;
}

export function pictureSampleCounts(run: Run, ids: readonly string[]): Promise<SampleCount[]> {
  return run<SampleCount>(
    `UNWIND $ids AS nid
     MATCH (n:Entity {id: nid})-[r:CONTAINS|SEEDED_BY|DERIVED_FROM]->(s:Sample)
     OPTIONAL MATCH (s)-[:GENERATED_BY]->(g:GenerationRun) WHERE type(r) = 'CONTAINS'
     RETURN n.id AS node, type(r) AS type, g.id AS runId, s.origin AS origin, count(*) AS count`,
    { ids },
  );
}
