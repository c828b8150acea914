/**
 * Hostile values through every kind of write and back out through every kind of read.
 *
 * Ids, names, slices, labels, prompt texts and JSON attributes made of Cypher, quotes,
 * backticks, backslashes, control characters, NUL bytes, RTL and combining marks, astral
 * emoji and 1 MB strings are written through the GraphQL API, then read back through the API
 * (by id, through `node`, relationships, connections, lineage, the audit trail and the sealed
 * digest) and compared byte for byte with what was sent. What was sent is also hashed here,
 * the way DOMAIN.md says the server must, and compared with the server's hashes: a value
 * changed anywhere on the way (trimmed, normalised, re-escaped, truncated) fails the test.
 * Graph counts before and after prove that nothing but the intended writes happened.
 *
 * Lone surrogates (JSON can spell one as an escape, but it is no Unicode text) and keys that could
 * poison a prototype have their own tests below: both are refused whole.
 */
import { createHash } from "node:crypto";
import canonicalize from "canonicalize";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graphCounts, prefix, startApi, type TestApi } from "../helpers/api.js";
import { ADD, DATASET, GENERATOR, INGEST, LABELER, LABELS, PROMPT, RUN, SEAL, VERSION, VERIFY } from "../helpers/ops.js";

/** Values that break a query built by string concatenation, and bytes that are easy to lose. */
const HOSTILE = [
  "'}) DETACH DELETE n //",
  "MATCH (n) DETACH DELETE n",
  '"}) MATCH (n) SET n.id = "pwned" RETURN n //',
  "`Sample`) DETACH DELETE x WITH 1 AS y MATCH (`n`) // `` ```",
  "back\\slash \\\\ \\' \\\" \\u0000 \\n (escapes as text) and a real NUL: \u0000 end\u0000",
  "RTL: \u202Eevil\u202C \u05E9\u05DC\u05D5\u05DD \u0645\u0631\u062D\u0628\u0627 \u200F",
  "combining: e\u0301 Z\u0335\u0321\u0330a\u0336lgo \u0928\u093F zero-width \u200B\u200C\u200D BOM \uFEFF",
  "emoji: \u{1F600}\u{1F469}\u200D\u{1F469}\u200D\u{1F467} \u{1F3F3}\uFE0F\u200D\u{1F308} last plane \u{10FFFD}",
  "control: \t\n\r\u0001\u001F\u007F\u0085\u2028\u2029 and ${x} $param {id: 1} :param x => 1",
  'json-ish: {"a":1} [] null true /* */ -- ;DROP TABLE samples;',
  "   leading and trailing spaces   ",
  "CALL apoc.periodic.iterate('MATCH (n) RETURN n','DETACH DELETE n',{}) YIELD batches RETURN 1",
];

/** Code points (never half a surrogate pair) of `text`, cut so the result has at most `units` UTF-16 units. */
function fit(text: string, units: number): string {
  let out = "";
  for (const cp of text) {
    if (out.length + cp.length > units) break;
    out += cp;
  }
  return out;
}

/** About 1 MB of UTF-8 (1,048,576 UTF-16 units), mixing 1-, 2-, 3- and 4-byte characters, NULs and quotes. */
const PATTERN = "a\u0000'`\"\\\u00E9\u05E9\u20AC\u{1F600}\n"; // 12 UTF-16 units: 11 code points, one of them a surrogate pair
// Every slice of it below cuts at a multiple of 12 units plus at most 4, never inside the emoji's pair.
const MEGABYTE = PATTERN.repeat(Math.floor((1024 * 1024) / PATTERN.length)) + "z".repeat((1024 * 1024) % PATTERN.length); // 87,381 x 12 + 4 = 1,048,576 units

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");
/** DOMAIN.md 8: SHA-256 of the RFC 8785 JSON of the input, null or absent top-level fields left out. */
const payloadHash = (input: Record<string, unknown>) =>
  sha256(canonicalize(Object.fromEntries(Object.entries(input).filter(([, v]) => v != null)))!);
/** Code-point order, as DOMAIN.md 8 orders a digest's lines (not JavaScript's UTF-16 order). */
const byCodePoints = (a: string, b: string) => {
  const [x, y] = [Array.from(a), Array.from(b)];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i]!.codePointAt(0)! - y[i]!.codePointAt(0)!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
};

let api: TestApi;
beforeAll(async () => {
  api = await startApi();
});
afterAll(() => api?.close());

describe("hostile values through every write and every read", () => {
  it("are stored and returned byte for byte, hash as the client hashes them, and change nothing else", async () => {
    const P = prefix("b4b");
    // A canary written first: it must read back identical after all the hostile writes.
    const canary = { id: `${P}canary`, origin: "REAL", kind: "RECORD", slice: "canary", attributes: { untouched: true } };
    await api.ok(INGEST, { s: [canary] });
    const CANARY_READ = `query($id: ID!) { sample(id: $id) { id origin kind slice attributes createdAt contentHash } }`;
    const canaryBefore = (await api.ok(CANARY_READ, { id: canary.id })).sample;
    const before = await graphCounts(api.executor);

    // --- the writes -------------------------------------------------------------------------
    const labeler = { id: `${P}labeler ${HOSTILE[2]}`, name: HOSTILE.join(" | "), kind: "HUMAN_EXPERT", qualifications: HOSTILE };
    const generator = { id: `${P}gen ${HOSTILE[0]}`, name: HOSTILE[3], kind: "LLM", version: HOSTILE[4], model: HOSTILE[7] };
    const prompt = { id: `${P}prompt ${HOSTILE[4]}`, name: HOSTILE[5], version: HOSTILE[6], text: MEGABYTE };
    const run = {
      id: `${P}run ${HOSTILE[1]}`,
      generatorId: generator.id,
      promptId: prompt.id,
      purpose: "AUGMENTATION",
      randomSeed: HOSTILE[8],
      parameters: { [HOSTILE[0]!]: HOSTILE[9], temperature: 0.7, list: HOSTILE },
    };
    await api.ok(LABELER, { i: labeler });
    await api.ok(GENERATOR, { i: generator });
    const { registerPromptTemplate } = await api.ok(PROMPT, { i: prompt });
    expect(registerPromptTemplate.hash).toBe(sha256(MEGABYTE)); // DOMAIN.md: the hash of the text as sent
    await api.ok(RUN, { i: run });

    // Ids that differ only by normalisation, case or whitespace are different ids (DOMAIN.md 1:
    // compared byte for byte), and one id of exactly 256 UTF-16 units full of hostile characters.
    const lookalikes = [`${P}norm:\u00E9`, `${P}norm:e\u0301`, `${P}case:A`, `${P}case:a`, `${P}ws:x`, `${P}ws:x `, `${P}ws:x\u00A0`];
    // Ids that sort differently in code-point order (U+FEFF < U+FFFD < U+1F600) and in JavaScript's
    // UTF-16 order (0xD83D, the emoji's high surrogate, < 0xFEFF < 0xFFFD): the digest must use the former.
    const ordering = [`${P}order:\u{1F600}`, `${P}order:\uFFFD`, `${P}order:\uFEFF`];
    expect([...ordering].sort()).not.toEqual([...ordering].sort(byCodePoints));
    const head256 = `${P}256:`;
    const longest = fit(head256 + "\u{1F600}'`\\\u0000\u202E".repeat(100), 256);
    const id256 = longest + "x".repeat(256 - longest.length); // padded with x when a surrogate pair did not fit
    expect(id256.length).toBe(256); // the limit of DOMAIN.md 1, in UTF-16 units as the server counts
    // Keys that name Object.prototype members (the poisoning ones have their own test below).
    const proto = { constructor: "x", prototype: { constructor: "y" }, toString: "x", hasOwnProperty: null, valueOf: [] };

    const hostileSamples = HOSTILE.map((text, k) => ({
      id: `${P}${k}:${text}`,
      origin: "REAL",
      modality: text,
      kind: text,
      contentHash: text,
      slice: text,
      attributes: {
        [text]: text,
        nested: [text, { deeper: text, "": "" }, [], {}],
        numbers: [0, -1, 1.5, 9007199254740991, 1e21, 5e-324, 0.1],
        other: [true, false, null],
        proto,
      },
    }));
    for (const s of hostileSamples) expect(s.id.length).toBeLessThanOrEqual(256);
    const plainSamples = [...lookalikes, ...ordering, id256].map((id) => ({ id, origin: "REAL", slice: id }));
    const megaSample = {
      id: `${P}mb ${HOSTILE[3]}`,
      origin: "REAL",
      slice: MEGABYTE,
      attributes: { big: MEGABYTE, [MEGABYTE.slice(0, 1000)]: [MEGABYTE.slice(0, 12)] },
    };
    const augmented = {
      id: `${P}aug ${HOSTILE[5]}`,
      origin: "AUGMENTED",
      kind: HOSTILE[7],
      generationRunId: run.id,
      derivedFromIds: hostileSamples.map((s) => s.id),
      attributes: MEGABYTE.slice(0, 4096), // a JSON string, not an object, is also JSON
    };
    const samples = [...hostileSamples, ...plainSamples, megaSample, augmented];
    const ingested = (await api.ok(INGEST, { s: samples })).ingestSamples;
    // 12 hostile + 7 look-alikes + 3 ordering + 1 id of 256 units + 1 of a megabyte + 1 augmented = 25, all new
    expect(ingested).toEqual({ created: 25, unchanged: 0, violations: [] });

    const labels = hostileSamples.map((s, k) => ({
      id: `${s.id} label`,
      sampleId: s.id,
      labelerId: labeler.id,
      value: HOSTILE[(k + 1) % HOSTILE.length],
      guidelineVersion: HOSTILE[k],
    }));
    expect((await api.ok(LABELS, { l: labels })).recordLabels).toEqual({ created: 12, unchanged: 0, violations: [] }); // one per hostile sample

    const dataset = { id: `${P}ds ${HOSTILE[9]}`, name: HOSTILE[10], purpose: "TRAINING", enforcement: "AUDIT", externalRef: HOSTILE[11] };
    const version = { id: `${P}ds v1 ${HOSTILE[8]}`, datasetId: dataset.id, version: HOSTILE[6] };
    await api.ok(DATASET, { i: dataset });
    await api.ok(VERSION, { i: version });
    const added = (await api.ok(ADD, { v: version.id, ids: samples.map((s) => s.id) })).addSamplesToVersion;
    // 25 members; the augmented one comes from a run without a passed DISTRIBUTION_ALIGNMENT
    // check, which TRAINING records as a violation (DOMAIN.md 3), naming both hostile ids verbatim
    expect(added).toEqual({
      created: 25,
      unchanged: 0,
      violations: [`${augmented.id}: ${version.id} TRAINING needs a passed DISTRIBUTION_ALIGNMENT check on generation run '${run.id}'`],
    });
    const sealed = (await api.ok(SEAL, { id: version.id })).sealDatasetVersion;

    // --- nothing but the intended writes ------------------------------------------------------
    // nodes: 1 labeler + 1 generator + 1 prompt + 1 run + 25 samples + 12 labels + 1 dataset + 1 version = 43 entities;
    // events: one per entity (43) + 1 for addSamplesToVersion + 1 for the seal = 45.
    // rels: USED_GENERATOR + USED_PROMPT (2) + GENERATED_BY (1) + DERIVED_FROM (12) + LABELS and LABELED_BY (2 x 12 = 24)
    //       + VERSION_OF (1) + CONTAINS (25) = 65
    const after = await graphCounts(api.executor);
    expect(after).toEqual({ nodes: before.nodes + 43, rels: before.rels + 65, events: before.events + 45 });
    expect((await api.ok(CANARY_READ, { id: canary.id })).sample).toEqual(canaryBefore);

    // --- reads: by id -----------------------------------------------------------------------------
    const SAMPLE_READ = `query($id: ID!) { sample(id: $id) { id origin modality kind contentHash slice attributes
      derivedFrom { id } labels { id value guidelineVersion labeler { id name qualifications } } } }`;
    for (const [k, s] of hostileSamples.entries()) {
      const { sample } = await api.ok(SAMPLE_READ, { id: s.id });
      const { attributes, ...rest } = sample;
      expect(rest).toEqual({
        id: s.id,
        origin: "REAL",
        modality: s.modality,
        kind: s.kind,
        contentHash: s.contentHash,
        slice: s.slice,
        derivedFrom: [],
        labels: [
          {
            id: labels[k]!.id,
            value: labels[k]!.value,
            guidelineVersion: labels[k]!.guidelineVersion,
            labeler: { id: labeler.id, name: labeler.name, qualifications: HOSTILE },
          },
        ],
      });
      // Same JSON text, key order included: nothing re-escaped, reordered or dropped.
      expect(JSON.stringify(attributes)).toBe(JSON.stringify(s.attributes));
    }
    for (const s of plainSamples) {
      const { sample } = await api.ok(`query($id: ID!) { sample(id: $id) { id slice attributes } }`, { id: s.id });
      expect(sample).toEqual({ id: s.id, slice: s.id, attributes: null });
    }
    const { sample: mega } = await api.ok(`query($id: ID!) { sample(id: $id) { id slice attributes } }`, { id: megaSample.id });
    expect(mega.id).toBe(megaSample.id);
    expect(mega.slice.length).toBe(1024 * 1024);
    expect(Buffer.from(mega.slice, "utf8").equals(Buffer.from(MEGABYTE, "utf8"))).toBe(true);
    expect(JSON.stringify(mega.attributes)).toBe(JSON.stringify(megaSample.attributes));

    const { sample: aug } = await api.ok(
      `query($id: ID!) { sample(id: $id) { id kind attributes derivedFrom { id }
         generationRun { id randomSeed parameters generator { id name version model } prompt { id name version text hash } } } }`,
      { id: augmented.id },
    );
    expect(aug.attributes).toBe(augmented.attributes);
    expect(aug.kind).toBe(augmented.kind);
    expect(aug.derivedFrom.map((s: { id: string }) => s.id).sort()).toEqual(augmented.derivedFromIds.slice().sort());
    const { prompt: readPrompt, ...readRun } = aug.generationRun;
    expect(readRun).toEqual({
      id: run.id,
      randomSeed: run.randomSeed,
      parameters: run.parameters,
      generator: { id: generator.id, name: generator.name, version: generator.version, model: generator.model },
    });
    expect(JSON.stringify(readRun.parameters)).toBe(JSON.stringify(run.parameters));
    expect(readPrompt.text === MEGABYTE).toBe(true); // not toEqual: a diff of 1 MB strings is unreadable
    expect({ ...readPrompt, text: "" }).toEqual({
      id: prompt.id,
      name: prompt.name,
      version: prompt.version,
      text: "",
      hash: sha256(MEGABYTE),
    });

    // --- reads: through the Node interface, lineage and the dataset --------------------------------
    for (const id of samples.map((s) => s.id)) {
      expect((await api.ok(`query($id: ID!) { node(id: $id) { __typename id } }`, { id })).node).toEqual({ __typename: "Sample", id });
    }
    const { lineage } = await api.ok(
      `query($id: ID!) { lineage(id: $id, direction: UPSTREAM, depth: 1) { nodes { id } edges { from to type } } }`,
      { id: augmented.id },
    );
    // depth 1 upstream of the augmented sample: itself, its 12 sources and its run
    expect(lineage.nodes.map((n: { id: string }) => n.id).sort()).toEqual([augmented.id, run.id, ...augmented.derivedFromIds].sort());
    expect(lineage.edges).toHaveLength(13); // 12 DERIVED_FROM + 1 GENERATED_BY

    const { datasetVersion } = await api.ok(
      `query($id: ID!) { datasetVersion(id: $id) { id version digest dataset { id name externalRef } samples(first: 100) { edges { node { id contentHash } } } } }`,
      { id: version.id },
    );
    expect(datasetVersion.dataset).toEqual({ id: dataset.id, name: dataset.name, externalRef: dataset.externalRef });
    expect(datasetVersion.version).toBe(version.version);
    const members = datasetVersion.samples.edges.map((e: { node: { id: string; contentHash: string | null } }) => e.node);
    expect(members.map((m: { id: string }) => m.id).sort()).toEqual(samples.map((s) => s.id).sort()); // all 25
    // DOMAIN.md 8: the digest an auditor recomputes from what was sent, in code-point order. The
    // ids mix astral emoji with BMP characters above the surrogates (U+FEFF, U+FFFD...), where
    // code-point order and JavaScript's UTF-16 order disagree; tabs and newlines inside ids too.
    const lines = samples
      .map((s) => ({ id: s.id, contentHash: (s as { contentHash?: string }).contentHash ?? "" }))
      .sort((a, b) => byCodePoints(a.id, b.id))
      .map((m) => `${m.id}\t${m.contentHash}\n`);
    expect(sealed.digest).toBe(sha256(lines.join("")));
    expect(datasetVersion.digest).toBe(sealed.digest);

    // --- the audit trail names every subject verbatim, with the hash of exactly what was sent ------
    const TRAIL_OF = `query($s: ID) { auditTrail(subjectId: $s, first: 10) { totalCount edges { node { action subjectId payloadHash } } } }`;
    const expectOneEvent = async (action: string, input: Record<string, unknown>) => {
      const { auditTrail } = await api.ok(TRAIL_OF, { s: input.id });
      expect(auditTrail.totalCount, String(input.id)).toBe(1);
      expect(auditTrail.edges[0].node).toEqual({ action, subjectId: input.id, payloadHash: payloadHash(input) });
    };
    for (const s of samples) await expectOneEvent("ingestSamples", s);
    for (const l of labels) await expectOneEvent("recordLabels", l);
    await expectOneEvent("registerLabeler", labeler);
    await expectOneEvent("registerGenerator", generator);
    await expectOneEvent("registerPromptTemplate", prompt);
    await expectOneEvent("recordGenerationRun", run);
    await expectOneEvent("createDataset", dataset);
    const { auditTrail: versionTrail } = await api.ok(TRAIL_OF, { s: version.id });
    // createDatasetVersion, addSamplesToVersion (the 25 ids, code-point sorted, DOMAIN.md 8), sealDatasetVersion
    expect(versionTrail.edges.map((e: { node: unknown }) => e.node)).toEqual([
      { action: "createDatasetVersion", subjectId: version.id, payloadHash: payloadHash(version) },
      {
        action: "addSamplesToVersion",
        subjectId: version.id,
        payloadHash: payloadHash({ datasetVersionId: version.id, sampleIds: samples.map((s) => s.id).sort(byCodePoints) }),
      },
      { action: "sealDatasetVersion", subjectId: version.id, payloadHash: payloadHash({ id: version.id }) },
    ]);

    // --- sending it all again is unchanged: the stored input hashes match what is re-sent ----------
    expect((await api.ok(INGEST, { s: samples })).ingestSamples).toEqual({ created: 0, unchanged: 25, violations: [] });
    expect((await api.ok(LABELS, { l: labels })).recordLabels).toEqual({ created: 0, unchanged: 12, violations: [] });
    await api.ok(PROMPT, { i: prompt });
    await api.ok(RUN, { i: run });
    // ...while one changed byte under a stored id is a CONFLICT (here: NUL dropped from a slice)
    const withoutNul = { ...hostileSamples[4]!, slice: hostileSamples[4]!.slice.replaceAll("\u0000", "") };
    expect(await api.code(INGEST, { s: [withoutNul] })).toBe("CONFLICT");
    expect(await graphCounts(api.executor)).toEqual(after);
    const { verifyAuditLog } = await api.ok(VERIFY);
    expect(verifyAuditLog.valid).toBe(true);
  }, 180_000);

  it("a __proto__ or constructor.prototype key is refused whole with BAD_USER_INPUT; it never pollutes a prototype", async () => {
    const P = prefix("b4b-proto");
    // Sent as raw JSON text: a JavaScript object literal would turn "__proto__" into a prototype.
    const bodies = [
      `{"__proto__": {"polluted": "yes"}}`,
      `{"constructor": {"prototype": {"polluted": "yes"}}}`,
      `{"a": [{"b": {"__proto__": {"polluted": "yes"}}}]}`,
    ];
    for (const [k, attributes] of bodies.entries()) {
      const before = await graphCounts(api.executor);
      const id = `${P}${k}`;
      const body = `{"query": ${JSON.stringify(INGEST)}, "variables": {"s": [{"id": ${JSON.stringify(id)}, "origin": "REAL", "attributes": ${attributes}}]}}`;
      const response = await fetch(api.url, { method: "POST", headers: { "content-type": "application/json" }, body });
      const result = (await response.json()) as { errors?: Array<{ message: string; extensions?: { code?: string } }> };
      expect(({} as Record<string, unknown>).polluted, attributes).toBeUndefined(); // the server runs in this process
      expect(response.status, attributes).toBe(400);
      expect(result.errors?.[0]?.extensions?.code, attributes).toBe("BAD_USER_INPUT");
      expect(result.errors?.[0]?.message, attributes).toMatch(/prototype/);
      expect(await graphCounts(api.executor)).toEqual(before);
      expect((await api.ok(`query($id: ID!) { sample(id: $id) { id } }`, { id })).sample).toBeNull();
    }
  });

  it("a lone surrogate (a JSON escape like \\ud800, which is no Unicode text) is a BAD_USER_INPUT that changes nothing", async () => {
    // JSON text can spell one with an escape (RFC 8259 8.2), but it has no UTF-8 form, so it can
    // neither be hashed as RFC 8785 asks nor stored as it was sent: refusing it is the only
    // byte-for-byte answer, and it is the client's error, not an internal one.
    const P = prefix("b4b-surrogate");
    const cases = [
      `{"id": "${P}slice", "origin": "REAL", "slice": "a\\ud800b"}`,
      `{"id": "${P}attr", "origin": "REAL", "attributes": {"k": ["\\udfff"]}}`,
      `{"id": "${P}key", "origin": "REAL", "attributes": {"\\ud83d": 1}}`,
      `{"id": "${P}id\\udc00", "origin": "REAL"}`,
    ];
    for (const sample of cases) {
      const before = await graphCounts(api.executor);
      const body = `{"query": ${JSON.stringify(INGEST)}, "variables": {"s": [${sample}]}}`;
      const response = await fetch(api.url, { method: "POST", headers: { "content-type": "application/json" }, body });
      const result = (await response.json()) as { errors?: Array<{ extensions?: { code?: string } }> };
      expect(result.errors?.[0]?.extensions?.code, `${sample}: ${JSON.stringify(result)}`).toBe("BAD_USER_INPUT");
      expect(await graphCounts(api.executor)).toEqual(before);
    }
  });
});
