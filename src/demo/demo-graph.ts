/**
 * The demo graph, built from the three reference articles through the service layer (so the
 * audit chain covers it): the synthetic trap and its fixed successor, a fraud model with
 * expert-reviewed rare-event data, an HR-policy RAG index, and a model fed by a generator that
 * was itself trained on synthetic data, and a ticket router trained on warehouse tables whose
 * lineage came in as OpenLineage. Deterministic ids; loading it twice changes nothing.
 */
import { addSamplesToVersion } from "../services/add-samples.js";
import { auditedWrite, type Write } from "../services/audited-write.js";
import { datasetKind, datasetVersionKind } from "../services/datasets.js";
import { generationRunKind, generatorKind, promptTemplateKind } from "../services/generation.js";
import { evaluationKind, reviewKind, validationCheckKind } from "../services/governance-records.js";
import { sampleKind, type SampleInput } from "../services/samples.js";
import { labelerKind, labelKind } from "../services/labels.js";
import { registerModelVersion } from "../services/register-model-version.js";
import { sealDatasetVersion } from "../services/seal-version.js";
import { writeEntities, type EntityKind } from "../services/write-entities.js";
import { loadDemoLineage } from "./demo-lineage.js";
import type { Executor } from "../store/executor.js";
import type { WriteQueue } from "../store/write-queue.js";
import type { EntityLabel } from "../store/graph-schema.js";

export const DEMO = {
  trap: "demo:classifier:v1",
  fixed: "demo:classifier:v2",
  fraud: "demo:fraud:v1",
  rag: "demo:hr-rag:v1",
  collapse: "demo:summarizer:v3",
} as const;

const pad = (i: number) => String(i).padStart(4, "0");
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

class DemoWriter {
  constructor(
    private readonly executor: Executor,
    private readonly queue: WriteQueue,
  ) {}

  private write<T, P>(action: string, work: Write<T, P>): Promise<T> {
    return auditedWrite(this.executor, this.queue, "demo", action, work);
  }

  entities<I extends { id: string }, L extends EntityLabel>(action: string, kind: EntityKind<I, L>, inputs: I[]) {
    return this.write(action, writeEntities(kind, inputs));
  }

  samples(samples: SampleInput[]) {
    return this.entities("ingestSamples", sampleKind, samples);
  }

  labels(labelerId: string, sampleIds: string[], value: (i: number) => string) {
    return this.entities(
      "recordLabels",
      labelKind,
      sampleIds.map((sampleId, i) => ({ id: `${sampleId}:label:${labelerId}`, sampleId, labelerId, value: value(i) })),
    );
  }

  /** A dataset with one sealed version of these samples; returns the version id. */
  async version(datasetId: string, name: string, purpose: string, sampleIds: string[]): Promise<string> {
    await this.entities("createDataset", datasetKind, [{ id: datasetId, name, purpose, enforcement: "AUDIT" }]);
    const versionId = `${datasetId}:v1`;
    const { entities } = await this.entities("createDatasetVersion", datasetVersionKind, [{ id: versionId, datasetId, version: "1" }]);
    if (!entities[0]!.sealedAt) {
      await this.write("addSamplesToVersion", addSamplesToVersion(versionId, sampleIds));
      await this.write("sealDatasetVersion", sealDatasetVersion(versionId));
    }
    return versionId;
  }

  model(id: string, modelId: string, name: string, trainedOn: string[], declared: number | null, kind = "MODEL") {
    return this.write(
      "registerModelVersion",
      registerModelVersion({
        id,
        modelId,
        modelName: name,
        kind,
        version: id.split(":").at(-1)!,
        trainedOnDatasetVersionIds: trainedOn,
        trainingRunId: `${id}:training`,
        declaredSyntheticRatio: declared,
      }),
    );
  }

  check(
    id: string,
    subjectId: string,
    kind: string,
    metric: string,
    value: number,
    threshold: number,
    passed: boolean,
    generation?: number,
  ) {
    return this.entities("recordValidationCheck", validationCheckKind, [
      { id, subjectId, kind, metric, value, threshold, passed, generation },
    ]);
  }

  review(id: string, subjectId: string, reviewerId: string, decision: string, comment: string) {
    return this.entities("recordReview", reviewKind, [{ id, subjectId, reviewerId, decision, comment }]);
  }

  evaluate(id: string, modelVersionId: string, datasetVersionId: string, metrics: Record<string, number>) {
    return this.entities("recordEvaluation", evaluationKind, [{ id, modelVersionId, datasetVersionId, metrics }]);
  }
}

export async function loadDemo(executor: Executor, queue: WriteQueue): Promise<void> {
  const w = new DemoWriter(executor, queue);
  await w.entities("registerLabeler", labelerKind, [
    { id: "demo:labeler:dr-okafor", name: "Dr. A. Okafor", kind: "HUMAN_EXPERT", qualifications: ["fraud investigation, 12 years"] },
    { id: "demo:labeler:crowd-pool", name: "Annotation crowd pool", kind: "HUMAN_CROWD", qualifications: [] },
    { id: "demo:labeler:gpt-judge", name: "gpt-4o judge", kind: "LLM", qualifications: [] },
  ]);
  await w.entities("registerGenerator", generatorKind, [
    { id: "demo:gen:gpt-4o-docs", name: "Invoice writer", kind: "LLM", version: "2026-05", model: "gpt-4o" },
  ]);
  await w.entities("registerPromptTemplate", promptTemplateKind, [
    { id: "demo:prompt:invoice", name: "invoice", version: "3", text: "Write a realistic {{doc_type}} for a mid-sized supplier." },
  ]);
  await w.entities("recordGenerationRun", generationRunKind, [
    {
      id: "demo:run:invoices",
      generatorId: "demo:gen:gpt-4o-docs",
      promptId: "demo:prompt:invoice",
      purpose: "DOMAIN_SYNTHESIS",
      randomSeed: "42",
    },
  ]);

  // 1. The synthetic trap: 800 real + 4,200 synthetic training documents, a synthetic test set.
  const docTypes = ["invoice", "receipt", "contract", "statement"];
  const real = range(800).map((i) => ({
    id: `demo:doc:real-${pad(i)}`,
    origin: "REAL" as const,
    kind: "DOCUMENT",
    slice: docTypes[i % 4]!,
    contentHash: `real-${i}`,
  }));
  const synthetic = range(4200).map((i) => ({
    id: `demo:doc:syn-${pad(i)}`,
    origin: "SYNTHETIC" as const,
    kind: "DOCUMENT",
    slice: docTypes[i % 3]!,
    contentHash: `syn-${i % 3900}`,
    generationRunId: "demo:run:invoices",
  }));
  const synTest = range(300).map((i) => ({
    id: `demo:doc:syn-test-${pad(i)}`,
    origin: "SYNTHETIC" as const,
    kind: "DOCUMENT",
    slice: docTypes[i % 3]!,
    generationRunId: "demo:run:invoices",
  }));
  await w.samples([...real, ...synthetic, ...synTest]);
  await w.labels(
    "demo:labeler:gpt-judge",
    synTest.map((s) => s.id),
    (i) => docTypes[i % 3]!,
  );
  const train = await w.version(
    "demo:ds:documents-train",
    "Document training set",
    "TRAINING",
    [...real, ...synthetic].map((s) => s.id),
  );
  const synEval = await w.version(
    "demo:ds:documents-eval-synthetic",
    "Synthetic test set",
    "EVALUATION",
    synTest.map((s) => s.id),
  );
  await w.model(DEMO.trap, "demo:model:classifier", "Document classifier", [train], 0.15);
  await w.evaluate("demo:eval:classifier-v1", DEMO.trap, synEval, { accuracy: 0.94 });

  // 2. Its fixed successor: an aligned run, a real holdout labelled by people, honest numbers, a sign-off.
  await w.check("demo:check:invoices-aligned", "demo:run:invoices", "DISTRIBUTION_ALIGNMENT", "wasserstein", 0.031, 0.05, true);
  const holdout = range(400).map((i) => ({
    id: `demo:doc:holdout-${pad(i)}`,
    origin: "REAL" as const,
    kind: "DOCUMENT",
    slice: docTypes[i % 4]!,
  }));
  await w.samples(holdout);
  await w.labels(
    "demo:labeler:crowd-pool",
    holdout.map((s) => s.id),
    (i) => docTypes[i % 4]!,
  );
  await w.labels(
    "demo:labeler:dr-okafor",
    holdout.slice(0, 100).map((s) => s.id),
    (i) => (i % 10 === 0 ? docTypes[(i + 1) % 4]! : docTypes[i % 4]!),
  );
  const realEval = await w.version(
    "demo:ds:documents-holdout",
    "Real holdout",
    "HOLDOUT",
    holdout.map((s) => s.id),
  );
  await w.model(DEMO.fixed, "demo:model:classifier", "Document classifier", [train], 0.84);
  await w.evaluate("demo:eval:classifier-v2", DEMO.fixed, realEval, { accuracy: 0.89 });
  await w.check("demo:check:classifier-v2-holdout", DEMO.fixed, "DOWNSTREAM_REAL_HOLDOUT", "accuracy_gap", 0.03, 0.05, true);
  await w.review("demo:review:classifier-v2", DEMO.fixed, "demo:labeler:dr-okafor", "APPROVED", "Real holdout within 3% of baseline.");

  // 3. Fraud: rare events synthesised from real fraud seeds, signed off by an expert.
  const tx = range(1000).map((i) => ({
    id: `demo:tx:${pad(i)}`,
    origin: "REAL" as const,
    kind: "RECORD",
    slice: i % 20 === 0 ? "fraud" : "legit",
    contentHash: `tx-${i}`,
  }));
  await w.samples(tx);
  await w.entities("registerGenerator", generatorKind, [
    { id: "demo:gen:fraud-sim", name: "Fraud scenario simulator", kind: "SIMULATOR", version: "1.4" },
  ]);
  const seeds = tx
    .filter((t) => t.slice === "fraud")
    .slice(0, 20)
    .map((t) => t.id);
  await w.entities("recordGenerationRun", generationRunKind, [
    {
      id: "demo:run:fraud-rare",
      generatorId: "demo:gen:fraud-sim",
      purpose: "RARE_EVENT",
      seedSampleIds: seeds,
      parameters: { scenarios: ["card testing", "account takeover"] },
    },
  ]);
  const rare = range(300).map((i) => ({
    id: `demo:tx:rare-${pad(i)}`,
    origin: "SYNTHETIC" as const,
    kind: "RECORD",
    slice: "fraud",
    contentHash: `rare-${i}`,
    generationRunId: "demo:run:fraud-rare",
  }));
  await w.samples(rare);
  await w.check("demo:check:fraud-aligned", "demo:run:fraud-rare", "DISTRIBUTION_ALIGNMENT", "mmd", 0.018, 0.05, true);
  await w.check("demo:check:fraud-holdout", "demo:run:fraud-rare", "DOWNSTREAM_REAL_HOLDOUT", "recall_gap", 0.02, 0.05, true);
  await w.review(
    "demo:review:fraud-rare",
    "demo:run:fraud-rare",
    "demo:labeler:dr-okafor",
    "APPROVED",
    "Scenarios match observed fraud patterns.",
  );
  const fraudHoldout = range(200).map((i) => ({
    id: `demo:tx:holdout-${pad(i)}`,
    origin: "REAL" as const,
    kind: "RECORD",
    slice: i % 10 === 0 ? "fraud" : "legit",
  }));
  await w.samples(fraudHoldout);
  await w.labels(
    "demo:labeler:dr-okafor",
    fraudHoldout.map((s) => s.id),
    (i) => (i % 10 === 0 ? "fraud" : "legit"),
  );
  const fraudTrain = await w.version(
    "demo:ds:fraud-train",
    "Fraud training set",
    "TRAINING",
    [...tx.slice(20), ...rare].map((s) => s.id),
  );
  const fraudEval = await w.version(
    "demo:ds:fraud-holdout",
    "Fraud holdout",
    "HOLDOUT",
    fraudHoldout.map((s) => s.id),
  );
  await w.model(DEMO.fraud, "demo:model:fraud", "Fraud detector", [fraudTrain], 0.234); // 300 / (980 + 300)
  await w.evaluate("demo:eval:fraud-v1", DEMO.fraud, fraudEval, { recall: 0.81, precision: 0.77 });
  await w.review("demo:review:fraud-v1", DEMO.fraud, "demo:labeler:crowd-pool", "APPROVED", "Approved for the Q3 release.");

  // 4. An HR-policy RAG index: real documents and chunks, synthetic query paraphrases.
  const docs = range(20).map((i) => ({
    id: `demo:hr:doc-${pad(i)}`,
    origin: "REAL" as const,
    kind: "DOCUMENT",
    slice: ["leave", "benefits", "conduct", "remote work"][i % 4]!,
  }));
  const chunks = range(100).map((i) => ({
    id: `demo:hr:chunk-${pad(i)}`,
    origin: "REAL" as const,
    kind: "CHUNK",
    slice: docs[i % 20]!.slice,
    derivedFromIds: [docs[i % 20]!.id],
  }));
  await w.entities("registerGenerator", generatorKind, [
    { id: "demo:gen:paraphraser", name: "Query paraphraser", kind: "LLM", version: "1", model: "llama-3.1-8b" },
  ]);
  await w.entities("recordGenerationRun", generationRunKind, [
    { id: "demo:run:hr-queries", generatorId: "demo:gen:paraphraser", purpose: "AUGMENTATION" },
  ]);
  const queries = range(200).map((i) => ({
    id: `demo:hr:query-${pad(i)}`,
    origin: "SYNTHETIC" as const,
    kind: "QUERY",
    slice: chunks[i % 100]!.slice,
    generationRunId: "demo:run:hr-queries",
    derivedFromIds: [chunks[i % 100]!.id],
  }));
  await w.samples([...docs, ...chunks, ...queries]);
  const corpus = await w.version(
    "demo:ds:hr-corpus",
    "HR policy corpus",
    "RAG_CORPUS",
    [...docs, ...chunks, ...queries].map((s) => s.id),
  );
  await w.model(DEMO.rag, "demo:model:hr-rag", "HR policy assistant index", [corpus], null, "RAG_INDEX");

  // 5. Synthetic data fed synthetic data: a generator that is itself a model trained on the trap's data.
  await w.entities("registerGenerator", generatorKind, [
    { id: "demo:gen:distilled-writer", name: "Distilled writer", kind: "LLM", version: "0.3", modelVersionId: DEMO.trap },
  ]);
  await w.entities("recordGenerationRun", generationRunKind, [
    { id: "demo:run:summaries", generatorId: "demo:gen:distilled-writer", purpose: "DOMAIN_SYNTHESIS" },
  ]);
  const gen2 = range(600).map((i) => ({
    id: `demo:doc:gen2-${pad(i)}`,
    origin: "SYNTHETIC" as const,
    kind: "DOCUMENT",
    slice: docTypes[i % 2]!,
    contentHash: `gen2-${i % 420}`,
    generationRunId: "demo:run:summaries",
  }));
  await w.samples(gen2);
  const mixed = await w.version(
    "demo:ds:summaries-train",
    "Summarizer training set",
    "TRAINING",
    [...real.slice(0, 400), ...synthetic.slice(0, 600), ...gen2].map((s) => s.id),
  );
  await w.model(DEMO.collapse, "demo:model:summarizer", "Summarizer", [mixed], 0.75);
  await w.check("demo:check:div-0", mixed, "DIVERSITY", "distinct_4grams", 0.92, 0.8, true, 0);
  await w.check("demo:check:div-1", mixed, "DIVERSITY", "distinct_4grams", 0.84, 0.8, true, 1);
  await w.check("demo:check:div-2", mixed, "DIVERSITY", "distinct_4grams", 0.71, 0.8, false, 2);

  // 6. A model trained on warehouse tables whose lineage came in as OpenLineage.
  await loadDemoLineage(executor, queue);
}
