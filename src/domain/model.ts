/** The domain vocabulary shared by every layer (string unions mirror the GraphQL enums). */
export type Origin = "REAL" | "SYNTHETIC" | "AUGMENTED";
export type LabelerKind = "HUMAN_EXPERT" | "HUMAN_CROWD" | "LLM" | "PROGRAMMATIC";
export type DatasetPurpose = "PRETRAINING" | "FINE_TUNING" | "TRAINING" | "EVALUATION" | "HOLDOUT" | "RAG_CORPUS" | "LOAD_TEST";
export type Enforcement = "AUDIT" | "STRICT";

export const HUMAN_LABELER_KINDS: ReadonlySet<string> = new Set<LabelerKind>(["HUMAN_EXPERT", "HUMAN_CROWD"]);

export interface CountShare {
  key: string;
  count: number;
  share: number;
}

export interface Composition {
  total: number;
  real: number;
  synthetic: number;
  augmented: number;
  syntheticRatio: number;
  byGenerator: CountShare[];
  bySlice: CountShare[];
  byLabelerKind: CountShare[];
  maxGenerationDepth: number;
  byGenerationDepth: CountShare[];
}
