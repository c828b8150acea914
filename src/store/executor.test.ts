/**
 * The read path of the executor against a scripted driver: auto-commit statements, a fresh
 * session for each attempt after a transient failure, every session closed, and database
 * failures translated once at the end.
 */
import { Neo4jError, type Driver } from "neo4j-driver";
import { describe, expect, it } from "vitest";
import { DomainError } from "../domain/errors.js";
import { Executor, type Run } from "./executor.js";

const transient = () => new Neo4jError("deadlock", "Neo.TransientError.Transaction.DeadlockDetected", "50N42", "transient");
const syntax = () => new Neo4jError("bad query", "Neo.ClientError.Statement.SyntaxError", "42001", "syntax");

/** A driver whose n-th statement (counted over all sessions) fails with `failures[n]` when given. */
function scripted(failures: Array<(() => Error) | undefined>) {
  const log = { sessions: 0, closed: 0, statements: 0, modes: [] as string[] };
  const driver = {
    session({ defaultAccessMode }: { defaultAccessMode: string }) {
      log.sessions++;
      log.modes.push(defaultAccessMode);
      return {
        run: async () => {
          const fail = failures[log.statements++];
          if (fail) throw fail();
          return { records: [{ toObject: () => ({ n: log.statements }) }] };
        },
        close: async () => void log.closed++,
      };
    },
  } as unknown as Driver;
  return { executor: new Executor(driver, "neo4j"), log };
}

describe("Executor.read", () => {
  it("runs each statement on its own in a READ session and closes it", async () => {
    const { executor, log } = scripted([]);
    const rows = await executor.read("t", async (run) => [...(await run("RETURN 1")), ...(await run("RETURN 2"))]);
    expect(rows).toEqual([{ n: 1 }, { n: 2 }]);
    expect(log).toMatchObject({ sessions: 1, closed: 1, statements: 2, modes: ["READ"] });
    expect(executor.roundTrips).toBe(2);
  });

  it("runs the whole work again in a fresh session after a transient failure", async () => {
    // statement 0 succeeds, 1 fails (transient); the retry runs statements 2 and 3
    const { executor, log } = scripted([undefined, transient]);
    const rows = await executor.read("t", async (run) => [...(await run("RETURN 1")), ...(await run("RETURN 2"))]);
    expect(rows).toEqual([{ n: 3 }, { n: 4 }]);
    expect(log).toMatchObject({ sessions: 2, closed: 2, statements: 4 });
  });

  it("gives a failing statement's error the frames of the code that ran it", async () => {
    const { executor } = scripted([syntax]);
    async function readsTheGraph(run: Run) {
      const rows = await run("RETURN");
      return rows;
    }
    const error = (await executor.read("t", readsTheGraph).catch((e: unknown) => e)) as Error;
    expect(error.message).toBe("bad query");
    expect(error.stack).toMatch(/\n\s+at .*readsTheGraph/);
    expect(Error.stackTraceLimit).toBeGreaterThan(0);
  });

  it("does not retry other failures, and turns unavailability into SERVICE_UNAVAILABLE", async () => {
    const refused = scripted([syntax]);
    await expect(refused.executor.read("t", (run) => run("RETURN"))).rejects.toMatchObject({ code: "Neo.ClientError.Statement.SyntaxError" });
    expect(refused.log).toMatchObject({ sessions: 1, closed: 1 });

    const work = scripted([]);
    const notFound = new DomainError("NOT_FOUND", "'x' names nothing");
    await expect(work.executor.read("t", () => Promise.reject(notFound))).rejects.toBe(notFound);
    expect(work.log).toMatchObject({ sessions: 1, closed: 1 });

    // Always transient: retried from 100 ms doubling (about 3 s in all, under the 5 s budget), then refused.
    const down = scripted(Array.from({ length: 100 }, () => () => new Neo4jError("no route", "ServiceUnavailable", "08000", "unavailable")));
    const started = Date.now();
    const error = await down.executor.read("t", (run) => run("RETURN 1")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe("SERVICE_UNAVAILABLE");
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(down.log.sessions).toBeGreaterThan(3);
    expect(down.log.closed).toBe(down.log.sessions);
  });
});
