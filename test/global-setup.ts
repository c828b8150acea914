/**
 * One real Neo4j for the whole test run: NEO4J_URI when set, else the embedded one on a free
 * port in a fresh temporary directory, removed afterwards.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { loadConfig } from "../src/config.js";
import { startEmbeddedNeo4j } from "../src/store/embedded-neo4j.js";

declare module "vitest" {
  export interface ProvidedContext {
    neo4jUri: string;
  }
}

export default async function setup(project: TestProject) {
  const config = loadConfig();
  if (config.neo4j) {
    project.provide("neo4jUri", config.neo4j.uri);
    return;
  }
  const dir = await mkdtemp(join(tmpdir(), "provgraph-test-"));
  const neo4j = await startEmbeddedNeo4j({
    dataDir: dir,
    heap: "1g",
    pageCache: "512m",
    log: (msg) => console.log(`[neo4j] ${msg}`),
    mvn: config.mvn,
  });
  project.provide("neo4jUri", neo4j.uri);
  return async () => {
    await neo4j.stop();
    await rm(dir, { recursive: true, force: true });
  };
}
