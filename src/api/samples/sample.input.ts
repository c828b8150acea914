import { Field, ID, InputType } from "type-graphql";
import { Origin } from "../enums.js";
import { DateTimeScalar, JSONScalar } from "../scalars.js";

@InputType("SampleInput", { description: "One sample to ingest." })
export class SampleInput {
  @Field(() => ID, { description: "Client-chosen id, 1-256 characters, unique across all types." })
  id!: string;

  @Field(() => Origin, { description: "REAL, SYNTHETIC (needs generationRunId) or AUGMENTED (needs generationRunId and derivedFromIds)." })
  origin!: Origin;

  @Field(() => String, { nullable: true, description: "e.g. text, image, tabular." })
  modality?: string | null;

  @Field(() => String, { nullable: true, description: "e.g. DOCUMENT, CHUNK, QA_PAIR, QUERY, RECORD, IMAGE." })
  kind?: string | null;

  @Field(() => String, { nullable: true, description: "A hash of the content." })
  contentHash?: string | null;

  @Field(() => String, { nullable: true, description: "The class or segment." })
  slice?: string | null;

  @Field(() => ID, { nullable: true, description: "The generation run that produced it (SYNTHETIC, AUGMENTED)." })
  generationRunId?: string | null;

  @Field(() => [ID], { nullable: true, description: "The samples it was derived from; they may be in the same batch." })
  derivedFromIds?: string[] | null;

  @Field(() => JSONScalar, { nullable: true, description: "Free-form attributes." })
  attributes?: unknown;

  @Field(() => DateTimeScalar, { nullable: true, description: "When it was created; defaults to the ingest time." })
  createdAt?: string | null;
}
