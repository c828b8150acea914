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

  // `nullable` keeps the contract's `Enforcement = AUDIT`: with a default alone type-graphql emits
  // `Enforcement! = AUDIT`. A client may still send an explicit null, which means the default.
  @Field(() => Enforcement, {
    nullable: true,
    defaultValue: Enforcement.AUDIT,
    description: "AUDIT (default) records purpose violations, STRICT refuses them.",
  })
  enforcement?: Enforcement | null;

  @Field(() => String, { nullable: true, description: "Where the data lives in the feature store or lake." })
  externalRef?: string | null;
}
