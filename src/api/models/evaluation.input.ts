import { Field, ID, InputType } from "type-graphql";
import { JSONScalar } from "../scalars.js";

@InputType("EvaluationInput", { description: "An evaluation to record." })
export class EvaluationInput {
  @Field(() => ID, { description: "Client-chosen id." })
  id!: string;

  @Field(() => ID, { description: "The model version evaluated." })
  modelVersionId!: string;

  @Field(() => ID, { description: "The sealed dataset version it was evaluated on." })
  datasetVersionId!: string;

  @Field(() => JSONScalar, { description: "The scores." })
  metrics!: unknown;
}
