/**
 * Aggregates over a set of samples: a dataset version's members, a training run's distinct
 * training samples (what a model version was trained on), or a generation run's output.
 * The set's Cypher prefix is chosen from this fixed list, never built from input.
 */
import type { LabelRecord } from "../domain/agreement.js";
import type { KeyCount, OriginSliceDepthCount } from "../domain/composition.js";
import type { GenerationAggregate } from "../domain/diversity.js";
import type { Member } from "../domain/digest.js";
import type { SliceOriginCount } from "../domain/slice-balance.js";
import type { Run } from "./executor.js";

export type SampleSetKind = "datasetVersion" | "trainingRun" | "modelVersion" | "generationRun";

/**
 * Per kind: the path from the set's node (`owner`) to each of its samples `s`, whether a sample
 * can be reached twice, and an upper bound of the set's size read from relationship degrees.
 */
const SET: Record<SampleSetKind, { path: (owner: string) => string; repeats: boolean; size: (owner: string) => string }> = {
  datasetVersion: { path: (o) => `${o}-[:CONTAINS]->(s:Sample)`, repeats: false, size: (o) => `COUNT { ${o}-[:CONTAINS]->() }` },
  trainingRun: {
    path: (o) => `${o}-[:TRAINED_ON]->(:DatasetVersion)-[:CONTAINS]->(s:Sample)`,
    repeats: true,
    size: (o) =>
      `reduce(n = 0, k IN COLLECT { MATCH ${o}-[:TRAINED_ON]->(t:DatasetVersion) RETURN COUNT { (t)-[:CONTAINS]->() } } | n + k)`,
  },
  modelVersion: {
    path: (o) => `${o}-[:PRODUCED_BY]->(:TrainingRun)-[:TRAINED_ON]->(:DatasetVersion)-[:CONTAINS]->(s:Sample)`,
    repeats: true,
    size: (o) =>
      `reduce(n = 0, k IN COLLECT { MATCH ${o}-[:PRODUCED_BY]->(:TrainingRun)-[:TRAINED_ON]->(t:DatasetVersion) RETURN COUNT { (t)-[:CONTAINS]->() } } | n + k)`,
  },
  generationRun: { path: (o) => `${o}<-[:GENERATED_BY]-(s:Sample)`, repeats: false, size: (o) => `COUNT { ${o}<-[:GENERATED_BY]-() }` },
};

const SET_MATCH = Object.fromEntries(
  Object.entries(SET).map(([kind, set]) => [kind, `MATCH ${set.path("(:Entity {id: $id})")}${set.repeats ? " WITH DISTINCT s" : ""}`]),
) as Record<SampleSetKind, string>;

/**
 * Binds `s` and `l` once for each label `l` on a (distinct) sample `s` of the set, read from
 * the smaller side: the set's members, or every label in the graph, each checked for being on
 * a member (a million-sample version whose graph holds ten thousand labels reads those). Both
 * sides bind the same pairs.
 */
export function setLabels(kind: SampleSetKind): string {
  const set = SET[kind];
  return `CALL () { MATCH (l:Label) RETURN count(l) AS labels }
     MATCH (x:Entity {id: $id})
     CALL (x, labels) {
       WITH x WHERE ${set.size("(x)")} <= labels
       MATCH ${set.path("(x)")}${set.repeats ? " WITH DISTINCT s" : ""}
       MATCH (s)<-[:LABELS]-(l:Label)
       RETURN s, l
       UNION ALL
       WITH x WHERE ${set.size("(x)")} > labels
       MATCH (l:Label)-[:LABELS]->(s:Sample) USING SCAN l:Label
       WHERE EXISTS { ${set.path("(x)")} }
       RETURN s, l
     }`;
}

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
  return { groups, byGenerator, byLabelerKind: await labelerKindCounts(run, kind, id) };
}

/** The labels on the set's samples per labeler kind. */
export function labelerKindCounts(run: Run, kind: SampleSetKind, id: string): Promise<KeyCount[]> {
  return run<KeyCount>(`${setLabels(kind)} RETURN l.labelerKind AS key, count(*) AS count`, { id });
}

/** Samples of the set per (slice, origin), counted in the database: rows grow with slices, not samples. */
export function sliceOriginCounts(run: Run, kind: SampleSetKind, id: string): Promise<SliceOriginCount[]> {
  return run<SliceOriginCount>(`${SET_MATCH[kind]} RETURN s.slice AS slice, s.origin AS origin, count(*) AS count`, { id });
}

const MEMBERS = "MATCH (:Entity {id: $id})-[:CONTAINS]->(s:Sample) RETURN s.id AS id, s.contentHash AS contentHash";

/** Every member's id and content hash, for the digest. */
export function versionMembers(run: Run, versionId: string): Promise<Member[]> {
  return run(MEMBERS, { id: versionId });
}

/** A member as sealing streams it: with the run that generated it (null for none). */
export interface StreamedMember extends Member {
  runId: string | null;
}

/** The same members in the database's id order, streamed one at a time to `onMember`. */
export function eachVersionMember(run: Run, versionId: string, onMember: (m: StreamedMember) => void): Promise<void> {
  return run.each(`${MEMBERS}, s.generationRunId AS runId ORDER BY id`, { id: versionId }, onMember);
}

/** Members of a version per origin and the run that generated them (null for none), as the lineage picture counts them. */
export interface MemberCount {
  runId: string | null;
  origin: string;
  count: number;
}

/**
 * The generation runs a version's samples depend on, stored when it is sealed (membership
 * is frozen then, so these lists never go stale): `runIds` generated members directly
 * (`runSampleCounts`: how many each; `memberCounts`: every member counted by run and origin);
 * `lineageRunIds` are every run upstream of the members through DERIVED_FROM, GENERATED_BY and
 * SEEDED_BY, plus, where a run's generator is a tracked model, that model's training lineage.
 */
export async function versionRuns(
  run: Run,
  versionId: string,
): Promise<{ runIds: string[]; runSampleCounts: Record<string, number>; memberCounts: MemberCount[]; lineageRunIds: string[] }> {
  const [row] = await run<{ members: MemberCount[]; direct: string[]; inherited: string[][] }>(
    `MATCH (v:Entity {id: $id})
     CALL (v) {
       MATCH (v)-[:CONTAINS]->(s:Sample)
       OPTIONAL MATCH (s)-[:GENERATED_BY]->(r:GenerationRun)
       WITH r.id AS runId, s.origin AS origin, count(*) AS count
       RETURN collect({runId: runId, origin: origin, count: count}) AS members
     }
     CALL (v) {
       MATCH (v)-[:CONTAINS]->(:Sample)-[:DERIVED_FROM|GENERATED_BY|SEEDED_BY*1..]->(r:GenerationRun)
       WITH DISTINCT r
       OPTIONAL MATCH (r)-[:USED_GENERATOR]->(:Generator)-[:TRAINED_AS]->(:ModelVersion)-[:PRODUCED_BY]->(:TrainingRun)-[:TRAINED_ON]->(t:DatasetVersion)
       RETURN collect(DISTINCT r.id) AS direct, collect(t.lineageRunIds) AS inherited
     }
     RETURN members, direct, inherited`,
    { id: versionId },
  );
  if (!row) return { runIds: [], runSampleCounts: {}, memberCounts: [], lineageRunIds: [] };
  const runs = new Map<string, number>();
  for (const { runId, count } of row.members) if (runId !== null) runs.set(runId, (runs.get(runId) ?? 0) + count);
  return {
    runIds: [...runs.keys()],
    runSampleCounts: Object.fromEntries(runs),
    memberCounts: row.members,
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
    `${setLabels("datasetVersion")}
     RETURN l.labelerId AS labelerId, s.id AS sampleId, l.value AS value, l.createdAt AS createdAt, l.auditSeq AS auditSeq`,
    { id: versionId },
  );
}
