/**
 * One real Neo4j for the whole test run: NEO4J_URI when set, else the embedded one on a free
 * port in a fresh temporary directory, removed afterwards.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { startEmbeddedNeo4j } from "../src/store/embedded-neo4j.js";

declare module "vitest" {
  export interface ProvidedContext {
    neo4jUri: string;
  }
}

export default async function setup(project: TestProject) {
  if (process.env.NEO4J_URI) {
    project.provide("neo4jUri", process.env.NEO4J_URI);
    return;
  }
  const dir = await mkdtemp(join(tmpdir(), "provgraph-test-"));
  const neo4j = await startEmbeddedNeo4j({ dataDir: dir, heap: "1g", pageCache: "512m", log: (msg) => console.log(`[neo4j] ${msg}`) });
  project.provide("neo4jUri", neo4j.uri);
  return async () => {
    await neo4j.stop();
    await rm(dir, { recursive: true, force: true });
  };
}
