import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalEvent, chainEvents, eventHash, GENESIS_HASH, type CanonicalEvent } from "./audit-chain.js";
import { canonicalJson, sha256Hex } from "./canonical-json.js";

describe("canonicalEvent", () => {
  it("is the RFC 8785 JSON of the event, as canonicalJson writes it, for any strings and seq", () => {
    const text = fc.string({ unit: "binary" }); // any code points, astral ones included
    const event = fc.record({
      seq: fc.oneof(fc.nat(), fc.double({ noNaN: true, noDefaultInfinity: true })),
      at: text,
      actor: text,
      action: text,
      subjectId: text,
      payloadHash: text,
    });
    fc.assert(
      fc.property(event, (e) => canonicalEvent(e) === canonicalJson(e)),
      { numRuns: 3000 },
    );
  });

  it("hands what is not a string or a finite number to canonicalJson, which writes or refuses it", () => {
    const event = { seq: 7, at: "2026-11-23T10:00:00.000Z", actor: "ann", action: "ingestSamples", subjectId: "s-1", payloadHash: "ab" };
    // a tampered event read back with a null actor: written as canonicalJson writes it
    const tampered = { ...event, actor: null } as unknown as CanonicalEvent;
    expect(canonicalEvent(tampered)).toBe(canonicalJson(tampered));
    expect(() => canonicalEvent({ ...event, subjectId: "\ud800" })).toThrow(/lone surrogate/);
    expect(() => canonicalEvent({ ...event, seq: Number.POSITIVE_INFINITY })).toThrow();
  });
});

describe("chainEvents", () => {
  it("links each event to the one before, from the genesis hash", () => {
    const [first, second] = chainEvents({ seq: 0, hash: GENESIS_HASH }, "2026-11-23T10:00:00.000Z", "ann", "ingestSamples", [
      { subjectId: "s-1", payloadHash: "p1" },
      { subjectId: "s-2", payloadHash: "p2" },
    ]);
    // DOMAIN 8: hash = sha256(prevHash + RFC 8785 JSON of {seq, at, actor, action, subjectId, payloadHash})
    expect(first!.hash).toBe(
      sha256Hex(
        `${GENESIS_HASH}{"action":"ingestSamples","actor":"ann","at":"2026-11-23T10:00:00.000Z","payloadHash":"p1","seq":1,"subjectId":"s-1"}`,
      ),
    );
    expect(second!.prevHash).toBe(first!.hash);
    expect(second!.hash).toBe(eventHash(first!.hash, second!));
  });
});
