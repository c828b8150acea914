/** The contract's enums, each value described (Apollo Studio shows the descriptions). */
import { registerEnumType } from "type-graphql";
import type * as Vocabulary from "../domain/vocabulary.js";

export enum Origin {
  REAL = "REAL",
  SYNTHETIC = "SYNTHETIC",
  AUGMENTED = "AUGMENTED",
}
registerEnumType(Origin, {
  name: "Origin",
  description: "Where a sample came from.",
  valuesConfig: {
    REAL: { description: "Collected from the world (no generation run)." },
    SYNTHETIC: { description: "Generated from scratch by one generation run." },
    AUGMENTED: { description: "A generator's transformation of an existing sample (needs derivedFromIds)." },
  },
});

export enum GeneratorKind {
  LLM = "LLM",
  SIMULATOR = "SIMULATOR",
  RULE_BASED = "RULE_BASED",
  GAN_DIFFUSION = "GAN_DIFFUSION",
  OTHER = "OTHER",
}
registerEnumType(GeneratorKind, {
  name: "GeneratorKind",
  description: "What kind of thing produces synthetic data.",
  valuesConfig: {
    LLM: { description: "A large language model." },
    SIMULATOR: { description: "A simulator of scenarios or environments." },
    RULE_BASED: { description: "A rule set or template engine." },
    GAN_DIFFUSION: { description: "A GAN or diffusion model." },
    OTHER: { description: "Anything else." },
  },
});

export enum LabelerKind {
  HUMAN_EXPERT = "HUMAN_EXPERT",
  HUMAN_CROWD = "HUMAN_CROWD",
  LLM = "LLM",
  PROGRAMMATIC = "PROGRAMMATIC",
}
registerEnumType(LabelerKind, {
  name: "LabelerKind",
  description: "Who or what labels.",
  valuesConfig: {
    HUMAN_EXPERT: { description: "A qualified human expert." },
    HUMAN_CROWD: { description: "A crowd worker." },
    LLM: { description: "A language model." },
    PROGRAMMATIC: { description: "A heuristic or labelling function." },
  },
});

export enum DatasetPurpose {
  PRETRAINING = "PRETRAINING",
  FINE_TUNING = "FINE_TUNING",
  TRAINING = "TRAINING",
  EVALUATION = "EVALUATION",
  HOLDOUT = "HOLDOUT",
  RAG_CORPUS = "RAG_CORPUS",
  LOAD_TEST = "LOAD_TEST",
}
registerEnumType(DatasetPurpose, {
  name: "DatasetPurpose",
  description: "What a dataset is for; the decision framework says what each purpose allows.",
  valuesConfig: {
    PRETRAINING: { description: "Pretraining: never synthetic (recursive-training collapse)." },
    FINE_TUNING: { description: "Fine-tuning: real documents; only the labels may be generated." },
    TRAINING: { description: "Training: synthetic allowed when its run has a passed DISTRIBUTION_ALIGNMENT check." },
    EVALUATION: { description: "Evaluation: real samples with human labels only." },
    HOLDOUT: { description: "Holdout: real samples with human labels only." },
    RAG_CORPUS: { description: "A RAG corpus: real documents and chunks; synthetic only as QA pairs and queries." },
    LOAD_TEST: { description: "Load testing: anything, but never to train or evaluate a model." },
  },
});

export enum Enforcement {
  AUDIT = "AUDIT",
  STRICT = "STRICT",
}
registerEnumType(Enforcement, {
  name: "Enforcement",
  description: "What a write that breaks a dataset's purpose does.",
  valuesConfig: {
    AUDIT: { description: "Record it and return it in violations (the default)." },
    STRICT: { description: "Refuse it with POLICY_VIOLATION." },
  },
});

export enum GenerationPurpose {
  PRIVACY_PRESERVING = "PRIVACY_PRESERVING",
  RARE_EVENT = "RARE_EVENT",
  AUGMENTATION = "AUGMENTATION",
  DOMAIN_SYNTHESIS = "DOMAIN_SYNTHESIS",
  SCENARIO_SIMULATION = "SCENARIO_SIMULATION",
  FEEDBACK_DRIVEN = "FEEDBACK_DRIVEN",
  LABELING = "LABELING",
  LOAD_TESTING = "LOAD_TESTING",
}
registerEnumType(GenerationPurpose, {
  name: "GenerationPurpose",
  description: "Why a generation run was made.",
  valuesConfig: {
    PRIVACY_PRESERVING: { description: "Stand-ins for data that cannot be shared." },
    RARE_EVENT: { description: "More examples of rare events; must be seeded by REAL samples and approved by a HUMAN_EXPERT." },
    AUGMENTATION: { description: "Variations of existing samples." },
    DOMAIN_SYNTHESIS: { description: "Data for a domain with too little real data." },
    SCENARIO_SIMULATION: { description: "Simulated scenarios." },
    FEEDBACK_DRIVEN: { description: "Generated from production feedback." },
    LABELING: { description: "Labels made by a generator." },
    LOAD_TESTING: { description: "Volume for load tests." },
  },
});

export enum ModelKind {
  MODEL = "MODEL",
  RAG_INDEX = "RAG_INDEX",
}
registerEnumType(ModelKind, {
  name: "ModelKind",
  description: "A trained model or a built retrieval index.",
  valuesConfig: { MODEL: { description: "A trained model." }, RAG_INDEX: { description: "A RAG index built from corpus versions." } },
});

export enum CheckKind {
  DISTRIBUTION_ALIGNMENT = "DISTRIBUTION_ALIGNMENT",
  DOWNSTREAM_REAL_HOLDOUT = "DOWNSTREAM_REAL_HOLDOUT",
  DIVERSITY = "DIVERSITY",
  OTHER = "OTHER",
  DATA_QUALITY = "DATA_QUALITY",
}
registerEnumType(CheckKind, {
  name: "CheckKind",
  description: "What a validation check measured.",
  valuesConfig: {
    DISTRIBUTION_ALIGNMENT: { description: "Synthetic vs real distribution distance (e.g. Wasserstein, MMD) under a threshold." },
    DOWNSTREAM_REAL_HOLDOUT: {
      description: "A model trained on synthetic data scored on a real holdout, within 5% of the real-data baseline.",
    },
    DIVERSITY: { description: "Diversity of one generation (set `generation`): the model-collapse watch." },
    OTHER: { description: "Any other check." },
    DATA_QUALITY: { description: "A data-quality assertion on a data asset (a dbt test, a Great Expectations expectation)." },
  },
});

export enum ReviewDecision {
  APPROVED = "APPROVED",
  REJECTED = "REJECTED",
}
registerEnumType(ReviewDecision, {
  name: "ReviewDecision",
  description: "A human reviewer's decision.",
  valuesConfig: {
    APPROVED: {
      description:
        "Accepted for use; readiness needs it from a human on the model version, and from a HUMAN_EXPERT on every RARE_EVENT run.",
    },
    REJECTED: { description: "Refused; as the latest review of a model version it fails the APPROVED readiness check." },
  },
});

export enum Direction {
  UPSTREAM = "UPSTREAM",
  DOWNSTREAM = "DOWNSTREAM",
}
registerEnumType(Direction, {
  name: "Direction",
  description: "Which way lineage walks.",
  valuesConfig: { UPSTREAM: { description: "What it came from." }, DOWNSTREAM: { description: "What it fed." } },
});

export enum CheckStatus {
  PASSED = "PASSED",
  FAILED = "FAILED",
  NOT_APPLICABLE = "NOT_APPLICABLE",
}
registerEnumType(CheckStatus, {
  name: "CheckStatus",
  description: "The verdict of one rule.",
  valuesConfig: {
    PASSED: { description: "The rule holds." },
    FAILED: { description: "The rule is broken; see violations." },
    NOT_APPLICABLE: { description: "The rule does not apply here." },
  },
});

export enum ReportFormat {
  HTML = "HTML",
  MARKDOWN = "MARKDOWN",
  JSON = "JSON",
}
registerEnumType(ReportFormat, {
  name: "ReportFormat",
  description: "The format of an auditor report.",
  valuesConfig: {
    HTML: { description: "One self-contained HTML page." },
    MARKDOWN: { description: "Markdown tables." },
    JSON: { description: "Machine-readable JSON." },
  },
});

export enum ProvFormat {
  PROV_JSON = "PROV_JSON",
  PROV_N = "PROV_N",
  TURTLE = "TURTLE",
}
registerEnumType(ProvFormat, {
  name: "ProvFormat",
  description: "The syntax of a W3C PROV export.",
  valuesConfig: {
    PROV_JSON: { description: "PROV-JSON (W3C member submission, 2013)." },
    PROV_N: { description: "PROV-N, the PROV notation (W3C Recommendation)." },
    TURTLE: { description: "Turtle with the PROV-O vocabulary (W3C Recommendation)." },
  },
});

/** Exactly the same values, both ways. */
export type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/** Each contract enum holds exactly the domain vocabulary's values: a difference fails to compile here. */
export const ENUMS_MATCH_THE_DOMAIN = {
  Origin: true,
  GeneratorKind: true,
  LabelerKind: true,
  DatasetPurpose: true,
  Enforcement: true,
  GenerationPurpose: true,
  ModelKind: true,
  CheckKind: true,
  ReviewDecision: true,
} as const satisfies {
  Origin: Same<`${Origin}`, Vocabulary.Origin>;
  GeneratorKind: Same<`${GeneratorKind}`, Vocabulary.GeneratorKind>;
  LabelerKind: Same<`${LabelerKind}`, Vocabulary.LabelerKind>;
  DatasetPurpose: Same<`${DatasetPurpose}`, Vocabulary.DatasetPurpose>;
  Enforcement: Same<`${Enforcement}`, Vocabulary.Enforcement>;
  GenerationPurpose: Same<`${GenerationPurpose}`, Vocabulary.GenerationPurpose>;
  ModelKind: Same<`${ModelKind}`, Vocabulary.ModelKind>;
  CheckKind: Same<`${CheckKind}`, Vocabulary.CheckKind>;
  ReviewDecision: Same<`${ReviewDecision}`, Vocabulary.ReviewDecision>;
};
