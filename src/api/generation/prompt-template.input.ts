import { Field, ID, InputType } from "type-graphql";

@InputType("PromptTemplateInput", { description: "A prompt template to register." })
export class PromptTemplateInput {
  @Field(() => ID, { description: "Client-chosen id." })
  id!: string;

  @Field(() => String, { description: "A readable name." })
  name!: string;

  @Field(() => String, { description: "Its version." })
  version!: string;

  @Field(() => String, { description: "The prompt text." })
  text!: string;
}
