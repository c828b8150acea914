import { describe, expect, it } from "vitest";
import { cohenKappa, krippendorffAlpha, labelAgreement, type LabelRecord } from "./agreement.js";

const label = (labelerId: string, sampleId: string, value: string, createdAt = "2026-01-01T00:00:00.000Z", auditSeq = 0): LabelRecord => ({ labelerId, sampleId, value, createdAt, auditSeq });

describe("Cohen's kappa", () => {
  it("matches the worked example of Wikipedia's 'Cohen's kappa' article", () => {
    // 50 items: 20 yes/yes, 5 A-yes/B-no, 10 A-no/B-yes, 15 no/no.
    // po = (20 + 15) / 50 = 0.7; A says yes 25 times, B 30: pe = 0.5 * 0.6 + 0.5 * 0.4 = 0.5
    // kappa = (0.7 - 0.5) / (1 - 0.5) = 0.4
    const a = [...Array(20).fill("yes"), ...Array(5).fill("yes"), ...Array(10).fill("no"), ...Array(15).fill("no")];
    const b = [...Array(20).fill("yes"), ...Array(5).fill("no"), ...Array(10).fill("yes"), ...Array(15).fill("no")];
    expect(cohenKappa(a, b)).toBeCloseTo(0.4, 12);
  });

  it("is 1 when both use one and the same category, null without items", () => {
    expect(cohenKappa(["x", "x"], ["x", "x"])).toBe(1);
    expect(cohenKappa([], [])).toBeNull();
  });
});

describe("Krippendorff's alpha (nominal)", () => {
  it("matches the worked example of Krippendorff (2011), 'Computing Krippendorff's Alpha-Reliability', section C", () => {
    // 4 observers x 12 units with missing values ('.'); the paper's nominal alpha is 0.743.
    const table = [
      "1 2 3 3 2 1 4 1 2 . . .",
      "1 2 3 3 2 2 4 1 2 5 . 3",
      ". 3 3 3 2 3 4 2 2 5 1 .",
      "1 2 3 3 2 4 4 1 2 5 1 .",
    ].map((row) => row.split(" "));
    const units = table[0]!.map((_, u) => table.map((row) => row[u]!).filter((v) => v !== "."));
    expect(krippendorffAlpha(units)).toBeCloseTo(0.743, 3);
  });

  it("is 1 with one category only, 0 without a pairable unit", () => {
    expect(krippendorffAlpha([["a", "a"], ["a", "a", "a"]])).toBe(1);
    expect(krippendorffAlpha([["a"], ["b"]])).toBe(0);
  });
});

describe("labelAgreement", () => {
  it("gives a row per pair, in id order, then the overall row", () => {
    const labels = [
      label("ann", "s1", "cat"), label("bob", "s1", "cat"), label("cy", "s1", "dog"),
      label("ann", "s2", "dog"), label("bob", "s2", "dog"),
      label("ann", "s3", "cat"), label("cy", "s3", "cat"),
    ];
    const rows = labelAgreement(labels);
    expect(rows.map((r) => r.labelers)).toEqual([["ann", "bob"], ["ann", "cy"], ["bob", "cy"], ["ann", "bob", "cy"]]);
    // ann/bob: s1 cat=cat, s2 dog=dog -> 2 items, all agree; categories cat and dog: pe = 0.5*0.5*2 = 0.5 -> kappa 1
    expect(rows[0]).toMatchObject({ items: 2, observedAgreement: 1, cohenKappa: 1 });
    // ann/cy: s1 cat/dog, s3 cat/cat -> 1 of 2 agree
    expect(rows[1]).toMatchObject({ items: 2, observedAgreement: 0.5 });
    // bob/cy: s1 only
    expect(rows[2]).toMatchObject({ items: 1, observedAgreement: 0 });
    // overall: s1 has 3 pairs (1 agrees), s2 1 pair (agrees), s3 1 pair (agrees): 3 of 5
    expect(rows[3]).toMatchObject({ items: 3, observedAgreement: 0.6, cohenKappa: null });
  });

  it("keeps each labeler's latest label on a sample", () => {
    const rows = labelAgreement([
      label("ann", "s1", "cat", "2026-01-01T00:00:00.000Z", 1),
      label("ann", "s1", "dog", "2026-01-02T00:00:00.000Z", 2),
      label("bob", "s1", "dog"),
    ]);
    // the later 'dog' replaces 'cat': the only item agrees; overall kappa = the pair's (two labelers)
    expect(rows).toEqual([
      { labelers: ["ann", "bob"], items: 1, observedAgreement: 1, cohenKappa: 1, krippendorffAlpha: 1 },
      { labelers: ["ann", "bob"], items: 1, observedAgreement: 1, cohenKappa: 1, krippendorffAlpha: 1 },
    ]);
  });

  it("has no rows for a single labeler, and zero items for labelers who never overlap", () => {
    expect(labelAgreement([label("ann", "s1", "x"), label("ann", "s2", "y")])).toEqual([]);
    expect(labelAgreement([label("ann", "s1", "x"), label("bob", "s2", "x")])).toEqual([
      { labelers: ["ann", "bob"], items: 0, observedAgreement: 0, cohenKappa: null, krippendorffAlpha: 0 },
      { labelers: ["ann", "bob"], items: 0, observedAgreement: 0, cohenKappa: null, krippendorffAlpha: 0 },
    ]);
  });
});
