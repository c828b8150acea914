import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from "type-graphql";
import { jobId } from "../../domain/lineage-ids.js";
import type { Context } from "../context.js";
import type { JobRecord, JobRunRecord } from "../../store/records.js";
import { byId } from "../common/resolve.js";
import { GenerationRun } from "../generation/generation-run.type.js";
import { JobRunState } from "./asset-enums.js";
import { latestFirst } from "./assets.resolver.js";
import { DataAsset } from "./data-asset.type.js";
import { Job, JobRun } from "./job.type.js";

@Resolver(() => Job)
export class JobResolver {
  @Authorized("reader")
  @Query(() => Job, { nullable: true, description: "The job with this OpenLineage namespace and name, or null." })
  job(
    @Arg("namespace", () => String, { description: "The job namespace." }) namespace: string,
    @Arg("name", () => String, { description: "The job name." }) name: string,
    @Ctx() ctx: Context,
  ) {
    return byId(ctx, jobId(namespace, name), "Job");
  }

  @FieldResolver(() => [JobRun], { description: "Its runs, latest event first." })
  async runs(
    @Root() job: JobRecord,
    @Ctx() ctx: Context,
    @Arg("first", () => Int, { nullable: true, description: "At most this many." }) first?: number,
  ) {
    return latestFirst(await ctx.loaders.incoming("RUN_OF", "JobRun").load(job.id), first);
  }
}

@Resolver(() => JobRun)
export class JobRunResolver {
  @Authorized("reader")
  @Query(() => JobRun, { nullable: true, description: "The run with this OpenLineage runId, or null." })
  jobRun(@Arg("id", () => ID, { description: "The runId." }) id: string, @Ctx() ctx: Context) {
    return byId(ctx, id, "JobRun");
  }

  @FieldResolver(() => Job, { description: "The job it is a run of." })
  job(@Root() run: JobRunRecord, @Ctx() ctx: Context) {
    return ctx.loaders.entity.load(run.jobId);
  }

  @FieldResolver(() => JobRunState, {
    description: "The eventType of its event with the latest eventTime (OTHER for a run known only as a parent).",
  })
  state(@Root() run: JobRunRecord) {
    return run.state ?? "OTHER";
  }

  @FieldResolver(() => JobRun, { nullable: true, description: "Its parent run (ParentRunFacet)." })
  async parent(@Root() run: JobRunRecord, @Ctx() ctx: Context) {
    return (await ctx.loaders.outgoing("CHILD_OF", "JobRun").load(run.id))[0] ?? null;
  }

  @FieldResolver(() => [DataAsset], { description: "The assets it read." })
  inputs(@Root() run: JobRunRecord, @Ctx() ctx: Context) {
    return ctx.loaders.outgoing("READ", "DataAsset").load(run.id);
  }

  @FieldResolver(() => [DataAsset], { description: "The assets it wrote." })
  outputs(@Root() run: JobRunRecord, @Ctx() ctx: Context) {
    return ctx.loaders.incoming("WRITTEN_BY", "DataAsset").load(run.id);
  }

  @FieldResolver(() => GenerationRun, { nullable: true, description: "Set when the run carried the provgraph_generation facet." })
  async generationRun(@Root() run: JobRunRecord, @Ctx() ctx: Context) {
    return (await ctx.loaders.outgoing("IS_GENERATION", "GenerationRun").load(run.id))[0] ?? null;
  }
}
