/**
 * The domain vocabulary, defined once: every layer takes its values from here (the GraphQL
 * enums of api/enums.ts are checked against these lists; Cypher receives them as parameters).
 */
export const ORIGINS = ["REAL", "SYNTHETIC", "AUGMENTED"] as const;
export const GENERATOR_KINDS = ["LLM", "SIMULATOR", "RULE_BASED", "GAN_DIFFUSION", "OTHER"] as const;
export const LABELER_KINDS = ["HUMAN_EXPERT", "HUMAN_CROWD", "LLM", "PROGRAMMATIC"] as const;
export const DATASET_PURPOSES = ["PRETRAINING", "FINE_TUNING", "TRAINING", "EVALUATION", "HOLDOUT", "RAG_CORPUS", "LOAD_TEST"] as const;
export const ENFORCEMENTS = ["AUDIT", "STRICT"] as const;
export const GENERATION_PURPOSES = [
  "PRIVACY_PRESERVING",
  "RARE_EVENT",
  "AUGMENTATION",
  "DOMAIN_SYNTHESIS",
  "SCENARIO_SIMULATION",
  "FEEDBACK_DRIVEN",
  "LABELING",
  "LOAD_TESTING",
] as const;
export const MODEL_KINDS = ["MODEL", "RAG_INDEX"] as const;
export const CHECK_KINDS = ["DISTRIBUTION_ALIGNMENT", "DOWNSTREAM_REAL_HOLDOUT", "DIVERSITY", "OTHER", "DATA_QUALITY"] as const;
export const REVIEW_DECISIONS = ["APPROVED", "REJECTED"] as const;
/** Data assets (DOMAIN.md 9): what an asset is, what it is declared or found to hold, and why. */
export const ASSET_KINDS = ["TABLE", "FEATURE_VIEW", "FEATURE_SERVICE", "FEATURE_SOURCE", "ENTITY"] as const;
export const DECLARED_ORIGINS = ["REAL", "SYNTHETIC", "AUGMENTED", "MIXED"] as const;
export const ORIGIN_CLASSES = ["REAL", "SYNTHETIC", "MIXED", "UNKNOWN"] as const;
export const ORIGIN_BASES = ["DECLARED", "GENERATED", "SAMPLES", "PROPAGATED", "NONE"] as const;
export const RUN_STATES = ["START", "RUNNING", "COMPLETE", "ABORT", "FAIL", "OTHER"] as const;

export type Origin = (typeof ORIGINS)[number];
export type GeneratorKind = (typeof GENERATOR_KINDS)[number];
export type LabelerKind = (typeof LABELER_KINDS)[number];
export type DatasetPurpose = (typeof DATASET_PURPOSES)[number];
export type Enforcement = (typeof ENFORCEMENTS)[number];
export type GenerationPurpose = (typeof GENERATION_PURPOSES)[number];
export type ModelKind = (typeof MODEL_KINDS)[number];
export type CheckKind = (typeof CHECK_KINDS)[number];
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];
export type AssetKind = (typeof ASSET_KINDS)[number];
export type DeclaredOrigin = (typeof DECLARED_ORIGINS)[number];
export type OriginClass = (typeof ORIGIN_CLASSES)[number];
export type OriginBasis = (typeof ORIGIN_BASES)[number];
export type RunState = (typeof RUN_STATES)[number];

/** The labeler kinds that count as a human label or a human review. */
export const HUMAN_LABELER_KINDS: readonly LabelerKind[] = ["HUMAN_EXPERT", "HUMAN_CROWD"];
/** The sample kinds a RAG corpus may hold generated (documents and chunks must be real). */
export const RAG_GENERATED_SAMPLE_KINDS: readonly string[] = ["QA_PAIR", "QUERY"];
/** The run states that end a run. */
export const FINAL_RUN_STATES: readonly RunState[] = ["COMPLETE", "FAIL", "ABORT"];

/** Whether `value` is one of `values`: narrows a string read from outside to the vocabulary's type. */
export const isOneOf = <T extends string>(values: readonly T[], value: string | null | undefined): value is T =>
  (values as readonly (string | null | undefined)[]).includes(value);
