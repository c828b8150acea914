/** Shapes shared by every layer; the vocabulary is in vocabulary.ts. */
import { HUMAN_LABELER_KINDS as HUMAN_KINDS } from "./vocabulary.js";

export type { DatasetPurpose, Enforcement, LabelerKind, Origin } from "./vocabulary.js";

/** For membership tests of stored values (a string read from the graph). */
export const HUMAN_LABELER_KINDS: ReadonlySet<string> = new Set(HUMAN_KINDS);

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
