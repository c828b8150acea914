/** Labelers and their labels. */
import { badInput, quote } from "../domain/errors.js";
import type { EntityKind } from "./write-entities.js";
import { recordOf } from "../store/records.js";

export interface LabelerInput {
  id: string;
  name: string;
  kind: string;
  qualifications?: string[] | null;
}

export const labelerKind: EntityKind<LabelerInput, "Labeler"> = {
  label: "Labeler",
  noun: "labeler",
  refs: () => [],
  props: (l) => ({ ...l, qualifications: l.qualifications ?? [] }),
  rels: () => [],
};

export interface LabelInput {
  id: string;
  sampleId: string;
  labelerId: string;
  value: string;
  confidence?: number | null;
  guidelineVersion?: string | null;
}

export const labelKind: EntityKind<LabelInput, "Label"> = {
  label: "Label",
  noun: "label",
  check(l) {
    if (l.confidence != null && !(l.confidence >= 0 && l.confidence <= 1)) {
      throw badInput(`label ${quote(l.id)} has confidence ${l.confidence}; it must be between 0 and 1`);
    }
  },
  refs: (l) => [
    { field: "sampleId", id: l.sampleId, labels: ["Sample"] },
    { field: "labelerId", id: l.labelerId, labels: ["Labeler"] },
  ],
  // The labeler's kind is kept on the label: composition counts labels by it.
  derive: (fresh, { at, found }) => fresh.map((l) => ({ createdAt: at, labelerKind: recordOf(found, l.labelerId, "Labeler").kind })),
  rels: (l) => [
    { type: "LABELS", to: l.sampleId },
    { type: "LABELED_BY", to: l.labelerId },
  ],
};
