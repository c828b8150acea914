/**
 * A sealed dataset version as Croissant 1.1 JSON-LD with the Responsible-AI 1.0 vocabulary
 * (DOMAIN.md 10.2). Every value comes from the facts provgraph recorded; where it recorded
 * nothing, the property is left out rather than filled with a guess. Pure.
 */
import type { LabelAgreementRow } from "../domain/agreement.js";
import type { Composition } from "../domain/model.js";
import type { SliceBalanceReport } from "../domain/slice-balance.js";
import { HUMAN_LABELER_KINDS, isOneOf } from "../domain/vocabulary.js";
import { iriLocal } from "./prov-document.js";

export interface CroissantRun {
  id: string;
  purpose: string;
  samples: number;
  generator: { id: string; name: string; kind: string; version: string; model: string | null };
  prompt: { id: string; name: string; version: string } | null;
  seedSampleIds: string[];
  randomSeed: string | null;
}

export interface CroissantFacts {
  /** The server's address (server/base-url.ts). */
  baseUrl: string;
  version: { id: string; version: string; sealedAt: string; digest: string; composition: Composition; sealedBy: string };
  dataset: { id: string; name: string; purpose: string; license: string | null };
  runs: CroissantRun[];
  labelers: Array<{ id: string; name: string; kind: string; labels: number; items: number }>;
  agreement: LabelAgreementRow[];
  sliceBalance: SliceBalanceReport;
  failedChecks: Array<{ id: string; subjectId: string; kind: string; metric: string; value: number; threshold: number }>;
}

/** Croissant 1.1's @context (mlcroissant's own for 1.1), with `prov:` for the dataset-level provenance. */
const CONTEXT = {
  "@language": "en",
  "@vocab": "https://schema.org/",
  sc: "https://schema.org/",
  cr: "http://mlcommons.org/croissant/",
  rai: "http://mlcommons.org/croissant/RAI/",
  dct: "http://purl.org/dc/terms/",
  prov: "http://www.w3.org/ns/prov#",
  arrayShape: "cr:arrayShape",
  citeAs: "cr:citeAs",
  column: "cr:column",
  conformsTo: "dct:conformsTo",
  containedIn: "cr:containedIn",
  data: { "@id": "cr:data", "@type": "@json" },
  dataType: { "@id": "cr:dataType", "@type": "@vocab" },
  equivalentProperty: "cr:equivalentProperty",
  examples: { "@id": "cr:examples", "@type": "@json" },
  extract: "cr:extract",
  field: "cr:field",
  fileProperty: "cr:fileProperty",
  fileObject: "cr:fileObject",
  fileSet: "cr:fileSet",
  format: "cr:format",
  includes: "cr:includes",
  isArray: "cr:isArray",
  isLiveDataset: "cr:isLiveDataset",
  jsonPath: "cr:jsonPath",
  key: "cr:key",
  md5: "cr:md5",
  parentField: "cr:parentField",
  path: "cr:path",
  recordSet: "cr:recordSet",
  references: "cr:references",
  regex: "cr:regex",
  repeated: "cr:repeated",
  replace: "cr:replace",
  samplingRate: "cr:samplingRate",
  separator: "cr:separator",
  source: "cr:source",
  subField: "cr:subField",
  transform: "cr:transform",
};

const PURPOSE_USE: Record<string, string> = {
  PRETRAINING: "pretraining (no synthetic content allowed)",
  FINE_TUNING: "fine-tuning (real documents; only labels may be generated)",
  TRAINING: "training (synthetic content allowed when its generation run passed a distribution-alignment check)",
  EVALUATION: "evaluation (real samples with human labels only)",
  HOLDOUT: "holdout evaluation (real samples with human labels only)",
  RAG_CORPUS: "a retrieval (RAG) corpus (real documents and chunks; synthetic only as QA pairs and queries)",
  LOAD_TEST: "load testing only (never to train or evaluate a model)",
};

const n = (x: number) => x.toLocaleString("en-US");
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function runText(r: CroissantRun): string {
  const g = r.generator;
  const generator = `generator ${g.name} (${g.kind}${g.model ? ` ${g.model}` : ""}, version ${g.version}, id ${g.id})`;
  const prompt = r.prompt
    ? `prompt template ${r.prompt.name} version ${r.prompt.version} (id ${r.prompt.id})`
    : "no prompt template recorded";
  const seeds = r.seedSampleIds.length ? `seeded by ${n(r.seedSampleIds.length)} samples` : "no seed samples";
  return `Generation run ${r.id} (purpose ${r.purpose}) made ${n(r.samples)} samples of this version with ${generator}; ${prompt}; ${seeds}${r.randomSeed ? `; random seed ${r.randomSeed}` : ""}.`;
}

export function croissantJsonLd(f: CroissantFacts): Record<string, unknown> {
  const { version: v, dataset: d, ...rest } = f;
  const c = v.composition;
  const generated = c.synthetic + c.augmented;
  const id = (value: string) => ({ "@id": `${f.baseUrl}/id/${iriLocal(value)}` });
  const manifest = `${f.baseUrl}/export/datasets/${encodeURIComponent(v.id)}/members.tsv`;
  const field = (name: string, regex: string) => ({
    "@type": "cr:Field",
    "@id": `members/${name}`,
    name,
    dataType: "sc:Text",
    source: { fileObject: { "@id": "members.tsv" }, extract: { fileProperty: "lines" }, transform: { regex } },
  });
  const machine = rest.labelers.filter((l) => !isOneOf(HUMAN_LABELER_KINDS, l.kind));
  const labels = rest.labelers.reduce((sum, l) => sum + l.labels, 0);
  const balance = rest.sliceBalance;
  const seeds = [...new Set(rest.runs.flatMap((r) => r.seedSampleIds))];
  const optional = (key: string, values: string[]) => (values.length ? { [key]: values } : {});
  return {
    "@context": CONTEXT,
    "@type": "sc:Dataset",
    conformsTo: "http://mlcommons.org/croissant/1.1",
    name: d.name,
    description: `Version ${v.version} of dataset ${d.id} (purpose ${d.purpose}): ${n(c.total)} samples, ${pct(c.syntheticRatio)} generated (${n(c.real)} REAL, ${n(c.synthetic)} SYNTHETIC, ${n(c.augmented)} AUGMENTED). Sealed ${v.sealedAt}; SHA-256 of the member manifest ${v.digest}.`,
    url: `${f.baseUrl}/export/croissant/${encodeURIComponent(v.id)}`,
    version: v.version,
    license: d.license ?? "unknown",
    creator: { "@type": "sc:Organization", name: v.sealedBy },
    datePublished: v.sealedAt,
    distribution: [
      {
        "@type": "cr:FileObject",
        "@id": "members.tsv",
        name: "members.tsv",
        description:
          "One line per member, <sample id> TAB <content hash or empty>, sorted by sample id in code-point order: the digest's input.",
        contentUrl: manifest,
        encodingFormat: "text/plain",
        sha256: v.digest,
      },
    ],
    recordSet: [
      {
        "@type": "cr:RecordSet",
        "@id": "members",
        name: "members",
        description: "The samples of this version.",
        field: [field("sample_id", "^([^\\t]*)\\t.*$"), field("content_hash", "^[^\\t]*\\t(.*)$")],
      },
    ],
    "rai:dataCollection": `${n(c.real)} REAL samples (collected from the world), ${n(c.synthetic)} SYNTHETIC (generated from scratch) and ${n(c.augmented)} AUGMENTED (a generator's transformation of an existing sample), from ${n(rest.runs.length)} generation run${rest.runs.length === 1 ? "" : "s"}; deepest generation depth ${c.maxGenerationDepth}.`,
    ...optional("rai:dataCollectionType", generated > 0 ? ["Software Collection"] : []),
    ...optional("rai:dataPreprocessingProtocol", rest.runs.map(runText)),
    ...(rest.runs.length ? { "rai:dataManipulationProtocol": rest.runs.map(runText).join(" ") } : {}),
    "rai:dataAnnotationProtocol": rest.labelers.length
      ? rest.labelers.map((l) => `Labeler ${l.name} (${l.kind}, id ${l.id}) gave ${n(l.labels)} labels on ${n(l.items)} samples.`)
      : ["No labels recorded."],
    "rai:annotationsPerItem": c.total === 0 ? "0" : `${(labels / c.total).toFixed(2)} (${n(labels)} labels on ${n(c.total)} samples)`,
    ...optional(
      "rai:dataAnnotationAnalysis",
      rest.agreement.map(
        (a) =>
          `Labelers ${a.labelers.join(", ")}: ${n(a.items)} items, observed agreement ${a.observedAgreement.toFixed(3)}${a.cohenKappa === null ? "" : `, Cohen's kappa ${a.cohenKappa.toFixed(3)}`}, Krippendorff's alpha ${a.krippendorffAlpha.toFixed(3)}.`,
      ),
    ),
    ...optional(
      "rai:machineAnnotationTools",
      machine.map((l) => `${l.name} (${l.kind}, id ${l.id})`),
    ),
    "rai:dataBiases": [
      balance.realVsGeneratedDivergence === null
        ? "Jensen-Shannon divergence between the slice distributions of REAL and generated samples: not defined (one side is empty)."
        : `Jensen-Shannon divergence between the slice distributions of REAL and generated samples: ${balance.realVsGeneratedDivergence.toFixed(4)} bits (0 = same distribution, 1 = disjoint).`,
      ...balance.slices
        .slice(0, 50)
        .map(
          (s) =>
            `Slice ${s.slice}: ${n(s.total)} samples, ${n(s.real)} REAL, ${n(s.synthetic)} SYNTHETIC, ${n(s.augmented)} AUGMENTED (${pct(s.syntheticShare)} generated)${balance.ungroundedSlices.includes(s.slice) ? "; ungrounded: 90% or more generated" : ""}.`,
        ),
    ],
    "rai:dataLimitations": [
      `${pct(c.syntheticRatio)} of the samples are generated (SYNTHETIC or AUGMENTED).`,
      ...(c.maxGenerationDepth >= 2
        ? [
            `Generation depth reaches ${c.maxGenerationDepth}: synthetic data generated from synthetic data (the loop in which model collapse begins).`,
          ]
        : []),
      ...rest.failedChecks.map(
        (k) => `Failed check ${k.id} on ${k.subjectId}: ${k.kind} ${k.metric} = ${k.value} (threshold ${k.threshold}).`,
      ),
    ],
    "rai:dataUseCases": [`For ${PURPOSE_USE[d.purpose] ?? d.purpose}.`],
    ...(seeds.length ? { "prov:wasDerivedFrom": seeds.map(id) } : {}),
    ...(rest.runs.length ? { "prov:wasGeneratedBy": rest.runs.map((r) => id(r.id)) } : {}),
  };
}
