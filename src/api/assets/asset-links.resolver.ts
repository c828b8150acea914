/** The fields round 2 adds to datasets, training runs and model versions: the assets they touch. */
import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { FeatureComposition as Composition } from "../../domain/feature-composition.js";
import type { Context } from "../context.js";
import { featureCompositionOf } from "../../services/feature-composition.js";
import { isRecordOf, type DatasetRecord, type ModelVersionRecord, type TrainingRunRecord } from "../../store/records.js";
import { byId, byIds } from "../common/resolve.js";
import { Dataset } from "../datasets/dataset.type.js";
import { ModelVersion } from "../models/model-version.type.js";
import { TrainingRun } from "../models/training-run.type.js";
import { DataAsset, FeatureComposition } from "./data-asset.type.js";

@Resolver(() => Dataset)
export class DatasetAssetsResolver {
  @FieldResolver(() => [DataAsset], { description: "The tables this dataset is materialized as." })
  assets(@Root() dataset: DatasetRecord, @Ctx() ctx: Context) {
    return ctx.loaders.outgoing("MATERIALIZED_AS", "DataAsset").load(dataset.id);
  }
}

@Resolver(() => TrainingRun)
export class TrainingRunAssetsResolver {
  @FieldResolver(() => [DataAsset], { description: "The tables and feature services the training read." })
  trainedOnAssets(@Root() run: TrainingRunRecord, @Ctx() ctx: Context) {
    return byIds(ctx, run.trainedOnAssetIds);
  }
}

@Resolver(() => ModelVersion)
export class ModelVersionAssetsResolver {
  @FieldResolver(() => [DataAsset], { description: "The tables and feature services its training read." })
  async trainingAssets(@Root() version: ModelVersionRecord, @Ctx() ctx: Context) {
    const run = await byId(ctx, version.trainingRunId, "TrainingRun");
    const assets = await byIds(ctx, run?.trainedOnAssetIds);
    return assets.filter((a) => isRecordOf(a, "DataAsset"));
  }

  @FieldResolver(() => FeatureComposition, {
    nullable: true,
    description: "Features of its training assets by origin, computed now; null when it was trained on no feature service or view.",
  })
  async featureComposition(@Root() version: ModelVersionRecord, @Ctx() ctx: Context): Promise<Composition | null> {
    const assets = await this.trainingAssets(version, ctx);
    return ctx.executor.read("featureComposition", (run) => featureCompositionOf(run, assets));
  }

  @FieldResolver(() => FeatureComposition, {
    nullable: true,
    description: "The feature composition recorded when the version was registered.",
  })
  recordedFeatureComposition(@Root() version: ModelVersionRecord) {
    return version.recordedFeatureComposition ?? null;
  }
}
