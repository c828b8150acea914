import { Field, Float, Int, ObjectType } from "type-graphql";

@ObjectType("SliceBalance", { description: "A slice of a dataset or model version's samples, REAL against generated (DOMAIN.md 10.3)." })
export class SliceBalance {
  @Field(() => String, { description: 'The slice; "(none)" for samples without one.' })
  slice!: string;

  @Field(() => Int, { description: "Samples in the slice." })
  total!: number;

  @Field(() => Int, { description: "REAL samples in the slice." })
  real!: number;

  @Field(() => Int, { description: "SYNTHETIC samples in the slice." })
  synthetic!: number;

  @Field(() => Int, { description: "AUGMENTED samples in the slice." })
  augmented!: number;

  @Field(() => Float, { description: "(synthetic + augmented) / total for this slice." })
  syntheticShare!: number;
}

@ObjectType("SliceBalanceReport", {
  description: "Per slice, REAL against generated samples, and how far apart their slice distributions are.",
})
export class SliceBalanceReport {
  @Field(() => [SliceBalance], { description: "One row per slice, by total descending, then slice." })
  slices!: SliceBalance[];

  @Field(() => Float, {
    nullable: true,
    description:
      "Jensen-Shannon divergence (bits, 0..1) between the slice distributions of REAL and of generated samples; null when either side is empty.",
  })
  realVsGeneratedDivergence?: number | null;

  @Field(() => [String], {
    description: "Slices whose syntheticShare is at least 0.9: the model would learn them from generated data alone.",
  })
  ungroundedSlices!: string[];
}
