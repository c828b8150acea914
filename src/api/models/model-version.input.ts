import { Field, Float, ID, InputType } from "type-graphql";
import { AssetRefInput } from "../assets/asset.input.js";
import { ModelKind } from "../enums.js";
import { JSONScalar } from "../scalars.js";

@InputType("ModelVersionInput", { description: "A model version (or RAG index build) to register, with its model and training run." })
export class ModelVersionInput {
  @Field(() => ID, { description: "Client-chosen id of the model version." })
  id!: string;

  @Field(() => ID, { description: "The model; created on first use." })
  modelId!: string;

  @Field(() => String, { description: "The model's name." })
  modelName!: string;

  @Field(() => ModelKind, { description: "MODEL or RAG_INDEX." })
  kind!: ModelKind;

  @Field(() => String, { description: "The version label." })
  version!: string;

  @Field(() => [ID], { description: "The sealed dataset versions it was trained on (a RAG index: the corpus versions)." })
  trainedOnDatasetVersionIds!: string[];

  @Field(() => ID, { description: "Client-chosen id of the training run." })
  trainingRunId!: string;

  @Field(() => JSONScalar, { nullable: true, description: "Training parameters." })
  trainingParameters?: unknown;

  @Field(() => Float, { nullable: true, description: "The synthetic ratio the training pipeline reported." })
  declaredSyntheticRatio?: number | null;

  @Field(() => [AssetRefInput], {
    nullable: true,
    description: "Tables and feature services the training read, besides or instead of sealed dataset versions.",
  })
  trainedOnAssets?: AssetRefInput[] | null;
}
