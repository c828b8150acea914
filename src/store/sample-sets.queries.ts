/**
 * Aggregates over a set of samples: a dataset version's members, a training run's distinct
 * training samples (what a model version was trained on), or a generation run's output.
 * The set's Cypher prefix is chosen from this fixed list, never built from input.
 */
import type { KeyCount, OriginSliceDepthCount } from "../domain/composition.js";
import type { Run } from "./executor.js";

export type SampleSetKind = "datasetVersion" | "trainingRun" | "modelVersion" | "generationRun";

const SET_MATCH: Record<SampleSetKind, string> = {
  datasetVersion: "MATCH (:Entity {id: $id})-[:CONTAINS]->(s:Sample)",
  trainingRun: "MATCH (:Entity {id: $id})-[:TRAINED_ON]->(:DatasetVersion)-[:CONTAINS]->(s:Sample) WITH DISTINCT s",
  modelVersion: "MATCH (:Entity {id: $id})-[:PRODUCED_BY]->(:TrainingRun)-[:TRAINED_ON]->(:DatasetVersion)-[:CONTAINS]->(s:Sample) WITH DISTINCT s",
  generationRun: "MATCH (:Entity {id: $id})<-[:GENERATED_BY]-(s:Sample)",
};

export interface SetAggregates {
  groups: OriginSliceDepthCount[];
  byGenerator: KeyCount[];
  byLabelerKind: KeyCount[];
}

export async function setAggregates(run: Run, kind: SampleSetKind, id: string): Promise<SetAggregates> {
  const match = SET_MATCH[kind];
  const groups = await run<OriginSliceDepthCount>(
    `${match} RETURN s.origin AS origin, s.slice AS slice, s.generationDepth AS depth, count(*) AS count`,
    { id },
  );
  const byGenerator = await run<KeyCount>(
    `${match} MATCH (s)-[:GENERATED_BY]->(r:GenerationRun) RETURN r.generatorId AS key, count(*) AS count`,
    { id },
  );
  const byLabelerKind = await run<KeyCount>(
    `${match} MATCH (s)<-[:LABELS]-(l:Label) RETURN l.labelerKind AS key, count(*) AS count`,
    { id },
  );
  return { groups, byGenerator, byLabelerKind };
}

/** Every member's id and content hash, for the digest. */
export function versionMembers(run: Run, versionId: string): Promise<Array<{ id: string; contentHash: string | null }>> {
  return run("MATCH (:Entity {id: $id})-[:CONTAINS]->(s:Sample) RETURN s.id AS id, s.contentHash AS contentHash", { id: versionId });
}
