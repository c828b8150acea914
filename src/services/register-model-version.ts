import { badInput, quote } from "../domain/errors.js";
import { checkId } from "../domain/ids.js";
import type { FeatureComposition } from "../domain/feature-composition.js";
import { assetId } from "../domain/lineage-ids.js";
import type { Composition } from "../domain/model.js";
import { findEntities } from "../store/entities.queries.js";
import type { LockedScope, Write } from "./audited-write.js";
import { computeComposition } from "./composition.js";
import { featureCompositionOf } from "./feature-composition.js";
import { checkUsableVersion } from "./governance-records.js";
import { writeLocked, type EntityKind } from "./write-entities.js";
import { recordOf, type ModelVersionRecord } from "../store/records.js";

export interface ModelVersionInput {
  id: string;
  modelId: string;
  modelName: string;
  kind: string;
  version: string;
  trainedOnDatasetVersionIds: string[];
  trainingRunId: string;
  trainingParameters?: unknown;
  declaredSyntheticRatio?: number | null;
  /** Tables and feature services the training read (DOMAIN.md 9.3). */
  trainedOnAssets?: Array<{ namespace: string; name: string }> | null;
}

interface ModelInput {
  id: string;
  name: string;
  kind: string;
}

const modelKind: EntityKind<ModelInput, "Model"> = {
  label: "Model",
  noun: "model",
  refs: () => [],
  rels: () => [],
};

interface TrainingRunInput {
  id: string;
  parameters?: unknown;
  trainedOnDatasetVersionIds: string[];
  trainedOnAssetIds?: string[];
}

const trainingRunKind: EntityKind<TrainingRunInput, "TrainingRun"> = {
  label: "TrainingRun",
  noun: "training run",
  refs: (t) => [
    ...t.trainedOnDatasetVersionIds.map((id) => ({ field: "trainedOnDatasetVersionIds entry", id, labels: ["DatasetVersion"] as const })),
    ...(t.trainedOnAssetIds ?? []).map((id) => ({ field: "trainedOnAssets entry", id, labels: ["DataAsset"] as const })),
  ],
  validate(fresh, { found }) {
    for (const t of fresh)
      for (const id of t.trainedOnDatasetVersionIds) checkUsableVersion(recordOf(found, id, "DatasetVersion"), "training");
  },
  rels: (t) => [...t.trainedOnDatasetVersionIds, ...(t.trainedOnAssetIds ?? [])].map((to) => ({ type: "TRAINED_ON" as const, to })),
};

/** `recorded`: the training composition (and feature composition), computed when the version is new. */
function modelVersionKind(
  recorded: Composition | undefined,
  features: FeatureComposition | null | undefined,
): EntityKind<ModelVersionInput, "ModelVersion"> {
  return {
    label: "ModelVersion",
    noun: "model version",
    refs: (m) => [
      { field: "modelId", id: m.modelId, labels: ["Model"] },
      { field: "trainingRunId", id: m.trainingRunId, labels: ["TrainingRun"] },
    ],
    // The assets are the training run's (TRAINED_ON), not properties of the version.
    props: (m) => Object.fromEntries(Object.entries(m).filter(([key]) => key !== "trainedOnAssets")),
    derive: (fresh, { at }) =>
      fresh.map(() => ({
        createdAt: at,
        recordedComposition: recorded,
        recordedFeatureComposition: features,
        trainedDepth: recorded!.maxGenerationDepth,
      })),
    rels: (m) => [
      { type: "VERSION_OF", to: m.modelId },
      { type: "PRODUCED_BY", to: m.trainingRunId },
    ],
  };
}

/**
 * Registers a model version (or RAG index) with its model and training run, and records the
 * composition of its distinct training samples at registration. Re-sending the same input
 * changes nothing; the training versions must be sealed. Written under the lock: the
 * composition recorded is that of the graph this write commits on.
 */
export function registerModelVersion(input: ModelVersionInput): Write<ModelVersionRecord> {
  return {
    async prepare() {
      for (const [what, id] of [
        ["model version", input.id],
        ["model", input.modelId],
        ["training run", input.trainingRunId],
      ] as const)
        checkId(what, id);
      if (input.trainedOnDatasetVersionIds.length === 0 && (input.trainedOnAssets ?? []).length === 0)
        throw badInput(`model version ${quote(input.id)} names neither trainedOnDatasetVersionIds nor trainedOnAssets`);
      const ratio = input.declaredSyntheticRatio;
      if (ratio != null && !(ratio >= 0 && ratio <= 1))
        throw badInput(`model version ${quote(input.id)} declares syntheticRatio ${ratio}; it must be between 0 and 1`);
    },
    apply: (scope) => register(scope, input),
  };
}

async function register(scope: LockedScope, input: ModelVersionInput): Promise<ModelVersionRecord> {
  let recorded: Composition | undefined;
  let features: FeatureComposition | null | undefined;
  if (!(await findEntities(scope.run, [input.id])).has(input.id)) {
    const assetIds = [...new Set((input.trainedOnAssets ?? []).map((a) => assetId(a.namespace, a.name)))];
    await writeLocked(scope, modelKind, [{ id: input.modelId, name: input.modelName, kind: input.kind }]);
    await writeLocked(scope, trainingRunKind, [
      {
        id: input.trainingRunId,
        parameters: input.trainingParameters,
        trainedOnDatasetVersionIds: input.trainedOnDatasetVersionIds,
        ...(assetIds.length ? { trainedOnAssetIds: assetIds } : {}),
      },
    ]);
    recorded = await computeComposition(scope.run, "trainingRun", input.trainingRunId);
    const assets = await findEntities(scope.run, assetIds);
    features = await featureCompositionOf(
      scope.run,
      assetIds.map((id) => recordOf(assets, id, "DataAsset")),
    );
  }
  const { entities } = await writeLocked(scope, modelVersionKind(recorded, features), [input]);
  return entities[0]!;
}
