import { Arg, Authorized, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import type { GraphQLResolveInfo } from "graphql";
import type { Context } from "../context.js";
import { ingestSamples, recordLabels } from "../../services/batch-writes.js";
import { labelerKind } from "../../services/labels.js";
import { sampleConnection } from "../../services/pages.js";
import type { LabelRecord, SampleRecord } from "../../store/records.js";
import type { SampleScope } from "../../store/pages.queries.js";
import { byId, byIds, write, writeOne } from "../common/resolve.js";
import { SampleConnection } from "../common/page.type.js";
import { Origin } from "../enums.js";
import { GenerationRun } from "../generation/generation-run.type.js";
import { IngestResult } from "../ingest/ingest-result.type.js";
import { Label } from "./label.type.js";
import { LabelInput } from "./label.input.js";
import { Labeler } from "./labeler.type.js";
import { LabelerInput } from "./labeler.input.js";
import { Sample } from "./sample.type.js";
import { SampleInput } from "./sample.input.js";

@Resolver(() => Sample)
export class SampleResolver {
  @Authorized("reader")
  @Query(() => Sample, { nullable: true, description: "The sample with this id, or null." })
  sample(@Arg("id", () => ID, { description: "The sample's id." }) id: string, @Ctx() ctx: Context) {
    return byId(ctx, id, "Sample");
  }

  @Authorized("reader")
  @Query(() => SampleConnection, { description: "Samples in id order, optionally only one origin or one generation run's output." })
  samples(
    @Ctx() ctx: Context,
    @Arg("first", () => Int, { nullable: true, description: "Page size: default 100, at most 500." }) first?: number,
    @Arg("after", () => String, { nullable: true, description: "The endCursor of the previous page." }) after?: string,
    @Arg("origin", () => Origin, { nullable: true, description: "Only samples of this origin." }) origin?: Origin,
    @Arg("generationRunId", () => ID, { nullable: true, description: "Only samples this generation run produced." })
    generationRunId?: string,
  ) {
    const scope: SampleScope = generationRunId ? { kind: "generationRun", id: generationRunId } : { kind: "all" };
    return sampleConnection(ctx.executor, scope, { first, after, origin });
  }

  @Authorized("writer")
  @Mutation(() => IngestResult, { description: "Idempotent batch ingest, all-or-nothing, up to 10,000 samples a call." })
  ingestSamples(
    @Arg("samples", () => [SampleInput], { description: "The samples; sources in derivedFromIds may be in the same batch." })
    samples: SampleInput[],
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return write(ctx, info, ingestSamples(samples));
  }

  @FieldResolver(() => GenerationRun, {
    nullable: true,
    description: "The run that generated this sample (SYNTHETIC and AUGMENTED samples).",
  })
  generationRun(@Root() sample: SampleRecord, @Ctx() ctx: Context) {
    return sample.generationRunId ? ctx.loaders.entity.load(sample.generationRunId) : null;
  }

  @FieldResolver(() => [Sample], { description: "The samples this one was derived from (paraphrase, chunk, QA pair about a document)." })
  derivedFrom(@Root() sample: SampleRecord, @Ctx() ctx: Context) {
    return byIds(ctx, sample.derivedFromIds);
  }

  @FieldResolver(() => [Label], { description: "Every label on this sample, in the order they were recorded." })
  labels(@Root() sample: SampleRecord, @Ctx() ctx: Context) {
    return ctx.loaders.incoming("LABELS", "Label").load(sample.id);
  }
}

@Resolver(() => Label)
export class LabelResolver {
  @Authorized("writer")
  @Mutation(() => IngestResult, { description: "Records labels in one all-or-nothing batch (up to 10,000); idempotent." })
  recordLabels(
    @Arg("labels", () => [LabelInput], { description: "The labels." }) labels: LabelInput[],
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return write(ctx, info, recordLabels(labels));
  }

  @FieldResolver(() => Labeler, { description: "Who or what gave the label." })
  labeler(@Root() label: LabelRecord, @Ctx() ctx: Context) {
    return ctx.loaders.entity.load(label.labelerId);
  }

  @FieldResolver(() => Sample, { description: "The labelled sample." })
  sample(@Root() label: LabelRecord, @Ctx() ctx: Context) {
    return ctx.loaders.entity.load(label.sampleId);
  }
}

@Resolver(() => Labeler)
export class LabelerResolver {
  @Authorized("reader")
  @Query(() => Labeler, { nullable: true, description: "The labeler with this id, or null." })
  labeler(@Arg("id", () => ID, { description: "The labeler's id." }) id: string, @Ctx() ctx: Context) {
    return byId(ctx, id, "Labeler");
  }

  @Authorized("writer")
  @Mutation(() => Labeler, { description: "Registers a labeler (human expert, crowd worker, LLM, heuristic); idempotent." })
  registerLabeler(
    @Arg("input", () => LabelerInput, { description: "The labeler." }) input: LabelerInput,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return writeOne(ctx, info, labelerKind, input);
  }
}
