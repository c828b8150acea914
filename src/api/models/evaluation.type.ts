import { Field, ID, ObjectType } from "type-graphql";
import { NodeInterface } from "../node.type.js";
import { DateTimeScalar, JSONScalar } from "../scalars.js";

@ObjectType("Evaluation", { implements: NodeInterface, description: "A model version scored on a sealed dataset version." })
export class Evaluation implements NodeInterface {
  /** Set by the store; `Node.resolveType` reads it. Not a GraphQL field. */
  declare readonly __typename: "Evaluation";

  @Field(() => ID, { description: "The client-supplied id." })
  id!: string;

  @Field(() => JSONScalar, { description: 'The scores, e.g. {"f1": 0.91}.' })
  metrics!: unknown;

  @Field(() => DateTimeScalar, { description: "When it was recorded." })
  createdAt!: string;
}
