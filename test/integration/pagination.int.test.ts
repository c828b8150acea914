import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prefix, startApi, type TestApi } from "../helpers/api.js";
import { ADD, DATASET, GENERATOR, INGEST, LABELER, LABELS, RUN, TRAIL, VERSION } from "../helpers/ops.js";

const P = prefix("pages");
let api: TestApi;
const N = 520; // more than one page of the maximum size (500)

beforeAll(async () => {
  api = await startApi({ PROVGRAPH_DEBUG: "1" });
  await api.ok(GENERATOR, { i: { id: `${P}gen`, name: "g", kind: "LLM", version: "1" } });
  await api.ok(RUN, { i: { id: `${P}run`, generatorId: `${P}gen`, purpose: "AUGMENTATION" } });
  await api.ok(LABELER, { i: { id: `${P}lab`, name: "l", kind: "LLM" } });
  // every 4th sample is SYNTHETIC from the run and derived from the previous one: 520 / 4 = 130 synthetic
  const samples = Array.from({ length: N }, (_, i) => {
    const id = `${P}${String(i).padStart(4, "0")}`;
    return i % 4 === 3
      ? { id, origin: "SYNTHETIC", generationRunId: `${P}run`, derivedFromIds: [`${P}${String(i - 1).padStart(4, "0")}`] }
      : { id, origin: "REAL" };
  });
  await api.ok(INGEST, { s: samples });
  await api.ok(LABELS, { l: samples.map((s) => ({ id: `${s.id}-label`, sampleId: s.id, labelerId: `${P}lab`, value: "v" })) });
  await api.ok(DATASET, { i: { id: `${P}ds`, name: "d", purpose: "LOAD_TEST" } });
  await api.ok(VERSION, { i: { id: `${P}v`, datasetId: `${P}ds`, version: "1" } });
  await api.ok(ADD, { v: `${P}v`, ids: samples.map((s) => s.id) });
});
afterAll(() => api?.close());

const PAGE = `query($v: ID!, $first: Int, $after: String, $origin: Origin) { datasetVersion(id: $v) { samples(first: $first, after: $after, origin: $origin) {
  totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id generationRun { id generator { id } } labels { value labeler { id } } derivedFrom { id } } } } } }`;

describe("connections", () => {
  it("walks every member once, in id order, with totalCount", async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const conn: any = (await api.ok(PAGE, { v: `${P}v`, first: 200, after })).datasetVersion.samples;
      expect(conn.totalCount).toBe(N);
      seen.push(...conn.edges.map((e: any) => e.node.id));
      after = conn.pageInfo.hasNextPage ? conn.pageInfo.endCursor : null;
      pages++;
    } while (after);
    expect(pages).toBe(3); // 200 + 200 + 120
    expect(seen).toEqual([...seen].sort());
    expect(new Set(seen).size).toBe(N);
  });

  it("defaults to 100, filters by origin, and refuses 501 and foreign cursors", async () => {
    const conn = (await api.ok(PAGE, { v: `${P}v` })).datasetVersion.samples;
    expect(conn.edges).toHaveLength(100);
    const synthetic = (await api.ok(PAGE, { v: `${P}v`, origin: "SYNTHETIC", first: 500 })).datasetVersion.samples;
    expect(synthetic.totalCount).toBe(130);
    expect(synthetic.edges[0].node).toMatchObject({
      id: `${P}0003`,
      generationRun: { id: `${P}run`, generator: { id: `${P}gen` } },
      derivedFrom: [{ id: `${P}0002` }],
    });
    const over = await api.gql(PAGE, { v: `${P}v`, first: 501 });
    expect(over.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(over.errors?.[0]?.message).toMatch(/first must be between 0 and 500; got 501/);
    expect(await api.code(PAGE, { v: `${P}v`, after: "not-a-cursor" })).toBe("BAD_USER_INPUT");
    // a well-formed cursor of another list (a sample page's, or a seq that is no integer) is refused by the audit trail too
    for (const after of [conn.edges[0].cursor, Buffer.from("k:2.7").toString("base64url")])
      expect(await api.code(TRAIL, { first: 1, after })).toBe("BAD_USER_INPUT");
    const last = (await api.ok(PAGE, { v: `${P}v`, first: 500, after: conn.edges[99].cursor })).datasetVersion.samples;
    expect(last.pageInfo).toEqual({ hasNextPage: false, endCursor: last.edges.at(-1).cursor }); // 520 - 100 = 420 left, fewer than 500
  });

  it("costs the same database round trips for a page of 50 and of 500", async () => {
    const trips = async (first: number) => {
      const result = await api.gql(PAGE, { v: `${P}v`, first });
      expect(result.errors).toBeUndefined();
      expect(result.data!.datasetVersion.samples.edges).toHaveLength(first);
      return result.extensions?.roundTrips as number;
    };
    const small = await trips(50);
    const large = await trips(500);
    expect(large).toBe(small);
    // version(1) + page(1) + count(1) + run & derivedFrom & labels level (2) + generator & labeler level (1)
    expect(large).toBeLessThanOrEqual(8);
  });
});
