import { Field, Float, ID, Int, ObjectType } from "type-graphql";

@ObjectType("LabelAgreement", { description: "Agreement between labelers over the samples they both labelled." })
export class LabelAgreement {
  @Field(() => [ID], { description: "The labelers compared: two ids for a pair, all of them for the overall row." })
  labelers!: string[];

  @Field(() => Int, { description: "Samples compared." })
  items!: number;

  @Field(() => Float, { description: "The share of agreeing label pairs." })
  observedAgreement!: number;

  @Field(() => Float, { nullable: true, description: "Cohen's kappa; null unless exactly two labelers." })
  cohenKappa?: number | null;

  @Field(() => Float, { description: "Krippendorff's alpha, nominal metric, missing labels allowed." })
  krippendorffAlpha!: number;
}
