import { describe, expect, it } from "vitest";
import { DomainError } from "./errors.js";
import { checkAcyclic, checkOrigin, generationDepths, type SampleDraft } from "./lineage-rules.js";

const codeOf = (work: () => void) => {
  try {
    work();
  } catch (error) {
    return error instanceof DomainError ? `${error.code}: ${error.message}` : String(error);
  }
  return "accepted";
};

describe("checkOrigin (DOMAIN.md 8, origins and edges)", () => {
  it("REAL has no run; SYNTHETIC one; AUGMENTED a run and a source", () => {
    expect(codeOf(() => checkOrigin({ id: "r", origin: "REAL", derivedFromIds: ["x"] }))).toBe("accepted");
    expect(codeOf(() => checkOrigin({ id: "r", origin: "REAL", generationRunId: "run" }))).toMatch(
      /^BAD_USER_INPUT: sample 'r' is REAL but names generationRunId 'run'/,
    );
    expect(codeOf(() => checkOrigin({ id: "s", origin: "SYNTHETIC", generationRunId: "run" }))).toBe("accepted");
    expect(codeOf(() => checkOrigin({ id: "s", origin: "SYNTHETIC" }))).toBe(
      "BAD_USER_INPUT: sample 's' is SYNTHETIC but names no generationRunId",
    );
    expect(codeOf(() => checkOrigin({ id: "a", origin: "AUGMENTED", generationRunId: "run", derivedFromIds: ["x"] }))).toBe("accepted");
    expect(codeOf(() => checkOrigin({ id: "a", origin: "AUGMENTED", derivedFromIds: ["x"] }))).toBe(
      "BAD_USER_INPUT: sample 'a' is AUGMENTED but names no generationRunId",
    );
    expect(codeOf(() => checkOrigin({ id: "a", origin: "AUGMENTED", generationRunId: "run", derivedFromIds: [] }))).toMatch(
      /^BAD_USER_INPUT: sample 'a' is AUGMENTED but names no derivedFromIds/,
    );
  });

  it("a sample naming itself is a cycle, one source named twice is bad input", () => {
    expect(codeOf(() => checkOrigin({ id: "s", origin: "REAL", derivedFromIds: ["s"] }))).toBe(
      "LINEAGE_CYCLE: sample 's' names itself in derivedFromIds",
    );
    expect(codeOf(() => checkOrigin({ id: "s", origin: "REAL", derivedFromIds: ["x", "x"] }))).toBe(
      "BAD_USER_INPUT: sample 's' names the same derivedFromIds entry twice",
    );
  });
});

describe("checkAcyclic", () => {
  const real = (id: string, ...sources: string[]): SampleDraft => ({ id, origin: "REAL", derivedFromIds: sources });

  it("accepts a DAG, sources outside the batch included", () => {
    // a <- b <- d, a <- c <- d, d <- stored: a diamond, no cycle
    expect(codeOf(() => checkAcyclic([real("a"), real("b", "a"), real("c", "a"), real("d", "b", "c", "stored")]))).toBe("accepted");
  });

  it("names the cycle it finds, in edge order", () => {
    // x -> y -> z -> x: the walk starts at x, the first sample
    expect(codeOf(() => checkAcyclic([real("x", "y"), real("y", "z"), real("z", "x")]))).toBe(
      "LINEAGE_CYCLE: DERIVED_FROM would close a cycle: 'x' -> 'y' -> 'z' -> 'x'",
    );
    // the cycle b -> c -> b is reached from a, which is not on it
    expect(codeOf(() => checkAcyclic([real("a", "b"), real("b", "c"), real("c", "b")]))).toBe(
      "LINEAGE_CYCLE: DERIVED_FROM would close a cycle: 'b' -> 'c' -> 'b'",
    );
  });

  it("walks a chain of 10,000 without recursion", () => {
    const chain = Array.from({ length: 10_000 }, (_, i) => real(`s${i}`, ...(i > 0 ? [`s${i - 1}`] : [])));
    expect(codeOf(() => checkAcyclic(chain))).toBe("accepted");
    chain[0] = real("s0", "s9999");
    expect(codeOf(() => checkAcyclic(chain))).toMatch(/^LINEAGE_CYCLE: /);
  });
});

describe("generationDepths (DOMAIN.md 2)", () => {
  // Stored: sample "old" at depth 2. Runs: "r0" has inputs of depth 0 (REAL seeds), "r3" a
  // generator trained on depth-3 data.
  const stored = (id: string) => ({ old: 2 })[id]!;
  const runInputs = (id: string) => ({ r0: 0, r3: 3 })[id]!;

  it("REAL is 0; a generated sample 1 + the deepest of its run's inputs and its sources", () => {
    const depths = generationDepths(
      [
        { id: "real", origin: "REAL", derivedFromIds: ["old"] }, // REAL ignores sources: 0
        { id: "syn", origin: "SYNTHETIC", generationRunId: "r0" }, // 1 + max(0) = 1
        { id: "aug", origin: "AUGMENTED", generationRunId: "r0", derivedFromIds: ["old"] }, // 1 + max(0, 2) = 3
        { id: "deep", origin: "SYNTHETIC", generationRunId: "r3" }, // 1 + 3 = 4
      ],
      stored,
      runInputs,
    );
    expect(Object.fromEntries(depths)).toEqual({ real: 0, syn: 1, aug: 3, deep: 4 });
  });

  it("follows sources in the same batch, in any order", () => {
    // c <- b <- a (a is REAL): b = 1 + max(r0: 0, a: 0) = 1; c = 1 + max(0, b: 1) = 2; listed c first
    const depths = generationDepths(
      [
        { id: "c", origin: "AUGMENTED", generationRunId: "r0", derivedFromIds: ["b"] },
        { id: "b", origin: "AUGMENTED", generationRunId: "r0", derivedFromIds: ["a"] },
        { id: "a", origin: "REAL" },
      ],
      stored,
      runInputs,
    );
    expect(Object.fromEntries(depths)).toEqual({ c: 2, b: 1, a: 0 });
  });

  it("walks an in-batch chain of 10,000 without recursion", () => {
    // s0 REAL, then s_i = 1 + s_(i-1): s9999 is at depth 9,999
    const chain: SampleDraft[] = Array.from({ length: 10_000 }, (_, i) =>
      i === 0 ? { id: "s0", origin: "REAL" } : { id: `s${i}`, origin: "AUGMENTED", generationRunId: "r0", derivedFromIds: [`s${i - 1}`] },
    );
    expect(generationDepths(chain.reverse(), stored, runInputs).get("s9999")).toBe(9_999);
  });
});
