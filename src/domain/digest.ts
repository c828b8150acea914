import { createHash } from "node:crypto";

/** Code-point order (not UTF-16 unit order, which is JavaScript's default sort). */
export function compareCodePoints(a: string, b: string): number {
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const ca = ia.next();
    const cb = ib.next();
    if (ca.done || cb.done) return ca.done ? (cb.done ? 0 : -1) : 1;
    const diff = ca.value.codePointAt(0)! - cb.value.codePointAt(0)!;
    if (diff !== 0) return diff;
  }
}

/**
 * The digest of a sealed version (DOMAIN.md 8): SHA-256 over one line
 * `<sample id>\t<contentHash or empty>\n` per member, lines in code-point order of the id.
 * Sorts `members` in place.
 */
export function versionDigest(members: Array<{ id: string; contentHash: string | null }>): string {
  members.sort((a, b) => compareCodePoints(a.id, b.id));
  const hash = createHash("sha256");
  for (const m of members) hash.update(`${m.id}\t${m.contentHash ?? ""}\n`, "utf8");
  return hash.digest("hex");
}
