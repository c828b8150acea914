import { Field, ID, Int, ObjectType } from "type-graphql";
import { Origin } from "../enums.js";

@ObjectType("LineageNode", { description: "One node reached by a lineage or impact walk." })
export class LineageNode {
  @Field(() => ID, { description: "Its id." })
  id!: string;

  @Field(() => String, { description: "Its type: Sample, GenerationRun, DatasetVersion, ..." })
  label!: string;

  @Field(() => String, { nullable: true, description: "A readable name." })
  name?: string | null;

  @Field(() => Origin, { nullable: true, description: "For samples: the origin." })
  origin?: Origin | null;

  @Field(() => Int, { description: "The shortest distance from the root." })
  distance!: number;
}

@ObjectType("LineageEdge", { description: "One relationship between two nodes of the walk." })
export class LineageEdge {
  @Field(() => ID, { description: "The newer thing (the relationship's start)." })
  from!: string;

  @Field(() => ID, { description: "What it came from (the relationship's end)." })
  to!: string;

  @Field(() => String, { description: "The relationship type, e.g. DERIVED_FROM." })
  type!: string;
}

@ObjectType("LineageGraph", { description: "The nodes and edges of a lineage or impact walk." })
export class LineageGraph {
  @Field(() => ID, { description: "Where the walk started." })
  root!: string;

  @Field(() => [LineageNode], { description: "Every node reached, the root included at distance 0." })
  nodes!: LineageNode[];

  @Field(() => [LineageEdge], { description: "The relationships between the nodes returned." })
  edges!: LineageEdge[];

  @Field(() => Boolean, { description: "True exactly when some reachable node within the depth was left out by the limit." })
  truncated!: boolean;
}
