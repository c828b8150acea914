import { Field, Float, ID, Int, ObjectType } from "type-graphql";
import { CheckKind } from "../enums.js";
import { NodeInterface } from "../node.type.js";
import { DateTimeScalar } from "../scalars.js";

@ObjectType("ValidationCheck", {
  implements: NodeInterface,
  description: "A recorded check on a generation run, dataset version or model version.",
})
export class ValidationCheck implements NodeInterface {
  /** Set by the store; `Node.resolveType` reads it. Not a GraphQL field. */
  declare readonly __typename: "ValidationCheck";

  @Field(() => ID, { description: "The client-supplied id." })
  id!: string;

  @Field(() => ID, { description: "The run, dataset version, model version or data asset checked." })
  subjectId!: string;

  @Field(() => CheckKind, { description: "What was measured." })
  kind!: CheckKind;

  @Field(() => String, { description: "The metric, e.g. wasserstein, mmd, f1." })
  metric!: string;

  @Field(() => Float, { description: "The measured value." })
  value!: number;

  @Field(() => Float, { description: "The threshold it was held to." })
  threshold!: number;

  @Field(() => Boolean, { description: "Whether the check passed." })
  passed!: boolean;

  @Field(() => Int, { nullable: true, description: "For DIVERSITY checks: the generation (depth) measured." })
  generation?: number | null;

  @Field(() => DateTimeScalar, { description: "When it was recorded." })
  createdAt!: string;
}
