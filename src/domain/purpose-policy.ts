import { HUMAN_LABELER_KINDS, type DatasetPurpose, type Origin } from "./model.js";
import { RAG_GENERATED_SAMPLE_KINDS } from "./vocabulary.js";

/** What the decision framework needs to know about one sample of a dataset version. */
export interface SampleFacts {
  id: string;
  origin: Origin;
  kind: string | null;
  /** The sample's generation run, when it has one. */
  runId: string | null;
  /** Its run has a passed DISTRIBUTION_ALIGNMENT check. */
  runAligned: boolean;
  /** The labeler kinds of its labels. */
  labelerKinds: readonly string[];
}

const RAG_SYNTHETIC_KINDS: ReadonlySet<string> = new Set(RAG_GENERATED_SAMPLE_KINDS);

/**
 * The decision framework of DOMAIN.md 3 for one sample: the rule it breaks under the purpose,
 * or null. LOAD_TEST versions take anything; their violation is being used by a model.
 */
export function purposeViolation(purpose: DatasetPurpose, sample: SampleFacts): string | null {
  const generated = sample.origin !== "REAL";
  switch (purpose) {
    case "PRETRAINING":
      return generated ? `PRETRAINING allows no ${sample.origin} sample (recursive-training collapse)` : null;
    case "FINE_TUNING":
      return generated ? `FINE_TUNING allows only REAL samples (only the labels may be generated), not ${sample.origin}` : null;
    case "TRAINING":
      return generated && !sample.runAligned
        ? `TRAINING needs a passed DISTRIBUTION_ALIGNMENT check on generation run '${sample.runId}'`
        : null;
    case "EVALUATION":
    case "HOLDOUT":
      if (generated) return `${purpose} allows only REAL samples, not ${sample.origin}`;
      return sample.labelerKinds.some((k) => HUMAN_LABELER_KINDS.has(k))
        ? null
        : `${purpose} needs a label from a HUMAN_EXPERT or HUMAN_CROWD labeler`;
    case "RAG_CORPUS":
      return generated && !RAG_SYNTHETIC_KINDS.has(sample.kind ?? "")
        ? `RAG_CORPUS allows generated samples only of kind QA_PAIR or QUERY, not ${sample.kind ?? "(no kind)"} (documents and chunks must be real)`
        : null;
    case "LOAD_TEST":
      return null;
    default: {
      const never: never = purpose;
      return `unknown purpose ${String(never)}`;
    }
  }
}

/** A rule of a dataset version's purpose that a sample breaks. */
export interface Breach {
  datasetVersionId: string;
  rule: string;
}

/**
 * The violation string (DOMAIN.md 8): the sample id, then each version and rule it breaks
 * (one in IngestResult.violations; every version of a model's in readiness, so the id appears once).
 */
export function violationText(sampleId: string, breaches: readonly Breach[]): string {
  return `${sampleId}: ${breaches.map((b) => `${b.datasetVersionId} ${b.rule}`).join("; ")}`;
}

/** A model trained or evaluated on a LOAD_TEST version breaks the framework. */
export const LOAD_TEST_USE = "LOAD_TEST data may not train or evaluate a model";
