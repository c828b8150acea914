/**
 * The executor's read path against the real database: each statement its own auto-commit
 * transaction, the whole work run again in a fresh session after a real transient failure (its
 * connection cut mid-statement by a TCP proxy), other failures neither retried nor hidden, and
 * an unreachable database turned into SERVICE_UNAVAILABLE within the retry budget.
 */
import { createConnection, createServer, type AddressInfo } from "node:net";
import { afterAll, describe, expect, inject, it } from "vitest";
import { DomainError } from "../../src/domain/errors.js";
import { createDriver, Executor, type Run } from "../../src/store/executor.js";
import { neo4jTarget } from "../helpers/api.js";
import { freePort } from "../helpers/processes.js";

const executor = new Executor(createDriver(neo4jTarget()), "neo4j");
afterAll(() => executor.close());

describe("Executor.read", () => {
  it("runs each statement as its own transaction: none stays open between two statements of one read", async () => {
    const mine = executor.forRequest();
    // Asked from another session between the two statements: a managed transaction around the
    // read would still be open there (with this op in its metadata); auto-commit ones are not.
    const openTransactions = () =>
      executor.read("test.open", (run) => run("SHOW TRANSACTIONS YIELD metaData WHERE metaData.op = 'test.two' RETURN 1 AS open"));
    const between: unknown[] = [];
    const rows = await mine.read("test.two", async (run) => {
      const first = await run<{ n: number }>("RETURN 1 AS n");
      between.push(...(await openTransactions()));
      return [...first, ...(await run<{ n: number }>("RETURN 2 AS n"))];
    });
    expect(rows).toEqual([{ n: 1 }, { n: 2 }]);
    expect(between).toEqual([]);
    expect(mine.roundTrips).toBe(2);
  });

  it("runs the whole work again in a fresh session after the connection drops mid-statement", async () => {
    // A TCP proxy in front of the real database that cuts the first connection carrying the marker.
    const target = new URL(inject("neo4jUri").replace(/^\w+:/, "http:"));
    let cut = 0;
    const proxy = createServer((client) => {
      const server = createConnection(Number(target.port), target.hostname);
      client.on("data", (chunk: Buffer) => {
        if (cut === 0 && chunk.includes("drop-once")) {
          cut++;
          client.destroy();
          server.destroy();
        } else server.write(chunk);
      });
      server.on("data", (chunk) => client.write(chunk));
      for (const socket of [client, server]) socket.on("error", () => undefined).on("close", () => (client.destroy(), server.destroy()));
    });
    await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
    const viaProxy = new Executor(createDriver({ uri: `bolt://127.0.0.1:${(proxy.address() as AddressInfo).port}` }), "neo4j");
    try {
      let attempts = 0;
      const rows = await viaProxy.read("test.dropped", async (run) => {
        attempts++;
        return run<{ marker: string }>("RETURN 'drop-once' AS marker");
      });
      expect(rows).toEqual([{ marker: "drop-once" }]);
      expect([cut, attempts]).toEqual([1, 2]); // the first attempt lost its connection, the second answered
    } finally {
      await viaProxy.close();
      proxy.close();
    }
  });

  it("does not retry a failure that is not transient, and gives it the frames of the code that ran it", async () => {
    let attempts = 0;
    async function readsTheGraph(run: Run) {
      attempts++;
      const rows = await run("RETURN 1 +");
      return rows;
    }
    const error = (await executor.read("test.syntax", readsTheGraph).catch((e: unknown) => e)) as Error & { code?: string };
    expect(error.code).toBe("Neo.ClientError.Statement.SyntaxError");
    expect(attempts).toBe(1);
    expect(error.stack).toMatch(/\n\s+at .*readsTheGraph/);
    expect(Error.stackTraceLimit).toBeGreaterThan(0);

    const notFound = new DomainError("NOT_FOUND", "'x' names nothing");
    await expect(executor.read("test.domain", () => Promise.reject(notFound))).rejects.toBe(notFound);
  });

  it("answers SERVICE_UNAVAILABLE within the 5 s retry budget when the database is unreachable", async () => {
    const nowhere = new Executor(createDriver({ uri: `bolt://127.0.0.1:${await freePort()}` }), "neo4j");
    try {
      const started = Date.now();
      const error = await nowhere.read("test.down", (run) => run("RETURN 1")).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe("SERVICE_UNAVAILABLE");
      expect(Date.now() - started).toBeLessThan(6_000); // retries for up to 5 s, then refuses
    } finally {
      await nowhere.close();
    }
  });
});
