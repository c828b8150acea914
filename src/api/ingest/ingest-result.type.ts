import { Field, Int, ObjectType } from "type-graphql";

@ObjectType("IngestResult", { description: "What a batch write did." })
export class IngestResult {
  @Field(() => Int, { description: "Items written now." })
  created!: number;

  @Field(() => Int, { description: "Items already stored with the same content (nothing written)." })
  unchanged!: number;

  @Field(() => [String], { description: "Decision-framework violations this write recorded (AUDIT datasets record and report them)." })
  violations!: string[];
}
