/** Builders for realistic graphs, written through the API as a pipeline would. */
import type { TestApi } from "./api.js";
import { ADD, CHECK, DATASET, EVALUATION, GENERATOR, INGEST, LABELER, LABELS, MODEL_VERSION, REVIEW, RUN, SEAL, VERSION } from "./ops.js";

export class Scenario {
  constructor(
    readonly api: TestApi,
    readonly p: string,
  ) {}

  id = (name: string) => `${this.p}${name}`;

  async generator(name: string, extra: Record<string, unknown> = {}) {
    await this.api.ok(GENERATOR, { i: { id: this.id(name), name, kind: "LLM", version: "1", ...extra } });
  }

  async run(name: string, generator: string, purpose = "DOMAIN_SYNTHESIS", seeds: string[] = []) {
    await this.api.ok(RUN, { i: { id: this.id(name), generatorId: this.id(generator), purpose, seedSampleIds: seeds.map(this.id) } });
  }

  async labeler(name: string, kind: string) {
    await this.api.ok(LABELER, { i: { id: this.id(name), name, kind } });
  }

  /** `count` samples named `<name>-<i>`; each of the extra fields may depend on i. */
  async samples(name: string, count: number, fields: (i: number) => Record<string, unknown>): Promise<string[]> {
    const samples = Array.from({ length: count }, (_, i) => ({ id: this.id(`${name}-${i}`), ...fields(i) }));
    for (let i = 0; i < samples.length; i += 5000) await this.api.ok(INGEST, { s: samples.slice(i, i + 5000) });
    return samples.map((s) => s.id);
  }

  async label(labeler: string, sampleIds: readonly string[], value: (i: number) => string = () => "ok") {
    await this.api.ok(LABELS, {
      l: sampleIds.map((sampleId, i) => ({ id: `${sampleId}-by-${labeler}`, sampleId, labelerId: this.id(labeler), value: value(i) })),
    });
  }

  /** A dataset with one version holding `sampleIds`, sealed unless asked not to be. */
  async version(
    name: string,
    purpose: string,
    sampleIds: readonly string[],
    options: { seal?: boolean; enforcement?: string } = {},
  ): Promise<string> {
    await this.api.ok(DATASET, { i: { id: this.id(name), name, purpose, enforcement: options.enforcement ?? "AUDIT" } });
    const vid = this.id(`${name}-v1`);
    await this.api.ok(VERSION, { i: { id: vid, datasetId: this.id(name), version: "1" } });
    for (let i = 0; i < sampleIds.length; i += 10_000) await this.api.ok(ADD, { v: vid, ids: sampleIds.slice(i, i + 10_000) });
    if (options.seal !== false) await this.api.ok(SEAL, { id: vid });
    return vid;
  }

  async model(name: string, trainedOn: readonly string[], declaredSyntheticRatio?: number, kind = "MODEL"): Promise<string> {
    await this.api.ok(MODEL_VERSION, {
      i: {
        id: this.id(name),
        modelId: this.id(`${name}-model`),
        modelName: name,
        kind,
        version: "1",
        trainedOnDatasetVersionIds: trainedOn,
        trainingRunId: this.id(`${name}-training`),
        declaredSyntheticRatio,
      },
    });
    return this.id(name);
  }

  async evaluate(model: string, versionId: string, name = `${model}-on-${versionId}`) {
    await this.api.ok(EVALUATION, { i: { id: `${name}`, modelVersionId: model, datasetVersionId: versionId, metrics: { f1: 0.9 } } });
  }

  async check(name: string, subject: string, kind: string, passed = true, generation?: number, value = 0.01) {
    await this.api.ok(CHECK, {
      i: { id: this.id(name), subjectId: subject, kind, metric: "m", value, threshold: 0.05, passed, generation },
    });
  }

  async review(name: string, subject: string, reviewer: string, decision = "APPROVED") {
    await this.api.ok(REVIEW, { i: { id: this.id(name), subjectId: subject, reviewerId: this.id(reviewer), decision } });
  }
}

export const READINESS = `query($id: ID!) { readiness(modelVersionId: $id) { modelVersionId ready generatedAt checks { rule status detail violationCount violations evidence } } }`;

/** rule -> status of a readiness report. */
export function statuses(report: { checks: Array<{ rule: string; status: string }> }): Record<string, string> {
  return Object.fromEntries(report.checks.map((c) => [c.rule, c.status]));
}
