import { Field, ID, InputType } from "type-graphql";

@InputType("DatasetVersionInput", { description: "A dataset version to create (unsealed)." })
export class DatasetVersionInput {
  @Field(() => ID, { description: "Client-chosen id." })
  id!: string;

  @Field(() => ID, { description: "The dataset it is a version of." })
  datasetId!: string;

  @Field(() => String, { description: "The version label." })
  version!: string;

  @Field(() => ID, { nullable: true, description: "The version of the same dataset it follows." })
  previousVersionId?: string | null;
}
