/**
 * Aggregates over a set of samples: a dataset version's members, a training run's distinct
 * training samples (what a model version was trained on), or a generation run's output.
 * The set's Cypher prefix is chosen from this fixed list, never built from input.
 */
import type { LabelRecord } from "../domain/agreement.js";
import type { KeyCount, OriginSliceDepthCount } from "../domain/composition.js";
import type { GenerationAggregate } from "../domain/diversity.js";
import type { Member } from "../domain/digest.js";
import type { Run } from "./executor.js";

export type SampleSetKind = "datasetVersion" | "trainingRun" | "modelVersion" | "generationRun";

const SET_MATCH: Record<SampleSetKind, string> = {
  datasetVersion: "MATCH (:Entity {id: $id})-[:CONTAINS]->(s:Sample)",
  trainingRun: "MATCH (:Entity {id: $id})-[:TRAINED_ON]->(:DatasetVersion)-[:CONTAINS]->(s:Sample) WITH DISTINCT s",
  modelVersion:
    "MATCH (:Entity {id: $id})-[:PRODUCED_BY]->(:TrainingRun)-[:TRAINED_ON]->(:DatasetVersion)-[:CONTAINS]->(s:Sample) WITH DISTINCT s",
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
  const byLabelerKind = await run<KeyCount>(`${match} MATCH (s)<-[:LABELS]-(l:Label) RETURN l.labelerKind AS key, count(*) AS count`, {
    id,
  });
  return { groups, byGenerator, byLabelerKind };
}

const MEMBERS = "MATCH (:Entity {id: $id})-[:CONTAINS]->(s:Sample) RETURN s.id AS id, s.contentHash AS contentHash";

/** Every member's id and content hash, for the digest. */
export function versionMembers(run: Run, versionId: string): Promise<Member[]> {
  return run(MEMBERS, { id: versionId });
}

/** The same members in the database's id order, streamed one at a time to `onMember`. */
export function eachVersionMember(run: Run, versionId: string, onMember: (m: Member) => void): Promise<void> {
  return run.each(`${MEMBERS} ORDER BY id`, { id: versionId }, onMember);
}

/**
 * The generation runs a version's samples depend on, stored when it is sealed (membership
 * is frozen then, so these lists never go stale): `runIds` generated members directly
 * (`runSampleCounts`: how many each);
 * `lineageRunIds` are every run upstream of the members through DERIVED_FROM, GENERATED_BY and
 * SEEDED_BY, plus, where a run's generator is a tracked model, that model's training lineage.
 */
export async function versionRuns(
  run: Run,
  versionId: string,
): Promise<{ runIds: string[]; runSampleCounts: Record<string, number>; lineageRunIds: string[] }> {
  const [row] = await run<{ runs: Array<{ id: string; n: number }>; direct: string[]; inherited: string[][] }>(
    `MATCH (v:Entity {id: $id})
     CALL (v) {
       MATCH (v)-[:CONTAINS]->(:Sample)-[:GENERATED_BY]->(r:GenerationRun)
       WITH r.id AS id, count(*) AS n
       RETURN collect({id: id, n: n}) AS runs
     }
     CALL (v) {
       MATCH (v)-[:CONTAINS]->(:Sample)-[:DERIVED_FROM|GENERATED_BY|SEEDED_BY*1..]->(r:GenerationRun)
       WITH DISTINCT r
       OPTIONAL MATCH (r)-[:USED_GENERATOR]->(:Generator)-[:TRAINED_AS]->(:ModelVersion)-[:PRODUCED_BY]->(:TrainingRun)-[:TRAINED_ON]->(t:DatasetVersion)
       RETURN collect(DISTINCT r.id) AS direct, collect(t.lineageRunIds) AS inherited
     }
     RETURN runs, direct, inherited`,
    { id: versionId },
  );
  if (!row) return { runIds: [], runSampleCounts: {}, lineageRunIds: [] };
  return {
    runIds: row.runs.map((r) => r.id),
    runSampleCounts: Object.fromEntries(row.runs.map((r) => [r.id, r.n])),
    lineageRunIds: [...new Set([...row.direct, ...row.inherited.flat()])],
  };
}

/** Per generation depth: samples per slice, and how many content hashes there are and how many distinct. */
export async function generationAggregates(run: Run, kind: SampleSetKind, id: string): Promise<GenerationAggregate[]> {
  const slices = await run<{ generation: number; slice: string | null; count: number }>(
    `${SET_MATCH[kind]} RETURN s.generationDepth AS generation, s.slice AS slice, count(*) AS count`,
    { id },
  );
  const hashes = await run<{ generation: number; hashed: number; distinctHashes: number }>(
    `${SET_MATCH[kind]} RETURN s.generationDepth AS generation, count(s.contentHash) AS hashed, count(DISTINCT s.contentHash) AS distinctHashes`,
    { id },
  );
  return hashes.map((h) => ({ ...h, sliceCounts: slices.filter((s) => s.generation === h.generation) }));
}

/** Every label on the version's samples. */
export function versionLabels(run: Run, versionId: string): Promise<LabelRecord[]> {
  return run<LabelRecord>(
    `MATCH (:Entity {id: $id})-[:CONTAINS]->(s:Sample)<-[:LABELS]-(l:Label)
     RETURN l.labelerId AS labelerId, s.id AS sampleId, l.value AS value, l.createdAt AS createdAt, l.auditSeq AS auditSeq`,
    { id: versionId },
  );
}
