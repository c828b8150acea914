/**
 * RFC 8785 JSON Canonicalization Scheme, and SHA-256 in lowercase hex: the two halves of every
 * audit hash (DOMAIN.md 5 and 8). Canonicalization is delegated to `canonicalize`, by one of the
 * RFC's authors; this wrapper refuses what it would serialise silently wrong.
 */
import { createHash } from "node:crypto";
import canonicalize from "canonicalize";

/**
 * Walks the value as JSON.stringify would (toJSON first) and refuses functions, whose members
 * `canonicalize` writes as the text `undefined`, and Maps and Sets, whose content JSON drops.
 * Cycles are left to `canonicalize`, which refuses them.
 */
function assertSerialisable(value: unknown, path: string, ancestors: Set<object>): void {
  if (typeof value === "function") throw new TypeError(`${path} is a function, which has no JSON form`);
  if (value === null || typeof value !== "object" || ancestors.has(value)) return;
  if (typeof (value as { toJSON?: unknown }).toJSON === "function") {
    assertSerialisable((value as { toJSON(): unknown }).toJSON(), path, ancestors);
    return;
  }
  if (value instanceof Map || value instanceof Set) throw new TypeError(`${path} is a ${value.constructor.name}, which JSON would write as {}`);
  ancestors.add(value);
  for (const [key, member] of Object.entries(value)) assertSerialisable(member, `${path}.${key}`, ancestors);
  ancestors.delete(value);
}

/**
 * The RFC 8785 canonical JSON text of a value: members sorted by UTF-16 code units, numbers in
 * ECMAScript's shortest form, no insignificant whitespace. Members whose value is undefined are
 * left out (undefined in an array becomes null), as JSON.stringify does. Throws for a value with
 * no JSON form: undefined at the top, NaN or Infinity, BigInt, a lone surrogate, a cycle, a
 * function, a Map or a Set.
 */
export function canonicalJson(value: unknown): string {
  assertSerialisable(value, "value", new Set());
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError("value has no JSON form");
  return text;
}

/** SHA-256 in lowercase hex; text is hashed as its UTF-8 bytes. */
export function sha256Hex(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}
