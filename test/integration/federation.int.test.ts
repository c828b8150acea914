/**
 * provgraph as an Apollo Federation 2 subgraph (PROVGRAPH_FEDERATION=1), composed by
 * @apollo/composition with a second real subgraph (a team directory that gives ModelVersion an
 * owner) and queried through @apollo/gateway: queries that cross both subgraphs, both ways.
 */
import { composeServices } from "@apollo/composition";
import { ApolloGateway, RemoteGraphQLDataSource } from "@apollo/gateway";
import { ApolloServer } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";
import { buildSubgraphSchema } from "@apollo/subgraph";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../../src/paths.js";
import { prefix, startApi, type GqlResult, type TestApi } from "../helpers/api.js";
import { Scenario } from "../helpers/scenario.js";

const KEY = "k-read";
let api: TestApi;
let s: Scenario;
let model: string;
let version: string;
const servers: ApolloServer<any>[] = [];

/** The team directory: who owns which model version. */
const TEAMS_SDL = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Query { teams: [Team!]! }
  type Team { name: String!  oncall: String!  models: [ModelVersion!]! }
  type ModelVersion @key(fields: "id") { id: ID!  owner: Team }
`);

async function teamsSubgraph(owned: string[]): Promise<string> {
  const teams = [{ name: "risk", oncall: "ann", models: owned.map((id) => ({ id })) }];
  const server = new ApolloServer({
    schema: buildSubgraphSchema([
      {
        typeDefs: TEAMS_SDL,
        resolvers: {
          Query: { teams: () => teams },
          ModelVersion: {
            __resolveReference: (ref: { id: string }) => ref,
            owner: (mv: { id: string }) => teams.find((team) => team.models.some((m) => m.id === mv.id)) ?? null,
          },
        } as any,
      },
    ]),
  });
  servers.push(server);
  return (await startStandaloneServer(server, { listen: { port: 0, host: "127.0.0.1" } })).url;
}

let gatewayUrl: string;
async function viaGateway<T = Record<string, any>>(query: string): Promise<GqlResult<T>> {
  const response = await fetch(gatewayUrl, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${KEY}` },
    body: JSON.stringify({ query }),
  });
  return (await response.json()) as GqlResult<T>;
}

let sdl: string;
beforeAll(async () => {
  api = await startApi({ PROVGRAPH_FEDERATION: "1", PROVGRAPH_DEBUG: "1", PROVGRAPH_API_KEYS: `rita:reader:${KEY},wren:writer:k-write` });
  s = new Scenario({ ...api, ok: (q, v) => api.ok(q, v, "k-write") }, prefix("fed"));
  const samples = await s.samples("doc", 3, () => ({ origin: "REAL" }));
  version = await s.version("train", "TRAINING", samples);
  model = await s.model("clf", [version]);

  sdl = (await api.ok<{ _service: { sdl: string } }>("{ _service { sdl } }", {}, KEY))._service.sdl;
  const teamsUrl = await teamsSubgraph([model]);
  const composed = composeServices([
    { name: "provgraph", typeDefs: parse(sdl), url: api.url },
    { name: "teams", typeDefs: TEAMS_SDL, url: teamsUrl },
  ]);
  expect(composed.errors ?? []).toEqual([]);
  const gateway = new ApolloGateway({
    supergraphSdl: composed.supergraphSdl!,
    // The gateway passes the caller's key on to each subgraph.
    buildService: ({ url }) =>
      new RemoteGraphQLDataSource({
        url,
        willSendRequest: ({ request, context }) =>
          void request.http?.headers.set("authorization", (context as { authorization?: string }).authorization ?? ""),
      }),
  });
  const server = new ApolloServer({ gateway: gateway as any });
  servers.push(server);
  gatewayUrl = (
    await startStandaloneServer(server, {
      listen: { port: 0, host: "127.0.0.1" },
      context: async ({ req }) => ({ authorization: req.headers.authorization }),
    })
  ).url;
});
afterAll(async () => {
  for (const server of servers.reverse()) await server.stop();
  await api?.close();
});

describe("the subgraph", () => {
  it("declares every Node type an entity keyed by id", async () => {
    const implementing = (text: string) => [...text.matchAll(/^type (\w+) implements Node\b([^{]*)\{/gm)];
    // The Node types of the schema served without federation (the committed, emitted one).
    const expected = implementing(readFileSync(join(ROOT, "schema", "provgraph.graphql"), "utf8")).map(([, name]) => name);
    const served = implementing(sdl);
    expect(served.map(([, name]) => name).sort()).toEqual(expected.sort());
    for (const [, name, rest] of served) expect(rest, name).toContain('@key(fields: "id")');
    expect(sdl).toContain('@link(url: "https://specs.apollo.dev/federation/v2.7"');
  });

  it("resolves entities through the request's loader: one query for all representations, null for another type's id", async () => {
    const result = await api.gql(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on ModelVersion { id version } ... on DatasetVersion { id } } }`,
      {
        r: [
          { __typename: "ModelVersion", id: model },
          { __typename: "DatasetVersion", id: version },
          { __typename: "ModelVersion", id: version },
        ],
      },
      KEY,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities).toEqual([{ id: model, version: "1" }, { id: version }, null]);
    // Three representations, one batched entity lookup.
    expect(result.extensions?.roundTrips).toBe(1);
  });

  it("refuses _entities without a key, like every other field", async () => {
    const response = await fetch(api.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: `{ _entities(representations: [{ __typename: "ModelVersion", id: "${model}" }]) { __typename } }` }),
    });
    expect(((await response.json()) as GqlResult).errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });
});

describe("through the gateway", () => {
  it("answers one query from provgraph and the team directory: a model version with its owner", async () => {
    const result = await viaGateway(
      `{ modelVersion(id: "${model}") { id version composition { total real } trainedOn { id } owner { name oncall } } }`,
    );
    expect(result.errors).toBeUndefined();
    // 3 REAL samples in the one training version.
    expect(result.data!.modelVersion).toEqual({
      id: model,
      version: "1",
      composition: { total: 3, real: 3 },
      trainedOn: [{ id: version }],
      owner: { name: "risk", oncall: "ann" },
    });
  });

  it("and the other way: a team's models with provgraph's readiness", async () => {
    const result = await viaGateway(`{ teams { name models { id composition { total } readiness { modelVersionId ready } } } }`);
    expect(result.errors).toBeUndefined();
    const [team] = result.data!.teams;
    expect(team.models).toHaveLength(1);
    expect(team.models[0]).toMatchObject({ id: model, composition: { total: 3 }, readiness: { modelVersionId: model } });
    expect(typeof team.models[0].readiness.ready).toBe("boolean");
  });
});
