/**
 * Label agreement (DOMAIN.md 6 and 8): Cohen's kappa per labeler pair and Krippendorff's alpha
 * (nominal, any number of labelers, missing labels allowed), from one label per (labeler,
 * sample): the latest.
 */
import { compareCodePoints } from "./digest.js";

export interface LabelRecord {
  labelerId: string;
  sampleId: string;
  value: string;
  createdAt: string;
  /** Write order, breaking ties of createdAt. */
  auditSeq: number;
}

export interface AgreementRow {
  labelers: string[];
  items: number;
  observedAgreement: number;
  cohenKappa: number | null;
  krippendorffAlpha: number;
}

/** sample id -> labeler id -> value, keeping each labeler's latest label on a sample. */
function latestLabels(labels: readonly LabelRecord[]): Map<string, Map<string, string>> {
  const latest = new Map<string, LabelRecord>();
  for (const label of labels) {
    const key = `${label.labelerId}\u0000${label.sampleId}`;
    const kept = latest.get(key);
    if (!kept || label.createdAt > kept.createdAt || (label.createdAt === kept.createdAt && label.auditSeq > kept.auditSeq)) latest.set(key, label);
  }
  const bySample = new Map<string, Map<string, string>>();
  for (const label of latest.values()) {
    const values = bySample.get(label.sampleId) ?? new Map<string, string>();
    values.set(label.labelerId, label.value);
    bySample.set(label.sampleId, values);
  }
  return bySample;
}

/**
 * Cohen's kappa of two label sequences of equal length: (po - pe) / (1 - pe). When expected
 * disagreement is 0 (both used one and the same category) nothing can disagree: 1.
 * Null for no items.
 */
export function cohenKappa(a: readonly string[], b: readonly string[]): number | null {
  const n = a.length;
  if (n === 0) return null;
  let agree = 0;
  const countA = new Map<string, number>();
  const countB = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    if (a[i] === b[i]) agree++;
    countA.set(a[i]!, (countA.get(a[i]!) ?? 0) + 1);
    countB.set(b[i]!, (countB.get(b[i]!) ?? 0) + 1);
  }
  const po = agree / n;
  let pe = 0;
  for (const [category, ca] of countA) pe += (ca / n) * ((countB.get(category) ?? 0) / n);
  return pe === 1 ? 1 : (po - pe) / (1 - pe);
}

/**
 * Krippendorff's alpha, nominal metric, over units given as their lists of values (units with
 * fewer than two values are not pairable and are ignored): 1 - (n - 1) * Do / De over the
 * coincidence matrix. 1 when expected disagreement is 0 (one category only); 0 when no unit
 * is pairable (there is no evidence of agreement).
 */
export function krippendorffAlpha(units: ReadonlyArray<readonly string[]>): number {
  const coincidence = new Map<string, Map<string, number>>();
  for (const values of units) {
    const m = values.length;
    if (m < 2) continue;
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < m; j++) {
        if (i === j) continue;
        const row = coincidence.get(values[i]!) ?? new Map<string, number>();
        row.set(values[j]!, (row.get(values[j]!) ?? 0) + 1 / (m - 1));
        coincidence.set(values[i]!, row);
      }
    }
  }
  const marginals = [...coincidence].map(([c, row]) => [c, [...row.values()].reduce((s, x) => s + x, 0)] as const);
  const n = marginals.reduce((s, [, nc]) => s + nc, 0);
  if (n === 0) return 0;
  let observed = 0;
  for (const [c, row] of coincidence) for (const [k, o] of row) if (c !== k) observed += o;
  let expected = 0;
  for (const [c, nc] of marginals) for (const [k, nk] of marginals) if (c !== k) expected += nc * nk;
  return expected === 0 ? 1 : 1 - ((n - 1) * observed) / expected;
}

/** Agreeing pairs / all pairs of labels within each unit. */
function observedAgreement(units: ReadonlyArray<readonly string[]>): number {
  let pairs = 0;
  let agreeing = 0;
  for (const values of units) {
    for (let i = 0; i < values.length; i++) {
      for (let j = i + 1; j < values.length; j++) {
        pairs++;
        if (values[i] === values[j]) agreeing++;
      }
    }
  }
  return pairs === 0 ? 0 : agreeing / pairs;
}

/**
 * One row per labeler pair (labelers sorted by id, pairs in id order), then one overall row
 * over all labelers. A pair with no shared sample has 0 items, observed agreement 0, no kappa
 * and alpha 0. With fewer than two labelers there is nothing to compare: no rows.
 */
export function labelAgreement(labels: readonly LabelRecord[]): AgreementRow[] {
  const bySample = latestLabels(labels);
  const labelers = [...new Set(labels.map((l) => l.labelerId))].sort(compareCodePoints);
  if (labelers.length < 2) return [];
  const rows: AgreementRow[] = [];
  for (let i = 0; i < labelers.length; i++) {
    for (let j = i + 1; j < labelers.length; j++) {
      const [x, y] = [labelers[i]!, labelers[j]!];
      const a: string[] = [];
      const b: string[] = [];
      for (const values of bySample.values()) {
        if (values.has(x) && values.has(y)) {
          a.push(values.get(x)!);
          b.push(values.get(y)!);
        }
      }
      const units = a.map((v, k) => [v, b[k]!]);
      rows.push({ labelers: [x, y], items: a.length, observedAgreement: observedAgreement(units), cohenKappa: cohenKappa(a, b), krippendorffAlpha: krippendorffAlpha(units) });
    }
  }
  const units = [...bySample.values()].map((values) => [...values.values()]).filter((values) => values.length >= 2);
  const pair = rows.length === 1 ? rows[0]! : null;
  rows.push({
    labelers,
    items: units.length,
    observedAgreement: observedAgreement(units),
    cohenKappa: pair ? pair.cohenKappa : null,
    krippendorffAlpha: krippendorffAlpha(units),
  });
  return rows;
}
