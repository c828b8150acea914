import { Arg, Authorized, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import type { GraphQLResolveInfo } from "graphql";
import type { AssetOrigin as Origin } from "../../domain/asset-origin.js";
import type { FeatureComposition as Composition } from "../../domain/feature-composition.js";
import { assetId } from "../../domain/lineage-ids.js";
import type { Context } from "../context.js";
import { declareAssetOrigin, linkDatasetToAsset } from "../../services/asset-statements.js";
import { featureCompositionOf, featureViewIds } from "../../services/feature-composition.js";
import { assetConnection } from "../../services/pages.js";
import type { DataAssetRecord, JobRunRecord } from "../../store/records.js";
import { DataAssetConnection } from "../common/page.type.js";
import { byId, byIds, write } from "../common/resolve.js";
import { Dataset } from "../datasets/dataset.type.js";
import { ValidationCheck } from "../governance/validation-check.type.js";
import { AssetKind } from "./asset-enums.js";
import { AssetOriginInput, AssetRefInput } from "./asset.input.js";
import { AssetField, AssetOrigin, DataAsset, FeatureComposition, FeatureViewOrigin, OriginDeclaration } from "./data-asset.type.js";
import { JobRun } from "./job.type.js";

/** Runs by their latest event, newest first, cut at `first`. */
export function latestFirst(runs: readonly JobRunRecord[], first: number | null | undefined): JobRunRecord[] {
  const sorted = [...runs].sort((a, b) => (b.lastEventAt ?? "").localeCompare(a.lastEventAt ?? "") || b.auditSeq - a.auditSeq);
  return first == null ? sorted : sorted.slice(0, Math.max(0, first));
}

@Resolver(() => DataAsset)
export class DataAssetResolver {
  @Authorized("reader")
  @Query(() => DataAsset, { nullable: true, description: "The data asset with this OpenLineage namespace and name, or null." })
  dataAsset(
    @Arg("namespace", () => String, { description: "The dataset namespace." }) namespace: string,
    @Arg("name", () => String, { description: "The dataset name." }) name: string,
    @Ctx() ctx: Context,
  ) {
    return byId(ctx, assetId(namespace, name), "DataAsset");
  }

  @Authorized("reader")
  @Query(() => DataAssetConnection, { description: "Data assets in id order, optionally of one namespace or kind." })
  dataAssets(
    @Ctx() ctx: Context,
    @Arg("first", () => Int, { nullable: true, description: "Page size: default 100, at most 500." }) first?: number,
    @Arg("after", () => String, { nullable: true, description: "The endCursor of the previous page." }) after?: string,
    @Arg("namespace", () => String, { nullable: true, description: "Only assets of this namespace." }) namespace?: string,
    @Arg("kind", () => AssetKind, { nullable: true, description: "Only assets of this kind." }) kind?: AssetKind,
  ) {
    return assetConnection(ctx.executor, { namespace: namespace ?? null, kind: kind ?? null }, { first, after });
  }

  @Authorized("writer")
  @Mutation(() => DataAsset, {
    description: "Declares what an asset holds (the same as a provgraph_origin facet); the latest declaration counts.",
  })
  async declareAssetOrigin(
    @Arg("input", () => AssetOriginInput, { description: "The declaration." }) input: AssetOriginInput,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    const id = await write(ctx, info, { apply: (scope) => declareAssetOrigin(scope, ctx.principal.actor, input) });
    return ctx.loaders.entity.load(id);
  }

  @Authorized("writer")
  @Mutation(() => Dataset, { description: "States that the dataset's sealed versions are snapshots of this asset (MATERIALIZED_AS)." })
  async linkDatasetToAsset(
    @Arg("datasetId", () => ID, { description: "The provgraph dataset." }) datasetId: string,
    @Arg("asset", () => AssetRefInput, { description: "The asset; created when provgraph has not heard of it yet." }) asset: AssetRefInput,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    const id = await write(ctx, info, { apply: (scope) => linkDatasetToAsset(scope, datasetId, asset) });
    return ctx.loaders.entity.load(id);
  }

  @FieldResolver(() => [AssetField], { description: "Its fields, from the latest schema facet." })
  fields(@Root() asset: DataAssetRecord) {
    return asset.fields ?? [];
  }

  @FieldResolver(() => AssetOrigin, { description: "What it holds and why (DOMAIN.md 9.2), computed now." })
  origin(@Root() asset: DataAssetRecord, @Ctx() ctx: Context) {
    return ctx.loaders.assetOrigin.load(asset.id);
  }

  @FieldResolver(() => [JobRun], { description: "Runs that wrote it, latest event first." })
  async writtenBy(
    @Root() asset: DataAssetRecord,
    @Ctx() ctx: Context,
    @Arg("first", () => Int, { nullable: true, description: "At most this many." }) first?: number,
  ) {
    return latestFirst(await ctx.loaders.outgoing("WRITTEN_BY", "JobRun").load(asset.id), first);
  }

  @FieldResolver(() => [JobRun], { description: "Runs that read it, latest event first." })
  async readBy(
    @Root() asset: DataAssetRecord,
    @Ctx() ctx: Context,
    @Arg("first", () => Int, { nullable: true, description: "At most this many." }) first?: number,
  ) {
    return latestFirst(await ctx.loaders.incoming("READ", "JobRun").load(asset.id), first);
  }

  @FieldResolver(() => [Dataset], { description: "Provgraph datasets materialized as this asset." })
  datasets(@Root() asset: DataAssetRecord, @Ctx() ctx: Context) {
    return ctx.loaders.incoming("MATERIALIZED_AS", "Dataset").load(asset.id);
  }

  @FieldResolver(() => [ValidationCheck], { description: "Checks recorded on it (data-quality assertions among them), in write order." })
  validationChecks(@Root() asset: DataAssetRecord, @Ctx() ctx: Context) {
    return ctx.loaders.incoming("CHECKS", "ValidationCheck").load(asset.id);
  }

  @FieldResolver(() => [String], { description: "FEATURE_VIEW: its entities' names, TTL and whether it is served online." })
  entities(@Root() asset: DataAssetRecord) {
    return asset.entities ?? [];
  }

  @FieldResolver(() => [DataAsset], { description: "FEATURE_VIEW: the assets its own definition run read (sources, entities excluded)." })
  async sources(@Root() asset: DataAssetRecord, @Ctx() ctx: Context) {
    const runs = await ctx.loaders.outgoing("WRITTEN_BY", "JobRun").load(asset.id);
    const read = (await ctx.loaders.outgoing("READ", "DataAsset").loadMany(runs.map((r) => r.id))).flatMap((list) =>
      Array.isArray(list) ? list : [],
    );
    return [...new Map(read.filter((a) => a.kind !== "ENTITY").map((a) => [a.id, a])).values()];
  }

  @FieldResolver(() => [DataAsset], { description: "FEATURE_SERVICE: its feature views." })
  async featureViews(@Root() asset: DataAssetRecord, @Ctx() ctx: Context) {
    return (await byIds(ctx, featureViewIds(asset))).filter((a) => a.__typename === "DataAsset");
  }

  @FieldResolver(() => FeatureComposition, {
    nullable: true,
    description: "FEATURE_SERVICE: its features by origin; null for other kinds.",
  })
  featureComposition(@Root() asset: DataAssetRecord, @Ctx() ctx: Context): Promise<Composition | null> | null {
    if (asset.kind !== "FEATURE_SERVICE") return null;
    return ctx.executor.read("featureComposition", (run) => featureCompositionOf(run, [asset]));
  }

  @FieldResolver(() => [OriginDeclaration], { description: "Its origin declarations, in write order." })
  declarations(@Root() asset: DataAssetRecord, @Ctx() ctx: Context) {
    return ctx.loaders.outgoing("DECLARED", "OriginDeclaration").load(asset.id);
  }
}

@Resolver(() => AssetOrigin)
export class AssetOriginResolver {
  @FieldResolver(() => [DataAsset], { description: "PROPAGATED: the upstream roots that are SYNTHETIC or MIXED (at most 100, by id)." })
  syntheticUpstream(@Root() origin: Origin, @Ctx() ctx: Context) {
    return byIds(ctx, origin.syntheticUpstream);
  }

  @FieldResolver(() => [DataAsset], { description: "PROPAGATED: the upstream roots nothing is known about (at most 100, by id)." })
  unknownUpstream(@Root() origin: Origin, @Ctx() ctx: Context) {
    return byIds(ctx, origin.unknownUpstream);
  }
}

@Resolver(() => FeatureViewOrigin)
export class FeatureViewOriginResolver {
  @FieldResolver(() => DataAsset, { description: "The feature view." })
  featureView(@Root() row: Composition["byFeatureView"][number], @Ctx() ctx: Context) {
    return ctx.loaders.entity.load(row.featureView);
  }
}
