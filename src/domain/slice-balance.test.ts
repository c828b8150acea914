import { describe, expect, it } from "vitest";
import { jensenShannonBits, sliceBalance } from "./slice-balance.js";

const map = (entries: Record<string, number>) => new Map(Object.entries(entries));

describe("jensenShannonBits", () => {
  it("is 0 for equal distributions and 1 bit for disjoint ones", () => {
    expect(jensenShannonBits(map({ a: 1, b: 3 }), map({ a: 10, b: 30 }))).toBe(0); // same shape, any scale
    // P = (1, 0), Q = (0, 1), M = (½, ½): ½·1·log2(1/½) + ½·1·log2(1/½) = ½ + ½ = 1
    expect(jensenShannonBits(map({ a: 5 }), map({ b: 2 }))).toBe(1);
  });

  it("weighs partly overlapping distributions, in bits", () => {
    // P = (½, ½, 0), Q = (0, ½, ½) over (a, b, c); M = (¼, ½, ¼).
    // KL(P‖M) = ½·log2(½ / ¼) + ½·log2(½ / ½) = ½·1 + 0 = ½; KL(Q‖M) = ½ by symmetry.
    // JSD = ½·½ + ½·½ = 0.5
    expect(jensenShannonBits(map({ a: 2, b: 2 }), map({ b: 2, c: 2 }))).toBeCloseTo(0.5, 12);
    // P = (¾, ¼), Q = (¼, ¾), M = (½, ½): KL(P‖M) = ¾·log2(3/2) + ¼·log2(1/2)
    // = 0.75 × 0.5849625 − 0.25 = 0.1887219; KL(Q‖M) the same; JSD = 0.1887219 (= 1 − H(¼)).
    expect(jensenShannonBits(map({ x: 3, y: 1 }), map({ x: 1, y: 3 }))).toBeCloseTo(0.1887219, 7);
  });

  it("is null when either side is empty", () => {
    expect(jensenShannonBits(map({}), map({ a: 1 }))).toBeNull();
    expect(jensenShannonBits(map({ a: 1 }), map({ a: 0 }))).toBeNull();
  });
});

describe("sliceBalance", () => {
  it("counts per slice, sorts by total then slice, flags slices at >= 90% generated", () => {
    // REAL: a 2, b 2. Generated: b 1 SYNTHETIC + 1 AUGMENTED, c 2 SYNTHETIC. "(none)": 9 SYNTHETIC + 1 REAL.
    const report = sliceBalance([
      { slice: "a", origin: "REAL", count: 2 },
      { slice: "b", origin: "REAL", count: 2 },
      { slice: "b", origin: "SYNTHETIC", count: 1 },
      { slice: "b", origin: "AUGMENTED", count: 1 },
      { slice: "c", origin: "SYNTHETIC", count: 2 },
      { slice: null, origin: "SYNTHETIC", count: 9 },
      { slice: null, origin: "REAL", count: 1 },
    ]);
    expect(report.slices).toEqual([
      { slice: "(none)", total: 10, real: 1, synthetic: 9, augmented: 0, syntheticShare: 0.9 }, // 9 / 10
      { slice: "b", total: 4, real: 2, synthetic: 1, augmented: 1, syntheticShare: 0.5 }, // 2 / 4
      { slice: "a", total: 2, real: 2, synthetic: 0, augmented: 0, syntheticShare: 0 }, // ties at 2: "a" < "c"
      { slice: "c", total: 2, real: 0, synthetic: 2, augmented: 0, syntheticShare: 1 },
    ]);
    expect(report.ungroundedSlices).toEqual(["(none)", "c"]); // 0.9 counts (>=), 1 counts
    // P (REAL, n = 5) = (none ⅕, a ⅖, b ⅖, c 0); Q (generated, n = 13) = (none 9/13, a 0, b 2/13, c 2/13).
    // M = (none (0.2 + 0.6923077)/2 = 0.4461538, a 0.2, b (0.4 + 0.1538462)/2 = 0.2769231, c 0.0769231).
    // ½KL(P‖M) = ½[0.2·log2(0.2/0.4461538) + 0.4·log2(0.4/0.2) + 0.4·log2(0.4/0.2769231)]
    //          = ½[0.2·(−1.1574594) + 0.4·1 + 0.4·0.5305147] = ½[−0.2314919 + 0.4 + 0.2122059] = 0.1903570
    // ½KL(Q‖M) = ½[0.6923077·log2(0.6923077/0.4461538) + 0.1538462·log2(0.1538462/0.2769231) + 0.1538462·log2(2)]
    //          = ½[0.6923077·0.6338474 + 0.1538462·(−0.8479969) + 0.1538462] = ½[0.4388174 − 0.1304611 + 0.1538462] = 0.2311012
    // JSD = 0.1903570 + 0.2311012 = 0.4214582
    expect(report.realVsGeneratedDivergence).toBeCloseTo(0.4214582, 6);
  });

  it("has no divergence for an all-real or empty set", () => {
    expect(sliceBalance([{ slice: "a", origin: "REAL", count: 3 }])).toEqual({
      slices: [{ slice: "a", total: 3, real: 3, synthetic: 0, augmented: 0, syntheticShare: 0 }],
      realVsGeneratedDivergence: null,
      ungroundedSlices: [],
    });
    expect(sliceBalance([])).toEqual({ slices: [], realVsGeneratedDivergence: null, ungroundedSlices: [] });
  });
});
