import { Field, Float, ID, InputType, Int } from "type-graphql";
import { CheckKind } from "../enums.js";

@InputType("ValidationCheckInput", { description: "A validation check to record." })
export class ValidationCheckInput {
  @Field(() => ID, { description: "Client-chosen id." })
  id!: string;

  @Field(() => ID, { description: "The generation run, dataset version, model version or data asset checked." })
  subjectId!: string;

  @Field(() => CheckKind, { description: "What was measured." })
  kind!: CheckKind;

  @Field(() => String, { description: "The metric." })
  metric!: string;

  @Field(() => Float, { description: "The measured value." })
  value!: number;

  @Field(() => Float, { description: "The threshold." })
  threshold!: number;

  @Field(() => Boolean, { description: "Whether it passed." })
  passed!: boolean;

  @Field(() => Int, { nullable: true, description: "For DIVERSITY checks: the generation measured." })
  generation?: number | null;
}
