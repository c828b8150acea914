import { Field, ID, InputType } from "type-graphql";
import { LabelerKind } from "../enums.js";

@InputType("LabelerInput", { description: "A labeler to register." })
export class LabelerInput {
  @Field(() => ID, { description: "Client-chosen id." })
  id!: string;

  @Field(() => String, { description: "A readable name." })
  name!: string;

  @Field(() => LabelerKind, { description: "HUMAN_EXPERT, HUMAN_CROWD, LLM or PROGRAMMATIC." })
  kind!: LabelerKind;

  @Field(() => [String], { nullable: true, description: "Qualifications." })
  qualifications?: string[] | null;
}
