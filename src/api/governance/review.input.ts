import { Field, ID, InputType } from "type-graphql";
import { ReviewDecision } from "../enums.js";

@InputType("ReviewInput", { description: "A review to record." })
export class ReviewInput {
  @Field(() => ID, { description: "Client-chosen id." })
  id!: string;

  @Field(() => ID, { description: "The generation run or model version reviewed." })
  subjectId!: string;

  @Field(() => ID, { description: "The labeler who reviewed." })
  reviewerId!: string;

  @Field(() => ReviewDecision, { description: "APPROVED or REJECTED." })
  decision!: ReviewDecision;

  @Field(() => String, { nullable: true, description: "A comment." })
  comment?: string | null;
}
