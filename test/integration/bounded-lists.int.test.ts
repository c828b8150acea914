/**
 * Checks that list offending members read the first 100 by id and count the rest exactly:
 * each purpose's policy, and the readiness checks over a model's training and evaluation sets.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prefix, startApi, type TestApi } from "../helpers/api.js";
import { READINESS, Scenario } from "../helpers/scenario.js";

let api: TestApi;
let s: Scenario;

const POLICY = `query($v: ID!) { datasetVersion(id: $v) { policy { status violationCount violations } } }`;
type Check = { rule: string; status: string; violationCount: number; violations: string[] };

/** The first 100 of these ids in code-point order (ASCII here, so the default sort). */
const first100 = (ids: readonly string[]) => [...ids].sort().slice(0, 100);
/** The ids the violations begin with (DOMAIN.md 8: an id, then ": " and the reason). */
const idsOf = (violations: readonly string[]) => violations.map((v) => v.slice(0, v.indexOf(": ")));

async function policyOf(versionId: string): Promise<Check> {
  return (await api.ok<{ datasetVersion: { policy: Check } }>(POLICY, { v: versionId })).datasetVersion.policy;
}

let preSynthetic: string[];
let evalUnlabelled: string[];
let evalSynthetic: string[];

beforeAll(async () => {
  api = await startApi();
  s = new Scenario(api, prefix("bounded"));
  await s.generator("gen");
  await s.run("run", "gen"); // no DISTRIBUTION_ALIGNMENT check: unaligned
  await s.labeler("expert", "HUMAN_EXPERT");
  preSynthetic = await s.samples("pre-syn", 130, () => ({ origin: "SYNTHETIC", generationRunId: s.id("run") }));
  evalUnlabelled = await s.samples("ev-real", 101, () => ({ origin: "REAL" }));
  evalSynthetic = await s.samples("ev-syn", 3, () => ({ origin: "SYNTHETIC", generationRunId: s.id("run") }));
  const evalLabelled = await s.samples("ev-ok", 10, () => ({ origin: "REAL" }));
  await s.label("expert", evalLabelled);
  const training = await s.version("pretrain", "PRETRAINING", [...preSynthetic, ...evalUnlabelled]);
  const evaluation = await s.version("eval", "EVALUATION", [...evalUnlabelled, ...evalSynthetic, ...evalLabelled]);
  await s.model("model", [training]);
  await s.evaluate(s.id("model"), evaluation);
});
afterAll(() => api?.close());

describe("offending members: the first 100 by id, and the exact count", () => {
  it("PRETRAINING: every generated member", async () => {
    // 130 SYNTHETIC members break it; the 101 REAL ones do not
    const policy = await policyOf(s.id("pretrain-v1"));
    expect(policy.violationCount).toBe(130);
    expect(idsOf(policy.violations)).toEqual(first100(preSynthetic));
  });

  it("EVALUATION: members not REAL or without a human label", async () => {
    // 101 REAL without a label + 3 SYNTHETIC = 104; the 10 labelled by the expert pass
    const policy = await policyOf(s.id("eval-v1"));
    expect(policy.violationCount).toBe(104);
    expect(idsOf(policy.violations)).toEqual(first100([...evalUnlabelled, ...evalSynthetic]));
  });

  it("RAG_CORPUS: generated members other than QA pairs and queries", async () => {
    // 105 SYNTHETIC documents break it; 10 SYNTHETIC queries and 5 REAL documents do not (unsealed: nothing is stored)
    const documents = await s.samples("rag-doc", 105, () => ({ origin: "SYNTHETIC", generationRunId: s.id("run"), kind: "DOCUMENT" }));
    const queries = await s.samples("rag-query", 10, () => ({ origin: "SYNTHETIC", generationRunId: s.id("run"), kind: "QUERY" }));
    const real = await s.samples("rag-real", 5, () => ({ origin: "REAL", kind: "DOCUMENT" }));
    const policy = await policyOf(await s.version("rag", "RAG_CORPUS", [...documents, ...queries, ...real], { seal: false }));
    expect(policy.violationCount).toBe(105);
    expect(idsOf(policy.violations)).toEqual(first100(documents));
  });

  it("TRAINING, unsealed: the members of unaligned runs, counted without stored run counts", async () => {
    // 110 SYNTHETIC members of the unaligned run break it; 5 REAL ones do not
    const generated = await s.samples("tr-syn", 110, () => ({ origin: "SYNTHETIC", generationRunId: s.id("run") }));
    const real = await s.samples("tr-real", 5, () => ({ origin: "REAL" }));
    const policy = await policyOf(await s.version("training", "TRAINING", [...generated, ...real], { seal: false }));
    expect(policy.violationCount).toBe(110);
    expect(idsOf(policy.violations)).toEqual(first100(generated));
  });

  it("readiness: evaluation issues, leaked samples and purpose violations", async () => {
    const { readiness } = await api.ok<{ readiness: { checks: Check[] } }>(READINESS, { id: s.id("model") });
    const check = (rule: string) => readiness.checks.find((c) => c.rule === rule)!;
    // EVAL_SETS_REAL: the 104 evaluation samples the EVALUATION policy flags
    expect(check("EVAL_SETS_REAL").violationCount).toBe(104);
    expect(idsOf(check("EVAL_SETS_REAL").violations)).toEqual(first100([...evalUnlabelled, ...evalSynthetic]));
    // NO_LEAKAGE: the 101 unlabelled REAL evaluation samples are also training samples
    expect(check("NO_LEAKAGE").violationCount).toBe(101);
    expect(idsOf(check("NO_LEAKAGE").violations)).toEqual(first100(evalUnlabelled));
    // PURPOSE_RESPECTED: 130 in the PRETRAINING version + 104 in the EVALUATION one, disjoint
    // (the 101 shared samples are REAL, which PRETRAINING allows): 234 distinct ids
    expect(check("PURPOSE_RESPECTED").violationCount).toBe(234);
    expect(idsOf(check("PURPOSE_RESPECTED").violations)).toEqual(first100([...preSynthetic, ...evalUnlabelled, ...evalSynthetic]));
  });

  it("readiness: a sample offending in two versions counts once, beyond the first 100 too", async () => {
    // a FINE_TUNING version holding the 130 SYNTHETIC samples of the PRETRAINING one and 20 more:
    // 130 + 150 offend, 150 distinct samples; the 130 shared ones list both breaches
    const more = await s.samples("ft-syn", 20, () => ({ origin: "SYNTHETIC", generationRunId: s.id("run") }));
    const fineTuning = await s.version("finetune", "FINE_TUNING", [...preSynthetic, ...more]);
    const model = await s.model("two-sets", [s.id("pretrain-v1"), fineTuning]);
    const { readiness } = await api.ok<{ readiness: { checks: Check[] } }>(READINESS, { id: model });
    const purpose = readiness.checks.find((c) => c.rule === "PURPOSE_RESPECTED")!;
    expect(purpose.violationCount).toBe(150);
    expect(idsOf(purpose.violations)).toEqual(first100([...preSynthetic, ...more]));
    const shared = purpose.violations.find((v) => v.startsWith(`${preSynthetic[0]}: `))!;
    expect(shared).toContain(`${s.id("pretrain-v1")} PRETRAINING`);
    expect(shared).toContain(`${fineTuning} FINE_TUNING`);
  });
});
