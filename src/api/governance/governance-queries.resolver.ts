import { Arg, Authorized, Ctx, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../context.js";
import { compositionOf } from "../../services/composition.js";
import { readiness } from "../../services/readiness.js";
import { requireEntity } from "../../services/lookup.js";
import { generationDiversity, versionLabelAgreement } from "../../services/sample-sets.js";
import type { ModelVersionRecord } from "../../store/records.js";
import { Priced, PRICE } from "../common/priced.js";
import { ModelVersion } from "../models/model-version.type.js";
import { Composition } from "./composition.type.js";
import { GenerationDiversity } from "./generation-diversity.type.js";
import { LabelAgreement } from "./label-agreement.type.js";
import { ReadinessReport } from "./policy-check.type.js";

@Resolver()
export class GovernanceQueryResolver {
  @Authorized("reader")
  @Priced(PRICE.SET)
  @Query(() => Composition, {
    description: "Composition of a dataset version, a model version (distinct training samples) or a generation run's output.",
  })
  composition(
    @Arg("of", () => ID, { description: "A dataset version, model version or generation run." }) of: string,
    @Ctx() ctx: Context,
  ) {
    return ctx.executor.read("composition", async (run) =>
      compositionOf(
        run,
        await requireEntity(
          run,
          of,
          ["DatasetVersion", "ModelVersion", "GenerationRun"],
          "dataset version, model version or generation run",
        ),
      ),
    );
  }

  @Authorized("reader")
  @Priced(PRICE.SET)
  @Query(() => [GenerationDiversity], {
    description: "Diversity per generation depth of a dataset or model version's samples: the model-collapse early warning.",
  })
  generationDiversity(@Arg("of", () => ID, { description: "A dataset version or model version." }) of: string, @Ctx() ctx: Context) {
    return ctx.executor.read("generationDiversity", async (run) =>
      generationDiversity(run, await requireEntity(run, of, ["DatasetVersion", "ModelVersion"], "dataset version or model version")),
    );
  }

  @Authorized("reader")
  @Priced(PRICE.READINESS)
  @Query(() => ReadinessReport, {
    description: "The auditor's checklist: ten checks, each PASSED, FAILED or NOT_APPLICABLE, as the graph is now.",
  })
  readiness(
    @Arg("modelVersionId", () => ID, { description: "The model version (or RAG index build)." }) modelVersionId: string,
    @Ctx() ctx: Context,
  ) {
    return ctx.executor.read("readiness", async (run) =>
      readiness(run, await requireEntity(run, modelVersionId, ["ModelVersion"], "model version"), ctx.config.diversityTolerance),
    );
  }

  @Authorized("reader")
  @Priced(PRICE.SET)
  @Query(() => [LabelAgreement], {
    description: "Agreement per labeler pair, then one overall row, over the samples of a dataset version.",
  })
  labelAgreement(
    @Arg("datasetVersionId", () => ID, { description: "The dataset version." }) datasetVersionId: string,
    @Ctx() ctx: Context,
  ) {
    return ctx.executor.read("labelAgreement", async (run) => {
      await requireEntity(run, datasetVersionId, ["DatasetVersion"], "dataset version");
      return versionLabelAgreement(run, datasetVersionId);
    });
  }
}

@Resolver(() => ModelVersion)
export class ModelVersionReadinessResolver {
  @Priced(PRICE.READINESS)
  @FieldResolver(() => ReadinessReport, { description: "The readiness checklist of this version, as the graph is now." })
  readiness(@Root() model: ModelVersionRecord, @Ctx() ctx: Context) {
    return ctx.executor.read("readiness", (run) => readiness(run, model, ctx.config.diversityTolerance));
  }
}
