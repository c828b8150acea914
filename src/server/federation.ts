/**
 * PROVGRAPH_FEDERATION=1: the schema as an Apollo Federation 2 subgraph. Every type that
 * implements `Node` is an entity keyed by its id (`@key(fields: "id")`); the router resolves a
 * reference through the request's entity loader, so the representations of one `_entities`
 * call cost one query. Everything else (resolvers, roles, limits, error codes) is the schema's
 * own: the subgraph is rebuilt from the printed SDL and the type-graphql resolvers.
 */
import { buildSubgraphSchema, type GraphQLResolverMap } from "@apollo/subgraph";
import {
  Kind,
  parse,
  printSchema,
  visit,
  type DirectiveNode,
  type DocumentNode,
  type GraphQLInterfaceType,
  type GraphQLSchema,
} from "graphql";
import { createResolversMap } from "type-graphql";
import { requireRole } from "../auth.js";
import type { Context } from "../api/context.js";

const FEDERATION = parse(`extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])`);

const KEY: DirectiveNode = {
  kind: Kind.DIRECTIVE,
  name: { kind: Kind.NAME, value: "key" },
  arguments: [{ kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: "fields" }, value: { kind: Kind.STRING, value: "id" } }],
};

/** The names of the entity types: every implementation of Node. */
export function entityTypes(schema: GraphQLSchema): string[] {
  return schema.getPossibleTypes(schema.getType("Node") as GraphQLInterfaceType).map((type) => type.name);
}

/** The schema's SDL with `@key(fields: "id")` on every entity type and the federation link. */
function subgraphSdl(schema: GraphQLSchema, entities: ReadonlySet<string>): DocumentNode {
  const keyed = visit(parse(printSchema(schema)), {
    ObjectTypeDefinition: (node) =>
      entities.has(node.name.value) ? { ...node, directives: [...(node.directives ?? []), KEY] } : undefined,
  });
  return { kind: Kind.DOCUMENT, definitions: [...FEDERATION.definitions, ...keyed.definitions] };
}

export function federatedSchema(schema: GraphQLSchema): GraphQLSchema {
  const entities = entityTypes(schema);
  const resolvers = createResolversMap(schema) as GraphQLResolverMap<Context>;
  for (const name of entities) {
    // A reference to an id of another type (or of nothing) resolves to null.
    const resolveReference = async ({ id }: { id: string }, context: Context) => {
      requireRole(context.principal, "reader", `resolve ${name} entities`);
      const entity = await context.loaders.entity.load(id);
      return entity?.__typename === name ? entity : null;
    };
    // Called (reference, context, info), not as a field resolver: the map's type has no slot for it.
    resolvers[name] = { ...resolvers[name], __resolveReference: resolveReference } as unknown as GraphQLResolverMap<Context>[string];
  }
  return buildSubgraphSchema([{ typeDefs: subgraphSdl(schema, new Set(entities)), resolvers }]);
}
