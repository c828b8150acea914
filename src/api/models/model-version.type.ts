import { Field, Float, ID, ObjectType } from "type-graphql";
import { NodeInterface } from "../node.type.js";

@ObjectType("ModelVersion", { implements: NodeInterface, description: "One trained version of a model, or one build of a RAG index." })
export class ModelVersion implements NodeInterface {
  /** Set by the store; `Node.resolveType` reads it. Not a GraphQL field. */
  declare readonly __typename: "ModelVersion";

  @Field(() => ID, { description: "The client-supplied id." })
  id!: string;

  @Field(() => String, { description: "The version label." })
  version!: string;

  @Field(() => Float, { nullable: true, description: "The synthetic ratio the training pipeline reported, if it reported one." })
  declaredSyntheticRatio?: number | null;
}
