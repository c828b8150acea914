import { Field, ID, InputType } from "type-graphql";
import { GenerationPurpose } from "../enums.js";
import { DateTimeScalar, JSONScalar } from "../scalars.js";

@InputType("GenerationRunInput", { description: "A generation run to record." })
export class GenerationRunInput {
  @Field(() => ID, { description: "Client-chosen id." })
  id!: string;

  @Field(() => ID, { description: "The generator that ran." })
  generatorId!: string;

  @Field(() => ID, { nullable: true, description: "The prompt template it used." })
  promptId?: string | null;

  @Field(() => GenerationPurpose, { description: "Why it ran; RARE_EVENT runs need REAL seeds." })
  purpose!: GenerationPurpose;

  @Field(() => [ID], { nullable: true, description: "Samples given to the generator as seeds." })
  seedSampleIds?: string[] | null;

  @Field(() => JSONScalar, { nullable: true, description: "Generation parameters." })
  parameters?: unknown;

  @Field(() => String, { nullable: true, description: "The random seed." })
  randomSeed?: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: "When it started." })
  startedAt?: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: "When it ended." })
  endedAt?: string | null;
}
