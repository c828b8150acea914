import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graphCounts, startApi, type TestApi } from "../helpers/api.js";

let api: TestApi;

beforeAll(async () => {
  api = await startApi({ PROVGRAPH_MAX_DEPTH: "12", PROVGRAPH_MAX_ALIASES: "30", PROVGRAPH_BODY_LIMIT_MB: "1" });
});
afterAll(() => api?.close());

/** A refused operation does no database work at all. */
async function refusedBeforeTheDatabase(query: string, variables: Record<string, unknown> = {}) {
  const before = await graphCounts(api.executor);
  const result = await api.gql(query, variables);
  expect(await graphCounts(api.executor)).toEqual(before);
  return result;
}

describe("limits on an operation", () => {
  it("refuses a query deeper than 12 levels", async () => {
    // sample > derivedFrom x 11 > id: 13 levels
    const deep = `{ sample(id: "x") { ${"derivedFrom { ".repeat(11)}id${" }".repeat(11)} } }`;
    const result = await refusedBeforeTheDatabase(deep);
    expect(result.errors?.[0]?.extensions?.code).toBe("QUERY_TOO_COMPLEX");
    expect(result.errors?.[0]?.message).toMatch(/depth limit of 12/);
    // 12 levels pass the depth limit; ten nested lists of unknown size (10 each) then fail on cost
    const twelve = await refusedBeforeTheDatabase(`{ sample(id: "x") { ${"derivedFrom { ".repeat(10)}id${" }".repeat(10)} } }`);
    expect(twelve.errors?.[0]?.message).toMatch(/^operation cost \d+ is over the limit/);
    // and an 11-level chain of single objects passes both
    expect(
      (
        await api.gql(
          `{ sample(id: "x") { generationRun { generator { trainedAs { trainingRun { trainedOn { dataset { versions { previous { dataset { name } } } } } } } } } } }`,
        )
      ).errors,
    ).toBeUndefined();
  });

  it("refuses more than 30 aliases", async () => {
    const aliases = Array.from({ length: 31 }, (_, i) => `a${i}: sample(id: "x") { id }`).join(" ");
    expect((await refusedBeforeTheDatabase(`{ ${aliases} }`)).errors?.[0]?.extensions?.code).toBe("QUERY_TOO_COMPLEX");
  });

  it("refuses an operation whose lists multiply past the cost limit", async () => {
    // 500 samples x derivedFrom (10) x derivedFrom (10) x labels (10) x 4 fields: about 3 million
    const costly = `{ samples(first: 500) { edges { node { derivedFrom { derivedFrom { labels { id value sample { id } labeler { id } } } } } } } }`;
    const result = await refusedBeforeTheDatabase(costly);
    expect(result.errors?.[0]?.extensions?.code).toBe("QUERY_TOO_COMPLEX");
    expect(result.errors?.[0]?.message).toMatch(/over the limit of 250000/);
  });

  it("prices the same operation again when the variables that size it change", async () => {
    // listCost: a field costs 1 + its children's cost x its size (first/limit, 10 for a list, else 1).
    // labels { id value sample { id } labeler { id } }: 1 + (1 + 1 + 2 + 2) x 10 = 61; the inner
    // derivedFrom 1 + 61 x 10 = 611, the outer 6,111; node 1 + 1 + 6,111 = 6,113; edges (the
    // connection's first items, counted there) 1 + 6,113 = 6,114; samples(first: n) 1 + 6,114 n:
    // 6,115 for n = 1, 305,701 for n = 50. Without the @include'd branch: node 2, edges 3,
    // samples 1 + 3 n = 151 for n = 50.
    const page = `query($n: Int, $deep: Boolean!) { samples(first: $n) { edges { node { id derivedFrom @include(if: $deep) { derivedFrom { labels { id value sample { id } labeler { id } } } } } } } }`;
    const costOf = async (variables: Record<string, unknown>) =>
      (await api.gql(page, variables)).errors?.[0]?.message ?? "within the limit";
    for (let round = 0; round < 2; round++) {
      expect(await costOf({ n: 1, deep: true })).toBe("within the limit");
      expect(await costOf({ n: 50, deep: true })).toMatch(/^operation cost 305701 is over the limit of 250000/);
      expect(await costOf({ n: 50, deep: false })).toBe("within the limit");
    }
  });

  it("refuses batched requests and bodies over the limit", async () => {
    const batched = await fetch(api.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify([{ query: "{ __typename }" }, { query: "{ __typename }" }]),
    });
    expect(batched.status).toBe(400);
    const big = await fetch(api.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "{ __typename }", variables: { pad: "x".repeat(2 * 1024 * 1024) } }),
    });
    expect(big.status).toBe(413);
    expect(((await big.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]!.extensions.code).toBe(
      "QUERY_TOO_COMPLEX",
    );
  });
});
