import { Field, ID, InputType } from "type-graphql";
import { GeneratorKind } from "../enums.js";

@InputType("GeneratorInput", { description: "A generator to register." })
export class GeneratorInput {
  @Field(() => ID, { description: "Client-chosen id." })
  id!: string;

  @Field(() => String, { description: "A readable name." })
  name!: string;

  @Field(() => GeneratorKind, { description: "What kind of generator." })
  kind!: GeneratorKind;

  @Field(() => String, { description: "Its version." })
  version!: string;

  @Field(() => String, { nullable: true, description: "The underlying model, e.g. gpt-4o." })
  model?: string | null;

  @Field(() => ID, { nullable: true, description: "The model version this generator is, when it is tracked here." })
  modelVersionId?: string | null;
}
