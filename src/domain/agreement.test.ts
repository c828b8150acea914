import { describe, expect, it } from "vitest";
import { labelAgreement, type LabelRecord } from "./agreement.js";

const T0 = "2026-01-01T00:00:00.000Z";
const label = (labelerId: string, sampleId: string, value: string, createdAt = T0, auditSeq?: number): LabelRecord => ({
  labelerId,
  sampleId,
  value,
  createdAt,
  auditSeq,
});

/** Labels from a table: one row of values per labeler, one column per sample, "." = no label. */
function fromTable(table: Record<string, string>): LabelRecord[] {
  return Object.entries(table).flatMap(([labeler, row]) =>
    row.split(" ").flatMap((value, unit) => (value === "." ? [] : [label(labeler, `u${unit + 1}`, value)])),
  );
}

describe("labelAgreement against published worked examples", () => {
  it("Cohen's kappa: Wikipedia, 'Cohen's kappa', the 50-application example", () => {
    // 50 items: 20 yes/yes, 5 A-yes/B-no, 10 A-no/B-yes, 15 no/no.
    const pairs = [
      ...Array(20).fill(["yes", "yes"]),
      ...Array(5).fill(["yes", "no"]),
      ...Array(10).fill(["no", "yes"]),
      ...Array(15).fill(["no", "no"]),
    ] as [string, string][];
    const labels = pairs.flatMap(([a, b], i) => [label("A", `s${i}`, a), label("B", `s${i}`, b)]);
    const [pair, overall] = labelAgreement(labels);
    // po = (20 + 15) / 50 = 0.7. A says yes 25 times, B 30: pe = 0.5 * 0.6 + 0.5 * 0.4 = 0.5.
    // kappa = (0.7 - 0.5) / (1 - 0.5) = 0.4 (the article's value).
    expect(pair).toMatchObject({ labelers: ["A", "B"], items: 50, observedAgreement: 0.7 });
    expect(pair!.cohenKappa).toBeCloseTo(0.4, 12);
    // alpha: n = 100 values, n_yes = 25 + 30 = 55, n_no = 45; 15 disagreeing units add 2 ordered
    // pairs each: Do = 30; De = 100^2 - 55^2 - 45^2 = 4950; alpha = 1 - 99 * 30 / 4950 = 0.4.
    expect(pair!.krippendorffAlpha).toBeCloseTo(0.4, 12);
    // Two labelers: the overall row is the pair's, kappa included.
    expect(overall).toEqual({ ...pair, labelers: ["A", "B"] });
  });

  // Krippendorff, K. (2011). Computing Krippendorff's Alpha-Reliability. Annenberg School for
  // Communication, University of Pennsylvania. Section C, nominal data, 4 observers x 12 units
  // with missing values; the paper reports alpha = 0.743.
  const KRIPPENDORFF_2011 = fromTable({
    A: "1 2 3 3 2 1 4 1 2 . . .",
    B: "1 2 3 3 2 2 4 1 2 5 . 3",
    C: ". 3 3 3 2 3 4 2 2 5 1 .",
    D: "1 2 3 3 2 4 4 1 2 5 1 .",
  });

  it("Krippendorff's alpha: Krippendorff (2011), 4 observers x 12 units, missing values", () => {
    const rows = labelAgreement(KRIPPENDORFF_2011);
    const overall = rows.at(-1)!;
    expect(overall.labelers).toEqual(["A", "B", "C", "D"]);
    // Unit 12 has one value and is not pairable: 11 items, n = 3+4+4+4+4+4+4+4+4+3+2 = 40 values.
    expect(overall.items).toBe(11);
    // Marginals n_1..n_5 = 9, 13, 10, 5, 3: sum of squares 81+169+100+25+9 = 384; De = 1600 - 384 = 1216.
    // Do: unit 2 (2,2,3,2): (16 - 9 - 1) / 3 = 2; unit 6 (1,2,3,4): (16 - 4) / 3 = 4;
    // unit 8 (1,1,2,1): 6 / 3 = 2; all others agree: Do = 8.
    // alpha = 1 - 39 * 8 / 1216 = 1 - 312 / 1216 = 0.743421 (the paper's 0.743).
    expect(overall.krippendorffAlpha).toBeCloseTo(1 - 312 / 1216, 12);
    expect(overall.krippendorffAlpha).toBeCloseTo(0.743, 3);
    // Pairs of values within units: 3 + 6 * 8 + 3 + 1 = 55; agreeing: units 1..11 give
    // 3 + 3 + 6 + 6 + 6 + 0 + 6 + 3 + 6 + 3 + 1 = 43.
    expect(overall.observedAgreement).toBeCloseTo(43 / 55, 12);
    expect(overall.cohenKappa).toBeNull(); // four labelers
  });

  it("gives each pair of the Krippendorff (2011) table its own kappa and alpha", () => {
    const rows = labelAgreement(KRIPPENDORFF_2011);
    expect(rows.map((r) => r.labelers.join(""))).toEqual(["AB", "AC", "AD", "BC", "BD", "CD", "ABCD"]);
    // A and B share units 1-9: A = 1 2 3 3 2 1 4 1 2, B = 1 2 3 3 2 2 4 1 2; only unit 6 differs.
    // po = 8/9. A's counts (1,2,3,4) = 3,3,2,1; B's = 2,4,2,1: sum a_c b_c = 6 + 12 + 4 + 1 = 23;
    // kappa = (8 * 9 - 23) / (81 - 23) = 49 / 58.
    // alpha: n = 18, n_c = 5, 7, 4, 2 (squares 94), De = 324 - 94 = 230, Do = 2: 1 - 17 * 2 / 230.
    const ab = rows[0]!;
    expect(ab.items).toBe(9);
    expect(ab.observedAgreement).toBeCloseTo(8 / 9, 12);
    expect(ab.cohenKappa).toBeCloseTo(49 / 58, 12);
    expect(ab.krippendorffAlpha).toBeCloseTo(1 - 34 / 230, 12);
  });
});

describe("labelAgreement rows", () => {
  it("gives a row per pair, in id order, then the overall row", () => {
    const rows = labelAgreement([
      label("cy", "s1", "dog"),
      label("bob", "s1", "cat"),
      label("ann", "s1", "cat"),
      label("ann", "s2", "dog"),
      label("bob", "s2", "dog"),
      label("ann", "s3", "cat"),
      label("cy", "s3", "cat"),
    ]);
    expect(rows).toHaveLength(4);
    // ann/bob: s1 cat=cat, s2 dog=dog. Counts ann (cat 1, dog 1), bob (cat 1, dog 1): sum a_c b_c = 2;
    // kappa = (2 * 2 - 2) / (4 - 2) = 1. alpha: nothing disagrees (Do = 0), two categories: 1.
    expect(rows[0]).toEqual({ labelers: ["ann", "bob"], items: 2, observedAgreement: 1, cohenKappa: 1, krippendorffAlpha: 1 });
    // ann/cy: s1 cat/dog, s3 cat/cat: po = 1/2. ann cat 2; cy cat 1, dog 1: sum a_c b_c = 2;
    // kappa = (1 * 2 - 2) / (4 - 2) = 0. alpha: n = 4 (cat 3, dog 1), De = 16 - 10 = 6, Do = 2: 1 - 3 * 2 / 6 = 0.
    expect(rows[1]).toEqual({ labelers: ["ann", "cy"], items: 2, observedAgreement: 0.5, cohenKappa: 0, krippendorffAlpha: 0 });
    // bob/cy: s1 only, cat/dog: po = 0, pe = 0: kappa 0. alpha: n = 2, De = 4 - 2 = 2, Do = 2: 1 - 1 * 2 / 2 = 0.
    expect(rows[2]).toEqual({ labelers: ["bob", "cy"], items: 1, observedAgreement: 0, cohenKappa: 0, krippendorffAlpha: 0 });
    // overall: s1 has 3 pairs (1 agrees), s2 1 (agrees), s3 1 (agrees): 3 of 5.
    // alpha: n = 7 (cat 4, dog 3), De = 49 - 25 = 24; Do from s1 (cat,cat,dog): (9 - 4 - 1) / 2 = 2;
    // alpha = 1 - 6 * 2 / 24 = 0.5. Three labelers: no kappa.
    expect(rows[3]).toEqual({ labelers: ["ann", "bob", "cy"], items: 3, observedAgreement: 0.6, cohenKappa: null, krippendorffAlpha: 0.5 });
  });

  it("sorts labelers by code point, not by UTF-16 unit or locale", () => {
    // 'B' (U+0042) < 'a' (U+0061) < U+FFFF < U+1F600; UTF-16 order would put U+1F600 (D83D DE00) before U+FFFF.
    const ids = ["\u{1F600}", "a", "\uFFFF", "B"];
    const rows = labelAgreement(ids.map((id) => label(id, "s1", "x")));
    expect(rows.at(-1)!.labelers).toEqual(["B", "a", "\uFFFF", "\u{1F600}"]);
    expect(rows[0]!.labelers).toEqual(["B", "a"]);
    expect(rows).toHaveLength(7); // C(4, 2) = 6 pairs + the overall row
  });

  it("keeps each labeler's latest label on a sample: createdAt, then auditSeq, then input order", () => {
    const later = "2026-01-02T00:00:00.000Z";
    const agreeing = (rows: ReturnType<typeof labelAgreement>) => rows[0]!.observedAgreement;
    // a later createdAt wins wherever it stands in the input
    expect(agreeing(labelAgreement([label("ann", "s1", "dog", later), label("ann", "s1", "cat"), label("bob", "s1", "dog")]))).toBe(1);
    // same createdAt: the higher auditSeq wins, even when it comes first
    expect(agreeing(labelAgreement([label("ann", "s1", "dog", T0, 9), label("ann", "s1", "cat", T0, 3), label("bob", "s1", "dog")]))).toBe(
      1,
    );
    // same createdAt, no auditSeq: the later record wins
    expect(agreeing(labelAgreement([label("ann", "s1", "cat"), label("ann", "s1", "dog"), label("bob", "s1", "dog")]))).toBe(1);
    // one label per (labeler, sample) after that: one item, not two
    expect(labelAgreement([label("ann", "s1", "cat"), label("ann", "s1", "dog"), label("bob", "s1", "dog")])[0]!.items).toBe(1);
  });
});

describe("labelAgreement edge cases", () => {
  it("has no rows without labels or with a single labeler", () => {
    expect(labelAgreement([])).toEqual([]);
    expect(labelAgreement([label("ann", "s1", "x"), label("ann", "s2", "y")])).toEqual([]);
  });

  it("reports labelers who never label the same sample as 0 items, no kappa, alpha 0", () => {
    const none = { items: 0, observedAgreement: 0, cohenKappa: null, krippendorffAlpha: 0 };
    expect(labelAgreement([label("ann", "s1", "x"), label("bob", "s2", "x")])).toEqual([
      { labelers: ["ann", "bob"], ...none },
      { labelers: ["ann", "bob"], ...none },
    ]);
    // with a third labeler, only the pair that never overlaps is empty
    const rows = labelAgreement([label("ann", "s1", "x"), label("cy", "s1", "x"), label("bob", "s2", "x"), label("cy", "s2", "x")]);
    expect(rows[0]).toEqual({ labelers: ["ann", "bob"], ...none });
    expect(rows[3]).toMatchObject({ items: 2, observedAgreement: 1 });
  });

  it("is 1 for perfect agreement over two categories", () => {
    const rows = labelAgreement(["x", "y", "x", "y"].flatMap((v, i) => [label("ann", `s${i}`, v), label("bob", `s${i}`, v)]));
    // po = 1, pe = 0.5 * 0.5 + 0.5 * 0.5 = 0.5: kappa = (1 - 0.5) / (1 - 0.5) = 1; Do = 0: alpha = 1.
    expect(rows[0]).toEqual({ labelers: ["ann", "bob"], items: 4, observedAgreement: 1, cohenKappa: 1, krippendorffAlpha: 1 });
  });

  it("is 1 when every label is the same category (expected disagreement 0)", () => {
    const rows = labelAgreement(["s1", "s2", "s3"].flatMap((s) => [label("ann", s, "x"), label("bob", s, "x"), label("cy", s, "x")]));
    // pe = 1 * 1 = 1 and De = n^2 - n_x^2 = 0: both coefficients are defined as 1.
    for (const row of rows) expect(row).toMatchObject({ items: 3, observedAgreement: 1, krippendorffAlpha: 1 });
    expect(rows.slice(0, 3).map((r) => r.cohenKappa)).toEqual([1, 1, 1]);
    expect(rows[3]!.cohenKappa).toBeNull(); // three labelers
  });

  it("can be negative: systematic disagreement is worse than chance", () => {
    const rows = labelAgreement([label("ann", "s1", "x"), label("bob", "s1", "y"), label("ann", "s2", "y"), label("bob", "s2", "x")]);
    // po = 0; ann (x 1, y 1), bob (x 1, y 1): pe = 0.5; kappa = (0 - 0.5) / 0.5 = -1.
    // alpha: n = 4 (x 2, y 2), De = 16 - 8 = 8, Do = 2 + 2 = 4: 1 - 3 * 4 / 8 = -0.5.
    expect(rows[0]).toEqual({ labelers: ["ann", "bob"], items: 2, observedAgreement: 0, cohenKappa: -1, krippendorffAlpha: -0.5 });
  });
});
