import { Field, ID, ObjectType } from "type-graphql";
import { GenerationPurpose } from "../enums.js";
import { NodeInterface } from "../node.type.js";
import { DateTimeScalar, JSONScalar } from "../scalars.js";

@ObjectType("GenerationRun", { implements: NodeInterface, description: "One execution of a generator." })
export class GenerationRun implements NodeInterface {
  /** Set by the store; `Node.resolveType` reads it. Not a GraphQL field. */
  declare readonly __typename: "GenerationRun";

  @Field(() => ID, { description: "The client-supplied id." })
  id!: string;

  @Field(() => GenerationPurpose, { description: "Why the run was made." })
  purpose!: GenerationPurpose;

  @Field(() => JSONScalar, { nullable: true, description: "Generation parameters (temperature, ...)." })
  parameters?: unknown;

  @Field(() => String, { nullable: true, description: "The random seed, for reproducibility." })
  randomSeed?: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: "When the run started." })
  startedAt?: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: "When the run ended." })
  endedAt?: string | null;
}
