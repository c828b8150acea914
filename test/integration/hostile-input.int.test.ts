import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graphCounts, prefix, startApi, type TestApi } from "../helpers/api.js";
import { Scenario } from "../helpers/scenario.js";
import { ADD, DATASET, INGEST, LABELS, RUN } from "../helpers/ops.js";

const CODES = ["BAD_USER_INPUT", "NOT_FOUND", "CONFLICT", "SEALED", "LINEAGE_CYCLE", "POLICY_VIOLATION", "QUERY_TOO_COMPLEX"];
let api: TestApi;
let s: Scenario;

beforeAll(async () => {
  api = await startApi();
  s = new Scenario(api, prefix("hostile"));
  await s.generator("gen");
  await s.run("run", "gen");
  await s.labeler("ann", "HUMAN_CROWD");
  await s.samples("known", 5, () => ({ origin: "REAL" }));
  await s.version("sealed", "TRAINING", [s.id("known-0")]);
  await s.version("open", "EVALUATION", [], { seal: false, enforcement: "STRICT" });
});
afterAll(() => api?.close());

/** Ids: mostly a small pool (so references dangle, repeat and collide), sometimes hostile text. */
const ids = () =>
  fc.oneof(
    {
      weight: 6,
      arbitrary: fc
        .constantFrom("a", "b", "c", "known-0", "known-1", "run", "gen", "ann", "sealed-v1", "open-v1")
        .map((x) => (x.length > 1 ? s.id(x) : `${s.p}x-${x}`)),
    },
    { weight: 1, arbitrary: fc.string({ maxLength: 300 }) },
    {
      weight: 1,
      arbitrary: fc.constantFrom("", "x".repeat(257), "') DETACH DELETE n //", "`; MATCH (n) DELETE n", "\u0000", 42, null, true),
    },
  );
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
const enumOr = (...values: string[]) => fc.oneof(fc.constantFrom(...values), fc.constantFrom("BOGUS", "", 7, null));

const sample = fc.record(
  {
    id: ids(),
    origin: enumOr("REAL", "SYNTHETIC", "AUGMENTED"),
    generationRunId: maybe(ids()),
    derivedFromIds: maybe(fc.array(ids(), { maxLength: 4 })),
    slice: maybe(fc.oneof(fc.string(), fc.integer())),
    attributes: maybe(fc.jsonValue()),
    createdAt: maybe(
      fc.oneof(
        fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
        fc.string(),
      ),
    ),
  },
  { requiredKeys: [] },
);

const calls = fc.oneof(
  fc.array(sample, { maxLength: 12 }).map((list) => [INGEST, { s: list }] as const),
  fc
    .array(
      fc.record(
        { id: ids(), sampleId: ids(), labelerId: ids(), value: fc.oneof(fc.string(), fc.integer()), confidence: maybe(fc.double()) },
        { requiredKeys: [] },
      ),
      { maxLength: 6 },
    )
    .map((list) => [LABELS, { l: list }] as const),
  fc.record({ v: ids(), ids: fc.oneof(fc.array(ids(), { maxLength: 8 }), fc.constant(null)) }).map((vars) => [ADD, vars] as const),
  fc
    .record(
      {
        id: ids(),
        generatorId: ids(),
        purpose: enumOr("RARE_EVENT", "AUGMENTATION"),
        seedSampleIds: maybe(fc.array(ids(), { maxLength: 3 })),
      },
      { requiredKeys: [] },
    )
    .map((i) => [RUN, { i }] as const),
  fc
    .record(
      { id: ids(), name: fc.string(), purpose: enumOr("TRAINING", "EVALUATION"), enforcement: maybe(enumOr("AUDIT", "STRICT")) },
      { requiredKeys: [] },
    )
    .map((i) => [DATASET, { i }] as const),
);

describe("hostile and malformed mutations", () => {
  it("never fail with a 5xx or an undocumented code, and a refused call changes nothing", async () => {
    await fc.assert(
      fc.asyncProperty(calls, async ([query, variables]) => {
        const before = await graphCounts(api.executor);
        const response = await fetch(api.url, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ query, variables }),
        });
        expect(response.status).toBeLessThan(500);
        const body = (await response.json()) as { errors?: Array<{ extensions?: { code?: string } }> };
        if (body.errors?.length) {
          for (const error of body.errors) expect(CODES).toContain(error.extensions?.code);
          expect(await graphCounts(api.executor)).toEqual(before);
        }
      }),
      { numRuns: 1500 },
    );
  }, 600_000);
});
