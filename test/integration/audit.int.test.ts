import { spawnSync } from "node:child_process";
import { createHash, createPublicKey, verify } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "../../src/paths.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkpointMessage } from "../../src/domain/checkpoint.js";
import { leafHash, verifyConsistency, verifyInclusion } from "../../src/domain/merkle.js";
import { prefix, startApi, type TestApi } from "../helpers/api.js";
import { INGEST, SAMPLE, TRAIL, VERIFY } from "../helpers/ops.js";
import { rewriteEvents, storedEventCount, storedEvents } from "../helpers/audit-store.js";

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

  it("verifies a valid chain as valid while writes commit during the verification", async () => {
    // Over 10,000 events, so the verification reads at least two pages and writes commit between them.
    for (let k = 0; k < 2; k++)
      await a.ok(INGEST, { s: Array.from({ length: 10_000 }, (_, i) => ({ id: `${P}bulk-${k}-${i}`, origin: "REAL" })) });
    let writing = true;
    const writer = (async () => {
      for (let k = 0; writing; k++)
        await b.ok(INGEST, { s: Array.from({ length: 20 }, (_, i) => ({ id: `${P}during-${k}-${i}`, origin: "REAL" })) });
    })();
    const verifications = [];
    for (let k = 0; k < 5; k++) {
      const seqBefore = (await a.ok(TRAIL, { first: 0 })).auditTrail.totalCount as number;
      verifications.push({
        ...(await a.ok(VERIFY)).verifyAuditLog,
        seqBefore,
        seqAfter: (await a.ok(TRAIL, { first: 0 })).auditTrail.totalCount as number,
      });
    }
    writing = false;
    await writer;
    for (const v of verifications) expect(v).toMatchObject({ valid: true, firstInvalidSeq: null });
    // the chain grew while the verifications ran: each checked the events up to the head it read first
    expect(verifications.some((v) => v.seqAfter > v.seqBefore)).toBe(true);
    for (const v of verifications) {
      expect(v.checked).toBeGreaterThanOrEqual(v.seqBefore);
      expect(v.checked).toBeLessThanOrEqual(v.seqAfter);
    }
  });

  it("never lets event times run backwards, even from a process whose clock is behind", async () => {
    // as if another process, its clock 2 s ahead, wrote the last event
    const ahead = new Date(Date.now() + 2000).toISOString();
    await a.executor.write("test.clock", (run) => run("MATCH (h:AuditHead {key: 'audit'}) SET h.at = datetime($ahead)", { ahead }));
    await b.ok(INGEST, { s: [{ id: `${P}clock`, origin: "REAL" }] });
    const [event] = (await a.ok(TRAIL, { s: `${P}clock` })).auditTrail.edges;
    expect(event.node.at).toBe(ahead);
    expect((await a.ok(SAMPLE, { id: `${P}clock` })).sample.createdAt).toBe(ahead); // the write's one time
    await new Promise((resolve) => setTimeout(resolve, Date.parse(ahead) - Date.now())); // the clocks agree again
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
    const last = await storedEventCount(a.executor);
    const untamper = await rewriteEvents(a.executor, new Map([[last, { actor: "mallory" }]]));
    try {
      expect((await a.ok(VERIFY)).verifyAuditLog).toMatchObject({ valid: false, firstInvalidSeq: last });
    } finally {
      await untamper();
    }
    expect((await a.ok(VERIFY)).verifyAuditLog.valid).toBe(true);
  });
});

describe("signed checkpoints and RFC 9162 proofs", () => {
  const CHECKPOINT = `{ auditCheckpoint { treeSize rootHash at keyId publicKey signature } }`;
  const INCLUSION = `query($seq: Int!, $size: Int!) { auditInclusionProof(seq: $seq, treeSize: $size) { leafIndex treeSize hashes } }`;
  const CONSISTENCY = `query($from: Int!, $to: Int!) { auditConsistencyProof(fromSize: $from, toSize: $to) { fromSize treeSize hashes } }`;
  const hex = (h: string) => Buffer.from(h, "hex");

  it("signs the tree head, and proves inclusion and append-only growth offline", async () => {
    const old = (await a.ok(CHECKPOINT)).auditCheckpoint;
    // the signature covers "provgraph-checkpoint\n<size>\n<root>\n<at>\n" under the served public key
    const spki = Buffer.concat([Buffer.from("302a300506032b6570032100", "hex"), Buffer.from(old.publicKey, "base64")]);
    const key = createPublicKey({ key: spki, format: "der", type: "spki" });
    expect(
      verify(null, Buffer.from(checkpointMessage(old.treeSize, old.rootHash, old.at)), key, Buffer.from(old.signature, "base64")),
    ).toBe(true);
    expect(old.keyId).toBe(createHash("sha256").update(Buffer.from(old.publicKey, "base64")).digest("hex").slice(0, 8));
    const served = (await (await fetch(a.url.replace("/graphql", "/audit/public-key"))).json()) as { publicKey: string };
    expect(served).toMatchObject({ keyId: old.keyId, publicKey: old.publicKey });

    await a.ok(INGEST, {
      s: [
        { id: `${P}later-1`, origin: "REAL" },
        { id: `${P}later-2`, origin: "REAL" },
      ],
    });
    const now = (await a.ok(CHECKPOINT)).auditCheckpoint;
    expect(now.treeSize).toBe(old.treeSize + 2);

    for (const seq of [1, Math.ceil(old.treeSize / 2), old.treeSize]) {
      const [event] = (await a.ok(TRAIL, { first: 1, after: seq > 1 ? Buffer.from(`k:${seq - 1}`).toString("base64url") : null }))
        .auditTrail.edges;
      const proof = (await a.ok(INCLUSION, { seq, size: old.treeSize })).auditInclusionProof;
      expect(proof.leafIndex).toBe(seq - 1);
      expect(verifyInclusion(seq - 1, old.treeSize, leafHash(hex(event.node.hash)), proof.hashes.map(hex), hex(old.rootHash))).toBe(true);
    }
    const consistency = (await a.ok(CONSISTENCY, { from: old.treeSize, to: now.treeSize })).auditConsistencyProof;
    expect(verifyConsistency(old.treeSize, now.treeSize, hex(old.rootHash), hex(now.rootHash), consistency.hashes.map(hex))).toBe(true);

    // the offline verifier, from files, without the server
    const dir = mkdtempSync(join(tmpdir(), "provgraph-proofs-"));
    const file = (name: string, value: unknown) => (writeFileSync(join(dir, name), JSON.stringify(value)), join(dir, name));
    const [first] = (await a.ok(TRAIL, { first: 1 })).auditTrail.edges;
    const inclusion = (await a.ok(INCLUSION, { seq: 1, size: old.treeSize })).auditInclusionProof;
    const verifier = (...args: string[]) =>
      spawnSync(process.execPath, ["--import", "tsx", join(ROOT, "scripts/verify-proof.ts"), ...args], { encoding: "utf8" });
    expect(
      verifier("inclusion", file("old.json", old), file("inc.json", inclusion), first.node.hash, "--public-key", served.publicKey),
    ).toMatchObject({ status: 0 });
    expect(verifier("consistency", file("old.json", old), file("new.json", now), file("con.json", consistency))).toMatchObject({
      status: 0,
    });
    expect(verifier("inclusion", file("old.json", old), file("inc.json", inclusion), "ab".repeat(32))).toMatchObject({ status: 1 });
    expect(verifier("checkpoint", file("forged.json", { ...old, treeSize: old.treeSize + 1 }))).toMatchObject({ status: 1 });
    expect(await a.code(INCLUSION, { seq: 1, size: now.treeSize + 1 })).toBe("BAD_USER_INPUT");
  });

  it("makes an edited event fail both the chain and its old proof", async () => {
    const cp = (await a.ok(CHECKPOINT)).auditCheckpoint;
    const seq = 2;
    const proof = (await a.ok(INCLUSION, { seq, size: cp.treeSize })).auditInclusionProof;
    const [stored] = await storedEvents(a.executor, [seq]);
    // an attacker rewrites event 2 and recomputes its hash so that it looks self-consistent
    const untamper = await rewriteEvents(a.executor, new Map([[seq, { actor: "mallory", hash: "ab".repeat(32) }]]));
    try {
      expect((await a.ok(VERIFY)).verifyAuditLog).toMatchObject({ valid: false, firstInvalidSeq: 2 });
      // The tree the server serves after the edit still commits to the event as written: the
      // same root, and a fresh proof for event 2 proves the original hash and not the new one.
      const after = (await a.ok(CHECKPOINT)).auditCheckpoint;
      expect({ treeSize: after.treeSize, rootHash: after.rootHash }).toEqual({ treeSize: cp.treeSize, rootHash: cp.rootHash });
      const fresh = (await a.ok(INCLUSION, { seq, size: cp.treeSize })).auditInclusionProof;
      expect(fresh.hashes).toEqual(proof.hashes);
      expect(verifyInclusion(seq - 1, cp.treeSize, leafHash(hex(stored!.hash)), fresh.hashes.map(hex), hex(after.rootHash))).toBe(true);
      expect(verifyInclusion(seq - 1, cp.treeSize, leafHash(hex("ab".repeat(32))), fresh.hashes.map(hex), hex(after.rootHash))).toBe(false);
    } finally {
      await untamper();
    }
  });

  it("finds a deleted event", async () => {
    const restore = await rewriteEvents(a.executor, new Map([[3, "delete"]]));
    try {
      expect((await a.ok(VERIFY)).verifyAuditLog).toMatchObject({ valid: false, firstInvalidSeq: 3 });
    } finally {
      await restore();
    }
    expect((await a.ok(VERIFY)).verifyAuditLog.valid).toBe(true);
  });
});
