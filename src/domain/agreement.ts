/**
 * Label agreement (DOMAIN.md 6 and 8): per labeler pair, observed agreement, Cohen's kappa and
 * Krippendorff's alpha over the samples both labelled; overall, Krippendorff's alpha (nominal,
 * any number of labelers, missing labels allowed) over the samples two or more labelled.
 *
 * Everything is computed from counts gathered in one pass over the samples, so the cost is the
 * number of labels times the labelers per sample, plus one row per labeler pair.
 */
import { compareCodePoints } from "./code-points.js";
import { supersedes } from "./write-order.js";

export interface LabelRecord {
  labelerId: string;
  sampleId: string;
  value: string;
  /** ISO 8601 UTC with milliseconds (DOMAIN.md 8), so text order is time order. */
  createdAt: string;
  /** Write order (the label's audit seq): breaks ties of createdAt; without it, the later record in the input wins. */
  auditSeq?: number;
}

export interface LabelAgreementRow {
  labelers: string[];
  items: number;
  observedAgreement: number;
  cohenKappa: number | null;
  krippendorffAlpha: number;
}

/** Per sample, each labeler's latest value: by createdAt, then auditSeq, then input position. */
function latestValues(labels: readonly LabelRecord[]): Map<string, Map<string, LabelRecord>> {
  const bySample = new Map<string, Map<string, LabelRecord>>();
  for (const label of labels) {
    const byLabeler = bySample.get(label.sampleId) ?? new Map<string, LabelRecord>();
    bySample.set(label.sampleId, byLabeler);
    if (supersedes(label, byLabeler.get(label.labelerId))) byLabeler.set(label.labelerId, label);
  }
  return bySample;
}

const bump = (counts: Map<string, number>, key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);

/**
 * What observed agreement and nominal Krippendorff's alpha need from a set of units (samples),
 * each given as the values its labelers gave. Units with fewer than two values are not pairable
 * and add nothing. In Krippendorff's terms: `values` are the marginals n_c of the coincidence
 * matrix, `disagreement` is the sum of its off-diagonal cells.
 */
class NominalTally {
  units = 0;
  pairs = 0;
  agreeingPairs = 0;
  disagreement = 0;
  readonly values = new Map<string, number>();

  add(unit: readonly string[]): void {
    const m = unit.length;
    if (m < 2) return;
    const inUnit = new Map<string, number>();
    for (const v of unit) bump(inUnit, v);
    let sameOrdered = 0;
    for (const [v, c] of inUnit) {
      sameOrdered += c * c;
      this.agreeingPairs += (c * (c - 1)) / 2;
      this.values.set(v, (this.values.get(v) ?? 0) + c);
    }
    this.units++;
    this.pairs += (m * (m - 1)) / 2;
    // Each ordered pair of different values in the unit adds 1 / (m - 1) to the coincidences.
    this.disagreement += (m * m - sameOrdered) / (m - 1);
  }

  /** Agreeing pairs / all pairs of values within units; 0 without a pair. */
  observedAgreement(): number {
    return this.pairs === 0 ? 0 : this.agreeingPairs / this.pairs;
  }

  /**
   * alpha = 1 - (n - 1) * Do / De with Do = sum of off-diagonal coincidences and
   * De = sum over c != k of n_c * n_k = n^2 - sum n_c^2 (Krippendorff 2011, nominal).
   * 1 when expected disagreement is 0 (one category only); 0 without a pairable unit.
   */
  alpha(): number {
    let n = 0;
    let squares = 0;
    for (const c of this.values.values()) {
      n += c;
      squares += c * c;
    }
    if (n === 0) return 0;
    const expected = n * n - squares;
    return expected === 0 ? 1 : 1 - ((n - 1) * this.disagreement) / expected;
  }
}

/** Two labelers over the samples both labelled: their agreement and each one's category counts. */
class PairTally {
  readonly nominal = new NominalTally();
  readonly first = new Map<string, number>();
  readonly second = new Map<string, number>();

  add(a: string, b: string): void {
    this.nominal.add([a, b]);
    bump(this.first, a);
    bump(this.second, b);
  }

  /**
   * (po - pe) / (1 - pe) with po = agreeing / N and pe = sum_c a_c * b_c / N^2, computed as
   * (agreeing * N - sum a_c b_c) / (N^2 - sum a_c b_c) so integers stay exact until the division.
   * 1 when pe = 1 (both used one and the same category); null without items.
   */
  cohenKappa(): number | null {
    const n = this.nominal.units;
    if (n === 0) return null;
    let chance = 0;
    for (const [category, a] of this.first) chance += a * (this.second.get(category) ?? 0);
    return chance === n * n ? 1 : (this.nominal.agreeingPairs * n - chance) / (n * n - chance);
  }

  row(labelers: string[]): LabelAgreementRow {
    const { nominal } = this;
    return {
      labelers,
      items: nominal.units,
      observedAgreement: nominal.observedAgreement(),
      cohenKappa: this.cohenKappa(),
      krippendorffAlpha: nominal.alpha(),
    };
  }
}

/**
 * Agreement rows for a set of labels: one row per labeler pair (labelers sorted by id in
 * code-point order, pairs in that order: (a,b), (a,c), (b,c)), then one overall row listing all
 * labelers. Each labeler counts with its latest label per sample.
 *
 * Edge cases, chosen so that no number claims more than the labels show:
 * - Fewer than two labelers (or no labels): no rows. There is no comparison to report, and the
 *   GraphQL fields are non-null floats that would have to invent one.
 * - A pair that shares no sample (or an overall row where no sample has two labels): items 0,
 *   observedAgreement 0, cohenKappa null, krippendorffAlpha 0, i.e. no evidence of agreement
 *   (NaN has no place in a GraphQL Float). Read `items` before the coefficients.
 * - Nothing disagrees and only one category was used: kappa and alpha are 1.
 * - The overall row carries Cohen's kappa only with exactly two labelers (it is then the pair's).
 */
export function labelAgreement(labels: readonly LabelRecord[]): LabelAgreementRow[] {
  const bySample = latestValues(labels);
  const labelers = [...new Set(labels.map((l) => l.labelerId))].sort(compareCodePoints);
  const k = labelers.length;
  if (k < 2) return [];
  const index = new Map(labelers.map((id, i) => [id, i]));
  const pairs = new Map<number, PairTally>(); // key a * k + b, for labeler indexes a < b
  const overall = new NominalTally();
  for (const byLabeler of bySample.values()) {
    const present = [...byLabeler.values()].map((l) => ({ i: index.get(l.labelerId)!, value: l.value })).sort((x, y) => x.i - y.i);
    overall.add(present.map((p) => p.value));
    for (let x = 0; x < present.length; x++) {
      for (let y = x + 1; y < present.length; y++) {
        const key = present[x]!.i * k + present[y]!.i;
        const tally = pairs.get(key) ?? new PairTally();
        pairs.set(key, tally);
        tally.add(present[x]!.value, present[y]!.value);
      }
    }
  }
  const rows: LabelAgreementRow[] = [];
  for (let a = 0; a < k; a++) {
    for (let b = a + 1; b < k; b++) rows.push((pairs.get(a * k + b) ?? new PairTally()).row([labelers[a]!, labelers[b]!]));
  }
  rows.push({
    labelers,
    items: overall.units,
    observedAgreement: overall.observedAgreement(),
    cohenKappa: k === 2 ? rows[0]!.cohenKappa : null,
    krippendorffAlpha: overall.alpha(),
  });
  return rows;
}
