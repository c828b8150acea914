import { Arg, Authorized, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import type { GraphQLResolveInfo } from "graphql";
import type { Composition } from "../../domain/model.js";
import type { Context } from "../context.js";
import { computeComposition } from "../../services/composition.js";
import { evaluationKind } from "../../services/governance-records.js";
import { containerConnection } from "../../services/pages.js";
import { registerModelVersion } from "../../services/register-model-version.js";
import type { EvaluationRecord, ModelRecord, ModelVersionRecord, TrainingRunRecord } from "../../store/records.js";
import { ModelConnection } from "../common/page.type.js";
import { Priced, PRICE } from "../common/priced.js";
import { byId, byIds, write, writeOne } from "../common/resolve.js";
import { DatasetVersion } from "../datasets/dataset-version.type.js";
import { ModelKind } from "../enums.js";
import { Composition as CompositionType } from "../governance/composition.type.js";
import { Review } from "../governance/review.type.js";
import { Evaluation } from "./evaluation.type.js";
import { EvaluationInput } from "./evaluation.input.js";
import { Model } from "./model.type.js";
import { ModelVersion } from "./model-version.type.js";
import { ModelVersionInput } from "./model-version.input.js";
import { TrainingRun } from "./training-run.type.js";

@Resolver(() => Model)
export class ModelResolver {
  @Authorized("reader")
  @Query(() => Model, { nullable: true, description: "The model (or RAG index) with this id, or null." })
  model(@Arg("id", () => ID, { description: "The model's id." }) id: string, @Ctx() ctx: Context) {
    return byId(ctx, id, "Model");
  }

  @Authorized("reader")
  @Query(() => ModelConnection, { description: "Models and RAG indexes in id order, optionally of one kind." })
  models(
    @Ctx() ctx: Context,
    @Arg("first", () => Int, { nullable: true, description: "Page size: default 100, at most 500." }) first?: number,
    @Arg("after", () => String, { nullable: true, description: "The endCursor of the previous page." }) after?: string,
    @Arg("kind", () => ModelKind, { nullable: true, description: "Only models of this kind." }) kind?: ModelKind,
  ) {
    return containerConnection(ctx.executor, { label: "Model", kind: kind ?? null }, { first, after });
  }

  @FieldResolver(() => [ModelVersion], { description: "Its versions, in the order they were registered." })
  versions(@Root() model: ModelRecord, @Ctx() ctx: Context) {
    return ctx.loaders.incoming("VERSION_OF", "ModelVersion").load(model.id);
  }
}

@Resolver(() => ModelVersion)
export class ModelVersionResolver {
  @Authorized("reader")
  @Query(() => ModelVersion, { nullable: true, description: "The model version with this id, or null." })
  modelVersion(@Arg("id", () => ID, { description: "The version's id." }) id: string, @Ctx() ctx: Context) {
    return byId(ctx, id, "ModelVersion");
  }

  @Authorized("writer")
  @Mutation(() => ModelVersion, {
    description: "Registers a trained model (or RAG index) and records its training composition. Training versions must be sealed.",
  })
  registerModelVersion(
    @Arg("input", () => ModelVersionInput, { description: "The model version." }) input: ModelVersionInput,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return write(ctx, info, registerModelVersion(input));
  }

  @FieldResolver(() => Model, { description: "The model this is a version of." })
  model(@Root() version: ModelVersionRecord, @Ctx() ctx: Context) {
    return ctx.loaders.entity.load(version.modelId);
  }

  @FieldResolver(() => TrainingRun, { description: "The training run that produced it." })
  trainingRun(@Root() version: ModelVersionRecord, @Ctx() ctx: Context) {
    return ctx.loaders.entity.load(version.trainingRunId);
  }

  @FieldResolver(() => [DatasetVersion], {
    description: "The dataset versions it was trained on (for a RAG index: the corpus versions it indexes).",
  })
  trainedOn(@Root() version: ModelVersionRecord, @Ctx() ctx: Context) {
    return byIds(ctx, version.trainedOnDatasetVersionIds);
  }

  @FieldResolver(() => [Evaluation], { description: "Its evaluations, in the order they were recorded." })
  evaluations(@Root() version: ModelVersionRecord, @Ctx() ctx: Context) {
    return ctx.loaders.incoming("OF_MODEL", "Evaluation").load(version.id);
  }

  @FieldResolver(() => [Review], { description: "Human reviews of this version, in the order they were recorded." })
  reviews(@Root() version: ModelVersionRecord, @Ctx() ctx: Context) {
    return ctx.loaders.incoming("REVIEWS", "Review").load(version.id);
  }

  @Priced(PRICE.SET)
  @FieldResolver(() => CompositionType, {
    description: "Composition of the distinct samples of all training dataset versions, computed now.",
  })
  composition(@Root() version: ModelVersionRecord, @Ctx() ctx: Context): Promise<Composition> {
    return ctx.executor.read("composition", (run) => computeComposition(run, "modelVersion", version.id));
  }

  @FieldResolver(() => CompositionType, { nullable: true, description: "The composition recorded when the version was registered." })
  recordedComposition(@Root() version: ModelVersionRecord) {
    return version.recordedComposition ?? null;
  }
}

@Resolver(() => TrainingRun)
export class TrainingRunResolver {
  @FieldResolver(() => [DatasetVersion], { description: "The dataset versions it trained on." })
  trainedOn(@Root() run: TrainingRunRecord, @Ctx() ctx: Context) {
    return byIds(ctx, run.trainedOnDatasetVersionIds);
  }
}

@Resolver(() => Evaluation)
export class EvaluationResolver {
  @Authorized("writer")
  @Mutation(() => Evaluation, { description: "Records a model version scored on a sealed dataset version; idempotent." })
  recordEvaluation(
    @Arg("input", () => EvaluationInput, { description: "The evaluation." }) input: EvaluationInput,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return writeOne(ctx, info, evaluationKind, input);
  }

  @FieldResolver(() => ModelVersion, { description: "The model version evaluated." })
  model(@Root() evaluation: EvaluationRecord, @Ctx() ctx: Context) {
    return ctx.loaders.entity.load(evaluation.modelVersionId);
  }

  @FieldResolver(() => DatasetVersion, { description: "The dataset version it was evaluated on." })
  dataset(@Root() evaluation: EvaluationRecord, @Ctx() ctx: Context) {
    return ctx.loaders.entity.load(evaluation.datasetVersionId);
  }
}
