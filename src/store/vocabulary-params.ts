/**
 * The vocabulary values Cypher compares with, sent as query parameters rather than written into
 * statement text: the domain defines them once, and a rename cannot leave a statement behind.
 * A parameter in a property map or a predicate is planned as the literal was.
 */
import {
  FINAL_RUN_STATES,
  HUMAN_LABELER_KINDS,
  RAG_GENERATED_SAMPLE_KINDS,
  type AssetKind,
  type CheckKind,
  type LabelerKind,
  type Origin,
  type ReviewDecision,
  type RunState,
} from "../domain/vocabulary.js";

export const VOCABULARY_PARAMS = {
  real: "REAL" satisfies Origin,
  humanKinds: HUMAN_LABELER_KINDS,
  ragGeneratedKinds: RAG_GENERATED_SAMPLE_KINDS,
  alignment: "DISTRIBUTION_ALIGNMENT" satisfies CheckKind,
  downstream: "DOWNSTREAM_REAL_HOLDOUT" satisfies CheckKind,
  diversity: "DIVERSITY" satisfies CheckKind,
  dataQuality: "DATA_QUALITY" satisfies CheckKind,
  approved: "APPROVED" satisfies ReviewDecision,
  expert: "HUMAN_EXPERT" satisfies LabelerKind,
  table: "TABLE" satisfies AssetKind,
  entity: "ENTITY" satisfies AssetKind,
  start: "START" satisfies RunState,
  finalStates: FINAL_RUN_STATES,
} as const;
