import { type ClassType, Field, Int, ObjectType } from "type-graphql";
import { DataAsset } from "../assets/data-asset.type.js";
import { AuditEvent } from "../audit/audit.type.js";
import { Dataset } from "../datasets/dataset.type.js";
import { Model } from "../models/model.type.js";
import { Sample } from "../samples/sample.type.js";

@ObjectType("PageInfo", { description: "Where a page ends and whether more follow." })
export class PageInfo {
  @Field(() => Boolean, { description: "True when another page follows." })
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true, description: "Pass as `after` to get the next page." })
  endCursor?: string | null;
}

/**
 * The Relay edge and connection classes of one node type, named `<name>Edge` and
 * `<name>Connection` in the schema. `totalCount` is declared here, as the contract has it; a
 * resolver may compute it lazily.
 */
function connectionOf<T extends object>(node: ClassType<T>, name: string, one: string, many: string) {
  @ObjectType(`${name}Edge`, { description: `One ${one} of a page, with its cursor.` })
  class Edge {
    @Field(() => String, { description: "An opaque cursor for this position." })
    cursor!: string;

    @Field(() => node, { description: `The ${one}.` })
    node!: T;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${many}.` })
  class Connection {
    @Field(() => [Edge], { description: "The items of this page." })
    edges!: Edge[];

    @Field(() => PageInfo, { description: "Where this page ends." })
    pageInfo!: PageInfo;

    @Field(() => Int, { description: "The number of items in the whole list, not just this page." })
    totalCount!: number;
  }

  return { Edge, Connection };
}

export const { Connection: SampleConnection } = connectionOf(Sample, "Sample", "sample", "samples");
export const { Connection: DatasetConnection } = connectionOf(Dataset, "Dataset", "dataset", "datasets");
export const { Connection: ModelConnection } = connectionOf(Model, "Model", "model", "models");
export const { Connection: AuditEventConnection } = connectionOf(AuditEvent, "AuditEvent", "audit event", "audit events");
export const { Connection: DataAssetConnection } = connectionOf(DataAsset, "DataAsset", "data asset", "data assets");
