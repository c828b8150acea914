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

export interface Member {
  id: string;
  contentHash: string | null;
}

/**
 * The digest of a sealed version (DOMAIN.md 8): SHA-256 over one line
 * `<sample id>\t<contentHash or empty>\n` per member, lines in code-point order of the id.
 * Sorts `members` in place.
 */
export function versionDigest(members: Member[]): string {
  const digest = orderedDigest();
  for (const m of members.sort((a, b) => compareCodePoints(a.id, b.id))) digest.add(m);
  return digest.result()!;
}

/**
 * The same digest over members fed one at a time, already in code-point order of the id (so a
 * million members need not be held in memory). `result()` is null when they were not in that
 * order: then `versionDigest` over all of them is the answer.
 */
export function orderedDigest() {
  const hash = createHash("sha256");
  let last: string | null = null;
  let ordered = true;
  return {
    add(m: Member) {
      if (last !== null && compareCodePoints(last, m.id) >= 0) ordered = false;
      last = m.id;
      if (ordered) hash.update(`${m.id}\t${m.contentHash ?? ""}\n`, "utf8");
    },
    result: () => (ordered ? hash.digest("hex") : null),
  };
}
