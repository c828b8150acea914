/** Datasets and their versions (membership and sealing live in their own services). */
import { badInput, quote } from "../domain/errors.js";
import type { EntityKind } from "./write-entities.js";
import { recordOf } from "../store/records.js";

export interface DatasetInput {
  id: string;
  name: string;
  purpose: string;
  enforcement?: string | null;
  externalRef?: string | null;
}

export const datasetKind: EntityKind<DatasetInput, "Dataset"> = {
  label: "Dataset",
  noun: "dataset",
  // `enforcement: null` means the default, as leaving it out does.
  normalize: (d) => ({ ...d, enforcement: d.enforcement ?? "AUDIT" }),
  refs: () => [],
  derive: (fresh, { at }) => fresh.map(() => ({ createdAt: at })),
  rels: () => [],
};

export interface DatasetVersionInput {
  id: string;
  datasetId: string;
  version: string;
  previousVersionId?: string | null;
}

export const datasetVersionKind: EntityKind<DatasetVersionInput, "DatasetVersion"> = {
  label: "DatasetVersion",
  noun: "dataset version",
  refs: (v) => [
    { field: "datasetId", id: v.datasetId, labels: ["Dataset"] },
    ...(v.previousVersionId ? [{ field: "previousVersionId", id: v.previousVersionId, labels: ["DatasetVersion"] as const }] : []),
  ],
  validate(fresh, { found }) {
    for (const v of fresh) {
      const previous = v.previousVersionId ? recordOf(found, v.previousVersionId, "DatasetVersion") : null;
      if (previous && previous.datasetId !== v.datasetId) {
        throw badInput(
          `dataset version ${quote(v.id)} names previousVersionId ${quote(previous.id)}, a version of another dataset (${quote(previous.datasetId)})`,
        );
      }
    }
  },
  // A dataset's purpose and enforcement never change, so each version keeps a copy for its rules.
  derive: (fresh, { at, found }) =>
    fresh.map((v) => {
      const dataset = recordOf(found, v.datasetId, "Dataset");
      return { createdAt: at, purpose: dataset.purpose, enforcement: dataset.enforcement };
    }),
  rels: (v) => [
    { type: "VERSION_OF", to: v.datasetId },
    ...(v.previousVersionId ? [{ type: "PREVIOUS" as const, to: v.previousVersionId }] : []),
  ],
};
