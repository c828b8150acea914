/**
 * One record type per stored label: the properties each label's writers store (the entity kinds
 * of services/, the OpenLineage statements of lineage-event.queries.ts and assets.queries.ts),
 * as `toRecord` returns them: JSON parsed, temporals as ISO 8601 UTC strings. A property written
 * as null is not stored, so optional ones read back absent (and as null from a fresh write).
 * `__typename` is the label: a switch or `isRecordOf` on it narrows the union.
 */
import type { FeatureComposition } from "../domain/feature-composition.js";
import type { Composition } from "../domain/model.js";
import type { SliceOriginCount } from "../domain/slice-balance.js";
import type { MemberCount } from "./sample-sets.queries.js";
import type { AssetField } from "../domain/openlineage.js";
import type {
  AssetKind,
  CheckKind,
  DatasetPurpose,
  DeclaredOrigin,
  Enforcement,
  GenerationPurpose,
  GeneratorKind,
  LabelerKind,
  ModelKind,
  Origin,
  ReviewDecision,
  RunState,
} from "../domain/vocabulary.js";
import { isOneOf, ORIGINS } from "../domain/vocabulary.js";
import type { EntityLabel } from "./graph-schema.js";

/** What every stored entity has: its id, its position in the audit chain, its label. */
interface Stored<L extends EntityLabel> {
  __typename: L;
  id: string;
  auditSeq: number;
  inputHash?: string;
}

/** Entities written through the entity kinds also keep the hash of the input that made them (idempotence). */
interface Hashed<L extends EntityLabel> extends Stored<L> {
  inputHash: string;
}

type Optional<T> = T | null;

export interface SampleRecord extends Hashed<"Sample"> {
  origin: Origin;
  modality?: Optional<string>;
  kind?: Optional<string>;
  contentHash?: Optional<string>;
  slice?: Optional<string>;
  generationRunId?: Optional<string>;
  derivedFromIds?: Optional<string[]>;
  attributes?: unknown;
  createdAt: string;
  generationDepth: number;
}

export interface GeneratorRecord extends Hashed<"Generator"> {
  name: string;
  kind: GeneratorKind;
  version: string;
  model?: Optional<string>;
  modelVersionId?: Optional<string>;
  /** The generation depth of its model version's training data, when it is a tracked model. */
  trainedDepth?: Optional<number>;
}

export interface PromptTemplateRecord extends Hashed<"PromptTemplate"> {
  name: string;
  version: string;
  text: string;
  hash: string;
}

export interface GenerationRunRecord extends Hashed<"GenerationRun"> {
  generatorId: string;
  promptId?: Optional<string>;
  purpose: GenerationPurpose;
  seedSampleIds?: Optional<string[]>;
  parameters?: unknown;
  randomSeed?: Optional<string>;
  startedAt?: Optional<string>;
  endedAt?: Optional<string>;
  inputDepth: number;
}

export interface LabelerRecord extends Hashed<"Labeler"> {
  name: string;
  kind: LabelerKind;
  qualifications: string[];
}

export interface LabelRecord extends Hashed<"Label"> {
  sampleId: string;
  labelerId: string;
  labelerKind: LabelerKind;
  value: string;
  confidence?: Optional<number>;
  guidelineVersion?: Optional<string>;
  createdAt: string;
}

export interface DatasetRecord extends Hashed<"Dataset"> {
  name: string;
  purpose: DatasetPurpose;
  enforcement: Enforcement;
  externalRef?: Optional<string>;
  /** No input carries one; the Croissant export states it when the graph holds one. */
  license?: Optional<string>;
  createdAt: string;
}

export interface DatasetVersionRecord extends Hashed<"DatasetVersion"> {
  datasetId: string;
  version: string;
  previousVersionId?: Optional<string>;
  /** Copies of the dataset's (they never change). */
  purpose: DatasetPurpose;
  enforcement: Enforcement;
  createdAt: string;
  /** Set when sealed, with the rest below. */
  sealedAt?: Optional<string>;
  digest?: Optional<string>;
  composition?: Optional<Composition>;
  runIds?: Optional<string[]>;
  runSampleCounts?: Optional<Record<string, number>>;
  /** Members per (slice, origin), for slice balance. */
  sliceOriginCounts?: Optional<SliceOriginCount[]>;
  /** Members per (generating run, origin), for the lineage picture. */
  memberCounts?: Optional<MemberCount[]>;
  /** Per generating run, its first 100 members by id: the purpose rules list their first 100 offending members. */
  firstMembersByRun?: Optional<Record<string, string[]>>;
  lineageRunIds?: Optional<string[]>;
}

/** A sealed version: sealing stores these together (seal-version.ts), so `sealedAt` implies the rest. */
export type SealedVersionRecord = DatasetVersionRecord & { sealedAt: string; digest: string; composition: Composition };

export const isSealed = (version: DatasetVersionRecord): version is SealedVersionRecord => typeof version.sealedAt === "string";

/** Whether sealing counted every member with an origin and every generated one under the run that made it (false when it counted none). */
export const originsCounted = (version: DatasetVersionRecord): boolean =>
  version.memberCounts?.every((c) => isOneOf(ORIGINS, c.origin) && (c.origin === "REAL" || c.runId !== null)) ?? false;

export interface ModelRecord extends Hashed<"Model"> {
  name: string;
  kind: ModelKind;
}

export interface TrainingRunRecord extends Hashed<"TrainingRun"> {
  parameters?: unknown;
  trainedOnDatasetVersionIds: string[];
  trainedOnAssetIds?: Optional<string[]>;
}

export interface ModelVersionRecord extends Hashed<"ModelVersion"> {
  modelId: string;
  modelName: string;
  kind: ModelKind;
  version: string;
  trainedOnDatasetVersionIds: string[];
  trainingRunId: string;
  trainingParameters?: unknown;
  declaredSyntheticRatio?: Optional<number>;
  createdAt: string;
  recordedComposition?: Optional<Composition>;
  recordedFeatureComposition?: Optional<FeatureComposition>;
  trainedDepth: number;
}

export interface EvaluationRecord extends Hashed<"Evaluation"> {
  modelVersionId: string;
  datasetVersionId: string;
  metrics: unknown;
  createdAt: string;
}

/** Recorded through the API (with an input hash) or from an OpenLineage assertion (DATA_QUALITY, without). */
export interface ValidationCheckRecord extends Stored<"ValidationCheck"> {
  subjectId: string;
  kind: CheckKind;
  metric: string;
  value: number;
  threshold: number;
  passed: boolean;
  generation?: Optional<number>;
  createdAt: string;
}

export interface ReviewRecord extends Hashed<"Review"> {
  subjectId: string;
  reviewerId: string;
  decision: ReviewDecision;
  comment?: Optional<string>;
  at: string;
}

/** Merged from lineage events; each group of properties keeps the event time that set it (`<group>At`, ISO text). */
export interface DataAssetRecord extends Stored<"DataAsset"> {
  namespace: string;
  name: string;
  kind: AssetKind;
  kindAt?: string;
  fields?: AssetField[];
  fieldsAt?: string;
  description?: string;
  descriptionAt?: string;
  tags?: Record<string, string>;
  tagsAt?: string;
  /** FEATURE_VIEW */
  entities?: string[];
  ttlSeconds?: number;
  online?: boolean;
  viewAt?: string;
  /** FEATURE_SERVICE */
  featureViewNames?: string[];
  serviceAt?: string;
  projections?: Array<{ featureView: string; features: string[] }>;
  projectionsAt?: string;
}

export interface JobRecord extends Stored<"Job"> {
  namespace: string;
  name: string;
}

export interface JobRunRecord extends Stored<"JobRun"> {
  jobId: string;
  state?: RunState;
  stateAt?: string;
  /** The latest event time seen (ISO text). */
  lastEventAt?: string;
  startedAt?: string;
  endedAt?: string;
}

export interface LineageEventRecord extends Stored<"LineageEvent"> {
  eventType?: Optional<RunState>;
  eventTime: string;
  producer: string;
  payloadHash: string;
  /** The event as received (parsed JSON). */
  event: unknown;
}

export interface OriginDeclarationRecord extends Stored<"OriginDeclaration"> {
  origin: DeclaredOrigin;
  note?: Optional<string>;
  actor: string;
  at: string;
}

export type EntityRecord =
  | SampleRecord
  | GeneratorRecord
  | PromptTemplateRecord
  | GenerationRunRecord
  | LabelerRecord
  | LabelRecord
  | DatasetRecord
  | DatasetVersionRecord
  | ModelRecord
  | TrainingRunRecord
  | ModelVersionRecord
  | EvaluationRecord
  | ValidationCheckRecord
  | ReviewRecord
  | DataAssetRecord
  | JobRecord
  | JobRunRecord
  | LineageEventRecord
  | OriginDeclarationRecord;

/** The record of one label. */
export type RecordOf<L extends EntityLabel> = Extract<EntityRecord, { __typename: L }>;

/** Every label has its record: a label added to graph-schema.ts without one fails to compile here. */
export const EVERY_LABEL_HAS_A_RECORD = true satisfies [EntityLabel] extends [EntityRecord["__typename"]] ? true : never;

export function isRecordOf<L extends EntityLabel>(entity: EntityRecord | null | undefined, label: L): entity is RecordOf<L> {
  return entity?.__typename === label;
}

export function isRecordOfAny<L extends EntityLabel>(entity: EntityRecord | null | undefined, labels: readonly L[]): entity is RecordOf<L> {
  return entity != null && isOneOf(labels, entity.__typename);
}

/**
 * The record of `id` in `found`, which the caller has already checked is a `label` (a reference
 * validated by the write path, a lookup by label): anything else is a fault, not a refusal.
 */
export function recordOf<L extends EntityLabel>(found: ReadonlyMap<string, EntityRecord>, id: string, label: L): RecordOf<L> {
  const entity = found.get(id);
  if (!isRecordOf(entity, label)) throw new Error(`${id} was expected to be a ${label}, and is ${entity?.__typename ?? "absent"}`);
  return entity;
}
