import { Field, Float, ID, ObjectType } from "type-graphql";
import { NodeInterface } from "../node.type.js";
import { DateTimeScalar } from "../scalars.js";

@ObjectType("Label", { implements: NodeInterface, description: "One labeler's label on one sample." })
export class Label implements NodeInterface {
  /** Set by the store; `Node.resolveType` reads it. Not a GraphQL field. */
  declare readonly __typename: "Label";

  @Field(() => ID, { description: "The client-supplied id." })
  id!: string;

  @Field(() => String, { description: "The label value." })
  value!: string;

  @Field(() => Float, { nullable: true, description: "The labeler's confidence, 0 to 1." })
  confidence?: number | null;

  @Field(() => String, { nullable: true, description: "The labelling guideline version followed." })
  guidelineVersion?: string | null;

  @Field(() => DateTimeScalar, { description: "When the label was recorded." })
  createdAt!: string;
}
