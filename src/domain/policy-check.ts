import { compareCodePoints } from "./code-points.js";

/** The shape of every rule's verdict: readiness checks and a dataset version's policy. */
export type CheckStatus = "PASSED" | "FAILED" | "NOT_APPLICABLE";

export const MAX_LISTED_VIOLATIONS = 100;

/** Offending items as reads return them: how many in all, and the first (up to 100) by id. */
export interface Counted<T> {
  count: number;
  first: readonly T[];
}

export interface PolicyCheck {
  rule: string;
  status: CheckStatus;
  detail: string;
  violationCount: number;
  /** The first 100 violations: ids, each optionally followed by ": " and a reason. */
  violations: string[];
  evidence: Record<string, unknown> | null;
}

/** The id a violation begins with (DOMAIN.md 8: the id, then optionally ": " and a reason). */
const idOf = (violation: string) => {
  const end = violation.indexOf(": ");
  return end === -1 ? violation : violation.slice(0, end);
};

/**
 * PASSED without violations, FAILED with them; each offending id is listed once, in id order.
 * `total`, when the caller counted more violations than it listed (the list then holds at least
 * the first 100 of them), is the violation count.
 */
export function verdict(
  rule: string,
  violations: readonly string[],
  detail: string,
  evidence: Record<string, unknown> | null = null,
  total?: number,
): PolicyCheck {
  const unique = [...new Set(violations)].sort((a, b) => compareCodePoints(idOf(a), idOf(b)) || compareCodePoints(a, b));
  const violationCount = Math.max(unique.length, total ?? 0);
  return {
    rule,
    status: violationCount === 0 ? "PASSED" : "FAILED",
    detail,
    violationCount,
    violations: unique.slice(0, MAX_LISTED_VIOLATIONS),
    evidence,
  };
}

/** FAILED for a reason that names no item (e.g. no evaluation at all). */
export function failed(rule: string, detail: string, evidence: Record<string, unknown> | null = null): PolicyCheck {
  return { rule, status: "FAILED", detail, violationCount: 0, violations: [], evidence };
}

export function notApplicable(rule: string, detail: string, evidence: Record<string, unknown> | null = null): PolicyCheck {
  return { rule, status: "NOT_APPLICABLE", detail, violationCount: 0, violations: [], evidence };
}

/** "1 sample", "2,000 samples". */
export function count(n: number, noun: string): string {
  return `${n.toLocaleString("en-US")} ${noun}${n === 1 ? "" : "s"}`;
}
