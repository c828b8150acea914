/**
 * RFC 8785 JSON Canonicalization Scheme (through `canonicalize`, the RFC authors' reference
 * implementation), and SHA-256 in lowercase hex: the two halves of every audit hash.
 */
import { createHash } from "node:crypto";
import canonicalize from "canonicalize";

export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError("value has no JSON form");
  return text;
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}
