/**
 * The Python client (clients/python) against a real server: its pytest suite, run in the test
 * command's pinned virtual environment with PROVGRAPH_URL pointing at a server started here,
 * and mypy --strict over the package. pytest's own output is shown when it fails.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { ROOT } from "../../src/paths.js";
import { ensurePythonEnv, venvBin } from "../../scripts/python-env.js";
import { startApi, type TestApi } from "../helpers/api.js";

const CLIENT = join(ROOT, "clients/python");
const ADMIN_KEY = randomBytes(18).toString("base64url");
const READER_KEY = randomBytes(18).toString("base64url");

/** Runs a command without blocking this process (the API under test lives in it); resolves with its exit code and output. */
function run(file: string, args: string[], env: Record<string, string>, cwd: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { cwd, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, output }));
  });
}

describe("the Python client", () => {
  let api: TestApi;
  beforeAll(async () => {
    ensurePythonEnv();
    api = await startApi({ PROVGRAPH_API_KEYS: `py-admin:admin:${ADMIN_KEY},py-reader:reader:${READER_KEY}` });
  });
  afterAll(async () => api?.close());

  it("passes its pytest suite against the real server and Neo4j", { timeout: 20 * 60_000 }, async () => {
    const { code, output } = await run(
      venvBin("python"),
      ["-m", "pytest", "clients/python/tests", "-q", "-rs", "-p", "no:cacheprovider", "-W", "ignore::DeprecationWarning"],
      {
        PROVGRAPH_URL: api.url,
        PROVGRAPH_API_KEY: ADMIN_KEY,
        PROVGRAPH_TEST_READER_KEY: READER_KEY,
        // The suite starts servers of its own over the same database (one it stops mid-ingest).
        PROVGRAPH_TEST_NEO4J_URI: inject("neo4jUri"),
        PROVGRAPH_TEST_ROOT: ROOT,
      },
      ROOT,
    );
    console.log(output.split("\n").slice(-40).join("\n"));
    expect(code, output).toBe(0);
  });

  it("type-checks with mypy --strict", { timeout: 10 * 60_000 }, async () => {
    const { code, output } = await run(venvBin("mypy"), ["--strict", "--no-incremental", "src/provgraph"], {}, CLIENT);
    expect(code, output).toBe(0);
    expect(output).toMatch(/^Success: no issues found/m);
  });
});
