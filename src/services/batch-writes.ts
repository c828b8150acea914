/** The batch mutations that answer with an IngestResult. */
import type { Write } from "./audited-write.js";
import { sampleKind, type SampleInput } from "./samples.js";
import { labelKind, type LabelInput } from "./labels.js";
import type { EntityLabel } from "../store/graph-schema.js";
import { writeEntities, type EntityKind, type EntityPlan } from "./write-entities.js";

/** What a batch mutation answers (IngestResult). */
export interface IngestOutcome {
  created: number;
  unchanged: number;
  violations: string[];
}

function batch<I extends { id: string }, L extends EntityLabel>(
  kind: EntityKind<I, L>,
  inputs: readonly I[],
): Write<IngestOutcome, EntityPlan<I, L>> {
  const write = writeEntities(kind, inputs);
  return {
    prepare: write.prepare,
    async apply(scope, plan) {
      const { created, unchanged } = await write.apply(scope, plan);
      return { created, unchanged, violations: [] };
    },
  };
}

export const ingestSamples = (samples: readonly SampleInput[]) => batch(sampleKind, samples);

export const recordLabels = (labels: readonly LabelInput[]) => batch(labelKind, labels);
