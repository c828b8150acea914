import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { consistencyRanges, EMPTY_ROOT, Frontier, inclusionRanges, leafHash, nodeHash, rangeHash, verifyConsistency, verifyInclusion, type Hash, type Range } from "./merkle.js";

// A naive reference: RFC 9162 2.1.1 MTH, 2.1.3.1 PATH and 2.1.4.1 PROOF, straight from the text.
const sha = (...parts: Uint8Array[]) => parts.reduce((h, p) => h.update(p), createHash("sha256")).digest();
const k = (n: number) => 2 ** Math.ceil(Math.log2(n) - 1);
const mth = (d: Uint8Array[]): Hash => (d.length === 0 ? sha() : d.length === 1 ? sha(Buffer.from([0]), d[0]!) : sha(Buffer.from([1]), mth(d.slice(0, k(d.length))), mth(d.slice(k(d.length)))));
const path = (m: number, d: Uint8Array[]): Hash[] => {
  if (d.length <= 1) return [];
  const s = k(d.length);
  return m < s ? [...path(m, d.slice(0, s)), mth(d.slice(s))] : [...path(m - s, d.slice(s)), mth(d.slice(0, s))];
};
const subproof = (m: number, d: Uint8Array[], b: boolean): Hash[] => {
  if (m === d.length) return b ? [] : [mth(d)];
  const s = k(d.length);
  return m <= s ? [...subproof(m, d.slice(0, s), b), mth(d.slice(s))] : [...subproof(m - s, d.slice(s), false), mth(d.slice(0, s))];
};

// The 8 leaf inputs of the transparency-dev/merkle test tree (hex).
const LEAVES = ["", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"].map((h) => Buffer.from(h, "hex"));
const data = (n: number) => Array.from({ length: n }, (_, i) => Buffer.from(`leaf ${i}`));

/** Hashes of ranges of a fully known tree (what storage answers in the server). */
const hashesOf = (d: Uint8Array[], ranges: Range[]) => ranges.map((r) => rangeHash(r, (start, level) => mth(d.slice(start, start + 2 ** level))));

describe("RFC 9162 Merkle tree", () => {
  it("has the published root for the 8-leaf test tree", () => {
    const frontier = new Frontier();
    for (const leaf of LEAVES) frontier.append(leafHash(leaf));
    expect(frontier.root().toString("hex")).toBe("5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");
    expect(new Frontier().root()).toEqual(EMPTY_ROOT); // SHA-256 of nothing
  });

  it("appends leaf by leaf to the reference root, for every size up to 40", () => {
    const d = data(40);
    const frontier = new Frontier();
    d.forEach((leaf, i) => {
      frontier.append(leafHash(leaf));
      expect(frontier.root()).toEqual(mth(d.slice(0, i + 1)));
    });
  });

  it("reports the perfect subtrees each leaf completes", () => {
    const frontier = new Frontier(3, [nodeHash(leafHash(LEAVES[0]!), leafHash(LEAVES[1]!)), leafHash(LEAVES[2]!)]);
    // leaf 3 completes [2,4) (level 1) and [0,4) (level 2)
    const completed = frontier.append(leafHash(LEAVES[3]!));
    expect(completed).toEqual([mth(LEAVES.slice(2, 4)), mth(LEAVES.slice(0, 4))]);
  });

  it("builds and verifies inclusion proofs like the reference, for every leaf of every size up to 40", () => {
    for (let n = 1; n <= 40; n++) {
      const d = data(n);
      const root = mth(d);
      for (let m = 0; m < n; m++) {
        const proof = hashesOf(d, inclusionRanges(m, n));
        expect(proof).toEqual(path(m, d));
        expect(verifyInclusion(m, n, leafHash(d[m]!), proof, root)).toBe(true);
        expect(verifyInclusion(m, n, leafHash(Buffer.from("other")), proof, root)).toBe(false);
        if (n > 1) expect(verifyInclusion((m + 1) % n, n, leafHash(d[m]!), proof, root)).toBe(false);
      }
    }
  });

  it("builds and verifies consistency proofs like the reference, for every pair of sizes up to 40", () => {
    for (let n = 2; n <= 40; n++) {
      const d = data(n);
      for (let m = 1; m < n; m++) {
        const proof = hashesOf(d, consistencyRanges(m, n));
        expect(proof).toEqual(subproof(m, d, true));
        expect(verifyConsistency(m, n, mth(d.slice(0, m)), mth(d), proof)).toBe(true);
        expect(verifyConsistency(m, n, mth(data(m).map((x) => Buffer.concat([x, Buffer.from("!")]))), mth(d), proof)).toBe(false);
        if (proof.length > 0) {
          const tampered = proof.map((h, i) => (i === 0 ? Buffer.from(h.map((b) => b ^ 1)) : h));
          expect(verifyConsistency(m, n, mth(d.slice(0, m)), mth(d), tampered)).toBe(false);
        }
      }
    }
  });
});
