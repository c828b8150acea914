/**
 * Signed checkpoints and RFC 9162 proofs over the audit log. The tree's right edge is stored on
 * the head and every event keeps the perfect subtrees it completed, so a checkpoint costs
 * O(log n) hashes and a proof O(log n) stored hashes, however long the log.
 */
import { createPublicKey, sign, verify } from "node:crypto";
import { checkpointMessage, type SigningKey } from "../domain/checkpoint.js";
import { badInput } from "../domain/errors.js";
import {
  consistencyRanges,
  EMPTY_ROOT,
  MerkleFrontier,
  inclusionRanges,
  leafHash,
  perfectParts,
  rangeHash,
  type Range,
} from "../domain/merkle.js";
import { auditHead, treeNodes, type AuditHead } from "../store/audit.queries.js";
import type { Run } from "../store/executor.js";

export interface AuditCheckpoint {
  treeSize: number;
  rootHash: string;
  at: string;
  keyId: string;
  publicKey: string;
  signature: string;
}

export interface AuditProof {
  leafIndex: number | null;
  treeSize: number;
  fromSize: number | null;
  hashes: string[];
}

export async function auditCheckpoint(run: Run, key: SigningKey): Promise<AuditCheckpoint> {
  return signedCheckpoint(key, await auditHead(run));
}

/** A checkpoint of the tree whose right edge the head keeps, signed now. */
export function signedCheckpoint(key: SigningKey, head: AuditHead): AuditCheckpoint {
  const rootHash = new MerkleFrontier(
    head.seq,
    head.edge.map((h) => Buffer.from(h, "hex")),
  )
    .root()
    .toString("hex");
  const at = new Date().toISOString();
  const signature = sign(null, Buffer.from(checkpointMessage(head.seq, rootHash, at), "utf8"), key.privateKey).toString("base64");
  return { treeSize: head.seq, rootHash, at, keyId: key.keyId, publicKey: key.publicKey, signature };
}

/** Whether this key signed a checkpoint of these fields. */
export function signedBy(key: SigningKey, checkpoint: { treeSize: number; rootHash: string; at: string; signature: string }): boolean {
  const message = Buffer.from(checkpointMessage(checkpoint.treeSize, checkpoint.rootHash, checkpoint.at), "utf8");
  return verify(null, message, createPublicKey(key.privateKey), Buffer.from(checkpoint.signature, "base64"));
}

/** The root of the tree of the first `size` events, from their stored subtrees. */
export async function storedRoot(run: Run, size: number): Promise<string> {
  return size === 0 ? EMPTY_ROOT.toString("hex") : (await rangeHashes(run, [{ start: 0, end: size }]))[0]!;
}

/** The hashes of `ranges`, from the stored subtrees: [s, s + 2^level) is kept on event s + 2^level. */
async function rangeHashes(run: Run, ranges: readonly Range[]): Promise<string[]> {
  const parts = ranges.flatMap(perfectParts);
  const nodes = new Map((await treeNodes(run, [...new Set(parts.map((p) => p.start + 2 ** p.level))])).map((n) => [n.seq, n]));
  const perfect = (start: number, level: number) => {
    const node = nodes.get(start + 2 ** level)!;
    return level === 0 ? leafHash(Buffer.from(node.hash, "hex")) : Buffer.from(node.levels[level - 1]!, "hex");
  };
  return ranges.map((r) => rangeHash(r, perfect).toString("hex"));
}

async function checkSize(run: Run, what: string, size: number): Promise<void> {
  const { seq } = await auditHead(run);
  if (!Number.isInteger(size) || size < 1 || size > seq) throw badInput(`${what} ${size} is not a tree size of this log (1-${seq})`);
}

export async function inclusionProof(run: Run, seq: number, treeSize: number): Promise<AuditProof> {
  await checkSize(run, "treeSize", treeSize);
  if (!Number.isInteger(seq) || seq < 1 || seq > treeSize) throw badInput(`seq ${seq} is not in a tree of size ${treeSize}`);
  return { leafIndex: seq - 1, treeSize, fromSize: null, hashes: await rangeHashes(run, inclusionRanges(seq - 1, treeSize)) };
}

export async function consistencyProof(run: Run, fromSize: number, toSize: number): Promise<AuditProof> {
  await checkSize(run, "toSize", toSize);
  if (!Number.isInteger(fromSize) || fromSize < 1 || fromSize > toSize)
    throw badInput(`fromSize ${fromSize} must be between 1 and toSize ${toSize}`);
  return { leafIndex: null, treeSize: toSize, fromSize, hashes: await rangeHashes(run, consistencyRanges(fromSize, toSize)) };
}
