import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { orderedDigest, versionDigest, type Member } from "./digest.js";

const sha = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

describe("version digest", () => {
  // U+FFFF sorts before U+1F600 by code point, but after it by UTF-16 unit (0xFFFF > 0xD83D).
  const members: Member[] = [
    { id: "b", contentHash: null },
    { id: "a\u{1F600}", contentHash: "h2" },
    { id: "a\uFFFF", contentHash: "h1" },
  ];
  const expected = sha("a\uFFFF\th1\na\u{1F600}\th2\nb\t\n");

  it("hashes one line per member in code-point order of the id", () => {
    expect(versionDigest([...members])).toBe(expected);
  });

  it("gives the same digest streamed in code-point order, and none when the order is wrong", () => {
    const inOrder = orderedDigest();
    [members[2]!, members[1]!, members[0]!].forEach(inOrder.add);
    expect(inOrder.result()).toBe(expected);

    const utf16Order = orderedDigest(); // what a UTF-16 sort would deliver
    [members[1]!, members[2]!, members[0]!].forEach(utf16Order.add);
    expect(utf16Order.result()).toBeNull();
  });
});
