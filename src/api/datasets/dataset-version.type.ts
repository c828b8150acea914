import { Field, ID, ObjectType } from "type-graphql";
import { NodeInterface } from "../node.type.js";
import { DateTimeScalar } from "../scalars.js";

@ObjectType("DatasetVersion", { implements: NodeInterface, description: "A snapshot of a dataset's membership, immutable once sealed." })
export class DatasetVersion implements NodeInterface {
  /** Set by the store; `Node.resolveType` reads it. Not a GraphQL field. */
  declare readonly __typename: "DatasetVersion";

  @Field(() => ID, { description: "The client-supplied id." })
  id!: string;

  @Field(() => String, { description: "The version label." })
  version!: string;

  @Field(() => DateTimeScalar, { nullable: true, description: "When it was sealed; null while membership may still change." })
  sealedAt?: string | null;

  @Field(() => String, { nullable: true, description: "SHA-256 over the sorted (sample id, content hash) pairs; set when sealed." })
  digest?: string | null;
}
