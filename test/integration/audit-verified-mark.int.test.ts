/**
 * Auditor reports verify the audit chain from the last verified point (a checkpoint the server
 * signed when the chain verified) and cite the checkpoint of what they verified; verifyAuditLog
 * still re-hashes every event. What each catches after an edit of an old event.
 */
import { createPublicKey, verify } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventHash } from "../../src/domain/audit-chain.js";
import { checkpointMessage } from "../../src/domain/checkpoint.js";
import { prefix, startApi, type TestApi } from "../helpers/api.js";
import { INGEST } from "../helpers/ops.js";
import { Scenario } from "../helpers/scenario.js";
import { rewriteEvents, storedEvents as storedEventsOf, type StoredEvent } from "../helpers/audit-store.js";

const VERIFY = `{ verifyAuditLog { valid checked firstInvalidSeq headHash } }`;
const REPORT = `query($id: ID!) { auditorReport(modelVersionId: $id, format: JSON) }`;
const CHECKPOINT = `{ auditCheckpoint { treeSize rootHash } }`;

interface Audit {
  headHash: string;
  valid: boolean;
  checked: number;
  verifiedFrom: number;
  checkpoint: { treeSize: number; rootHash: string; at: string; keyId: string; publicKey: string; signature: string } | null;
}

let api: TestApi;
let s: Scenario;
let model: string;
let n = 0;

beforeAll(async () => {
  api = await startApi();
  s = new Scenario(api, prefix("mark"));
  model = await s.model("model", [await s.version("train", "TRAINING", await s.samples("real", 5, () => ({ origin: "REAL" })))]);
});
afterAll(() => api?.close());

const reportAudit = async () =>
  (JSON.parse((await api.ok<{ auditorReport: string }>(REPORT, { id: model })).auditorReport) as { audit: Audit }).audit;
const headSeq = async () => (await api.ok<{ auditCheckpoint: { treeSize: number } }>(CHECKPOINT)).auditCheckpoint.treeSize;
const ingest = (count: number) =>
  api.ok(INGEST, { s: Array.from({ length: count }, () => ({ id: s.id(`later-${n++}`), origin: "REAL" })) });
const storedEvents = (seqs: number[]) => storedEventsOf(api.executor, seqs);
const setEvents = async (events: ReadonlyArray<Pick<StoredEvent, "seq" | "actor" | "prevHash" | "hash">>, headHash: string) => {
  await rewriteEvents(api.executor, new Map(events.map(({ seq, actor, prevHash, hash }) => [seq, { actor, prevHash, hash }])));
  await api.executor.write("test.rewrite", (run) => run("MATCH (h:AuditHead {key: 'audit'}) SET h.hash = $headHash", { headHash }));
};

describe("the verified mark", () => {
  it("a report re-hashes only the events appended since the last verification, and cites the signed checkpoint of what it verified", async () => {
    expect((await api.ok(VERIFY)).verifyAuditLog.valid).toBe(true);
    const verified = await headSeq();
    await ingest(3); // three events after the mark
    const audit = await reportAudit();
    expect(audit).toMatchObject({ valid: true, checked: 3, verifiedFrom: verified });
    // the checkpoint is of the head it verified, the one the audit API serves, signed by the served key
    const served = (await api.ok(CHECKPOINT)).auditCheckpoint;
    expect(audit.checkpoint).toMatchObject({ treeSize: verified + 3, rootHash: served.rootHash });
    const spki = Buffer.concat([Buffer.from("302a300506032b6570032100", "hex"), Buffer.from(audit.checkpoint!.publicKey, "base64")]);
    const key = createPublicKey({ key: spki, format: "der", type: "spki" });
    expect(
      verify(
        null,
        Buffer.from(checkpointMessage(verified + 3, audit.checkpoint!.rootHash, audit.checkpoint!.at)),
        key,
        Buffer.from(audit.checkpoint!.signature, "base64"),
      ),
    ).toBe(true);
    // nothing appended since: nothing to re-hash
    expect(await reportAudit()).toMatchObject({ valid: true, checked: 0, verifiedFrom: verified + 3 });
    // the explicit verification still re-hashes every event
    expect((await api.ok(VERIFY)).verifyAuditLog).toMatchObject({ valid: true, checked: verified + 3 });
  });

  it("an event edited in place before the mark: the report does not re-hash it, verifyAuditLog finds it, and reports verify in full until it is repaired", async () => {
    expect((await api.ok(VERIFY)).verifyAuditLog.valid).toBe(true);
    const head = await headSeq();
    const [event] = await storedEvents([2]);
    await setEvents([{ ...event!, actor: "mallory" }], (await storedEvents([head]))[0]!.hash);
    try {
      // the guarantee of the incremental check: events up to the mark verified when it was made
      expect(await reportAudit()).toMatchObject({ valid: true, checked: 0, verifiedFrom: head });
      expect((await api.ok(VERIFY)).verifyAuditLog).toMatchObject({ valid: false, firstInvalidSeq: 2 });
      // the failed verification forgot the mark: the next report re-hashes from the first event
      expect(await reportAudit()).toMatchObject({ valid: false, checked: 2, verifiedFrom: 0, checkpoint: null });
    } finally {
      await setEvents([event!], (await storedEvents([head]))[0]!.hash);
    }
    expect((await api.ok(VERIFY)).verifyAuditLog.valid).toBe(true);
    expect(await reportAudit()).toMatchObject({ valid: true, checked: 0, verifiedFrom: head });
  });

  it("a rewrite of old events that recomputes the chain: the mark no longer holds, and both verifications say so", async () => {
    expect((await api.ok(VERIFY)).verifyAuditLog.valid).toBe(true);
    const head = await headSeq();
    // event head - 1 rewritten, and it and the event after it re-hashed: a consistent chain
    const original = await storedEvents([head - 1, head]);
    const forged: StoredEvent[] = [];
    let prevHash = original[0]!.prevHash;
    for (const e of original) {
      const actor = e.seq === head - 1 ? "mallory" : e.actor;
      const hash = eventHash(prevHash, {
        seq: e.seq,
        at: e.at,
        actor,
        action: e.action,
        subjectId: e.subjectId,
        payloadHash: e.payloadHash,
      });
      forged.push({ ...e, actor, prevHash, hash });
      prevHash = hash;
    }
    await setEvents(forged, prevHash);
    try {
      // re-hashed from the first event the chain is consistent, but event `head` no longer has
      // the hash the signed mark holds: invalid, at the mark's seq (the first event known to differ)
      expect((await api.ok(VERIFY)).verifyAuditLog).toMatchObject({ valid: false, firstInvalidSeq: head });
      expect(await reportAudit()).toMatchObject({ valid: false, checkpoint: null });
    } finally {
      await setEvents(original, original[1]!.hash);
    }
    expect(await reportAudit()).toMatchObject({ valid: true, checked: 0, verifiedFrom: head });
  });
});
