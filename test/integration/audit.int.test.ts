import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prefix, startApi, type TestApi } from "../helpers/api.js";
import { INGEST, TRAIL, VERIFY } from "../helpers/ops.js";

const P = prefix("audit");
let a: TestApi;
let b: TestApi;

beforeAll(async () => {
  // Two independent server instances, each with its own driver and connection pool.
  [a, b] = await Promise.all([startApi(), startApi()]);
});
afterAll(async () => {
  await Promise.all([a?.close(), b?.close()]);
});

describe("audit chain", () => {
  it("stays one linear chain while two servers write at once", async () => {
    const before = (await a.ok(VERIFY)).verifyAuditLog;
    expect(before.valid).toBe(true);
    const batches = (server: string) =>
      Array.from({ length: 8 }, (_, k) => Array.from({ length: 25 }, (_, i) => ({ id: `${P}${server}-${k}-${i}`, origin: "REAL" })));
    // overlapping ids too: both servers send the shared batch; exactly one of them creates it
    const shared = Array.from({ length: 25 }, (_, i) => ({ id: `${P}shared-${i}`, origin: "REAL" }));
    const results = await Promise.all([
      ...batches("a").map((s) => a.ok(INGEST, { s })),
      ...batches("b").map((s) => b.ok(INGEST, { s })),
      a.ok(INGEST, { s: shared }),
      b.ok(INGEST, { s: shared }),
    ]);
    const created = results.reduce((sum, r) => sum + r.ingestSamples.created, 0);
    // 2 servers x 8 batches x 25 + 25 shared created once = 425
    expect(created).toBe(425);
    const after = (await b.ok(VERIFY)).verifyAuditLog;
    expect(after).toMatchObject({ valid: true, firstInvalidSeq: null });
    expect(after.checked).toBe(before.checked + 425); // one event per created sample, none for the unchanged re-send
  });

  it("pages the trail in ascending seq, and a subject's events alone", async () => {
    const page1 = (await a.ok(TRAIL, { first: 3 })).auditTrail;
    expect(page1.edges.map((e: any) => e.node.seq)).toEqual([1, 2, 3]);
    const page2 = (await a.ok(TRAIL, { first: 3, after: page1.pageInfo.endCursor })).auditTrail;
    expect(page2.edges.map((e: any) => e.node.seq)).toEqual([4, 5, 6]);
    expect(page2.edges[0].node.prevHash).toBe(page1.edges[2].node.hash);
    expect(page1.edges[0].node.prevHash).toBe("0".repeat(64));
    const mine = (await a.ok(TRAIL, { s: `${P}shared-0` })).auditTrail;
    expect(mine.totalCount).toBe(1);
  });

  it("finds an edited event", async () => {
    const [event] = await a.executor.read("test.last", (run) => run<{ seq: number; actor: string }>("MATCH (e:AuditEvent) WITH e ORDER BY e.seq DESC LIMIT 1 RETURN e.seq AS seq, e.actor AS actor"));
    await a.executor.write("test.tamper", (run) => run("MATCH (e:AuditEvent {seq: $seq}) SET e.actor = 'mallory'", { seq: event!.seq }));
    try {
      expect((await a.ok(VERIFY)).verifyAuditLog).toMatchObject({ valid: false, firstInvalidSeq: event!.seq });
    } finally {
      await a.executor.write("test.untamper", (run) => run("MATCH (e:AuditEvent {seq: $seq}) SET e.actor = $actor", event!));
    }
    expect((await a.ok(VERIFY)).verifyAuditLog.valid).toBe(true);
  });
});
