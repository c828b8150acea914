/** The enums of data assets and OpenLineage runs (DOMAIN.md 9), as API.graphql's Round 2 names them. */
import { registerEnumType } from "type-graphql";
import type * as Vocabulary from "../../domain/vocabulary.js";
import type { Same } from "../enums.js";

export enum AssetKind {
  TABLE = "TABLE",
  FEATURE_VIEW = "FEATURE_VIEW",
  FEATURE_SERVICE = "FEATURE_SERVICE",
  FEATURE_SOURCE = "FEATURE_SOURCE",
  ENTITY = "ENTITY",
}
registerEnumType(AssetKind, {
  name: "AssetKind",
  description: "What a data asset is, from the facets that describe it.",
  valuesConfig: {
    TABLE: { description: "A table, file or topic: any asset no Feast facet describes." },
    FEATURE_VIEW: { description: "A Feast feature view (facet feast_featureView)." },
    FEATURE_SERVICE: { description: "A Feast feature service (facet feast_featureService)." },
    FEATURE_SOURCE: { description: "A Feast data source (facet feast_dataSource)." },
    ENTITY: { description: "A Feast entity: join keys, not data." },
  },
});

export enum AssetOriginClass {
  REAL = "REAL",
  SYNTHETIC = "SYNTHETIC",
  MIXED = "MIXED",
  UNKNOWN = "UNKNOWN",
}
registerEnumType(AssetOriginClass, {
  name: "AssetOriginClass",
  description: "What an asset holds (AUGMENTED data counts as SYNTHETIC).",
  valuesConfig: {
    REAL: { description: "Collected from the world." },
    SYNTHETIC: { description: "Written by a generator." },
    MIXED: { description: "Both real and generated rows." },
    UNKNOWN: { description: "Nothing says, or something upstream is unknown." },
  },
});

export enum OriginBasis {
  DECLARED = "DECLARED",
  GENERATED = "GENERATED",
  SAMPLES = "SAMPLES",
  PROPAGATED = "PROPAGATED",
  NONE = "NONE",
}
registerEnumType(OriginBasis, {
  name: "OriginBasis",
  description: "Why provgraph gives an asset its origin (DOMAIN.md 9.2, first that applies).",
  valuesConfig: {
    DECLARED: { description: "The latest origin declaration." },
    GENERATED: { description: "An output of a run with the provgraph_generation facet." },
    SAMPLES: { description: "The latest sealed version of a provgraph dataset materialised as the asset." },
    PROPAGATED: { description: "Combined from the roots upstream of it." },
    NONE: { description: "Nothing is known." },
  },
});

export enum DeclaredOrigin {
  REAL = "REAL",
  SYNTHETIC = "SYNTHETIC",
  AUGMENTED = "AUGMENTED",
  MIXED = "MIXED",
}
registerEnumType(DeclaredOrigin, {
  name: "DeclaredOrigin",
  description: "What a person or pipeline declares an asset holds.",
  valuesConfig: {
    REAL: { description: "Collected from the world." },
    SYNTHETIC: { description: "Generated from scratch." },
    AUGMENTED: { description: "A generator's transformation of existing data." },
    MIXED: { description: "Both real and generated rows." },
  },
});

export enum JobRunState {
  START = "START",
  RUNNING = "RUNNING",
  COMPLETE = "COMPLETE",
  ABORT = "ABORT",
  FAIL = "FAIL",
  OTHER = "OTHER",
}
registerEnumType(JobRunState, {
  name: "JobRunState",
  description: "The eventType of a run's event with the latest eventTime.",
  valuesConfig: {
    START: { description: "Started." },
    RUNNING: { description: "Running; more events may follow." },
    COMPLETE: { description: "Completed." },
    ABORT: { description: "Aborted." },
    FAIL: { description: "Failed." },
    OTHER: { description: "Any other event, or a run known only as another run's parent." },
  },
});

/** Each enum holds exactly the domain vocabulary's values: a difference fails to compile here. */
export const ASSET_ENUMS_MATCH_THE_DOMAIN = {
  AssetKind: true,
  AssetOriginClass: true,
  OriginBasis: true,
  DeclaredOrigin: true,
  JobRunState: true,
} as const satisfies {
  AssetKind: Same<`${AssetKind}`, Vocabulary.AssetKind>;
  AssetOriginClass: Same<`${AssetOriginClass}`, Vocabulary.OriginClass>;
  OriginBasis: Same<`${OriginBasis}`, Vocabulary.OriginBasis>;
  DeclaredOrigin: Same<`${DeclaredOrigin}`, Vocabulary.DeclaredOrigin>;
  JobRunState: Same<`${JobRunState}`, Vocabulary.RunState>;
};
