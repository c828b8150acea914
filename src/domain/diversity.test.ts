import { describe, expect, it } from "vitest";
import { generationDiversity, shannonEntropyBits } from "./diversity.js";

describe("shannonEntropyBits", () => {
  it("is log2 of the number of equally likely categories", () => {
    expect(shannonEntropyBits([5, 5, 5, 5])).toBe(2); // log2(4)
    expect(shannonEntropyBits([7])).toBe(0);
    // p = (3/4, 1/4): -(0.75 log2 0.75 + 0.25 log2 0.25) = 0.311278 + 0.5 = 0.811278
    expect(shannonEntropyBits([3, 1])).toBeCloseTo(0.811278, 6);
  });
});

describe("generationDiversity", () => {
  it("reports each generation with its latest recorded check", () => {
    const rows = generationDiversity(
      [
        { generation: 1, sliceCounts: [{ slice: "a", count: 3 }, { slice: "b", count: 1 }], hashed: 4, distinctHashes: 2 },
        { generation: 0, sliceCounts: [{ slice: "a", count: 2 }, { slice: null, count: 2 }], hashed: 0, distinctHashes: 0 },
      ],
      [
        { generation: 1, value: 0.9, createdAt: "2026-01-01T00:00:00.000Z", auditSeq: 1 },
        { generation: 1, value: 0.7, createdAt: "2026-01-02T00:00:00.000Z", auditSeq: 2 },
      ],
    );
    expect(rows).toEqual([
      // 2 + 2 samples, "(none)" is a category of its own: entropy log2(2) = 1; no hashes: duplicate rate 0
      { generation: 0, samples: 4, distinctSlices: 2, sliceEntropy: 1, duplicateRate: 0, recordedDiversity: null },
      // 4 hashed, 2 distinct: 1 - 2/4 = 0.5; the later check (0.7) counts
      { generation: 1, samples: 4, distinctSlices: 2, sliceEntropy: shannonEntropyBits([3, 1]), duplicateRate: 0.5, recordedDiversity: 0.7 },
    ]);
  });
});
