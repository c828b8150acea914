import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import type { GraphQLResolveInfo } from "graphql";
import type { Composition } from "../../domain/model.js";
import type { Context } from "../context.js";
import { addSamplesToVersion } from "../../services/add-samples.js";
import { compositionOf } from "../../services/composition.js";
import { datasetKind, datasetVersionKind } from "../../services/datasets.js";
import { containerConnection } from "../../services/pages.js";
import { versionPolicy } from "../../services/version-policy.js";
import { sealDatasetVersion } from "../../services/seal-version.js";
import type { DatasetRecord, DatasetVersionRecord } from "../../store/records.js";
import { SamplePageArgs } from "../common/page.args.js";
import { DatasetConnection, SampleConnection } from "../common/page.type.js";
import { Priced, PRICE } from "../common/priced.js";
import { byId, write, writeOne } from "../common/resolve.js";
import { DatasetPurpose } from "../enums.js";
import { Composition as CompositionType } from "../governance/composition.type.js";
import { PolicyCheck } from "../governance/policy-check.type.js";
import { IngestResult } from "../ingest/ingest-result.type.js";
import { sampleConnection } from "../../services/pages.js";
import { Dataset } from "./dataset.type.js";
import { DatasetInput } from "./dataset.input.js";
import { DatasetVersion } from "./dataset-version.type.js";
import { DatasetVersionInput } from "./dataset-version.input.js";

@Resolver(() => Dataset)
export class DatasetResolver {
  @Authorized("reader")
  @Query(() => Dataset, { nullable: true, description: "The dataset with this id, or null." })
  dataset(@Arg("id", () => ID, { description: "The dataset's id." }) id: string, @Ctx() ctx: Context) {
    return byId(ctx, id, "Dataset");
  }

  @Authorized("reader")
  @Query(() => DatasetConnection, { description: "Datasets in id order, optionally of one purpose." })
  datasets(
    @Ctx() ctx: Context,
    @Arg("first", () => Int, { nullable: true, description: "Page size: default 100, at most 500." }) first?: number,
    @Arg("after", () => String, { nullable: true, description: "The endCursor of the previous page." }) after?: string,
    @Arg("purpose", () => DatasetPurpose, { nullable: true, description: "Only datasets of this purpose." }) purpose?: DatasetPurpose,
  ) {
    return containerConnection(ctx.executor, { label: "Dataset", purpose: purpose ?? null }, { first, after });
  }

  @Authorized("writer")
  @Mutation(() => Dataset, { description: "Creates a named collection with a purpose; idempotent." })
  createDataset(
    @Arg("input", () => DatasetInput, { description: "The dataset." }) input: DatasetInput,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return writeOne(ctx, info, datasetKind, input);
  }

  @FieldResolver(() => [DatasetVersion], { description: "Its versions, in the order they were created." })
  versions(@Root() dataset: DatasetRecord, @Ctx() ctx: Context) {
    return ctx.loaders.incoming("VERSION_OF", "DatasetVersion").load(dataset.id);
  }
}

@Resolver(() => DatasetVersion)
export class DatasetVersionResolver {
  @Authorized("reader")
  @Query(() => DatasetVersion, { nullable: true, description: "The dataset version with this id, or null." })
  datasetVersion(@Arg("id", () => ID, { description: "The version's id." }) id: string, @Ctx() ctx: Context) {
    return byId(ctx, id, "DatasetVersion");
  }

  @Authorized("writer")
  @Mutation(() => DatasetVersion, { description: "Creates an (unsealed) version of a dataset; idempotent." })
  createDatasetVersion(
    @Arg("input", () => DatasetVersionInput, { description: "The version." }) input: DatasetVersionInput,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return writeOne(ctx, info, datasetVersionKind, input);
  }

  @Authorized("writer")
  @Mutation(() => IngestResult, {
    description: "Up to 10,000 sample ids a call; idempotent; refused with SEALED once the version is sealed.",
  })
  addSamplesToVersion(
    @Arg("datasetVersionId", () => ID, { description: "The unsealed version." }) datasetVersionId: string,
    @Arg("sampleIds", () => [ID], { description: "Samples to add; ones already in count as unchanged." }) sampleIds: string[],
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return write(ctx, info, addSamplesToVersion(datasetVersionId, sampleIds));
  }

  @Authorized("writer")
  @Mutation(() => DatasetVersion, { description: "Freezes membership, stores the composition and digest; idempotent." })
  sealDatasetVersion(
    @Arg("id", () => ID, { description: "The version to seal." }) id: string,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return write(ctx, info, sealDatasetVersion(id));
  }

  @FieldResolver(() => Dataset, { description: "The dataset this is a version of." })
  dataset(@Root() version: DatasetVersionRecord, @Ctx() ctx: Context) {
    return ctx.loaders.entity.load(version.datasetId);
  }

  @FieldResolver(() => DatasetVersion, { nullable: true, description: "The version this one follows, if any." })
  previous(@Root() version: DatasetVersionRecord, @Ctx() ctx: Context) {
    return version.previousVersionId ? ctx.loaders.entity.load(version.previousVersionId) : null;
  }

  @Priced(PRICE.SET)
  @FieldResolver(() => CompositionType, {
    description: "The composition of its samples: stored at sealing once sealed, computed now before.",
  })
  composition(@Root() version: DatasetVersionRecord, @Ctx() ctx: Context): Promise<Composition> | Composition {
    return ctx.executor.read("composition", async (run) => compositionOf(run, version));
  }

  @Priced(PRICE.SET)
  @FieldResolver(() => PolicyCheck, { description: "The decision framework applied to this version's purpose." })
  policy(@Root() version: DatasetVersionRecord, @Ctx() ctx: Context) {
    return ctx.executor.read("policy", (run) => versionPolicy(run, version));
  }

  @FieldResolver(() => SampleConnection, { description: "Its samples in id order, optionally of one origin." })
  samples(@Root() version: DatasetVersionRecord, @Ctx() ctx: Context, @Args(() => SamplePageArgs) page: SamplePageArgs) {
    return sampleConnection(ctx.executor, { kind: "datasetVersion", id: version.id }, page);
  }
}
