/** The batch mutations that answer with an IngestResult. */
import type { WriteScope } from "./audited-write.js";
import type { IngestOutcome } from "./add-samples.js";
import { sampleKind, type SampleInput } from "./ingest-samples.js";
import { labelKind, type LabelInput } from "./labels.js";
import { writeEntities } from "./write-entities.js";

export async function ingestSamples(scope: WriteScope, samples: readonly SampleInput[]): Promise<IngestOutcome> {
  const { created, unchanged } = await writeEntities(scope, sampleKind, samples);
  return { created, unchanged, violations: [] };
}

export async function recordLabels(scope: WriteScope, labels: readonly LabelInput[]): Promise<IngestOutcome> {
  const { created, unchanged } = await writeEntities(scope, labelKind, labels);
  return { created, unchanged, violations: [] };
}
