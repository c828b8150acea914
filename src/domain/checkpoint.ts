import type { KeyObject } from "node:crypto";

/** The text an audit checkpoint's Ed25519 signature covers (API.graphql, AuditCheckpoint). */
export function checkpointMessage(treeSize: number, rootHash: string, at: string): string {
  return `provgraph-checkpoint\n${treeSize}\n${rootHash}\n${at}\n`;
}

/** The Ed25519 key that signs checkpoints (loaded by server/signing-key.ts). */
export interface SigningKey {
  privateKey: KeyObject;
  /** The raw 32-byte public key, base64. */
  publicKey: string;
  /** The first 8 hex characters of SHA-256(raw public key). */
  keyId: string;
}
