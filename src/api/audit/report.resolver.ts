import { Arg, Authorized, Ctx, ID, Query, Resolver } from "type-graphql";
import { renderReport } from "../../reports/render.js";
import type { Context } from "../context.js";
import { auditorReport } from "../../services/auditor-report.js";
import { Priced, PRICE } from "../common/priced.js";
import { ReportFormat } from "../enums.js";

@Resolver()
export class ReportResolver {
  @Authorized("auditor")
  @Priced(PRICE.REPORT)
  @Query(() => String, { description: "A self-contained report for auditors on one model version: the verdict first, then the evidence." })
  async auditorReport(
    @Arg("modelVersionId", () => ID, { description: "The model version or RAG index build." }) modelVersionId: string,
    @Arg("format", () => ReportFormat, {
      nullable: true,
      defaultValue: ReportFormat.HTML,
      description: "HTML (one printable page), MARKDOWN or JSON.",
    })
    format: ReportFormat | null,
    @Ctx() ctx: Context,
  ) {
    const report = await auditorReport(ctx.executor, ctx.signingKey, modelVersionId, ctx.principal.actor, ctx.config.diversityTolerance);
    return renderReport(report, format ?? ReportFormat.HTML);
  }
}
