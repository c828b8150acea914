import { GraphQLJSON } from "graphql-scalars";
import { Arg, Authorized, Ctx, ID, Int, Query, Resolver } from "type-graphql";
import type { Context } from "../context.js";
import { croissant } from "../../services/croissant.js";
import { provExport } from "../../services/prov-export.js";
import { sliceBalance } from "../../services/slice-balance.js";
import { ProvFormat } from "../enums.js";
import { SliceBalanceReport } from "./slice-balance.type.js";

/** Exports for auditors and regulators (DOMAIN.md 10): each needs the role of the query it stands on. */
@Resolver()
export class ExportsResolver {
  @Authorized("reader")
  @Query(() => SliceBalanceReport, {
    description: "Per slice, REAL against generated samples of a dataset version, model version or run output.",
  })
  sliceBalance(
    @Arg("of", () => ID, { description: "A dataset version, model version or generation run." }) of: string,
    @Ctx() ctx: Context,
  ) {
    return ctx.executor.read("sliceBalance", (run) => sliceBalance(run, of));
  }

  @Authorized("reader")
  @Query(() => String, { description: "W3C PROV document of everything upstream of a sample, dataset version, model version or asset." })
  provExport(
    @Arg("of", () => ID, { description: "Where the UPSTREAM walk starts." }) of: string,
    @Arg("depth", () => Int, { nullable: true, defaultValue: 10, description: "How many steps to walk (0-100), as for lineage." })
    depth: number | null,
    @Arg("limit", () => Int, {
      nullable: true,
      defaultValue: 1000,
      description: "At most this many nodes, the root included (1-100,000); the root carries pg:truncated when some were left out.",
    })
    limit: number | null,
    @Arg("format", () => ProvFormat, { nullable: true, defaultValue: ProvFormat.PROV_JSON, description: "PROV-JSON, PROV-N or Turtle." })
    format: ProvFormat | null,
    @Ctx() ctx: Context,
  ) {
    return provExport(ctx.executor, of, depth ?? 10, limit ?? 1000, format ?? ProvFormat.PROV_JSON, ctx.baseUrl);
  }

  @Authorized("reader")
  @Query(() => GraphQLJSON, { description: "Croissant 1.1 JSON-LD with its Responsible-AI fields, for a sealed dataset version." })
  croissant(
    @Arg("datasetVersionId", () => ID, { description: "A sealed dataset version." }) datasetVersionId: string,
    @Ctx() ctx: Context,
  ) {
    return croissant(ctx.executor, datasetVersionId, ctx.baseUrl);
  }
}
