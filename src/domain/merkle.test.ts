import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  consistencyProof,
  consistencyRanges,
  EMPTY_ROOT,
  inclusionProof,
  inclusionRanges,
  leafHash,
  MerkleFrontier,
  perfectFromLeaves,
  prefixRoot,
  rootHash,
  verifyConsistency,
  verifyInclusion,
  type Hash,
} from "./merkle.js";

// A naive reference, straight from the text of RFC 9162: 2.1.1 MTH, 2.1.3.1 PATH, 2.1.4.1 PROOF.
const sha = (...parts: Uint8Array[]) => parts.reduce((h, p) => h.update(p), createHash("sha256")).digest();
const largestPowerOfTwoBelow = (n: number) => 2 ** Math.ceil(Math.log2(n) - 1);
const mth = (d: Uint8Array[]): Hash => {
  if (d.length === 0) return sha();
  if (d.length === 1) return sha(Buffer.from([0]), d[0]!);
  const k = largestPowerOfTwoBelow(d.length);
  return sha(Buffer.from([1]), mth(d.slice(0, k)), mth(d.slice(k)));
};
const refPath = (m: number, d: Uint8Array[]): Hash[] => {
  if (d.length <= 1) return [];
  const k = largestPowerOfTwoBelow(d.length);
  return m < k ? [...refPath(m, d.slice(0, k)), mth(d.slice(k))] : [...refPath(m - k, d.slice(k)), mth(d.slice(0, k))];
};
const refSubproof = (m: number, d: Uint8Array[], b: boolean): Hash[] => {
  if (m === d.length) return b ? [] : [mth(d)];
  const k = largestPowerOfTwoBelow(d.length);
  return m <= k ? [...refSubproof(m, d.slice(0, k), b), mth(d.slice(k))] : [...refSubproof(m - k, d.slice(k), false), mth(d.slice(0, k))];
};

const entries = (n: number) => Array.from({ length: n }, (_, i) => Buffer.from(`event ${i}`));
const flipBit = (h: Buffer) => Buffer.from(h.map((b, i) => (i === 0 ? b ^ 1 : b)));
const hex = (h: Uint8Array) => Buffer.from(h).toString("hex");

describe("RFC 9162 Merkle tree against a naive reference, every size 1..40", () => {
  for (let n = 1; n <= 40; n++) {
    it(`size ${n}: root, prefix roots, inclusion and consistency proofs`, () => {
      const d = entries(n);
      const leaves = d.map(leafHash);
      const root = mth(d);
      expect(rootHash(leaves)).toEqual(root);
      for (let m = 0; m <= n; m++) expect(prefixRoot(m, perfectFromLeaves(leaves))).toEqual(mth(d.slice(0, m)));

      for (let i = 0; i < n; i++) {
        const proof = inclusionProof(i, leaves);
        expect(proof).toEqual(refPath(i, d));
        expect(verifyInclusion(i, n, leaves[i]!, proof, root)).toBe(true);
        expect(verifyInclusion(i, n, leafHash(Buffer.from("not an event")), proof, root)).toBe(false);
        expect(verifyInclusion(i, n, leaves[i]!, proof, flipBit(root))).toBe(false);
        expect(verifyInclusion(i, n, leaves[i]!, [...proof, root], root)).toBe(false); // one hash too many
        if (n > 1) {
          expect(verifyInclusion((i + 1) % n, n, leaves[i]!, proof, root)).toBe(false);
          expect(verifyInclusion(i, n, leaves[i]!, proof.slice(1), root)).toBe(false);
          proof.forEach((_, j) =>
            expect(
              verifyInclusion(
                i,
                n,
                leaves[i]!,
                proof.map((h, k) => (k === j ? flipBit(h) : h)),
                root,
              ),
            ).toBe(false),
          );
        }
      }

      for (let m = 1; m <= n; m++) {
        const oldRoot = mth(d.slice(0, m));
        const proof = consistencyProof(m, leaves);
        expect(proof).toEqual(refSubproof(m, d, true));
        expect(verifyConsistency(m, n, oldRoot, root, proof)).toBe(true);
        expect(verifyConsistency(m, n, flipBit(oldRoot), root, proof)).toBe(false);
        expect(verifyConsistency(m, n, oldRoot, flipBit(root), proof)).toBe(false);
        proof.forEach((_, j) =>
          expect(
            verifyConsistency(
              m,
              n,
              oldRoot,
              root,
              proof.map((h, k) => (k === j ? flipBit(h) : h)),
            ),
          ).toBe(false),
        );
        if (m < n) expect(verifyConsistency(m, n, oldRoot, root, proof.slice(0, -1))).toBe(false);
      }
    });
  }

  it("refuses to build proofs outside the tree", () => {
    const leaves = entries(3).map(leafHash);
    expect(() => inclusionProof(3, leaves)).toThrow(RangeError);
    expect(() => inclusionRanges(-1, 3)).toThrow(RangeError);
    expect(() => consistencyProof(0, leaves)).toThrow(RangeError); // nothing to prove from the empty tree
    expect(() => consistencyRanges(4, 3)).toThrow(RangeError);
    expect(consistencyRanges(3, 3)).toEqual([]); // PROOF(n, D[n]) = SUBPROOF(n, D[n], true) = {}
    expect(() => rootHash([Buffer.from("a raw entry, not its leaf hash")])).toThrow(RangeError);
  });
});

// transparency-dev/merkle, testonly/constants.go: LeafInputs (hex), RootHashes (by tree size,
// from 0), and the compact right edges of CompactTrees, built from NodeHashes.
const TD_LEAVES = ["", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"].map((h) =>
  Buffer.from(h, "hex"),
);
const TD_ROOTS = [
  "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", // SHA-256("")
  "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
  "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
  "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
  "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
  "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
  "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
  "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
  "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
];
const NH = {
  l0n0: "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
  l0n2: "0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7",
  l0n4: "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
  l0n6: "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
  l1n0: "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
  l1n1: "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
  l1n2: "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
  l2n0: "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
  l3n0: "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
};
// One hash per set bit of the size, largest subtree first: 3 = 2 + 1, 7 = 4 + 2 + 1, ...
const TD_EDGES = [
  [],
  [NH.l0n0],
  [NH.l1n0],
  [NH.l1n0, NH.l0n2],
  [NH.l2n0],
  [NH.l2n0, NH.l0n4],
  [NH.l2n0, NH.l1n2],
  [NH.l2n0, NH.l1n2, NH.l0n6],
  [NH.l3n0],
];

describe("known answers: the transparency-dev/merkle test tree", () => {
  it("has the published roots for sizes 0..8, whole or appended leaf by leaf", () => {
    const leaves = TD_LEAVES.map(leafHash);
    const frontier = new MerkleFrontier();
    expect(hex(rootHash([]))).toBe(TD_ROOTS[0]);
    expect(hex(frontier.root())).toBe(TD_ROOTS[0]);
    expect(EMPTY_ROOT.toString("hex")).toBe(TD_ROOTS[0]);
    leaves.forEach((leaf, i) => {
      frontier.append(leaf);
      expect(hex(rootHash(leaves.slice(0, i + 1)))).toBe(TD_ROOTS[i + 1]);
      expect(hex(frontier.root())).toBe(TD_ROOTS[i + 1]);
      expect(frontier.toJSON()).toEqual({ size: i + 1, hashes: TD_EDGES[i + 1] });
    });
  });
});

describe("MerkleFrontier", () => {
  it("matches rootHash after every append, 1..40 leaves, and survives a JSON round trip", () => {
    const leaves = entries(40).map(leafHash);
    let frontier = new MerkleFrontier();
    leaves.forEach((leaf, i) => {
      frontier.append(leaf);
      expect(frontier.root()).toEqual(rootHash(leaves.slice(0, i + 1)));
      frontier = MerkleFrontier.fromJSON(JSON.parse(JSON.stringify(frontier)) as { size: number; hashes: string[] });
    });
    expect(frontier.size).toBe(40);
    expect(frontier.hashes).toHaveLength(2); // 40 = 32 + 8: two perfect subtrees
  });

  it("returns the perfect subtrees each leaf completes, smallest first", () => {
    const leaves = TD_LEAVES.map(leafHash);
    const frontier = new MerkleFrontier(
      3,
      TD_EDGES[3]!.map((h) => Buffer.from(h, "hex")),
    );
    // leaf 3 completes [2, 4) (level 1) and [0, 4) (level 2)
    expect(frontier.append(leaves[3]!).map(hex)).toEqual([NH.l1n1, NH.l2n0]);
    // leaf 4 completes nothing: 5 = 4 + 1
    expect(frontier.append(leaves[4]!)).toEqual([]);
  });

  it("refuses a right edge that does not fit its size, and leaf hashes that are not 32 bytes", () => {
    const h = leafHash(Buffer.from("x"));
    expect(() => new MerkleFrontier(3, [h])).toThrow(RangeError); // 3 = 2 + 1 needs two hashes
    expect(() => new MerkleFrontier(1, [Buffer.alloc(31)])).toThrow(RangeError);
    expect(() => new MerkleFrontier().append(Buffer.from("raw entry"))).toThrow(RangeError);
  });
});

// The modified proofs the transparency-dev/merkle vectors refuse, made here from the naive
// reference over their 8 leaves: every proof of the tree, each mutation of it refused.
describe("RFC 9162 proofs over the transparency-dev leaves, and every mutation of them refused", () => {
  const d = TD_LEAVES;
  const leaves = d.map(leafHash);
  const n = d.length;
  for (let size = 1; size <= n; size++) {
    it(`tree size ${size}`, () => {
      const tree = d.slice(0, size);
      const root = mth(tree);
      expect(hex(root)).toBe(TD_ROOTS[size]); // the naive reference agrees with their published roots
      for (let i = 0; i < size; i++) {
        const proof = refPath(i, tree);
        expect(verifyInclusion(i, size, leaves[i]!, proof, root)).toBe(true);
        const mutations: Array<[number, number, readonly Uint8Array[]]> = [
          [i + size, size, proof], // an index outside the tree
          [i, size, [Buffer.alloc(32), ...proof]], // a hash prepended
          [i, size, [...proof, Buffer.alloc(32)]], // a hash appended
          ...proof.map((_, j): [number, number, Uint8Array[]] => [i, size, proof.filter((__, k) => k !== j)]), // each hash dropped
        ];
        for (const [index, treeSize, p] of mutations) expect(verifyInclusion(index, treeSize, leaves[i]!, p, root)).toBe(false);
      }
      for (let m = 1; m <= size; m++) {
        const oldRoot = mth(tree.slice(0, m));
        const proof = refSubproof(m, tree, true);
        expect(verifyConsistency(m, size, oldRoot, root, proof)).toBe(true);
        expect(verifyConsistency(m, size, oldRoot, root, [Buffer.alloc(32), ...proof])).toBe(false);
        expect(verifyConsistency(m, size, oldRoot, root, [...proof, Buffer.alloc(32)])).toBe(false);
        if (m < size) {
          expect(verifyConsistency(size, m, root, oldRoot, proof)).toBe(false); // sizes swapped
          expect(verifyConsistency(m, size, root, oldRoot, proof)).toBe(false); // roots swapped
        }
      }
    });
  }
});
