import { createHash } from "node:crypto";
import { compareCodePoints } from "./code-points.js";

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
