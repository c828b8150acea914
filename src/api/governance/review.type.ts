import { Field, ID, ObjectType } from "type-graphql";
import { ReviewDecision } from "../enums.js";
import { NodeInterface } from "../node.type.js";
import { DateTimeScalar } from "../scalars.js";

@ObjectType("Review", { implements: NodeInterface, description: "A human decision on a generation run or model version." })
export class Review implements NodeInterface {
  /** Set by the store; `Node.resolveType` reads it. Not a GraphQL field. */
  declare readonly __typename: "Review";

  @Field(() => ID, { description: "The client-supplied id." })
  id!: string;

  @Field(() => ID, { description: "The run or model version reviewed." })
  subjectId!: string;

  @Field(() => ReviewDecision, { description: "APPROVED or REJECTED." })
  decision!: ReviewDecision;

  @Field(() => String, { nullable: true, description: "The reviewer's comment." })
  comment?: string | null;

  @Field(() => DateTimeScalar, { description: "When the review was recorded." })
  at!: string;
}
