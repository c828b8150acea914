/**
 * A process killed (SIGKILL) in the middle of a 10,000-sample ingest: first the database, then
 * the API. Either way the batch is all there or not there at all, a client is never told
 * "success" for a batch that is not there, sending the batch again completes it with one audit
 * event per sample, and the audit chain verifies.
 *
 * Each test runs its own embedded Neo4j in a fresh directory (it is killed, so it cannot be the
 * suite's) and the API as its own process, as deployed.
 *
 * How each kill lands in the middle of the write, every time: before the batch is sent, the test
 * opens a transaction of its own that takes one lock the ingest will need, and keeps it open
 * (never committed) until after the kill. The test kills only once SHOW TRANSACTIONS shows the
 * ingest's transaction waiting at that point and the client has no answer yet. (The embedded
 * database gives up a lock wait after 10 s; the kill comes within a fraction of a second.)
 *
 * - Neo4j is killed in the ingest's commit. The test holds a write lock on the generation run
 *   that 4,000 of the batch's samples name. Neo4j takes the node locks for new relationships at
 *   commit, before the commit reaches its transaction log: so the ingest runs every statement
 *   (10,000 samples, 6,600 relationships, 10,000 audit events), sends COMMIT, and waits in
 *   "Committing" with everything it wrote in memory. Recovery must find none of it.
 * - The API is killed in the middle of a statement. The test creates, uncommitted, a node with
 *   the batch's last sample id, so the ingest's CREATE of the samples waits on that id's
 *   uniqueness lock with 9,999 nodes created ("Blocked by"). The API dies before it could send
 *   COMMIT; Neo4j must end the orphaned transaction by itself and free the audit head, or the
 *   next writer of any process would wait for it.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Driver } from "neo4j-driver";
import { describe, expect, it } from "vitest";
import { startEmbeddedNeo4j, type EmbeddedNeo4j } from "../../src/store/embedded-neo4j.js";
import { createDriver, Executor } from "../../src/store/executor.js";
import { graphCounts, prefix, type GqlResult } from "../helpers/api.js";
import { AUDIT_EVENTS, eventsPerSubject } from "../helpers/audit-store.js";
import { GENERATOR, INGEST, RUN, VERIFY } from "../helpers/ops.js";
import { freePort, ready, startApiProcess, until, type ApiProcess } from "../helpers/processes.js";

const N = 10_000;
const SEEDS = 100;

/**
 * 6,000 REAL samples (every 10th a chunk of one of the 100 seeded documents: 600 DERIVED_FROM),
 * 3,000 SYNTHETIC from the run (every 3rd a QA pair about a REAL sample of this batch: 1,000
 * DERIVED_FROM) and 1,000 AUGMENTED from the run, each derived from a REAL sample of this batch
 * (1,000 DERIVED_FROM). So 4,000 GENERATED_BY and 2,600 DERIVED_FROM relationships.
 */
function batchOf(P: string) {
  return Array.from({ length: N }, (_, i) => {
    const id = `${P}s-${i}`;
    if (i < 6000)
      return {
        id,
        origin: "REAL",
        kind: "DOCUMENT",
        slice: `slice-${i % 7}`,
        contentHash: `h-${i}`,
        ...(i % 10 === 0 ? { derivedFromIds: [`${P}seed-${i % SEEDS}`] } : {}),
      };
    if (i < 9000)
      return {
        id,
        origin: "SYNTHETIC",
        kind: "QA_PAIR",
        generationRunId: `${P}run`,
        attributes: { i },
        ...(i % 3 === 0 ? { derivedFromIds: [`${P}s-${i - 6000}`] } : {}),
      };
    return { id, origin: "AUGMENTED", kind: "DOCUMENT", generationRunId: `${P}run`, derivedFromIds: [`${P}s-${i - 9000}`] };
  });
}
const GENERATED_BY = 4000;
const DERIVED_FROM = 2600;

interface Rig {
  dir: string;
  boltPort: number;
  neo4j: EmbeddedNeo4j;
  /** The test's own connection, for looking at the graph and holding the lock. */
  executor: Executor;
  api: ApiProcess;
  P: string;
  /** The 10,000 samples the test sends, and the graph and chain before it sends them. */
  batch: ReturnType<typeof batchOf>;
  before: Awaited<ReturnType<typeof graphCounts>>;
  chainBefore: { valid: boolean; checked: number };
}

/** Its own Neo4j, the API over it, and what the batch refers to: a generator, a run, 100 REAL documents. */
async function startRig(name: string): Promise<Rig> {
  const dir = mkdtempSync(join(tmpdir(), `provgraph-${name}-`));
  const boltPort = await freePort();
  const neo4j = await startEmbeddedNeo4j({ dataDir: join(dir, "neo4j"), port: boltPort });
  const executor = new Executor(createDriver({ uri: neo4j.uri }), "neo4j");
  const api = await startApiProcess(neo4j.uri, join(dir, "api"));
  await ready(api.base);
  const P = prefix(name);
  await api.ok(GENERATOR, { i: { id: `${P}gen`, name: "writer", kind: "LLM", version: "1", model: "gpt-4o" } });
  await api.ok(RUN, { i: { id: `${P}run`, generatorId: `${P}gen`, purpose: "AUGMENTATION" } });
  await api.ok(INGEST, { s: Array.from({ length: SEEDS }, (_, i) => ({ id: `${P}seed-${i}`, origin: "REAL", kind: "DOCUMENT" })) });
  const before = await graphCounts(executor);
  const chainBefore = (await api.ok(VERIFY)).verifyAuditLog;
  expect(chainBefore).toMatchObject({ valid: true, checked: 1 + 1 + SEEDS }); // generator, run, seeds
  return { dir, boltPort, neo4j, executor, api, P, batch: batchOf(P), before, chainBefore };
}

/**
 * Runs `cypher` in a transaction of the test's own that stays open, holding its locks, until
 * released (rolled back: nothing of it is ever committed).
 */
async function holdLocks(driver: Driver, cypher: string, params: Record<string, unknown>) {
  const session = driver.session({ database: "neo4j" });
  const tx = session.beginTransaction();
  const result = await tx.run(`${cypher} RETURN count(*) AS n`, params);
  expect(result.records[0]!.get("n")).toBe(1);
  return {
    /** A transaction whose database was killed is gone already: nothing to undo then. */
    async release() {
      await tx.rollback().catch(() => {});
      await session.close().catch(() => {});
    },
  };
}

interface OpenTransaction {
  status: string;
  details: string;
  query: string;
  locks: number;
  ms: number;
}

/** The open transactions of the API's ingests (the executor's metadata names the mutation). */
function ingestTransactions(executor: Executor): Promise<OpenTransaction[]> {
  return executor.read("test.transactions", (run) =>
    run<OpenTransaction>(
      `SHOW TRANSACTIONS YIELD metaData, status, statusDetails, currentQuery, activeLockCount, elapsedTime
       WHERE metaData.op = 'ingestSamples'
       RETURN status, statusDetails AS details, currentQuery AS query, activeLockCount AS locks, elapsedTime.milliseconds AS ms`,
    ),
  );
}

/** Polls (every 100 ms) until an ingest transaction is in the state `is` describes. */
const ingestWhen = (executor: Executor, what: string, is: (tx: OpenTransaction) => boolean) =>
  until(what, async () => (await ingestTransactions(executor)).find(is), 60_000, 100);

/** Sends the batch; `outcome` fills in with the HTTP answer or the failure, and when it came. */
function send(api: ApiProcess, batch: unknown[]) {
  const outcome: { at?: number; response?: GqlResult; failure?: unknown } = {};
  const done = api.gql(INGEST, { s: batch }).then(
    (response) => void Object.assign(outcome, { at: Date.now(), response }),
    (failure: unknown) => void Object.assign(outcome, { at: Date.now(), failure }),
  );
  return { outcome, done };
}

/** The batch's samples, and the audit events of subjects with the batch's prefix. */
async function batchCounts(executor: Executor, P: string) {
  const [row] = await executor.read("test.batch", (run) =>
    run<{ samples: number; events: number }>(
      `CALL () { MATCH (s:Sample) WHERE s.id STARTS WITH $p RETURN count(s) AS samples } CALL () { ${AUDIT_EVENTS} WHERE e.subjectId STARTS WITH $p RETURN count(e) AS events } RETURN samples, events`,
      { p: `${P}s-` },
    ),
  );
  return row!;
}

/**
 * Sends the batch again to `api` after a crash that left it absent, and checks that this
 * completes it: every sample once, with its relationships, one audit event each, and a chain
 * that verifies and grew by exactly the batch.
 */
async function resendCompletes(
  rig: Rig,
  api: ApiProcess,
  batch: unknown[],
  before: { nodes: number; rels: number; events: number },
  checkedBefore: number,
) {
  const { ingestSamples } = await api.ok(INGEST, { s: batch });
  expect(ingestSamples).toEqual({ created: N, unchanged: 0, violations: [] }); // nothing of it was there
  // 10,000 samples and 10,000 audit events; 4,000 GENERATED_BY + 2,600 DERIVED_FROM
  expect(await graphCounts(rig.executor)).toEqual({
    nodes: before.nodes + N,
    rels: before.rels + GENERATED_BY + DERIVED_FROM,
    events: before.events + N,
  });
  const ids = await rig.executor.read("test.samples", (run) =>
    run<{ id: string }>("MATCH (s:Sample) WHERE s.id STARTS WITH $p RETURN s.id AS id", { p: `${rig.P}s-` }),
  );
  const events = await eventsPerSubject(
    rig.executor,
    ids.map((r) => r.id),
  );
  const counts = ids.map((r) => events.get(r.id) ?? 0);
  const perSample = {
    samples: ids.length,
    distinct: new Set(ids.map((r) => r.id)).size,
    fewest: Math.min(...counts),
    most: Math.max(...counts),
  };
  expect(perSample).toEqual({ samples: N, distinct: N, fewest: 1, most: 1 });
  const { verifyAuditLog } = await api.ok(VERIFY);
  // every event before, plus one per sample of the batch
  expect(verifyAuditLog).toMatchObject({ valid: true, checked: checkedBefore + N, firstInvalidSeq: null });
}

async function tearDown(rig: Rig | undefined, ...apis: Array<ApiProcess | undefined>) {
  for (const api of apis) api?.child.kill("SIGKILL");
  await rig?.executor.close().catch(() => {});
  await rig?.neo4j.stop();
  if (rig) rmSync(rig.dir, { recursive: true, force: true });
}

describe("a process killed in the middle of a 10,000-sample ingest", () => {
  it("Neo4j (SIGKILL in the commit, restarted on the same data): the client gets SERVICE_UNAVAILABLE, nothing of the batch is stored, the API reconnects by itself, re-sending completes the batch", async () => {
    let r: Rig | undefined;
    try {
      const started = Date.now();
      r = await startRig("neo4j-kill");
      const { batch, before, chainBefore } = r;

      const lock = await holdLocks(r.executor.driver, "MATCH (n:Entity {id: $id}) SET n.lockedByCrashTest = true", { id: `${r.P}run` });
      const { outcome, done } = send(r.api, batch);
      const committing = await ingestWhen(r.executor, "the ingest to wait in its commit", (tx) => tx.details === "Committing");
      expect(outcome.at).toBeUndefined(); // no answer yet: the write is in flight
      const killedAt = Date.now();
      await r.neo4j.kill();
      await lock.release();

      // The API answers while the database is down: an error with a documented code, promptly
      // (the driver retries for maxTransactionRetryTime, 5 s, then gives up; 15 s leaves room
      // for a slow machine, and a hung request would fail here).
      await done;
      const answerMs = outcome.at! - killedAt;
      expect(outcome.failure).toBeUndefined();
      expect(outcome.response?.errors?.map((e) => e.extensions?.code)).toEqual(["SERVICE_UNAVAILABLE"]);
      expect(outcome.response?.data ?? null).toBeNull();
      expect(answerMs).toBeLessThan(15_000);

      // The same data directory and port: Neo4j recovers from its transaction log.
      const restartAt = Date.now();
      r.neo4j = await startEmbeddedNeo4j({ dataDir: join(r.dir, "neo4j"), port: r.boltPort });
      const restartMs = Date.now() - restartAt;
      await ready(r.api.base); // the same API process, never restarted
      const readyMs = Date.now() - restartAt;

      // All or nothing: the commit never reached the log, so not one node, relationship or event
      // of it; and everything committed before the kill is there, recovered from the log.
      expect(await batchCounts(r.executor, r.P)).toEqual({ samples: 0, events: 0 });
      expect(await graphCounts(r.executor)).toEqual(before);
      expect((await r.api.ok(VERIFY)).verifyAuditLog).toEqual(chainBefore);

      await resendCompletes(r, r.api, batch, before, chainBefore.checked);
      console.log(
        `Neo4j killed in the commit (after ${committing.ms} ms, ${committing.locks} locks held): error ${answerMs} ms after the kill; ` +
          `Neo4j up again in ${restartMs} ms, the API ready ${readyMs} ms after the restart began; test ${Date.now() - started} ms`,
      );
    } finally {
      await tearDown(r, r?.api);
    }
  }, 180_000);

  it("the API (SIGKILL mid-statement, a fresh process started): the request fails, Neo4j ends the orphaned transaction by itself, re-sending completes the batch", async () => {
    let r: Rig | undefined;
    let fresh: ApiProcess | undefined;
    try {
      const started = Date.now();
      r = await startRig("api-kill");
      const { batch, before, chainBefore } = r;

      const lock = await holdLocks(r.executor.driver, "CREATE (:Entity {id: $id})", { id: `${r.P}s-${N - 1}` });
      const { outcome, done } = send(r.api, batch);
      const blocked = await ingestWhen(r.executor, "the ingest to block in its CREATE", (tx) => tx.status.startsWith("Blocked by"));
      expect(blocked.query).toContain("CREATE (:Entity:Sample {");
      expect(outcome.at).toBeUndefined(); // no answer yet: the write is in flight
      const killedAt = Date.now();
      r.api.child.kill("SIGKILL");
      expect(await r.api.exited).toBeNull(); // ended by the signal
      // Let the orphan run on if Neo4j has not noticed: it finishes the statement, and then could
      // only end for want of a client.
      await lock.release();

      // No HTTP answer at all: the client can only take it as "not done".
      await done;
      expect(outcome.response).toBeUndefined();
      expect(outcome.failure).toBeInstanceOf(TypeError); // fetch failed: the socket closed

      await until(
        "Neo4j to end the orphaned transaction",
        async () => ((await ingestTransactions(r!.executor)).length === 0 ? true : undefined),
        60_000,
        100,
      );
      const endedMs = Date.now() - killedAt;
      // Because the connection closed, not at the transaction timeout (120 s, set by the API),
      // which would hold every writer of every process up until then.
      expect(endedMs).toBeLessThan(10_000);
      expect(await batchCounts(r.executor, r.P)).toEqual({ samples: 0, events: 0 });
      expect(await graphCounts(r.executor)).toEqual(before);

      fresh = await startApiProcess(r.neo4j.uri, join(r.dir, "api"), "crash-test-2");
      await ready(fresh.base);
      expect((await fresh.ok(VERIFY)).verifyAuditLog).toEqual(chainBefore);
      await resendCompletes(r, fresh, batch, before, chainBefore.checked);
      console.log(
        `API killed mid-statement (after ${blocked.ms} ms, ${blocked.locks} locks held): Neo4j ended the orphan ${endedMs} ms after the kill; test ${Date.now() - started} ms`,
      );
    } finally {
      await tearDown(r, r?.api, fresh);
    }
  }, 180_000);
});
