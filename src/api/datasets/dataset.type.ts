import { Field, ID, ObjectType } from "type-graphql";
import { DatasetPurpose, Enforcement } from "../enums.js";
import { NodeInterface } from "../node.type.js";

@ObjectType("Dataset", { implements: NodeInterface, description: "A named collection of samples with a purpose." })
export class Dataset implements NodeInterface {
  /** Set by the store; `Node.resolveType` reads it. Not a GraphQL field. */
  declare readonly __typename: "Dataset";

  @Field(() => ID, { description: "The client-supplied id." })
  id!: string;

  @Field(() => String, { description: "A readable name." })
  name!: string;

  @Field(() => DatasetPurpose, { description: "What the dataset is for; the decision framework applies to it." })
  purpose!: DatasetPurpose;

  @Field(() => Enforcement, { description: "AUDIT records purpose violations, STRICT refuses them." })
  enforcement!: Enforcement;

  @Field(() => String, {
    nullable: true,
    description: "Where the data lives in the feature store or lake, e.g. feast:fraud/transactions_fv.",
  })
  externalRef?: string | null;
}
