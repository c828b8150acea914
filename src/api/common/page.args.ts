import { ArgsType, Field, Int } from "type-graphql";
import { Origin } from "../enums.js";

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: "Page size: default 100, at most 500." })
  first?: number;

  @Field(() => String, { nullable: true, description: "The endCursor of the previous page (opaque)." })
  after?: string;
}

@ArgsType()
export class SamplePageArgs extends PageArgs {
  @Field(() => Origin, { nullable: true, description: "Only samples of this origin." })
  origin?: Origin;
}
