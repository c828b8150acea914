/**
 * Test harness: a real provgraph server (Fastify + Apollo) on a free port, over the Neo4j that
 * the global setup started (or NEO4J_URI), called over HTTP exactly as a client would.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, inject } from "vitest";
import { loadConfig } from "../../src/config.js";
import { MIGRATIONS_DIR } from "../../src/paths.js";
import { createApp, type App } from "../../src/server/http.js";
import { createDriver, Executor } from "../../src/store/executor.js";
import { runMigrations } from "../../src/store/migrations.js";
import { WriteQueue } from "../../src/store/write-queue.js";
import { storedEventCount } from "./audit-store.js";

export interface GqlResult<T = Record<string, any>> {
  data?: T | null;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
  extensions?: Record<string, unknown>;
}

export interface TestApi {
  url: string;
  /** The server itself: its metrics and tracer (app.ops). */
  app: App;
  executor: Executor;
  /** The server's write queue (its load shows writes waiting). */
  writeQueue: WriteQueue;
  gql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, key?: string): Promise<GqlResult<T>>;
  /** Like gql, but fails the test on any error and returns `data`. */
  ok<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, key?: string): Promise<T>;
  /** The error code of a call that must fail. */
  code(query: string, variables?: Record<string, unknown>, key?: string): Promise<string | undefined>;
  close(): Promise<void>;
}

export function neo4jTarget() {
  return { uri: inject("neo4jUri"), user: process.env.NEO4J_USER, password: process.env.NEO4J_PASSWORD };
}

/** The signing key of every test server lives in one temporary directory. */
export const DATA_DIR = mkdtempSync(join(tmpdir(), "provgraph-test-data-"));

export async function startApi(env: Record<string, string> = {}): Promise<TestApi> {
  const config = loadConfig({ NEO4J_URI: inject("neo4jUri"), PROVGRAPH_DATA_DIR: DATA_DIR, ...env });
  // NEO4J_URI in env: a database of the test's own
  const executor = new Executor(createDriver(env.NEO4J_URI ? { uri: env.NEO4J_URI } : neo4jTarget()), config.database);
  await runMigrations(executor, MIGRATIONS_DIR);
  const writeQueue = new WriteQueue(config.writeSlots);
  const app: App = await createApp(config, executor, writeQueue, { logger: false });
  const url = `${await app.listen(0, "127.0.0.1")}/graphql`;

  async function gql<T>(query: string, variables: Record<string, unknown> = {}, key?: string): Promise<GqlResult<T>> {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", ...(key ? { authorization: `Bearer ${key}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GqlResult<T>;
  }
  return {
    url,
    app,
    executor,
    writeQueue,
    gql,
    async ok<T>(query: string, variables?: Record<string, unknown>, key?: string) {
      const result = await gql<T>(query, variables, key);
      if (result.errors?.length) throw new Error(`unexpected GraphQL error: ${JSON.stringify(result.errors)}`);
      return result.data as T;
    },
    async code(query: string, variables?: Record<string, unknown>, key?: string) {
      const result = await gql(query, variables, key);
      return result.errors?.[0]?.extensions?.code;
    },
    async close() {
      await app.close();
      await executor.close();
    },
  };
}

/** A unique id prefix per test file, so files never see each other's data. */
export function prefix(name: string): string {
  return `${name}-${randomUUID().slice(0, 8)}-`;
}

/** Counts of what a refused call must leave untouched: the graph's nodes besides the audit log's, its relationships, and audit events. */
export async function graphCounts(executor: Executor): Promise<{ nodes: number; rels: number; events: number }> {
  const [row] = await executor.read("test.counts", (run) =>
    run<{ nodes: number; rels: number }>(
      "CALL () { MATCH (n) WHERE NOT n:AuditBlock RETURN count(n) AS nodes } CALL () { MATCH ()-[r]->() RETURN count(r) AS rels } RETURN nodes, rels",
    ),
  );
  return { ...row!, events: await storedEventCount(executor) };
}

/** A call that must fail with `code` and leave every node, relationship and audit event as it was. */
export async function expectRefused(
  api: TestApi,
  query: string,
  variables: Record<string, unknown>,
  code: string,
  message?: RegExp,
  key?: string,
): Promise<void> {
  const before = await graphCounts(api.executor);
  const result = await api.gql(query, variables, key);
  expect(result.errors?.[0]?.extensions?.code, JSON.stringify(result.errors)).toBe(code);
  if (message) expect(result.errors?.[0]?.message).toMatch(message);
  expect(await graphCounts(api.executor)).toEqual(before);
}
