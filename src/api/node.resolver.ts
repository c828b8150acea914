import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Query, Resolver, Root, type ClassType } from "type-graphql";
import type { Context } from "./context.js";
import type { Connection } from "../services/pages.js";
import { AuditEventConnection, DataAssetConnection, DatasetConnection, ModelConnection, SampleConnection } from "./common/page.type.js";
import { NodeInterface } from "./node.type.js";

/** Stored with an id but not Nodes of the API: kept records of what an asset's lineage says. */
const NOT_NODES: ReadonlySet<string> = new Set(["LineageEvent", "OriginDeclaration"]);

@Resolver()
export class NodeResolver {
  @Authorized("reader")
  @Query(() => NodeInterface, { nullable: true, description: "Anything with this id, whatever its type, or null." })
  async node(@Arg("id", () => ID, { description: "The id." }) id: string, @Ctx() ctx: Context) {
    const entity = await ctx.loaders.entity.load(id);
    return entity && !NOT_NODES.has(entity.__typename) ? entity : null;
  }
}

/** `totalCount` of every connection is counted only when a client asks for it. */
function totalCountResolver(of: ClassType) {
  @Resolver(() => of)
  class TotalCount {
    @FieldResolver(() => Int, { description: "The number of items in the whole list, not just this page." })
    totalCount(@Root() connection: Connection<unknown>) {
      return connection.totalCount();
    }
  }
  return TotalCount;
}

export const connectionResolvers = [SampleConnection, DatasetConnection, ModelConnection, AuditEventConnection, DataAssetConnection].map(
  totalCountResolver,
);
