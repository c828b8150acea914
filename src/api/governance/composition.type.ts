import { Field, Float, Int, ObjectType } from "type-graphql";

@ObjectType("CountShare", { description: "One entry of a breakdown: a key, its count and its share." })
export class CountShare {
  @Field(() => String, { description: "The key: a generator id, slice, depth or labeler kind." })
  key!: string;

  @Field(() => Int, { description: "How many." })
  count!: number;

  @Field(() => Float, { description: "count / the total the breakdown is of." })
  share!: number;
}

@ObjectType("Composition", {
  description: "What a set of samples is made of: origins, generators, slices, labeler kinds, generation depths.",
})
export class Composition {
  @Field(() => Int, { description: "Samples in the set." })
  total!: number;

  @Field(() => Int, { description: "REAL samples." })
  real!: number;

  @Field(() => Int, { description: "SYNTHETIC samples." })
  synthetic!: number;

  @Field(() => Int, { description: "AUGMENTED samples." })
  augmented!: number;

  @Field(() => Float, { description: "(synthetic + augmented) / total; 0 for an empty set." })
  syntheticRatio!: number;

  @Field(() => [CountShare], { description: "Generated samples per generator id, share of the total." })
  byGenerator!: CountShare[];

  @Field(() => [CountShare], { description: "Samples per slice ((none) for no slice), share of the total." })
  bySlice!: CountShare[];

  @Field(() => [CountShare], { description: "Share of labels by labeler kind (HUMAN_EXPERT, HUMAN_CROWD, LLM, PROGRAMMATIC)." })
  byLabelerKind!: CountShare[];

  @Field(() => Int, { description: "The deepest generation depth in the set." })
  maxGenerationDepth!: number;

  @Field(() => [CountShare], { description: "Samples per generation depth, key = the depth." })
  byGenerationDepth!: CountShare[];
}
