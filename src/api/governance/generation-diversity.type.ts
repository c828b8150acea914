import { Field, Float, Int, ObjectType } from "type-graphql";

@ObjectType("GenerationDiversity", { description: "Diversity of one generation depth of a set: the model-collapse early warning." })
export class GenerationDiversity {
  @Field(() => Int, { description: "The generation depth." })
  generation!: number;

  @Field(() => Int, { description: "Samples of this depth." })
  samples!: number;

  @Field(() => Int, { description: "Distinct slices among them." })
  distinctSlices!: number;

  @Field(() => Float, { description: "Shannon entropy (bits) of the slice distribution of this generation's samples." })
  sliceEntropy!: number;

  @Field(() => Float, { description: "1 - distinct content hashes / samples that have one, in this generation (DOMAIN.md 8)." })
  duplicateRate!: number;

  @Field(() => Float, { nullable: true, description: "The value of the recorded DIVERSITY check for this generation, if any." })
  recordedDiversity?: number | null;
}
