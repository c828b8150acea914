/**
 * Computed fields carry a price in the operation's cost (src/api/common/priced.ts): refused
 * before the database when they multiply under lists, charged again as they resolve when a
 * list holds more than the estimate's 10, and accepted one at a time.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graphCounts, prefix, startApi, type TestApi } from "../helpers/api.js";
import { MODEL_VERSION } from "../helpers/ops.js";
import { Scenario } from "../helpers/scenario.js";

let api: TestApi;
let s: Scenario;
let training: string;

beforeAll(async () => {
  api = await startApi();
  s = new Scenario(api, prefix("priced"));
  training = await s.version("train", "TRAINING", await s.samples("real", 20, () => ({ origin: "REAL" })));
});
afterAll(() => api?.close());

/** Registers version `n` of the one model `family`. */
const registerVersion = (family: string, n: number) =>
  api.ok(MODEL_VERSION, {
    i: {
      id: s.id(`${family}-v${n}`),
      modelId: s.id(family),
      modelName: family,
      kind: "MODEL",
      version: String(n),
      trainedOnDatasetVersionIds: [training],
      trainingRunId: s.id(`${family}-training-${n}`),
    },
  });

async function refusedBeforeTheDatabase(query: string) {
  const before = await graphCounts(api.executor);
  const result = await api.gql(query);
  expect(await graphCounts(api.executor)).toEqual(before);
  expect(result.data ?? null).toBeNull();
  expect(result.errors?.[0]?.extensions?.code).toBe("QUERY_TOO_COMPLEX");
  return result.errors![0]!.message;
}

describe("priced computed fields", () => {
  it("refuses readiness under a page of 500 models before any database work, naming its price", async () => {
    // A field costs 1 + its price + its children x its size (first, else 10 for a list).
    // readiness { ready }: 1 + 20,000 + 1 = 20,002; versions (a list): 1 + 20,002 x 10 = 200,021;
    // node 1 + 200,021 = 200,022; edges (the connection's first, counted there) 200,023;
    // models(first: 500): 1 + 200,023 x 500 = 100,011,501.
    const message = await refusedBeforeTheDatabase(`{ models(first: 500) { edges { node { versions { readiness { ready } } } } } }`);
    expect(message).toMatch(/^operation cost 100011501 is over the limit of 250000 /);
    expect(message).toContain("ModelVersion.readiness 20000");
  });

  it("accepts one readiness report, and one model's versions with theirs", async () => {
    await registerVersion("single", 1);
    const one = await api.ok<{ readiness: { modelVersionId: string; checks: unknown[] } }>(
      `query($id: ID!) { readiness(modelVersionId: $id) { modelVersionId ready checks { rule status violationCount violations } } }`,
      { id: s.id("single-v1") },
    );
    expect(one.readiness.modelVersionId).toBe(s.id("single-v1"));
    expect(one.readiness.checks).toHaveLength(10);
    // model { versions { readiness { ready } } }: 1 + (1 + 20,002 x 10) = 200,022, within 250,000
    const nested = await api.ok<{ model: { versions: Array<{ readiness: { ready: boolean } }> } }>(
      `query($id: ID!) { model(id: $id) { versions { readiness { ready } } } }`,
      { id: s.id("single") },
    );
    expect(nested.model.versions).toHaveLength(1);
  });

  it("accepts two auditor reports in one operation and refuses three", async () => {
    const report = (alias: string) => `${alias}: auditorReport(modelVersionId: "${s.id("single-v1")}", format: JSON)`;
    // auditorReport: 1 + 100,000 = 100,001 each; two 200,002 (within), three 300,003 (over)
    const two = await api.ok<Record<string, string>>(`{ ${report("a")} ${report("b")} }`);
    expect(JSON.parse(two.a!).modelVersionId).toBe(s.id("single-v1"));
    const message = await refusedBeforeTheDatabase(`{ ${report("a")} ${report("b")} ${report("c")} }`);
    expect(message).toMatch(/^operation cost 300003 is over the limit/);
    expect(message).toContain("Query.auditorReport 100000");
  });

  it("charges computed fields as they resolve: a 13th readiness report in one operation is refused", async () => {
    // The estimate sizes `versions` at 10 (200,022 as above), so the operation is accepted and
    // each readiness is charged its 20,000 as it resolves: 12 cost 240,000, within 250,000; the
    // 13th would bring it to 260,000.
    const query = `query($id: ID!) { model(id: $id) { versions { id readiness { ready } } } }`;
    for (let n = 1; n <= 12; n++) await registerVersion("family", n);
    const twelve = await api.ok<{ model: { versions: Array<{ readiness: { ready: boolean } }> } }>(query, { id: s.id("family") });
    expect(twelve.model.versions.map((v) => typeof v.readiness.ready)).toEqual(Array(12).fill("boolean"));
    await registerVersion("family", 13);
    const thirteen = await api.gql(query, { id: s.id("family") });
    expect(thirteen.errors?.map((e) => e.extensions?.code)).toEqual(["QUERY_TOO_COMPLEX"]);
    expect(thirteen.errors![0]!.message).toMatch(
      /^ModelVersion\.readiness at model\.versions\.12\.readiness would bring the computed fields of this operation to cost 260000, over the limit of 250000/,
    );
  });
});
