import { Field, ID, Int, ObjectType } from "type-graphql";
import { Origin } from "../enums.js";
import { NodeInterface } from "../node.type.js";
import { DateTimeScalar, JSONScalar } from "../scalars.js";

@ObjectType("Sample", { implements: NodeInterface, description: "One data item: a record, document, chunk, image, QA pair or query." })
export class Sample implements NodeInterface {
  /** Set by the store; `Node.resolveType` reads it. Not a GraphQL field. */
  declare readonly __typename: "Sample";

  @Field(() => ID, { description: "The client-supplied id." })
  id!: string;

  @Field(() => Origin, { description: "REAL, SYNTHETIC or AUGMENTED." })
  origin!: Origin;

  @Field(() => String, { nullable: true, description: "e.g. text, image, tabular." })
  modality?: string | null;

  @Field(() => String, { nullable: true, description: "e.g. DOCUMENT, CHUNK, QA_PAIR, QUERY, RECORD, IMAGE" })
  kind?: string | null;

  @Field(() => String, { nullable: true, description: "A hash of the content, for digests and duplicate detection." })
  contentHash?: string | null;

  @Field(() => String, { nullable: true, description: "The class or segment the sample belongs to." })
  slice?: string | null;

  @Field(() => JSONScalar, { nullable: true, description: "Free-form attributes." })
  attributes?: unknown;

  @Field(() => DateTimeScalar, { description: "When the sample was created (the ingest time unless the client gave one)." })
  createdAt!: string;

  @Field(() => Int, { description: "0 for REAL; 1 + the deepest of its seeds, sources and generator's training data otherwise." })
  generationDepth!: number;
}
