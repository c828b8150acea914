import { Field, ID, InputType } from "type-graphql";
import { DatasetPurpose, Enforcement } from "../enums.js";

@InputType("DatasetInput", { description: "A dataset to create." })
export class DatasetInput {
  @Field(() => ID, { description: "Client-chosen id." })
  id!: string;

  @Field(() => String, { description: "A readable name." })
  name!: string;

  @Field(() => DatasetPurpose, { description: "What it is for." })
  purpose!: DatasetPurpose;

  @Field(() => Enforcement, { nullable: true, defaultValue: Enforcement.AUDIT, description: "AUDIT (default) records purpose violations, STRICT refuses them." })
  enforcement!: Enforcement;

  @Field(() => String, { nullable: true, description: "Where the data lives in the feature store or lake." })
  externalRef?: string;
}
