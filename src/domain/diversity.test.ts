import { describe, expect, it } from "vitest";
import { duplicateRate, generationDiversity, latestChecks, shannonEntropyBits, type GenerationAggregate } from "./diversity.js";

const T1 = "2026-01-01T00:00:00.000Z";
const T2 = "2026-01-02T00:00:00.000Z";

describe("shannonEntropyBits", () => {
  it("is log2 of the number of equally likely categories, and ignores empty ones", () => {
    expect(shannonEntropyBits([5, 5, 5, 5])).toBe(2); // log2(4)
    expect(shannonEntropyBits([2, 0, 2])).toBe(1); // log2(2)
    expect(shannonEntropyBits([7])).toBe(0); // one category: no uncertainty
    expect(shannonEntropyBits([])).toBe(0);
  });

  it("weighs unequal categories", () => {
    // p = (3/4, 1/4): H = 3/4 * log2(4/3) + 1/4 * log2(4) = 2 - (3/4) log2(3) = 2 - 0.75 * 1.5849625 = 0.8112781
    expect(shannonEntropyBits([3, 1])).toBeCloseTo(0.8112781, 7);
  });

  it("refuses negative or non-finite counts", () => {
    expect(() => shannonEntropyBits([1, -1])).toThrow(RangeError);
    expect(() => shannonEntropyBits([Number.NaN])).toThrow(RangeError);
  });
});

describe("duplicateRate", () => {
  it("is 1 - distinct / hashed, 0 when nothing is hashed", () => {
    expect(duplicateRate(4, 2)).toBe(0.5); // 1 - 2/4
    expect(duplicateRate(3, 3)).toBe(0); // every hash unique
    expect(duplicateRate(0, 0)).toBe(0);
  });
});

describe("latestChecks", () => {
  it("keeps the latest check per generation: createdAt, then auditSeq, then input order", () => {
    const latest = latestChecks([
      { generation: 1, value: 0.7, createdAt: T2 },
      { generation: 1, value: 0.9, createdAt: T1 }, // older, though later in the input
      { generation: 2, value: 0.5, createdAt: T1, auditSeq: 8 },
      { generation: 2, value: 0.4, createdAt: T1, auditSeq: 3 }, // same time, written earlier
      { generation: 3, value: 0.3, createdAt: T1 },
      { generation: 3, value: 0.2, createdAt: T1 }, // same time, no seq: the later record
    ]);
    expect([...latest].map(([g, c]) => [g, c.value])).toEqual([
      [1, 0.7],
      [2, 0.5],
      [3, 0.2],
    ]);
  });
});

describe("generationDiversity", () => {
  it("shows a collapse: entropy falls and duplication rises from one generation to the next", () => {
    const rows = generationDiversity(
      [
        { generation: 2, sliceCounts: [{ slice: "a", count: 100 }], hashed: 100, distinctHashes: 50 },
        { generation: 0, sliceCounts: ["a", "b", "c", "d"].map((slice) => ({ slice, count: 25 })), hashed: 100, distinctHashes: 100 },
        {
          generation: 1,
          sliceCounts: [
            { slice: "a", count: 50 },
            { slice: "b", count: 50 },
          ],
          hashed: 100,
          distinctHashes: 80,
        },
      ],
      [
        { generation: 0, value: 0.95, createdAt: T1 },
        { generation: 1, value: 0.9, createdAt: T1 },
        { generation: 1, value: 0.7, createdAt: T2 },
        { generation: 5, value: 0.1, createdAt: T1 }, // no such generation in the set: ignored
      ],
    );
    expect(rows).toEqual([
      // 4 equal slices: log2(4) = 2 bits; 100 distinct of 100: 0
      { generation: 0, samples: 100, distinctSlices: 4, sliceEntropy: 2, duplicateRate: 0, recordedDiversity: 0.95 },
      // 2 equal slices: 1 bit; 1 - 80/100 = 0.2; the later check (0.7) counts
      { generation: 1, samples: 100, distinctSlices: 2, sliceEntropy: 1, duplicateRate: 1 - 80 / 100, recordedDiversity: 0.7 },
      // one slice: 0 bits; 1 - 50/100 = 0.5; no check recorded
      { generation: 2, samples: 100, distinctSlices: 1, sliceEntropy: 0, duplicateRate: 0.5, recordedDiversity: null },
    ]);
  });

  it("counts samples without a slice as the category '(none)', like composition's bySlice", () => {
    const [row] = generationDiversity(
      [
        {
          generation: 0,
          sliceCounts: [
            { slice: "a", count: 2 },
            { slice: null, count: 1 },
            { slice: "(none)", count: 1 },
          ],
          hashed: 0,
          distinctHashes: 0,
        },
      ],
      [],
    );
    // categories a: 2, (none): 1 + 1 = 2 -> log2(2) = 1 bit; nothing hashed: duplicate rate 0
    expect(row).toEqual({ generation: 0, samples: 4, distinctSlices: 2, sliceEntropy: 1, duplicateRate: 0, recordedDiversity: null });
  });

  it("lists only generations that have samples", () => {
    expect(generationDiversity([{ generation: 3, sliceCounts: [{ slice: "a", count: 0 }], hashed: 0, distinctHashes: 0 }], [])).toEqual([]);
    expect(generationDiversity([], [{ generation: 0, value: 1, createdAt: T1 }])).toEqual([]);
  });

  it("refuses a generation aggregated twice, and counts that contradict each other", () => {
    const g: GenerationAggregate = { generation: 1, sliceCounts: [{ slice: "a", count: 2 }], hashed: 2, distinctHashes: 1 };
    expect(() => generationDiversity([g, g], [])).toThrow(RangeError);
    expect(() => generationDiversity([{ ...g, hashed: 3 }], [])).toThrow(RangeError); // 3 hashed of 2 samples
    expect(() => generationDiversity([{ ...g, distinctHashes: 3 }], [])).toThrow(RangeError); // 3 distinct of 2 hashed
    expect(() => generationDiversity([{ ...g, distinctHashes: 0 }], [])).toThrow(RangeError); // 2 hashes, none distinct
  });
});
