import { Field, ID, ObjectType } from "type-graphql";
import { GenerationPurpose } from "../enums.js";
import { NodeInterface } from "../node.type.js";
import { DateTimeScalar, JSONScalar } from "../scalars.js";

@ObjectType("GenerationRun", { implements: NodeInterface, description: "One execution of a generator." })
export class GenerationRun {
  @Field(() => ID, { description: "The client-supplied id." })
  id!: string;

  @Field(() => GenerationPurpose, { description: "Why the run was made." })
  purpose!: GenerationPurpose;

  @Field(() => JSONScalar, { nullable: true, description: "Generation parameters (temperature, ...)." })
  parameters?: unknown;

  @Field(() => String, { nullable: true, description: "The random seed, for reproducibility." })
  randomSeed?: string;

  @Field(() => DateTimeScalar, { nullable: true, description: "When the run started." })
  startedAt?: string;

  @Field(() => DateTimeScalar, { nullable: true, description: "When the run ended." })
  endedAt?: string;
}
