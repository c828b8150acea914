import { Field, Float, ID, InputType } from "type-graphql";

@InputType("LabelInput", { description: "One label to record." })
export class LabelInput {
  @Field(() => ID, { description: "Client-chosen id." })
  id!: string;

  @Field(() => ID, { description: "The labelled sample." })
  sampleId!: string;

  @Field(() => ID, { description: "Who or what labelled it." })
  labelerId!: string;

  @Field(() => String, { description: "The label value." })
  value!: string;

  @Field(() => Float, { nullable: true, description: "Confidence, 0 to 1." })
  confidence?: number | null;

  @Field(() => String, { nullable: true, description: "The labelling guideline version followed." })
  guidelineVersion?: string | null;
}
