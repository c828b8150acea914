/** Generators, prompt templates and generation runs. */
import { createHash } from "node:crypto";
import { badInput, quote } from "../domain/errors.js";
import type { EntityKind } from "./write-entities.js";
import { recordOf } from "../store/records.js";

export interface GeneratorInput {
  id: string;
  name: string;
  kind: string;
  version: string;
  model?: string | null;
  modelVersionId?: string | null;
}

export const generatorKind: EntityKind<GeneratorInput, "Generator"> = {
  label: "Generator",
  noun: "generator",
  refs: (g) => (g.modelVersionId ? [{ field: "modelVersionId", id: g.modelVersionId, labels: ["ModelVersion"] }] : []),
  // A generator that is a tracked model passes its training data's depth on to what it generates.
  derive: (fresh, { found }) =>
    fresh.map((g) => ({ trainedDepth: g.modelVersionId ? recordOf(found, g.modelVersionId, "ModelVersion").trainedDepth : null })),
  rels: (g) => (g.modelVersionId ? [{ type: "TRAINED_AS", to: g.modelVersionId }] : []),
};

export interface PromptTemplateInput {
  id: string;
  name: string;
  version: string;
  text: string;
}

export const promptTemplateKind: EntityKind<PromptTemplateInput, "PromptTemplate"> = {
  label: "PromptTemplate",
  noun: "prompt template",
  refs: () => [],
  derive: (fresh) => fresh.map((p) => ({ hash: createHash("sha256").update(p.text, "utf8").digest("hex") })),
  rels: () => [],
};

export interface GenerationRunInput {
  id: string;
  generatorId: string;
  promptId?: string | null;
  purpose: string;
  seedSampleIds?: string[] | null;
  parameters?: unknown;
  randomSeed?: string | null;
  startedAt?: string | null;
  endedAt?: string | null;
}

export const generationRunKind: EntityKind<GenerationRunInput, "GenerationRun"> = {
  label: "GenerationRun",
  noun: "generation run",
  check(run) {
    const seeds = run.seedSampleIds ?? [];
    if (run.purpose === "RARE_EVENT" && seeds.length === 0) {
      throw badInput(
        `generation run ${quote(run.id)} is RARE_EVENT but names no seedSampleIds: rare events must be seeded by real samples`,
      );
    }
    if (new Set(seeds).size !== seeds.length) throw badInput(`generation run ${quote(run.id)} names the same seed twice`);
    if (run.startedAt && run.endedAt && run.endedAt < run.startedAt) {
      throw badInput(`generation run ${quote(run.id)} ends (${run.endedAt}) before it starts (${run.startedAt})`);
    }
  },
  refs: (run) => [
    { field: "generatorId", id: run.generatorId, labels: ["Generator"] },
    ...(run.promptId ? [{ field: "promptId", id: run.promptId, labels: ["PromptTemplate"] as const }] : []),
    ...(run.seedSampleIds ?? []).map((id) => ({ field: "seedSampleIds entry", id, labels: ["Sample"] as const })),
  ],
  validate(fresh, { found }) {
    for (const run of fresh) {
      if (run.purpose !== "RARE_EVENT") continue;
      const synthetic = (run.seedSampleIds ?? []).find((id) => recordOf(found, id, "Sample").origin !== "REAL");
      if (synthetic !== undefined) {
        throw badInput(
          `generation run ${quote(run.id)} is RARE_EVENT but its seed ${quote(synthetic)} is ${recordOf(found, synthetic, "Sample").origin}, not REAL`,
        );
      }
    }
  },
  // inputDepth: the deepest of the seeds and of the generator's own training data (0 if none).
  derive: (fresh, { found }) =>
    fresh.map((run) => ({
      inputDepth: Math.max(
        0,
        recordOf(found, run.generatorId, "Generator").trainedDepth ?? 0,
        ...(run.seedSampleIds ?? []).map((id) => recordOf(found, id, "Sample").generationDepth),
      ),
    })),
  rels: (run) => [
    { type: "USED_GENERATOR", to: run.generatorId },
    ...(run.promptId ? [{ type: "USED_PROMPT" as const, to: run.promptId }] : []),
    ...(run.seedSampleIds ?? []).map((to) => ({ type: "SEEDED_BY" as const, to })),
  ],
};
