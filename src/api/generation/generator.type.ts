import { Field, ID, ObjectType } from "type-graphql";
import { GeneratorKind } from "../enums.js";
import { NodeInterface } from "../node.type.js";

@ObjectType("Generator", {
  implements: NodeInterface,
  description: "What produces synthetic data: an LLM, simulator, rule set, GAN or diffusion model.",
})
export class Generator implements NodeInterface {
  /** Set by the store; `Node.resolveType` reads it. Not a GraphQL field. */
  declare readonly __typename: "Generator";

  @Field(() => ID, { description: "The client-supplied id." })
  id!: string;

  @Field(() => String, { description: "A readable name." })
  name!: string;

  @Field(() => GeneratorKind, { description: "LLM, SIMULATOR, RULE_BASED, GAN_DIFFUSION or OTHER." })
  kind!: GeneratorKind;

  @Field(() => String, { description: "The generator's version." })
  version!: string;

  @Field(() => String, { nullable: true, description: "The underlying model, e.g. gpt-4o." })
  model?: string | null;
}
