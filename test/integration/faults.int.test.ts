import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, inject, it } from "vitest";
import { ROOT } from "../../src/paths.js";
import { startEmbeddedNeo4j } from "../../src/store/embedded-neo4j.js";
import { createDriver, Executor } from "../../src/store/executor.js";
import { neo4jTarget, prefix } from "../helpers/api.js";
import { INGEST } from "../helpers/ops.js";
import { freePort, ready, startApiProcess, until } from "../helpers/processes.js";

describe("the database down at start-up, then back", () => {
  it("serves, says not ready, answers SERVICE_UNAVAILABLE promptly, recovers by itself, and stops gracefully", async () => {
    const [boltPort, apiPort] = [await freePort(), await freePort()];
    const dir = mkdtempSync(join(tmpdir(), "provgraph-faults-"));
    const api = spawn(process.execPath, ["--import", "tsx", join(ROOT, "src/main.ts")], {
      env: { ...process.env, NEO4J_URI: `bolt://127.0.0.1:${boltPort}`, PORT: String(apiPort), PROVGRAPH_DATA_DIR: dir, LOG_LEVEL: "warn" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    api.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => api.once("exit", resolve));
    const base = `http://127.0.0.1:${apiPort}`;
    const query = () =>
      fetch(`${base}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: "{ datasets { totalCount } }" }),
      }).then((r) => r.json());
    let neo4j: Awaited<ReturnType<typeof startEmbeddedNeo4j>> | undefined;
    try {
      await until("the API to listen", async () => ((await fetch(`${base}/healthz`)).ok ? true : undefined));
      expect((await fetch(`${base}/readyz`)).status).toBe(503);
      const started = Date.now();
      const refused = (await query()) as { errors: Array<{ extensions: { code: string } }> };
      expect(refused.errors[0]!.extensions.code).toBe("SERVICE_UNAVAILABLE");
      expect(Date.now() - started).toBeLessThan(15_000); // an error, not a hung request

      neo4j = await startEmbeddedNeo4j({ dataDir: join(dir, "neo4j"), port: boltPort });
      await until("readiness", async () => ((await fetch(`${base}/readyz`)).status === 200 ? true : undefined));
      expect(await query()).toEqual({ data: { datasets: { totalCount: 0 } } });

      api.kill("SIGTERM");
      expect(await exited).toBe(0);
      expect(output).toMatch(/SIGTERM: finishing in-flight requests and stopping/);
    } finally {
      api.kill("SIGKILL");
      await neo4j?.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});

describe("SIGTERM with a write in flight", () => {
  it("finishes the write and answers it, refuses new connections meanwhile, and exits 0 promptly", async () => {
    const dir = mkdtempSync(join(tmpdir(), "provgraph-sigterm-"));
    const executor = new Executor(createDriver(neo4jTarget()), "neo4j");
    const api = await startApiProcess(inject("neo4jUri"), dir, "sigterm-test");
    const p = prefix("sigterm");
    try {
      await ready(api.base);
      const batch = Array.from({ length: 10_000 }, (_, i) => ({ id: `${p}${i}`, origin: "REAL" }));
      const answer = api.gql(INGEST, { s: batch });
      // The signal comes once the database is running the ingest's transaction.
      await until(
        "the ingest to run in the database",
        async () =>
          (
            await executor.read("test.transactions", (run) =>
              run("SHOW TRANSACTIONS YIELD metaData WHERE metaData.op = 'ingestSamples' RETURN 1 AS open"),
            )
          ).length
            ? true
            : undefined,
        60_000,
        50,
      );
      api.child.kill("SIGTERM");
      await until(
        "the API to stop listening",
        async () =>
          await fetch(`${api.base}/healthz`).then(
            () => undefined,
            () => true,
          ),
        10_000,
        50,
      );
      expect((await answer).data).toEqual({ ingestSamples: { created: 10_000, unchanged: 0, violations: [] } });
      const answered = Date.now();
      expect(await api.exited).toBe(0);
      // promptly: not after the 72 s a client's idle keep-alive connection would otherwise be held
      expect(Date.now() - answered).toBeLessThan(5_000);
      const [stored] = await executor.read("test.count", (run) =>
        run<{ n: number }>("MATCH (s:Sample) WHERE s.id STARTS WITH $p RETURN count(s) AS n", { p }),
      );
      expect(stored!.n).toBe(10_000);
    } finally {
      api.child.kill("SIGKILL");
      await executor.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
