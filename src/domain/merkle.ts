/**
 * The audit log as a Merkle tree, hashed as in RFC 9162 (Certificate Transparency v2):
 * leaf = SHA-256(0x00 || entry), node = SHA-256(0x01 || left || right). The tree over n leaves
 * splits at k, the largest power of two below n, so every node covers an aligned range that is
 * a perfect subtree or the tree's right edge.
 *
 * Storage keeps the right edge (`Frontier`, one hash per set bit of the size) and, for every
 * leaf, the perfect subtrees it completes, so an append costs O(log n) hashes and a proof needs
 * O(log n) stored hashes: proofs are computed here over *ranges*, whose hashes the caller looks up.
 */
import { createHash } from "node:crypto";

export type Hash = Buffer;

export const leafHash = (entry: Uint8Array): Hash => createHash("sha256").update(Buffer.from([0])).update(entry).digest();
export const nodeHash = (left: Hash, right: Hash): Hash => createHash("sha256").update(Buffer.from([1])).update(left).update(right).digest();
export const EMPTY_ROOT: Hash = createHash("sha256").digest();

/** The largest power of two strictly below n (n >= 2). */
function split(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** [start, end): a range of leaves whose Merkle hash a proof needs. */
export interface Range {
  start: number;
  end: number;
}

/** RFC 9162 2.1.3.1 PATH(m, D[0:n]) as the ranges whose hashes form the inclusion proof. */
export function inclusionRanges(index: number, size: number): Range[] {
  const path: Range[] = [];
  let [lo, hi, m] = [0, size, index];
  const stack: Range[] = [];
  while (hi - lo > 1) {
    const k = split(hi - lo);
    if (m < k) {
      stack.push({ start: lo + k, end: hi });
      hi = lo + k;
    } else {
      stack.push({ start: lo, end: lo + k });
      lo += k;
      m -= k;
    }
  }
  // PATH lists the sibling nearest the leaf first.
  while (stack.length) path.push(stack.pop()!);
  return path;
}

/** RFC 9162 2.1.4.1 PROOF(m, D[0:n]) as ranges: proves the tree of size m is a prefix of size n. */
export function consistencyRanges(m: number, n: number): Range[] {
  if (m <= 0 || m >= n) return [];
  const out: Range[] = [];
  const subproof = (m: number, lo: number, hi: number, complete: boolean): void => {
    const size = hi - lo;
    if (m === size) {
      if (!complete) out.push({ start: lo, end: hi });
      return;
    }
    const k = split(size);
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

/** The aligned perfect subtrees that make up [start, end), left to right. */
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

/** The Merkle hash of [start, end) from its perfect parts, folded right to left (RFC 9162). */
export function rangeHash(range: Range, perfect: (start: number, level: number) => Hash): Hash {
  const hashes = perfectParts(range).map((p) => perfect(p.start, p.level));
  return hashes.reduceRight((right, left) => nodeHash(left, right));
}

/**
 * The right edge of a tree: the roots of its perfect subtrees, largest first (one per set bit
 * of `size`). Appending a leaf merges equal-sized subtrees; the merged hashes are the perfect
 * subtrees the new leaf completes (levels 1, 2, ...), which storage keeps for proofs.
 */
export class Frontier {
  constructor(
    public size = 0,
    public hashes: Hash[] = [],
  ) {}

  append(leaf: Hash): Hash[] {
    const completed: Hash[] = [];
    let node = leaf;
    for (let s = this.size; s % 2 === 1; s = Math.floor(s / 2)) {
      node = nodeHash(this.hashes.pop()!, node);
      completed.push(node);
    }
    this.hashes.push(node);
    this.size++;
    return completed;
  }

  root(): Hash {
    if (this.hashes.length === 0) return EMPTY_ROOT;
    return this.hashes.reduceRight((right, left) => nodeHash(left, right));
  }
}

/** RFC 9162 2.1.3.2: does `proof` show leaf `index` with hash `leaf` in the tree of `size` with `root`? */
const isHash = (h: Hash) => h.length === 32;

export function verifyInclusion(index: number, size: number, leaf: Hash, proof: readonly Hash[], root: Hash): boolean {
  if (index < 0 || index >= size || ![leaf, root, ...proof].every(isHash)) return false;
  let [fn, sn] = [index, size - 1];
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      if (fn % 2 === 0) while (fn % 2 === 0 && fn !== 0) [fn, sn] = [fn >> 1, sn >> 1];
    } else r = nodeHash(r, p);
    [fn, sn] = [fn >> 1, sn >> 1];
  }
  return sn === 0 && r.equals(root);
}

/** RFC 9162 2.1.4.2: does `proof` show the tree of size m (root1) is a prefix of size n (root2)? */
export function verifyConsistency(m: number, n: number, root1: Hash, root2: Hash, proof: readonly Hash[]): boolean {
  if (m < 1 || m > n || ![root1, root2, ...proof].every(isHash)) return false;
  if (m === n) return proof.length === 0 && root1.equals(root2);
  if (proof.length === 0) return false;
  const path = (m & (m - 1)) === 0 ? [root1, ...proof] : [...proof];
  let [fn, sn] = [m - 1, n - 1];
  while (fn % 2 === 1) [fn, sn] = [fn >> 1, sn >> 1];
  let [fr, sr] = [path[0]!, path[0]!];
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (fn % 2 === 0) while (fn % 2 === 0 && fn !== 0) [fn, sn] = [fn >> 1, sn >> 1];
    } else sr = nodeHash(sr, c);
    [fn, sn] = [fn >> 1, sn >> 1];
  }
  return fr.equals(root1) && sr.equals(root2) && sn === 0;
}

/**
 * Extends a stored right edge by the new leaves (the events' 32-byte hashes, hex): returns, per
 * leaf, the perfect subtrees it completes (levels 1, 2, ... as hex), and the new right edge.
 */
export function extendTree(size: number, edge: readonly string[], entries: readonly string[]): { levels: string[][]; edge: string[] } {
  const frontier = new Frontier(size, edge.map((h) => Buffer.from(h, "hex")));
  const levels = entries.map((entry) => frontier.append(leafHash(Buffer.from(entry, "hex"))).map((h) => h.toString("hex")));
  return { levels, edge: frontier.hashes.map((h) => h.toString("hex")) };
}
