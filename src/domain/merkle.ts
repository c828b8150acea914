/**
 * The audit log as a Merkle tree, hashed as in RFC 9162 (Certificate Transparency v2), 2.1:
 * leaf = SHA-256(0x00 || entry), node = SHA-256(0x01 || left || right), empty tree = SHA-256("").
 * The tree over n leaves splits at k, the largest power of two below n, so every node covers an
 * aligned range that is either a perfect subtree or made of perfect subtrees (its right edge).
 *
 * Two ways to use it:
 * - Storage-backed (the server): proofs are computed as *ranges* of leaves (`inclusionRanges`,
 *   `consistencyRanges`) whose hashes `rangeHash` folds from perfect-subtree hashes a
 *   `PerfectHash` callback looks up, so a proof reads O(log n) stored hashes; `prefixRoot` is the
 *   root of the first m leaves the same way. `MerkleFrontier` keeps the right edge, so an append
 *   costs O(log n) hashes and yields the new root.
 * - In memory: `rootHash`, `inclusionProof`, `consistencyProof` take the array of all leaf
 *   hashes (O(n) hashing). They run the same range code over `perfectFromLeaves`.
 *
 * Tree sizes and indexes are safe integers; halving uses division, not `>>`, so sizes beyond
 * 2^31 stay exact.
 */
import { hash } from "node:crypto";

export type Hash = Buffer;
const HASH_BYTES = 32;

/** RFC 9162 2.1.1: the hash of a leaf whose entry is any byte string. */
const LEAF = Buffer.from([0]);
const NODE = Buffer.from([1]);
const sha256 = (data: Uint8Array): Hash => hash("sha256", data, "buffer") as unknown as Hash;
export const leafHash = (entry: Uint8Array): Hash => sha256(Buffer.concat([LEAF, entry]));
const nodeHash = (left: Uint8Array, right: Uint8Array): Hash => sha256(Buffer.concat([NODE, left, right]));
/** MTH({}) = SHA-256 of the empty string. */
export const EMPTY_ROOT: Hash = sha256(new Uint8Array(0));

const half = (x: number): number => Math.floor(x / 2);
const isHash = (h: Uint8Array): boolean => h.length === HASH_BYTES;
const isSize = (x: number): boolean => Number.isSafeInteger(x) && x >= 0;
const isPowerOfTwo = (x: number): boolean => {
  let p = 1;
  while (p < x) p *= 2;
  return p === x;
};
const popcount = (x: number): number => {
  let bits = 0;
  for (; x > 0; x = half(x)) bits += x % 2;
  return bits;
};

/** The largest power of two strictly below n (n >= 2). */
function split(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** [start, end): a non-empty range of leaves whose Merkle hash a proof needs. */
export interface Range {
  start: number;
  end: number;
}

/** RFC 9162 2.1.3.1 PATH(m, D[n]) as ranges, nearest sibling first. Requires 0 <= index < size. */
export function inclusionRanges(index: number, size: number): Range[] {
  if (!isSize(index) || !isSize(size) || index >= size) throw new RangeError(`leaf ${index} is not in a tree of size ${size}`);
  const siblings: Range[] = [];
  let [lo, hi, m] = [0, size, index];
  while (hi - lo > 1) {
    const k = split(hi - lo);
    if (m < k) {
      siblings.push({ start: lo + k, end: hi });
      hi = lo + k;
    } else {
      siblings.push({ start: lo, end: lo + k });
      lo += k;
      m -= k;
    }
  }
  return siblings.reverse();
}

/**
 * RFC 9162 2.1.4.1 PROOF(m, D[n]) as ranges: proves the tree of size m is a prefix of the tree
 * of size n. Requires 1 <= m <= n; empty when m = n.
 */
export function consistencyRanges(m: number, n: number): Range[] {
  if (!isSize(m) || !isSize(n) || m < 1 || m > n) throw new RangeError(`no consistency proof from size ${m} to size ${n}`);
  const out: Range[] = [];
  const subproof = (m: number, lo: number, hi: number, complete: boolean): void => {
    if (m === hi - lo) {
      if (!complete) out.push({ start: lo, end: hi });
      return;
    }
    const k = split(hi - lo);
    if (m <= k) {
      subproof(m, lo, lo + k, complete);
      out.push({ start: lo + k, end: hi });
    } else {
      subproof(m - k, lo + k, hi, false);
      out.push({ start: lo, end: lo + k });
    }
  };
  subproof(m, 0, n, true);
  return out;
}

/** The aligned perfect subtrees [start, start + 2^level) that make up a range, left to right. */
export function perfectParts(range: Range): Array<{ start: number; level: number }> {
  const parts: Array<{ start: number; level: number }> = [];
  let start = range.start;
  while (start < range.end) {
    let level = 0;
    while (start % 2 ** (level + 1) === 0 && start + 2 ** (level + 1) <= range.end) level++;
    parts.push({ start, level });
    start += 2 ** level;
  }
  return parts;
}

/** Looks up the hash of the perfect subtree [start, start + 2^level); level 0 is a leaf hash. */
export type PerfectHash = (start: number, level: number) => Hash;

/**
 * The Merkle hash of a non-empty range that is a node of some tree (as every range above is):
 * its perfect parts folded right to left, as RFC 9162's split at the largest power of two does.
 */
export function rangeHash(range: Range, perfect: PerfectHash): Hash {
  if (!(range.end > range.start)) throw new RangeError(`empty range [${range.start}, ${range.end})`);
  return perfectParts(range)
    .map((p) => perfect(p.start, p.level))
    .reduceRight((right, left) => nodeHash(left, right));
}

/** MTH(D[0:m]): the root of the tree made of the first m leaves. */
export function prefixRoot(m: number, perfect: PerfectHash): Hash {
  return m === 0 ? Buffer.from(EMPTY_ROOT) : rangeHash({ start: 0, end: m }, perfect);
}

/** A `PerfectHash` over an in-memory array of leaf hashes (O(2^level) hashes a call). */
export function perfectFromLeaves(leafHashes: readonly Uint8Array[]): PerfectHash {
  if (!leafHashes.every(isHash)) throw new RangeError(`leaf hashes have ${HASH_BYTES} bytes: hash entries with leafHash first`);
  return (start, level) => {
    const end = start + 2 ** level;
    if (start < 0 || end > leafHashes.length)
      throw new RangeError(`subtree [${start}, ${end}) is outside a tree of size ${leafHashes.length}`);
    let row: Hash[] = leafHashes.slice(start, end).map((h) => Buffer.from(h));
    while (row.length > 1) row = Array.from({ length: row.length / 2 }, (_, i) => nodeHash(row[2 * i]!, row[2 * i + 1]!));
    return row[0]!;
  };
}

/** MTH over all the given leaf hashes (not entries: hash entries with `leafHash` first). */
export const rootHash = (leafHashes: readonly Uint8Array[]): Hash => prefixRoot(leafHashes.length, perfectFromLeaves(leafHashes));

/** Inclusion proof of leaf `leafIndex` in the tree of size leafHashes.length. */
export function inclusionProof(leafIndex: number, leafHashes: readonly Uint8Array[]): Hash[] {
  const perfect = perfectFromLeaves(leafHashes);
  return inclusionRanges(leafIndex, leafHashes.length).map((r) => rangeHash(r, perfect));
}

/** Consistency proof from size m to size n = leafHashes.length (1 <= m <= n). */
export function consistencyProof(m: number, leafHashes: readonly Uint8Array[]): Hash[] {
  const perfect = perfectFromLeaves(leafHashes);
  return consistencyRanges(m, leafHashes.length).map((r) => rangeHash(r, perfect));
}

/**
 * The right edge of a tree ("compact range" [0, size)): the roots of its perfect subtrees,
 * largest first, one per set bit of `size`. Enough to append and to compute the root.
 */
export class MerkleFrontier {
  #size: number;
  #hashes: Hash[];

  constructor(size = 0, hashes: readonly Uint8Array[] = []) {
    if (!isSize(size) || hashes.length !== popcount(size) || !hashes.every(isHash)) {
      throw new RangeError(
        `a tree of size ${size} has ${popcount(size)} right-edge hashes of ${HASH_BYTES} bytes, not the ${hashes.length} given`,
      );
    }
    this.#size = size;
    this.#hashes = hashes.map((h) => Buffer.from(h));
  }

  static fromJSON(json: { size: number; hashes: readonly string[] }): MerkleFrontier {
    return new MerkleFrontier(
      json.size,
      json.hashes.map((h) => Buffer.from(h, "hex")),
    );
  }

  get size(): number {
    return this.#size;
  }

  get hashes(): readonly Hash[] {
    return this.#hashes;
  }

  /**
   * Appends one leaf hash. Returns the perfect subtrees this leaf completes, smallest first
   * (levels 1, 2, ...): storage keeps them so that later proofs can look them up.
   */
  append(leaf: Uint8Array): Hash[] {
    if (!isHash(leaf)) throw new RangeError(`a leaf hash has ${HASH_BYTES} bytes, not ${leaf.length}`);
    const completed: Hash[] = [];
    let node: Hash = Buffer.from(leaf);
    for (let s = this.#size; s % 2 === 1; s = half(s)) {
      node = nodeHash(this.#hashes.pop()!, node);
      completed.push(node);
    }
    this.#hashes.push(node);
    this.#size++;
    return completed;
  }

  root(): Hash {
    if (this.#hashes.length === 0) return Buffer.from(EMPTY_ROOT);
    return this.#hashes.reduceRight((right, left) => nodeHash(left, right));
  }

  /** `{size, hashes}` with lowercase hex hashes, largest subtree first; `fromJSON` reads it back. */
  toJSON(): { size: number; hashes: string[] } {
    return { size: this.#size, hashes: this.#hashes.map((h) => h.toString("hex")) };
  }
}

/**
 * RFC 9162 2.1.3.2: does `proof` show that the leaf hash is leaf `leafIndex` of the tree of
 * `treeSize` with `root`? The leaf hash and every proof hash must be 32 bytes (otherwise bytes
 * could move between the two halves of a node's input).
 */
export function verifyInclusion(
  leafIndex: number,
  treeSize: number,
  leaf: Uint8Array,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): boolean {
  if (!isSize(leafIndex) || !isSize(treeSize) || leafIndex >= treeSize || !isHash(leaf) || !proof.every(isHash)) return false;
  let [fn, sn] = [leafIndex, treeSize - 1];
  let r: Hash = Buffer.from(leaf);
  for (const p of proof) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      if (fn % 2 === 0) while (fn % 2 === 0 && fn !== 0) [fn, sn] = [half(fn), half(sn)];
    } else {
      r = nodeHash(r, p);
    }
    [fn, sn] = [half(fn), half(sn)];
  }
  return sn === 0 && r.equals(root);
}

/**
 * RFC 9162 2.1.4.2: does `proof` show that the tree of size m with `oldRoot` is a prefix of the
 * tree of size n with `newRoot`? m = n holds with an empty proof and equal roots. A check from
 * the empty tree (m = 0) proves nothing and fails, as the transparency-dev vectors require.
 */
export function verifyConsistency(m: number, n: number, oldRoot: Uint8Array, newRoot: Uint8Array, proof: readonly Uint8Array[]): boolean {
  if (!isSize(m) || !isSize(n) || m < 1 || m > n) return false;
  if (m === n) return proof.length === 0 && Buffer.from(oldRoot).equals(newRoot);
  if (proof.length === 0 || !isHash(oldRoot) || !isHash(newRoot) || !proof.every(isHash)) return false;
  const path = isPowerOfTwo(m) ? [oldRoot, ...proof] : [...proof];
  let [fn, sn] = [m - 1, n - 1];
  while (fn % 2 === 1) [fn, sn] = [half(fn), half(sn)];
  let fr: Hash = Buffer.from(path[0]!);
  let sr = fr;
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (fn % 2 === 0) while (fn % 2 === 0 && fn !== 0) [fn, sn] = [half(fn), half(sn)];
    } else {
      sr = nodeHash(sr, c);
    }
    [fn, sn] = [half(fn), half(sn)];
  }
  return sn === 0 && fr.equals(oldRoot) && sr.equals(newRoot);
}

/**
 * Extends a stored right edge by new leaf entries (the events' 32-byte hashes, hex): returns,
 * per entry, the perfect subtrees it completes (levels 1, 2, ... as hex), and the new right edge.
 */
export function extendTree(size: number, edge: readonly string[], entries: readonly string[]): { levels: string[][]; edge: string[] } {
  const frontier = MerkleFrontier.fromJSON({ size, hashes: edge });
  const levels = entries.map((entry) => frontier.append(leafHash(Buffer.from(entry, "hex"))).map((h) => h.toString("hex")));
  return { levels, edge: frontier.toJSON().hashes };
}
