import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import type { GraphQLResolveInfo } from "graphql";
import type { Context } from "../context.js";
import { generationRunKind, generatorKind, promptTemplateKind } from "../../services/generation.js";
import type { GenerationRunRecord, GeneratorRecord } from "../../store/records.js";
import { PageArgs } from "../common/page.args.js";
import { SampleConnection } from "../common/page.type.js";
import { byId, byIds, writeOne } from "../common/resolve.js";
import { Review } from "../governance/review.type.js";
import { ValidationCheck } from "../governance/validation-check.type.js";
import { ModelVersion } from "../models/model-version.type.js";
import { Sample } from "../samples/sample.type.js";
import { sampleConnection } from "../../services/pages.js";
import { GenerationRun } from "./generation-run.type.js";
import { GenerationRunInput } from "./generation-run.input.js";
import { Generator } from "./generator.type.js";
import { GeneratorInput } from "./generator.input.js";
import { PromptTemplate } from "./prompt-template.type.js";
import { PromptTemplateInput } from "./prompt-template.input.js";

@Resolver(() => Generator)
export class GeneratorResolver {
  @Authorized("reader")
  @Query(() => Generator, { nullable: true, description: "The generator with this id, or null." })
  generator(@Arg("id", () => ID, { description: "The generator's id." }) id: string, @Ctx() ctx: Context) {
    return byId(ctx, id, "Generator");
  }

  @Authorized("writer")
  @Mutation(() => Generator, { description: "Registers a generator (LLM, simulator, rule set, GAN/diffusion model); idempotent." })
  registerGenerator(
    @Arg("input", () => GeneratorInput, { description: "The generator." }) input: GeneratorInput,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return writeOne(ctx, info, generatorKind, input);
  }

  @Authorized("writer")
  @Mutation(() => PromptTemplate, {
    description: "Registers a versioned prompt or generation config; its hash is the SHA-256 of its text.",
  })
  registerPromptTemplate(
    @Arg("input", () => PromptTemplateInput, { description: "The prompt template." }) input: PromptTemplateInput,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return writeOne(ctx, info, promptTemplateKind, input);
  }

  @FieldResolver(() => ModelVersion, { nullable: true, description: "Set where the generator is itself a model version tracked here." })
  trainedAs(@Root() generator: GeneratorRecord, @Ctx() ctx: Context) {
    return generator.modelVersionId ? ctx.loaders.entity.load(generator.modelVersionId) : null;
  }
}

@Resolver(() => GenerationRun)
export class GenerationRunResolver {
  @Authorized("reader")
  @Query(() => GenerationRun, { nullable: true, description: "The generation run with this id, or null." })
  generationRun(@Arg("id", () => ID, { description: "The run's id." }) id: string, @Ctx() ctx: Context) {
    return byId(ctx, id, "GenerationRun");
  }

  @Authorized("writer")
  @Mutation(() => GenerationRun, { description: "Records one execution of a generator, with its prompt and seeds; idempotent." })
  recordGenerationRun(
    @Arg("input", () => GenerationRunInput, { description: "The run." }) input: GenerationRunInput,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return writeOne(ctx, info, generationRunKind, input);
  }

  @FieldResolver(() => Generator, { description: "The generator that ran." })
  generator(@Root() run: GenerationRunRecord, @Ctx() ctx: Context) {
    return ctx.loaders.entity.load(run.generatorId);
  }

  @FieldResolver(() => PromptTemplate, { nullable: true, description: "The prompt template it used, if any." })
  prompt(@Root() run: GenerationRunRecord, @Ctx() ctx: Context) {
    return run.promptId ? ctx.loaders.entity.load(run.promptId) : null;
  }

  @FieldResolver(() => [Sample], { description: "The real examples given to the generator as seeds." })
  seeds(@Root() run: GenerationRunRecord, @Ctx() ctx: Context) {
    return byIds(ctx, run.seedSampleIds);
  }

  @FieldResolver(() => Int, { description: "How many samples this run generated." })
  producedCount(@Root() run: GenerationRunRecord, @Ctx() ctx: Context) {
    return ctx.loaders.incomingCount("GENERATED_BY").load(run.id);
  }

  @FieldResolver(() => SampleConnection, { description: "The samples this run generated, in id order." })
  samples(@Root() run: GenerationRunRecord, @Ctx() ctx: Context, @Args(() => PageArgs) page: PageArgs) {
    return sampleConnection(ctx.executor, { kind: "generationRun", id: run.id }, page);
  }

  @FieldResolver(() => [ValidationCheck], { description: "Validation checks recorded on this run." })
  checks(@Root() run: GenerationRunRecord, @Ctx() ctx: Context) {
    return ctx.loaders.incoming("CHECKS", "ValidationCheck").load(run.id);
  }

  @FieldResolver(() => [Review], { description: "Human reviews of this run." })
  reviews(@Root() run: GenerationRunRecord, @Ctx() ctx: Context) {
    return ctx.loaders.incoming("REVIEWS", "Review").load(run.id);
  }
}
