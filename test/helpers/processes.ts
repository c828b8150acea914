/**
 * Real processes for the fault tests: free ports, waiting for a condition, and the API started
 * as deployed (`node --import tsx src/main.ts`) so that a test may kill it.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { ROOT } from "../../src/paths.js";
import type { GqlResult } from "./api.js";

/** A TCP port that was free a moment ago on 127.0.0.1. */
export const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/** The first value `probe` resolves to other than undefined (a rejection counts as undefined), polled every `every` ms. */
export async function until<T>(what: string, probe: () => Promise<T | undefined>, ms = 90_000, every = 500): Promise<T> {
  for (const end = Date.now() + ms; Date.now() < end; await sleep(every)) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Resolves once `base`/readyz answers 200: migrations applied and the database answering. */
export const ready = (base: string, ms = 90_000) =>
  until("readiness", async () => ((await fetch(`${base}/readyz`)).status === 200 ? true : undefined), ms, 250);

export interface ApiProcess {
  base: string;
  child: ChildProcess;
  /** Resolves with the exit code, or null when a signal ended the process. */
  exited: Promise<number | null>;
  /** POSTs one GraphQL operation with this process's key; rejects when no HTTP answer comes. */
  gql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>): Promise<GqlResult<T>>;
  /** Like gql, but throws on any GraphQL error and returns `data`. */
  ok<T = Record<string, any>>(query: string, variables?: Record<string, unknown>): Promise<T>;
}

/**
 * Starts the API on a free port over `neo4jUri` with one writer+auditor key (its signing key in
 * `dataDir`); resolves once it listens, ready or not.
 */
export async function startApiProcess(neo4jUri: string, dataDir: string, actor = "crash-test"): Promise<ApiProcess> {
  const port = await freePort();
  const key = `${actor}-key-${Math.random().toString(36).slice(2)}`;
  const child = spawn(process.execPath, ["--import", "tsx", join(ROOT, "src/main.ts")], {
    env: {
      ...process.env,
      NEO4J_URI: neo4jUri,
      PORT: String(port),
      PROVGRAPH_DATA_DIR: dataDir,
      PROVGRAPH_API_KEYS: `${actor}:writer+auditor:${key}`,
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  // Never outlive the test run, whatever ends it.
  const killOnExit = () => child.kill("SIGKILL");
  process.on("exit", killOnExit);
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => {
      process.off("exit", killOnExit);
      resolve(code);
    }),
  );
  const base = `http://127.0.0.1:${port}`;
  const gql = async <T>(query: string, variables: Record<string, unknown> = {}) => {
    const response = await fetch(`${base}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GqlResult<T>;
  };
  await until("the API to listen", async () => ((await fetch(`${base}/healthz`)).ok ? true : undefined), 90_000, 250);
  return {
    base,
    child,
    exited,
    gql,
    async ok<T>(query: string, variables?: Record<string, unknown>) {
      const result = await gql<T>(query, variables);
      if (result.errors?.length) throw new Error(`unexpected GraphQL error: ${JSON.stringify(result.errors)}`);
      return result.data as T;
    },
  };
}
