import { describe, expect, it } from "vitest";
import type { DatasetPurpose, Origin } from "./model.js";
import { purposeViolation, violationText, type SampleFacts } from "./purpose-policy.js";

const sample = (origin: Origin, over: Partial<SampleFacts> = {}): SampleFacts => ({
  id: "s1",
  origin,
  kind: null,
  runId: origin === "REAL" ? null : "run-1",
  runAligned: false,
  labelerKinds: [],
  ...over,
});

describe("purposeViolation (DOMAIN.md 3, the decision framework)", () => {
  it("PRETRAINING and FINE_TUNING take only REAL samples", () => {
    for (const purpose of ["PRETRAINING", "FINE_TUNING"] as const) {
      expect(purposeViolation(purpose, sample("REAL"))).toBeNull();
      expect(purposeViolation(purpose, sample("SYNTHETIC"))).toMatch(new RegExp(`^${purpose} .*SYNTHETIC`));
      expect(purposeViolation(purpose, sample("AUGMENTED"))).toMatch(/AUGMENTED/);
    }
  });

  it("TRAINING takes a generated sample only from a run with a passed DISTRIBUTION_ALIGNMENT check", () => {
    expect(purposeViolation("TRAINING", sample("REAL"))).toBeNull();
    expect(purposeViolation("TRAINING", sample("SYNTHETIC", { runAligned: true }))).toBeNull();
    expect(purposeViolation("TRAINING", sample("AUGMENTED"))).toBe(
      "TRAINING needs a passed DISTRIBUTION_ALIGNMENT check on generation run 'run-1'",
    );
  });

  it("EVALUATION and HOLDOUT need REAL samples with a label from a human", () => {
    for (const purpose of ["EVALUATION", "HOLDOUT"] as const) {
      expect(purposeViolation(purpose, sample("REAL", { labelerKinds: ["LLM", "HUMAN_CROWD"] }))).toBeNull();
      expect(purposeViolation(purpose, sample("REAL", { labelerKinds: ["HUMAN_EXPERT"] }))).toBeNull();
      expect(purposeViolation(purpose, sample("REAL", { labelerKinds: ["LLM", "PROGRAMMATIC"] }))).toBe(
        `${purpose} needs a label from a HUMAN_EXPERT or HUMAN_CROWD labeler`,
      );
      expect(purposeViolation(purpose, sample("REAL"))).toBe(`${purpose} needs a label from a HUMAN_EXPERT or HUMAN_CROWD labeler`);
      // origin is checked first: a human label does not make a synthetic sample real
      expect(purposeViolation(purpose, sample("SYNTHETIC", { labelerKinds: ["HUMAN_EXPERT"] }))).toBe(
        `${purpose} allows only REAL samples, not SYNTHETIC`,
      );
    }
  });

  it("RAG_CORPUS takes generated samples only of kind QA_PAIR or QUERY", () => {
    expect(purposeViolation("RAG_CORPUS", sample("REAL", { kind: "DOCUMENT" }))).toBeNull();
    expect(purposeViolation("RAG_CORPUS", sample("SYNTHETIC", { kind: "QA_PAIR" }))).toBeNull();
    expect(purposeViolation("RAG_CORPUS", sample("AUGMENTED", { kind: "QUERY" }))).toBeNull();
    expect(purposeViolation("RAG_CORPUS", sample("SYNTHETIC", { kind: "CHUNK" }))).toMatch(/not CHUNK/);
    expect(purposeViolation("RAG_CORPUS", sample("SYNTHETIC"))).toMatch(/not \(no kind\)/);
  });

  it("LOAD_TEST takes anything", () => {
    for (const origin of ["REAL", "SYNTHETIC", "AUGMENTED"] as const) expect(purposeViolation("LOAD_TEST", sample(origin))).toBeNull();
  });

  it("covers every purpose: a REAL sample labelled by a human breaks none", () => {
    const purposes: DatasetPurpose[] = ["PRETRAINING", "FINE_TUNING", "TRAINING", "EVALUATION", "HOLDOUT", "RAG_CORPUS", "LOAD_TEST"];
    for (const purpose of purposes)
      expect(purposeViolation(purpose, sample("REAL", { labelerKinds: ["HUMAN_CROWD"] })), purpose).toBeNull();
  });
});

describe("violationText", () => {
  it("names the sample once, then each version and its rule", () => {
    expect(
      violationText("s1", [
        { datasetVersionId: "v1", rule: "A" },
        { datasetVersionId: "v2", rule: "B" },
      ]),
    ).toBe("s1: v1 A; v2 B");
  });
});
