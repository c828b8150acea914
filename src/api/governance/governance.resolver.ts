import { Arg, Authorized, Ctx, FieldResolver, Info, Mutation, Resolver, Root } from "type-graphql";
import type { GraphQLResolveInfo } from "graphql";
import type { Context } from "../context.js";
import { reviewKind, validationCheckKind } from "../../services/governance-records.js";
import type { ReviewRecord } from "../../store/records.js";
import { writeOne } from "../common/resolve.js";
import { Labeler } from "../samples/labeler.type.js";
import { Review } from "./review.type.js";
import { ReviewInput } from "./review.input.js";
import { ValidationCheck } from "./validation-check.type.js";
import { ValidationCheckInput } from "./validation-check.input.js";

@Resolver(() => ValidationCheck)
export class ValidationCheckResolver {
  @Authorized("writer")
  @Mutation(() => ValidationCheck, { description: "Records a check on a generation run, dataset version or model version; idempotent." })
  recordValidationCheck(
    @Arg("input", () => ValidationCheckInput, { description: "The check." }) input: ValidationCheckInput,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return writeOne(ctx, info, validationCheckKind, input);
  }
}

@Resolver(() => Review)
export class ReviewResolver {
  @Authorized("writer")
  @Mutation(() => Review, { description: "Records a human decision on a generation run or model version; idempotent." })
  recordReview(
    @Arg("input", () => ReviewInput, { description: "The review." }) input: ReviewInput,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return writeOne(ctx, info, reviewKind, input);
  }

  @FieldResolver(() => Labeler, { description: "Who reviewed." })
  reviewer(@Root() review: ReviewRecord, @Ctx() ctx: Context) {
    return ctx.loaders.entity.load(review.reviewerId);
  }
}
