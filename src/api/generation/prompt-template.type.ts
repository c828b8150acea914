import { Field, ID, ObjectType } from "type-graphql";
import { NodeInterface } from "../node.type.js";

@ObjectType("PromptTemplate", { implements: NodeInterface, description: "A versioned prompt or generation config." })
export class PromptTemplate implements NodeInterface {
  /** Set by the store; `Node.resolveType` reads it. Not a GraphQL field. */
  declare readonly __typename: "PromptTemplate";

  @Field(() => ID, { description: "The client-supplied id." })
  id!: string;

  @Field(() => String, { description: "A readable name." })
  name!: string;

  @Field(() => String, { description: "The template's version." })
  version!: string;

  @Field(() => String, { description: "The prompt text." })
  text!: string;

  @Field(() => String, { description: "SHA-256 of the text, lowercase hex." })
  hash!: string;
}
