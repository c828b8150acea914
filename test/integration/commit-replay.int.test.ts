/**
 * Exactly once under a transaction-function replay.
 *
 * The neo4j driver runs every write as a managed transaction function and re-runs the whole
 * function on a retryable error. If the connection dies after the server committed but before
 * the commit's SUCCESS reached the driver, the driver cannot know the commit happened: it gets
 * a SERVICE_UNAVAILABLE (retryable) and replays the function in a new transaction, which now
 * sees the first one's writes. That is the one case where provgraph's write path runs twice
 * for one request with the first run durable, and it must still write everything exactly once.
 *
 * How it is forced, for real: the API's driver talks to Neo4j through a Bolt-aware TCP proxy
 * (node:net) in this file. The proxy splits both directions into Bolt messages, and for the
 * first transaction whose BEGIN names the targeted mutation (the transaction metadata carries
 * `op: <mutation>`) it forwards the COMMIT, reads the server's answer to it, checks that it
 * is a SUCCESS (the server has committed), drops it and closes both sockets. Nothing in src/
 * is touched or mocked; the driver does what it would do after a network failure at that
 * instant. The proxy's counters prove that the replay happened: two BEGINs for the mutation,
 * the first COMMIT answered SUCCESS and swallowed, the second one delivered.
 */
import { mkdtempSync } from "node:fs";
import { createConnection, createServer, type Server, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { createApp, type App } from "../../src/server/http.js";
import { createDriver, Executor } from "../../src/store/executor.js";
import { WriteQueue } from "../../src/store/write-queue.js";
import { graphCounts, neo4jTarget, prefix, startApi, type TestApi } from "../helpers/api.js";
import { eventsPerSubject as storedEventsPerSubject } from "../helpers/audit-store.js";
import { ADD, DATASET, GENERATOR, INGEST, RUN, SEAL, VERIFY, VERSION } from "../helpers/ops.js";

const BEGIN = 0x11;
const COMMIT = 0x12;
const GOODBYE = 0x02; // the only request without a response
const SUMMARIES = new Set([0x70, 0x7e, 0x7f]); // SUCCESS, IGNORED, FAILURE: one per request

/** Splits a Bolt byte stream (after the handshake) into whole messages, chunk headers included. */
class MessageReader {
  private buffer = Buffer.alloc(0);
  push(data: Buffer): Array<{ raw: Buffer; body: Buffer }> {
    this.buffer = Buffer.concat([this.buffer, data]);
    const out: Array<{ raw: Buffer; body: Buffer }> = [];
    for (;;) {
      let at = 0;
      const parts: Buffer[] = [];
      let whole = false;
      while (at + 2 <= this.buffer.length) {
        const size = this.buffer.readUInt16BE(at);
        if (size === 0) {
          at += 2;
          whole = true;
          break;
        }
        if (at + 2 + size > this.buffer.length) break;
        parts.push(this.buffer.subarray(at + 2, at + 2 + size));
        at += 2 + size;
      }
      if (!whole) return out;
      out.push({ raw: Buffer.from(this.buffer.subarray(0, at)), body: Buffer.concat(parts) });
      this.buffer = this.buffer.subarray(at);
    }
  }
}

/** A base-128 varint (7 bits a byte, least significant first) at `at`, or null if incomplete. */
function varint(buffer: Buffer, at: number): { value: number; next: number } | null {
  let value = 0;
  for (let i = at, shift = 0; i < buffer.length; i++, shift += 7) {
    value += (buffer[i]! & 0x7f) * 2 ** shift;
    if ((buffer[i]! & 0x80) === 0) return { value, next: i + 1 };
  }
  return null;
}

interface ProxyStats {
  /** BEGINs of the targeted mutation's transactions. */
  begins: number;
  /** Answers to COMMIT swallowed (with their message signature). */
  dropped: number[];
  /** COMMITs of the targeted transactions the server received. */
  commits: number;
}

/** A Bolt proxy in front of `target` that swallows the SUCCESS of the first COMMIT of a transaction of `op`, once armed. */
async function boltProxy(target: { host: string; port: number }) {
  let watched: Buffer | null = null; // the op whose transactions are counted
  let swallowNext = false; // swallow the answer to the next COMMIT of such a transaction
  let stats: ProxyStats = { begins: 0, dropped: [], commits: 0 };
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = createConnection(target);
    sockets.add(client).add(upstream);
    const close = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on("error", close).on("close", close);
    upstream.on("error", close).on("close", close);

    // Handshake: the client sends 20 bytes, the server answers with 4 (a version), or with
    // 0x000001FF and a manifest (varint count, 4 bytes per version range, varint capabilities),
    // which the client answers with 4 bytes (its pick) and a varint. Messages follow.
    let clientPre: Buffer | null = Buffer.alloc(0);
    let serverPre: Buffer | null = Buffer.alloc(0);
    let manifest: boolean | null = null;
    const fromClient = new MessageReader();
    const fromServer = new MessageReader();
    let requests = 0;
    let summaries = 0;
    let inTarget = false;
    let swallowAt = 0; // the summary number that answers the targeted COMMIT

    client.on("data", (data: Buffer) => {
      upstream.write(data);
      if (clientPre !== null) {
        clientPre = Buffer.concat([clientPre, data]);
        const end = manifest === null ? null : manifest ? (clientPre.length >= 24 ? (varint(clientPre, 24)?.next ?? null) : null) : 20;
        if (end === null) return;
        data = clientPre.subarray(end);
        clientPre = null;
      }
      for (const { body } of fromClient.push(data)) {
        if (body.length < 2) continue; // a NOOP
        const signature = body[1]!;
        if (signature !== GOODBYE) requests++;
        if (signature === BEGIN) inTarget = watched !== null && body.includes(watched);
        if (signature === BEGIN && inTarget) stats.begins++;
        if (signature === COMMIT && inTarget) {
          stats.commits++;
          if (swallowNext) {
            swallowNext = false; // once
            swallowAt = requests;
          }
        }
      }
    });
    upstream.on("data", (data: Buffer) => {
      if (serverPre !== null) {
        client.write(data);
        serverPre = Buffer.concat([serverPre, data]);
        if (serverPre.length < 4) return;
        manifest = serverPre.readUInt32BE(0) === 0x1ff;
        let end: number | null = 4;
        if (manifest) {
          const count = varint(serverPre, 4);
          const caps = count && serverPre.length >= count.next + 4 * count.value ? varint(serverPre, count.next + 4 * count.value) : null;
          end = caps?.next ?? null;
        }
        if (end === null) return;
        data = serverPre.subarray(end);
        serverPre = null;
        if (data.length > 0) {
          console.error("the server spoke before the client's first message"); // the test then fails on its counters
          close();
        }
        return;
      }
      for (const { raw, body } of fromServer.push(data)) {
        const signature = body[1];
        if (signature !== undefined && SUMMARIES.has(signature)) summaries++;
        if (swallowAt > 0 && summaries === swallowAt) {
          // The server's answer to the COMMIT: swallow it and cut the connection, as a network failure would.
          stats.dropped.push(signature!);
          swallowAt = 0;
          close();
          return;
        }
        client.write(raw);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    uri: `bolt://127.0.0.1:${port}`,
    /** Swallows the COMMIT answer of the next transaction whose BEGIN names `op`; returns the counters from now on. */
    arm(op: string): ProxyStats {
      watched = Buffer.from(op, "utf8");
      swallowNext = true;
      stats = { begins: 0, dropped: [], commits: 0 };
      return stats;
    },
    /** Counts the transactions of `op` without swallowing anything. */
    watch(op: string): ProxyStats {
      watched = Buffer.from(op, "utf8");
      swallowNext = false;
      stats = { begins: 0, dropped: [], commits: 0 };
      return stats;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** The API, exactly as startApi builds it, but with its driver connected through `uri`. */
async function apiThrough(uri: string) {
  const config = loadConfig({ NEO4J_URI: uri, PROVGRAPH_DATA_DIR: mkdtempSync(join(tmpdir(), "provgraph-replay-")) });
  const executor = new Executor(createDriver({ ...neo4jTarget(), uri }), config.database);
  const app: App = await createApp(config, executor, new WriteQueue(config.writeSlots), { logger: false });
  const url = `${await app.listen(0, "127.0.0.1")}/graphql`;
  const gql = async (query: string, variables: Record<string, unknown> = {}) => {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as { data?: Record<string, any>; errors?: unknown[] };
  };
  return {
    async ok(query: string, variables: Record<string, unknown> = {}) {
      const result = await gql(query, variables);
      if (result.errors?.length) throw new Error(`unexpected GraphQL error: ${JSON.stringify(result.errors)}`);
      return result.data!;
    },
    async close() {
      await app.close();
      await executor.close();
    },
  };
}

let proxy: Awaited<ReturnType<typeof boltProxy>>;
let replaying: Awaited<ReturnType<typeof apiThrough>>;
let direct: TestApi; // a second API straight to Neo4j, for setup and for looking

beforeAll(async () => {
  direct = await startApi(); // also applies the migrations
  const bolt = new URL(inject("neo4jUri"));
  proxy = await boltProxy({ host: bolt.hostname, port: Number(bolt.port || 7687) });
  replaying = await apiThrough(proxy.uri);
});
afterAll(async () => {
  await replaying?.close();
  await proxy?.close();
  await direct?.close();
});

/** Audit events per subject among `ids`. */
function eventsPerSubject(ids: string[]): Promise<Map<string, number>> {
  return storedEventsPerSubject(direct.executor, ids);
}

describe("a write whose commit succeeded but whose answer was lost", () => {
  it("is replayed by the driver and still writes every sample and every audit event exactly once", async () => {
    const P = prefix("replay");
    await direct.ok(GENERATOR, { i: { id: `${P}gen`, name: "g", kind: "LLM", version: "1" } });
    await direct.ok(RUN, { i: { id: `${P}run`, generatorId: `${P}gen`, purpose: "AUGMENTATION" } });
    // 300 REAL, 100 SYNTHETIC from the run, 100 AUGMENTED each derived from a REAL one of the same batch
    const N = 500;
    const batch = Array.from({ length: N }, (_, i) =>
      i < 300
        ? { id: `${P}s-${i}`, origin: "REAL", slice: `slice-${i % 7}`, attributes: { i } }
        : i < 400
          ? { id: `${P}s-${i}`, origin: "SYNTHETIC", generationRunId: `${P}run` }
          : { id: `${P}s-${i}`, origin: "AUGMENTED", generationRunId: `${P}run`, derivedFromIds: [`${P}s-${i - 400}`] },
    );
    const before = await graphCounts(direct.executor);

    const stats = proxy.arm("ingestSamples");
    const { ingestSamples } = await replaying.ok(INGEST, { s: batch });

    // The replay really happened: the first commit was answered SUCCESS (0x70) and the answer
    // swallowed, so the driver began the transaction a second time and committed it too.
    expect(stats).toEqual({ begins: 2, dropped: [0x70], commits: 2 });
    // The replay ran after the first commit and saw all 500 samples stored with the same
    // content: it reports them unchanged, wrote nothing, appended nothing. The client's
    // one request is answered consistently (created + unchanged = the batch, no error).
    expect(ingestSamples).toEqual({ created: 0, unchanged: N, violations: [] });

    // Exactly once: 500 samples and 500 audit events; 100 GENERATED_BY + 100 (GENERATED_BY + DERIVED_FROM) = 300 rels
    expect(await graphCounts(direct.executor)).toEqual({ nodes: before.nodes + N, rels: before.rels + 300, events: before.events + N });
    const [stored] = await direct.executor.read("test.samples", (run) =>
      run<{ n: number; distinct: number }>(
        "MATCH (s:Sample) WHERE s.id STARTS WITH $p RETURN count(s) AS n, count(DISTINCT s.id) AS distinct",
        { p: `${P}s-` },
      ),
    );
    expect(stored).toEqual({ n: N, distinct: N });
    const perSample = await eventsPerSubject(batch.map((s) => s.id));
    expect(perSample.size).toBe(N);
    expect([...perSample.values()].every((n) => n === 1)).toBe(true);
    const { auditTrail } = await direct.ok(`query($s: ID) { auditTrail(subjectId: $s) { totalCount } }`, { s: `${P}s-499` });
    expect(auditTrail.totalCount).toBe(1);
    expect((await direct.ok(VERIFY)).verifyAuditLog.valid).toBe(true);

    // Sending the batch again (what a client does after a timeout) is unchanged and writes nothing more.
    const again = proxy.watch("ingestSamples");
    expect((await replaying.ok(INGEST, { s: batch })).ingestSamples).toEqual({ created: 0, unchanged: N, violations: [] });
    expect(again).toEqual({ begins: 1, dropped: [], commits: 1 });
    expect(await graphCounts(direct.executor)).toEqual({ nodes: before.nodes + N, rels: before.rels + 300, events: before.events + N });
  });

  it("replayed single-entity, membership and seal mutations answer as the first run would, once", async () => {
    const P = prefix("replay-one");
    await direct.ok(GENERATOR, { i: { id: `${P}gen`, name: "g", kind: "LLM", version: "1" } });
    await direct.ok(RUN, { i: { id: `${P}run`, generatorId: `${P}gen`, purpose: "AUGMENTATION" } });
    // 3 REAL + 2 SYNTHETIC samples for an EVALUATION set, which allows only REAL ones with a human label
    const ids = [0, 1, 2, 3, 4].map((i) => `${P}s-${i}`);
    await direct.ok(INGEST, {
      s: ids.map((id, i) => (i < 3 ? { id, origin: "REAL" } : { id, origin: "SYNTHETIC", generationRunId: `${P}run` })),
    });
    await direct.ok(DATASET, { i: { id: `${P}ds`, name: "eval", purpose: "EVALUATION", enforcement: "AUDIT" } });
    await direct.ok(VERSION, { i: { id: `${P}v1`, datasetId: `${P}ds`, version: "1" } });
    const before = await graphCounts(direct.executor);

    // A single-entity mutation returns the entity as stored, replay or not.
    let stats = proxy.arm("registerGenerator");
    const { registerGenerator } = await replaying.ok(GENERATOR, {
      i: { id: `${P}gen2`, name: "second", kind: "SIMULATOR", version: "2", model: "sim" },
    });
    expect(stats).toEqual({ begins: 2, dropped: [0x70], commits: 2 });
    expect(registerGenerator).toEqual({ id: `${P}gen2`, name: "second", kind: "SIMULATOR", version: "2", model: "sim", trainedAs: null });

    // Membership: the first run added the 5 and recorded 5 violations (2 SYNTHETIC, 3 REAL
    // without a human label); the replay finds them members already.
    stats = proxy.arm("addSamplesToVersion");
    const { addSamplesToVersion } = await replaying.ok(ADD, { v: `${P}v1`, ids });
    expect(stats).toEqual({ begins: 2, dropped: [0x70], commits: 2 });
    expect(addSamplesToVersion.created + addSamplesToVersion.unchanged).toBe(5);
    expect(addSamplesToVersion).toMatchObject({ created: 0, unchanged: 5 });
    // What the replayed answer leaves out ("violations this write recorded": none, the first run
    // recorded them) is still there for anyone who asks the version.
    const { datasetVersion } = await direct.ok(
      `query($id: ID!) { datasetVersion(id: $id) { policy { status violationCount } samples(first: 10) { totalCount } } }`,
      { id: `${P}v1` },
    );
    expect(datasetVersion).toEqual({ policy: { status: "FAILED", violationCount: 5 }, samples: { totalCount: 5 } });

    // Sealing: the replay finds the version sealed and returns it as the first run sealed it.
    stats = proxy.arm("sealDatasetVersion");
    const { sealDatasetVersion } = await replaying.ok(SEAL, { id: `${P}v1` });
    expect(stats).toEqual({ begins: 2, dropped: [0x70], commits: 2 });
    const { datasetVersion: stored } = await direct.ok(
      `query($id: ID!) { datasetVersion(id: $id) { sealedAt digest composition { total real synthetic } } }`,
      { id: `${P}v1` },
    );
    expect(sealDatasetVersion.sealedAt).toBe(stored.sealedAt);
    expect(sealDatasetVersion.digest).toBe(stored.digest);
    expect(sealDatasetVersion.composition).toMatchObject({ total: 5, real: 3, synthetic: 2 });

    // Exactly once: 1 generator node; its event, 1 event for the membership, 1 for the seal = 3 events; 5 CONTAINS
    expect(await graphCounts(direct.executor)).toEqual({ nodes: before.nodes + 1, rels: before.rels + 5, events: before.events + 3 });
    const events = await eventsPerSubject([`${P}gen2`, `${P}v1`]);
    expect(events.get(`${P}gen2`)).toBe(1);
    expect(events.get(`${P}v1`)).toBe(3); // createDatasetVersion, addSamplesToVersion, sealDatasetVersion: one each
    expect((await direct.ok(VERIFY)).verifyAuditLog.valid).toBe(true);
  });
});
