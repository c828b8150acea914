import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graphCounts, prefix, startApi, type TestApi } from "../helpers/api.js";
import { GENERATOR, INGEST } from "../helpers/ops.js";

/** Values that would break a query built by string concatenation, and bytes that are easy to lose. */
const HOSTILE = [
  "'}) MATCH (n) DETACH DELETE n //",
  '"}) DETACH DELETE n RETURN 1 //',
  "`Sample` WITH n CALL db.clearQueryCaches() //",
  "back\\slash \\u0000 and a real NUL: \u0000 end",
  "unicode: \u{1F600} \u05E9\u05DC\u05D5\u05DD e\u0301 \uFEFF \u2028",
  "$param {id: 1} ${x}",
];
const MEGABYTE = "x\u0000'`\"".repeat(1024 * 1024 / 5); // 5 characters x 209,715 = 1,048,575 characters

let api: TestApi;
beforeAll(async () => {
  api = await startApi();
});
afterAll(() => api.close());

describe("hostile values", () => {
  it("are stored and returned byte for byte, and change nothing else", async () => {
    const P = prefix("bytes");
    const before = await graphCounts(api.executor);
    const samples = HOSTILE.map((text, k) => ({
      id: `${P}${k}-${text.replace(/\u0000/g, "")}`.slice(0, 256),
      origin: "REAL",
      kind: text,
      slice: text,
      attributes: { [text]: text, nested: [text, { deeper: text }] },
    }));
    samples.push({ id: `${P}mb`, origin: "REAL", kind: "big", slice: MEGABYTE, attributes: { big: MEGABYTE, nested: [MEGABYTE.slice(0, 10)] } });
    const result = (await api.ok(INGEST, { s: samples })).ingestSamples;
    expect(result.created).toBe(samples.length); // 6 hostile + 1 of a megabyte

    const generatorName = HOSTILE.join(" | ");
    await api.ok(GENERATOR, { i: { id: `${P}gen-${HOSTILE[0]}`, name: generatorName, kind: "LLM", version: HOSTILE[2] } });

    for (const s of samples) {
      const { sample } = await api.ok(`query($id: ID!) { sample(id: $id) { id kind slice attributes } }`, { id: s.id });
      expect(sample).toEqual({ id: s.id, kind: s.kind, slice: s.slice, attributes: s.attributes });
    }
    const { generator } = await api.ok(`query($id: ID!) { generator(id: $id) { id name version } }`, { id: `${P}gen-${HOSTILE[0]}` });
    expect(generator).toEqual({ id: `${P}gen-${HOSTILE[0]}`, name: generatorName, version: HOSTILE[2] });

    // 7 samples + 1 generator, one audit event each; no relationship; nothing deleted
    expect(await graphCounts(api.executor)).toEqual({ nodes: before.nodes + 8 + 8, rels: before.rels, events: before.events + 8 });
  });
});
