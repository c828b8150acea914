import { Field, ID, ObjectType } from "type-graphql";
import { ModelKind } from "../enums.js";
import { NodeInterface } from "../node.type.js";

@ObjectType("Model", { implements: NodeInterface, description: "A trained model or a RAG index." })
export class Model implements NodeInterface {
  /** Set by the store; `Node.resolveType` reads it. Not a GraphQL field. */
  declare readonly __typename: "Model";

  @Field(() => ID, { description: "The client-supplied id." })
  id!: string;

  @Field(() => String, { description: "A readable name." })
  name!: string;

  @Field(() => ModelKind, { description: "MODEL or RAG_INDEX." })
  kind!: ModelKind;
}
