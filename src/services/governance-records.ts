/** Evaluations, validation checks and reviews: the evidence that readiness weighs. */
import { badInput, DomainError, quote } from "../domain/errors.js";
import { LOAD_TEST_USE } from "../domain/purpose-policy.js";
import { recordOf, type DatasetVersionRecord } from "../store/records.js";
import type { EntityKind } from "./write-entities.js";

/**
 * Models are trained and evaluated only on sealed versions; a STRICT LOAD_TEST version refuses
 * to be used at all (an AUDIT one lets PURPOSE_RESPECTED report it).
 */
export function checkUsableVersion(version: DatasetVersionRecord, use: string): void {
  if (!version.sealedAt) throw badInput(`dataset version ${quote(version.id)} is not sealed; ${use} needs a sealed version`);
  if (version.purpose === "LOAD_TEST" && version.enforcement === "STRICT") {
    throw new DomainError("POLICY_VIOLATION", `dataset version ${quote(version.id)}: ${LOAD_TEST_USE}`);
  }
}

export interface EvaluationInput {
  id: string;
  modelVersionId: string;
  datasetVersionId: string;
  metrics: unknown;
}

export const evaluationKind: EntityKind<EvaluationInput, "Evaluation"> = {
  label: "Evaluation",
  noun: "evaluation",
  refs: (e) => [
    { field: "modelVersionId", id: e.modelVersionId, labels: ["ModelVersion"] },
    { field: "datasetVersionId", id: e.datasetVersionId, labels: ["DatasetVersion"] },
  ],
  validate(fresh, { found }) {
    for (const e of fresh) checkUsableVersion(recordOf(found, e.datasetVersionId, "DatasetVersion"), "an evaluation");
  },
  derive: (fresh, { at }) => fresh.map(() => ({ createdAt: at })),
  rels: (e) => [
    { type: "OF_MODEL", to: e.modelVersionId },
    { type: "ON_DATASET", to: e.datasetVersionId },
  ],
};

export interface ValidationCheckInput {
  id: string;
  subjectId: string;
  kind: string;
  metric: string;
  value: number;
  threshold: number;
  passed: boolean;
  generation?: number | null;
}

export const validationCheckKind: EntityKind<ValidationCheckInput, "ValidationCheck"> = {
  label: "ValidationCheck",
  noun: "validation check",
  check(c) {
    if (c.generation != null && c.generation < 0)
      throw badInput(`validation check ${quote(c.id)} has generation ${c.generation}; generations start at 0`);
    if (c.generation != null && c.kind !== "DIVERSITY")
      throw badInput(`validation check ${quote(c.id)} sets generation, which only DIVERSITY checks have`);
  },
  refs: (c) => [{ field: "subjectId", id: c.subjectId, labels: ["GenerationRun", "DatasetVersion", "ModelVersion", "DataAsset"] }],
  derive: (fresh, { at }) => fresh.map(() => ({ createdAt: at })),
  rels: (c) => [{ type: "CHECKS", to: c.subjectId }],
};

export interface ReviewInput {
  id: string;
  subjectId: string;
  reviewerId: string;
  decision: string;
  comment?: string | null;
}

export const reviewKind: EntityKind<ReviewInput, "Review"> = {
  label: "Review",
  noun: "review",
  refs: (r) => [
    { field: "subjectId", id: r.subjectId, labels: ["GenerationRun", "ModelVersion"] },
    { field: "reviewerId", id: r.reviewerId, labels: ["Labeler"] },
  ],
  derive: (fresh, { at }) => fresh.map(() => ({ at })),
  rels: (r) => [
    { type: "REVIEWS", to: r.subjectId },
    { type: "BY", to: r.reviewerId },
  ],
};
