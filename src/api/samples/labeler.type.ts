import { Field, ID, ObjectType } from "type-graphql";
import { LabelerKind } from "../enums.js";
import { NodeInterface } from "../node.type.js";

@ObjectType("Labeler", { implements: NodeInterface, description: "Who or what labels: human expert, crowd worker, LLM, heuristic." })
export class Labeler implements NodeInterface {
  /** Set by the store; `Node.resolveType` reads it. Not a GraphQL field. */
  declare readonly __typename: "Labeler";

  @Field(() => ID, { description: "The client-supplied id." })
  id!: string;

  @Field(() => String, { description: "A readable name." })
  name!: string;

  @Field(() => LabelerKind, { description: "HUMAN_EXPERT, HUMAN_CROWD, LLM or PROGRAMMATIC." })
  kind!: LabelerKind;

  @Field(() => [String], { description: "Qualifications, e.g. board-certified radiologist." })
  qualifications!: string[];
}
