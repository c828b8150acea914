/**
 * The allow-list of node labels and relationship types (DOMAIN.md 1). Cypher text interpolates
 * only these constants, never input. Every entity node also carries `:Entity`, whose `id`
 * uniqueness constraint makes ids unique across all types.
 */
import { isOneOf } from "../domain/vocabulary.js";

const ENTITY_LABELS = [
  "Sample",
  "Generator",
  "PromptTemplate",
  "GenerationRun",
  "Labeler",
  "Label",
  "Dataset",
  "DatasetVersion",
  "Model",
  "ModelVersion",
  "TrainingRun",
  "Evaluation",
  "ValidationCheck",
  "Review",
  // DOMAIN.md 9: what pipelines report through OpenLineage
  "DataAsset",
  "Job",
  "JobRun",
  "LineageEvent",
  "OriginDeclaration",
] as const;
export type EntityLabel = (typeof ENTITY_LABELS)[number];

const REL_TYPES = [
  "GENERATED_BY",
  "DERIVED_FROM",
  "USED_GENERATOR",
  "USED_PROMPT",
  "SEEDED_BY",
  "TRAINED_AS",
  "LABELS",
  "LABELED_BY",
  "VERSION_OF",
  "PREVIOUS",
  "CONTAINS",
  "PRODUCED_BY",
  "TRAINED_ON",
  "OF_MODEL",
  "ON_DATASET",
  "CHECKS",
  "REVIEWS",
  "BY",
  "RUN_OF",
  "CHILD_OF",
  "READ",
  "WRITTEN_BY",
  "ABOUT",
  "MATERIALIZED_AS",
  "IS_GENERATION",
  "DECLARED",
] as const;
export type RelType = (typeof REL_TYPES)[number];

/** Guards the interpolation points: a value that is not on the list never reaches Cypher. */
export function label(name: EntityLabel): EntityLabel {
  if (!isOneOf(ENTITY_LABELS, name)) throw new Error(`not an entity label: ${name}`);
  return name;
}

export function relType(name: RelType): RelType {
  if (!isOneOf(REL_TYPES, name)) throw new Error(`not a relationship type: ${name}`);
  return name;
}

/** Stored properties holding JSON text (Neo4j properties cannot hold maps). */
export const JSON_PROPERTIES: ReadonlySet<string> = new Set([
  "attributes",
  "parameters",
  "metrics",
  "trainingParameters",
  "composition",
  "recordedComposition",
  "runSampleCounts",
  "memberCounts",
  "firstMembersByRun",
  "sliceOriginCounts",
  "fields",
  "tags",
  "entities",
  "featureViewNames",
  "projections",
  "event",
  "trainedOnAssetIds",
  "recordedFeatureComposition",
]);

/** Stored properties holding a Neo4j DATETIME (ISO strings in the code). */
export const TEMPORAL_PROPERTIES: ReadonlySet<string> = new Set(["createdAt", "startedAt", "endedAt", "at", "sealedAt", "eventTime"]);

/** Stored properties holding a Neo4j INTEGER (JS numbers are sent as floats otherwise). */
export const INTEGER_PROPERTIES: ReadonlySet<string> = new Set(["generationDepth", "inputDepth", "trainedDepth", "auditSeq", "generation"]);
