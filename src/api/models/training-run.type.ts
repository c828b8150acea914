import { Field, ID, ObjectType } from "type-graphql";
import { NodeInterface } from "../node.type.js";
import { DateTimeScalar, JSONScalar } from "../scalars.js";

@ObjectType("TrainingRun", { implements: NodeInterface, description: "The activity that produced a model version from dataset versions." })
export class TrainingRun implements NodeInterface {
  /** Set by the store; `Node.resolveType` reads it. Not a GraphQL field. */
  declare readonly __typename: "TrainingRun";

  @Field(() => ID, { description: "The client-supplied id." })
  id!: string;

  @Field(() => JSONScalar, { nullable: true, description: "Training parameters." })
  parameters?: unknown;

  @Field(() => DateTimeScalar, { nullable: true, description: "When training started." })
  startedAt?: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: "When training ended." })
  endedAt?: string | null;
}
