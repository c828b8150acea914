import { Field, ID, InterfaceType } from "type-graphql";

@InterfaceType("Node", {
  description: "Anything with a stable id. Ids are unique across the whole graph, whatever the type.",
  resolveType: (value: { __typename: string }) => value.__typename,
})
export abstract class NodeInterface {
  @Field(() => ID, { description: "The client-supplied id (1-256 characters)." })
  id!: string;
}
