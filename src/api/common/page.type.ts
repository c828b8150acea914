import { type ClassType, Field, Int, ObjectType } from "type-graphql";
import { AuditEvent } from "../audit/audit.type.js";
import { Dataset } from "../datasets/dataset.type.js";
import { Model } from "../models/model.type.js";
import { Sample } from "../samples/sample.type.js";

@ObjectType("PageInfo", { description: "Where a page ends and whether more follow." })
export class PageInfo {
  @Field(() => Boolean, { description: "True when another page follows." })
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true, description: "Pass as `after` to get the next page." })
  endCursor?: string;
}

/** The Relay edge and connection types of one node type: `<Name>Edge`, `<Name>Connection`. */
function connectionOf<T extends object>(node: ClassType<T>, name: string, plural: string) {
  @ObjectType(`${name}Edge`, { description: `One ${name.toLowerCase()} of a page, with its cursor.` })
  class Edge {
    @Field(() => String, { description: "An opaque cursor for this position." })
    cursor!: string;

    @Field(() => node, { description: `The ${name.toLowerCase()}.` })
    node!: T;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${plural}.` })
  class Connection {
    @Field(() => [Edge], { description: "The items of this page." })
    edges!: Edge[];

    @Field(() => PageInfo, { description: "Where this page ends." })
    pageInfo!: PageInfo;

    @Field(() => Int, { description: "The number of items in the whole list, not just this page." })
    totalCount!: number;
  }
  return Connection;
}

export const SampleConnection = connectionOf(Sample, "Sample", "samples");
export const DatasetConnection = connectionOf(Dataset, "Dataset", "datasets");
export const ModelConnection = connectionOf(Model, "Model", "models");
export const AuditEventConnection = connectionOf(AuditEvent, "AuditEvent", "audit events");
