import { Arg, Authorized, Ctx, ID, Int, Query, Resolver } from "type-graphql";
import type { Context } from "../context.js";
import { impact, lineage } from "../../services/lineage.js";
import { Direction } from "../enums.js";
import { LineageGraph } from "./lineage.type.js";

@Resolver()
export class LineageResolver {
  @Authorized("reader")
  @Query(() => LineageGraph, {
    description: "Provenance: everything upstream (what it came from) or downstream (what it fed), to a depth.",
  })
  lineage(
    @Arg("id", () => ID, { description: "Where the walk starts: any entity." }) id: string,
    @Arg("direction", () => Direction, { description: "UPSTREAM (what it came from) or DOWNSTREAM (what it fed)." }) direction: Direction,
    @Arg("depth", () => Int, { nullable: true, defaultValue: 5, description: "How many steps to walk (0-100)." }) depth: number | null,
    @Arg("limit", () => Int, {
      nullable: true,
      defaultValue: 1000,
      description: "At most this many nodes, the root included (1-10,000); `truncated` says when some were left out.",
    })
    limit: number | null,
    @Ctx() ctx: Context,
  ) {
    return ctx.executor.read("lineage", (run) => lineage(run, id, direction, depth ?? 5, limit ?? 1000));
  }

  @Authorized("reader")
  @Query(() => LineageGraph, {
    description: "Everything downstream that a faulty generator, prompt, labeler, run or sample taints: samples, dataset versions, models.",
  })
  impact(
    @Arg("id", () => ID, { description: "The faulty thing." }) id: string,
    @Arg("limit", () => Int, { nullable: true, defaultValue: 1000, description: "At most this many nodes, the root included (1-10,000)." })
    limit: number | null,
    @Ctx() ctx: Context,
  ) {
    return ctx.executor.read("impact", (run) => impact(run, id, limit ?? 1000));
  }
}
