import type { Origin } from "../domain/model.js";
import { checkAcyclic, checkOrigin, generationDepths } from "../domain/lineage-rules.js";
import type { EntityKind } from "./write-entities.js";
import { recordOf } from "../store/records.js";

export interface SampleInput {
  id: string;
  origin: Origin;
  modality?: string | null;
  kind?: string | null;
  contentHash?: string | null;
  slice?: string | null;
  generationRunId?: string | null;
  derivedFromIds?: string[] | null;
  attributes?: unknown;
  createdAt?: string | null;
}

/**
 * Samples: origin rules, acyclic DERIVED_FROM (sources may arrive in the same batch), and the
 * generation depth computed once, here, and stored (DOMAIN.md 2).
 */
export const sampleKind: EntityKind<SampleInput, "Sample"> = {
  label: "Sample",
  noun: "sample",
  check: checkOrigin,
  checkBatch: checkAcyclic,
  refsInBatch: true,
  refs: (s) => [
    ...(s.generationRunId ? [{ field: "generationRunId", id: s.generationRunId, labels: ["GenerationRun"] as const }] : []),
    ...(s.derivedFromIds ?? []).map((id) => ({ field: "derivedFromIds entry", id, labels: ["Sample"] as const })),
  ],
  derive(fresh, { at, found }) {
    const depths = generationDepths(
      fresh,
      (id) => recordOf(found, id, "Sample").generationDepth,
      (runId) => recordOf(found, runId, "GenerationRun").inputDepth,
    );
    return fresh.map((s) => ({ createdAt: s.createdAt ?? at, generationDepth: depths.get(s.id) }));
  },
  rels: (s) => [
    ...(s.generationRunId ? [{ type: "GENERATED_BY" as const, to: s.generationRunId }] : []),
    ...(s.derivedFromIds ?? []).map((to) => ({ type: "DERIVED_FROM" as const, to })),
  ],
};
