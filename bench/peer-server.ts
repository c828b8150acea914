/**
 * The peer of the benchmark: the generic layer a team would pick instead of provgraph, an
 * @neo4j/graphql server over the same Neo4j and the graph the benchmark built. Its type
 * definitions map provgraph's stored labels, relationship types and properties (DOMAIN.md 1);
 * every type carries `:Entity` too, so that lookups by id use the same unique index provgraph
 * uses. Run as its own process (like the API): NEO4J_URI=... PORT=... tsx bench/peer-server.ts
 */
import { ApolloServer } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";
import { Neo4jGraphQL } from "@neo4j/graphql";
import { createDriver } from "../src/store/executor.js";

const typeDefs = /* GraphQL */ `
  type Sample @node(labels: ["Sample", "Entity"]) {
    id: ID!
    origin: String!
    kind: String
    slice: String
    contentHash: String
    generationDepth: Int
    generationRun: GenerationRun @relationship(type: "GENERATED_BY", direction: OUT)
    derivedFrom: [Sample!]! @relationship(type: "DERIVED_FROM", direction: OUT)
    labels: [Label!]! @relationship(type: "LABELS", direction: IN)
  }
  type GenerationRun @node(labels: ["GenerationRun", "Entity"]) {
    id: ID!
    purpose: String
    generator: Generator @relationship(type: "USED_GENERATOR", direction: OUT)
  }
  type Generator @node(labels: ["Generator", "Entity"]) {
    id: ID!
    name: String
    kind: String
    version: String
  }
  type Label @node(labels: ["Label", "Entity"]) {
    id: ID!
    value: String
    labeler: Labeler @relationship(type: "LABELED_BY", direction: OUT)
  }
  type Labeler @node(labels: ["Labeler", "Entity"]) {
    id: ID!
    name: String
    kind: String
  }
  type DatasetVersion @node(labels: ["DatasetVersion", "Entity"]) {
    id: ID!
    version: String
    samples: [Sample!]! @relationship(type: "CONTAINS", direction: OUT)
  }
`;

const driver = createDriver({ uri: process.env.NEO4J_URI!, user: process.env.NEO4J_USER, password: process.env.NEO4J_PASSWORD });
const server = new ApolloServer({ schema: await new Neo4jGraphQL({ typeDefs, driver }).getSchema() });
const { url } = await startStandaloneServer(server, { listen: { port: Number(process.env.PORT), host: "127.0.0.1" } });
console.log(`peer GraphQL at ${url}`);
process.on(
  "SIGTERM",
  () =>
    void server
      .stop()
      .then(() => driver.close())
      .then(() => process.exit(0)),
);
