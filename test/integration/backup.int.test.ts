/**
 * npm run backup / npm run restore on the embedded database, with the server running as
 * deployed (src/main.ts): back up (the script stops the server cleanly), write more, restore.
 * The restored audit log verifies, its checkpoint is the one signed before the backup, and an
 * auditor who kept a checkpoint from after the backup sees the rollback: no consistency proof
 * leads from it to the restored log.
 */
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { MIGRATIONS_DIR, ROOT } from "../../src/paths.js";
import { createApp } from "../../src/server/http.js";
import { startEmbeddedNeo4j } from "../../src/store/embedded-neo4j.js";
import { createDriver, Executor } from "../../src/store/executor.js";
import { runMigrations } from "../../src/store/migrations.js";
import { WriteQueue } from "../../src/store/write-queue.js";
import type { GqlResult } from "../helpers/api.js";
import { LABELER } from "../helpers/ops.js";
import { freePort, ready } from "../helpers/processes.js";

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), "provgraph-backup-"));
const KEYS = "ada:admin:k-admin";
const env = { ...process.env, PROVGRAPH_DATA_DIR: dir, PROVGRAPH_API_KEYS: KEYS, NEO4J_URI: "", LOG_LEVEL: "warn" };
const CHECKPOINT = "{ auditCheckpoint { treeSize rootHash at keyId publicKey signature } }";

interface Server {
  child: ChildProcess;
  exited: Promise<number | null>;
  gql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>): Promise<GqlResult<T>>;
}
let server: Server | undefined;

/** `npm start` on the data directory: the embedded Neo4j, as deployed. */
async function serve(): Promise<Server> {
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", join(ROOT, "src/main.ts")], {
    env: { ...env, PORT: String(port) },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  const base = `http://127.0.0.1:${port}`;
  await ready(base, 180_000);
  const gql = async <T>(query: string, variables: Record<string, unknown> = {}) =>
    (await (
      await fetch(`${base}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: "Bearer k-admin" },
        body: JSON.stringify({ query, variables }),
      })
    ).json()) as GqlResult<T>;
  return { child, exited, gql };
}

async function ok<T = Record<string, any>>(query: string, variables?: Record<string, unknown>): Promise<T> {
  const result = await server!.gql<T>(query, variables);
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data!;
}

const labeler = (id: string) => ok(LABELER, { i: { id, name: id, kind: "HUMAN_EXPERT" } });
const script = (name: string, file: string) =>
  run(process.execPath, ["--import", "tsx", join(ROOT, "scripts", `${name}.ts`), file], { env, cwd: ROOT });
const verifyCheckpoint = (checkpoint: unknown) => {
  const file = join(dir, `checkpoint-${Date.now()}.json`);
  writeFileSync(file, JSON.stringify(checkpoint));
  return run(process.execPath, ["--import", "tsx", join(ROOT, "scripts", "verify-proof.ts"), "checkpoint", file], { cwd: ROOT });
};

let before: { treeSize: number; rootHash: string };
let after: { treeSize: number; rootHash: string };
let restored: { treeSize: number; rootHash: string };

beforeAll(async () => {
  // A database that is not empty, so the server loads no demo graph into it.
  const neo4j = await startEmbeddedNeo4j({ dataDir: join(dir, "neo4j") });
  const executor = new Executor(createDriver({ uri: neo4j.uri }), "neo4j");
  await runMigrations(executor, MIGRATIONS_DIR);
  const config = loadConfig({ NEO4J_URI: neo4j.uri, PROVGRAPH_DATA_DIR: dir, PROVGRAPH_API_KEYS: KEYS });
  const app = await createApp(config, executor, new WriteQueue(config.writeSlots), { logger: false });
  const url = await app.listen(0, "127.0.0.1");
  await fetch(`${url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: "Bearer k-admin" },
    body: JSON.stringify({ query: LABELER, variables: { i: { id: "seed", name: "seed", kind: "LLM" } } }),
  });
  await app.close();
  await executor.close();
  await neo4j.stop();

  server = await serve();
  await labeler("kept");
  before = (await ok(CHECKPOINT)).auditCheckpoint;

  const backup = await script("backup", join(dir, "backup.tar.gz"));
  expect(backup.stdout).toMatch(/stopping it cleanly \(SIGTERM\)/);
  expect(await server.exited).toBe(0);

  server = await serve();
  await labeler("after-backup-1");
  await labeler("after-backup-2");
  after = (await ok(CHECKPOINT)).auditCheckpoint;

  const restore = await script("restore", join(dir, "backup.tar.gz"));
  expect(restore.stdout).toMatch(/stopping it cleanly/);
  expect(await server.exited).toBe(0);
  server = await serve();
  restored = (await ok(CHECKPOINT)).auditCheckpoint;
}, 600_000);
afterAll(async () => {
  if (server && server.child.exitCode === null) {
    server.child.kill("SIGTERM");
    await server.exited;
  }
  rmSync(dir, { recursive: true, force: true });
});

describe("backup and restore of the embedded database", () => {
  it("brings back the graph as it was at the backup", async () => {
    // seed and kept: 2 events before the backup; two labelers after it, one event each.
    expect(before.treeSize).toBe(2);
    expect(after.treeSize).toBe(4);
    const { kept, gone } = await ok(`{ kept: labeler(id: "kept") { id } gone: labeler(id: "after-backup-1") { id } }`);
    expect(kept).toEqual({ id: "kept" });
    expect(gone).toBeNull();
  });

  it("restores an audit log that verifies, whose checkpoint is the one signed before the backup", async () => {
    expect((await ok("{ verifyAuditLog { valid checked firstInvalidSeq } }")).verifyAuditLog).toEqual({
      valid: true,
      checked: 2,
      firstInvalidSeq: null,
    });
    expect({ treeSize: restored.treeSize, rootHash: restored.rootHash }).toEqual({ treeSize: before.treeSize, rootHash: before.rootHash });
    await expect(verifyCheckpoint(restored)).resolves.toBeDefined(); // exit 0: the signature verifies
  });

  it("shows the rollback to an auditor who kept a later checkpoint: no consistency proof reaches the restored log", async () => {
    const result = await server!.gql(`{ auditConsistencyProof(fromSize: ${after.treeSize}, toSize: ${restored.treeSize}) { hashes } }`);
    expect(result.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const forward = await server!.gql(`{ auditConsistencyProof(fromSize: ${restored.treeSize}, toSize: ${after.treeSize}) { hashes } }`);
    expect(forward.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("refuses an external database: neo4j-admin backs those up", async () => {
    const refused = run(process.execPath, ["--import", "tsx", join(ROOT, "scripts", "backup.ts"), join(dir, "other.tar.gz")], {
      env: { ...env, NEO4J_URI: "bolt://127.0.0.1:1" },
      cwd: ROOT,
    });
    await expect(refused).rejects.toMatchObject({ stderr: expect.stringMatching(/neo4j-admin/) });
  });
});
