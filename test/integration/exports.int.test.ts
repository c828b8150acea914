/**
 * The exports for auditors and regulators (DOMAIN.md 10.1-10.3), read back by the reference
 * tools: the `prov` package for PROV-JSON, PROV-N and Turtle, mlcroissant for Croissant and its
 * member manifest. The pictures (10.4) are in lineage-picture.int.test.ts.
 */
import { execFile, spawnSync } from "node:child_process";
import { promisify } from "node:util";
import { createHash } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { venvBin } from "../../scripts/python-env.js";
import { DEMO, loadDemo } from "../../src/demo/demo-graph.js";
import { ROOT } from "../../src/paths.js";
import { lineage } from "../../src/services/lineage.js";
import { expectRefused, prefix, startApi, type TestApi } from "../helpers/api.js";

let api: TestApi;
/** The same database in open development mode: `expectRefused` and mlcroissant call without a key. */
let openApi: TestApi;
let base: string;
const KEYS = "ada:admin:k-admin,aldo:auditor:k-audit,rita:reader:k-read,wes:writer:k-write";
const P = prefix("exports");
const execFileAsync = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), "provgraph-exports-"));
/** Runs a script of test/python; asynchronously, since it may call the server this process runs. */
async function python(script: string, args: string[], env: Record<string, string> = {}): Promise<string> {
  const { stdout } = await execFileAsync(venvBin("python"), [join(ROOT, "test/python", script), ...args], {
    encoding: "utf8",
    env: { ...process.env, ...env },
    maxBuffer: 64 * 2 ** 20,
  });
  return stdout;
}

/**
 * A small sealed version whose ids hold every character class the syntaxes treat specially
 * (PROV-N's escaped `:`, `-`, `.`, `(`, `,`, `;`, `=`, `[`; what must be percent-encoded: space,
 * quote, backslash, `%`, `#`, `?`, non-ASCII). Slices, derived by hand for sliceBalance:
 * REAL x 3, y 1; generated x 1 SYNTHETIC, y 2 SYNTHETIC + 1 AUGMENTED.
 */
const ODD = [`a:b c`, `quote"and\\back`, `paren(1).`, `ünï-çødé`, `100%`, `semi;colon,comma=eq[1]`, `tab?hash#`, `plain`].map(
  (s) => `${P}${s}`,
);
const VERSION = `${P}v1`;
const UNSEALED = `${P}v2`;

async function loadFixture() {
  const admin = (q: string, v: Record<string, unknown> = {}) => api.ok(q, v, "k-admin");
  await admin(`mutation { registerGenerator(input: {id: "${P}gen", name: "odd writer", kind: LLM, version: "1"}) { id } }`);
  await admin(
    `mutation { recordGenerationRun(input: {id: "${P}run", generatorId: "${P}gen", purpose: AUGMENTATION, startedAt: "2026-11-23T10:00:00.000Z", endedAt: "2026-11-23T10:05:00.000Z"}) { id } }`,
  );
  const real = (i: number, slice: string) => ({ id: ODD[i], origin: "REAL", slice, contentHash: `h${i}` });
  const gen = (i: number, slice: string, origin = "SYNTHETIC") => ({
    id: ODD[i],
    origin,
    slice,
    generationRunId: `${P}run`,
    ...(origin === "AUGMENTED" ? { derivedFromIds: [ODD[0]] } : {}),
  });
  await admin(`mutation($s: [SampleInput!]!) { ingestSamples(samples: $s) { created } }`, {
    s: [real(0, "x"), real(1, "x"), real(2, "x"), real(3, "y"), gen(4, "x"), gen(5, "y"), gen(6, "y"), gen(7, "y", "AUGMENTED")],
  });
  await admin(`mutation { createDataset(input: {id: "${P}ds", name: "Odd ids", purpose: TRAINING}) { id } }`);
  for (const id of [VERSION, UNSEALED])
    await admin(
      `mutation($id: ID!, $version: String!) { createDatasetVersion(input: {id: $id, datasetId: "${P}ds", version: $version}) { id } }`,
      { id, version: id.slice(P.length) },
    );
  for (const id of [VERSION, UNSEALED])
    await admin(`mutation($v: ID!, $s: [ID!]!) { addSamplesToVersion(datasetVersionId: $v, sampleIds: $s) { created } }`, {
      v: id,
      s: ODD,
    });
  await admin(`mutation($id: ID!) { sealDatasetVersion(id: $id) { id } }`, { id: VERSION });
}

beforeAll(async () => {
  api = await startApi({ PROVGRAPH_API_KEYS: KEYS });
  openApi = await startApi();
  base = api.url.replace("/graphql", "");
  await loadDemo(api.executor, api.writeQueue);
  await loadFixture();
});
afterAll(async () => {
  await api?.close();
  await openApi?.close();
});

const get = (path: string, key = "k-read") => fetch(`${base}${path}`, { headers: key ? { authorization: `Bearer ${key}` } : {} });

/** PROV-DM relation of each relationship type, as DOMAIN.md 10.1 maps them. */
const RELATION: Record<string, string> = {
  GENERATED_BY: "wasGeneratedBy",
  PRODUCED_BY: "wasGeneratedBy",
  WRITTEN_BY: "wasGeneratedBy",
  DERIVED_FROM: "wasDerivedFrom",
  TRAINED_AS: "wasDerivedFrom",
  SEEDED_BY: "used",
  TRAINED_ON: "used",
  READ: "used",
  USED_GENERATOR: "wasAssociatedWith",
  LABELED_BY: "wasAttributedTo",
  CONTAINS: "hadMember",
  VERSION_OF: "specializationOf",
  LABELS: "wasInfluencedBy",
  CHECKS: "wasInfluencedBy",
  REVIEWS: "wasInfluencedBy",
};
const ACTIVITIES = new Set(["GenerationRun", "TrainingRun", "JobRun"]);
const AGENTS = new Set(["Generator", "Labeler"]);

const LINEAGE = `query($id: ID!, $limit: Int) { lineage(id: $id, direction: UPSTREAM, depth: 10, limit: $limit) { nodes { id label } edges { from to type } truncated } }`;

/** What the reference reader must find, derived from the lineage walk the export stands on. */
function expected(walk: { nodes: Array<{ id: string; label: string }>; edges: Array<{ type: string }> }) {
  const kinds: Record<string, number> = {};
  const add = (kind: string) => (kinds[kind] = (kinds[kind] ?? 0) + 1);
  for (const n of walk.nodes) add(ACTIVITIES.has(n.label) ? "activity" : AGENTS.has(n.label) ? "agent" : "entity");
  // USED_PROMPT is the plan of the run's association, not a relation of its own.
  for (const e of walk.edges) if (e.type !== "USED_PROMPT") add(RELATION[e.type] ?? "wasInfluencedBy");
  return { kinds, ids: walk.nodes.map((n) => n.id).sort(), plans: walk.edges.filter((e) => e.type === "USED_PROMPT").length };
}

async function readBack(id: string, limit: number) {
  const files = [];
  for (const [format, reader] of [
    ["json", "json"],
    ["provn", "provn"],
    ["ttl", "rdf"],
  ] as const) {
    const response = await get(`/export/prov/${encodeURIComponent(id)}?format=${format}&limit=${limit}`);
    expect(response.status, await response.clone().text()).toBe(200);
    const file = join(dir, `${createHash("sha256").update(id).digest("hex").slice(0, 8)}.${format}`);
    writeFileSync(file, await response.text());
    files.push(`${file}:${reader}`);
  }
  return JSON.parse(await python("prov_read.py", [`${base}/id/`, id, ...files]));
}

describe("provExport", () => {
  it("writes the summarizer's upstream in all three syntaxes, which prov reads back to one document matching the walk", async () => {
    for (const limit of [1000, 10_000]) {
      // The GraphQL cost limit keeps `lineage` under about 4,700 nodes a call: the whole walk is read from its service.
      const walk =
        limit === 1000
          ? (await api.ok(LINEAGE, { id: DEMO.collapse, limit }, "k-read")).lineage
          : await api.executor.read("test.lineage", (run) => lineage(run, DEMO.collapse, "UPSTREAM", 10, limit));
      // At 1,000 the training set's 1,600 members (depth 3) are cut; at 10,000 everything fits:
      // the 1,600 members, the trap's 5,000 training samples (1,000 shared) behind the distilled
      // writer, their runs, generators and prompt.
      expect(walk.truncated).toBe(limit === 1000);
      const want = expected(walk);
      const read = await readBack(DEMO.collapse, limit);
      for (const format of ["json", "provn", "rdf"]) {
        expect(read[format].kinds, `${format} at ${limit}`).toEqual(want.kinds);
        expect(read[format].ids, format).toEqual(want.ids);
        expect(read[format].plans, format).toBe(want.plans);
        expect(read[format].root["pg:truncated"], format).toBe(limit === 1000 ? "True" : undefined); // Python's str(True)
      }
      expect(read.same).toBe(true);
      if (limit === 10_000) {
        // demo:gen:gpt-4o-docs and demo:gen:distilled-writer; the invoice run follows its prompt.
        expect(want.kinds.agent).toBe(2);
        expect(want.plans).toBe(1);
      }
    }
  });
});

describe("provExport of a dataset version with ids every syntax must encode", () => {
  it("reads back with every id intact, and GraphQL returns the route's document", async () => {
    const walk = (await api.ok(LINEAGE, { id: VERSION, limit: 1000 }, "k-read")).lineage;
    const want = expected(walk);
    // The version, its dataset, 8 members, the run and its generator; hadMember 8, wasGeneratedBy 4
    // (3 SYNTHETIC, 1 AUGMENTED), wasDerivedFrom 1, wasAssociatedWith 1, specializationOf 1.
    expect(want.kinds).toEqual({
      entity: 10,
      activity: 1,
      agent: 1,
      hadMember: 8,
      specializationOf: 1,
      wasGeneratedBy: 4,
      wasDerivedFrom: 1,
      wasAssociatedWith: 1,
    });
    const read = await readBack(VERSION, 1000);
    for (const format of ["json", "provn", "rdf"]) {
      expect(read[format].kinds, format).toEqual(want.kinds);
      expect(read[format].ids, format).toEqual(want.ids);
    }
    expect(read.same).toBe(true);
    const provn = await (await get(`/export/prov/${encodeURIComponent(VERSION)}?format=provn`)).text();
    expect((await api.ok(`query($id: ID!) { provExport(of: $id, format: PROV_N) }`, { id: VERSION }, "k-read")).provExport).toBe(provn);
    expect(provn).toContain(`activity(pg:${P.replace(/-/g, "\\-")}run, 2026-11-23T10:00:00.000Z, 2026-11-23T10:05:00.000Z,`);
  });

  it("refuses what names nothing or asks badly, with the codes of the contract and no write", async () => {
    const Q = `query($id: ID!, $limit: Int) { provExport(of: $id, limit: $limit) }`;
    await expectRefused(openApi, Q, { id: `${P}nothing` }, "NOT_FOUND", /names nothing/);
    await expectRefused(openApi, Q, { id: VERSION, limit: 0 }, "BAD_USER_INPUT", /limit/);
    // An export may hold up to 100,000 nodes (PROV_MAX_LIMIT), ten times a lineage answer: 100,001 is one too many.
    await expectRefused(openApi, Q, { id: VERSION, limit: 100_001 }, "BAD_USER_INPUT", /limit must be between 1 and 100000; got 100001/);
    expect((await get(`/export/prov/${encodeURIComponent(VERSION)}?limit=20000`)).status).toBe(200); // over lineage's 10,000
    expect((await get(`/export/prov/${encodeURIComponent(`${P}nothing`)}`)).status).toBe(404);
    const bad = await get(`/export/prov/${encodeURIComponent(VERSION)}?format=xml`);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: "BAD_USER_INPUT", message: expect.stringMatching(/format/) } });
    expect((await get(`/export/prov/${encodeURIComponent(VERSION)}?limit=abc`)).status).toBe(400);
    expect((await get(`/export/prov/${encodeURIComponent(VERSION)}`, "")).status).toBe(401);
    expect((await get(`/export/prov/${encodeURIComponent(VERSION)}`, "k-nope")).status).toBe(401);
  });

  it("follows the roles of the queries it stands on: every role includes reader, the report alone needs auditor", async () => {
    const files = [
      `/export/prov/${encodeURIComponent(VERSION)}?format=ttl`,
      `/export/croissant/${encodeURIComponent(VERSION)}`,
      `/export/datasets/${encodeURIComponent(VERSION)}/members.tsv`,
      `/lineage/${encodeURIComponent(VERSION)}.svg`,
    ];
    const Q = `query($id: ID!) { provExport(of: $id, format: PROV_N) sliceBalance(of: $id) { realVsGeneratedDivergence } croissant(datasetVersionId: $id) }`;
    for (const key of ["k-read", "k-write", "k-audit", "k-admin"]) {
      for (const path of files) expect((await get(path, key)).status, `${key} ${path}`).toBe(200);
      expect((await api.ok(Q, { id: VERSION }, key)).provExport).toContain("document");
    }
    const report = `/reports/model-versions/${encodeURIComponent(DEMO.collapse)}?format=json`;
    for (const key of ["k-read", "k-write"]) {
      const refused = await get(report, key);
      expect(refused.status, key).toBe(403);
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("FORBIDDEN");
    }
  });
});

describe("sliceBalance", () => {
  const Q = `query($of: ID!) { sliceBalance(of: $of) { slices { slice total real synthetic augmented syntheticShare } realVsGeneratedDivergence ungroundedSlices } }`;

  it("counts the fixture's slices and the divergence derived by hand", async () => {
    const report = (await api.ok(Q, { of: VERSION }, "k-read")).sliceBalance;
    expect(report.slices).toEqual([
      { slice: "x", total: 4, real: 3, synthetic: 1, augmented: 0, syntheticShare: 0.25 }, // 1 / 4
      { slice: "y", total: 4, real: 1, synthetic: 2, augmented: 1, syntheticShare: 0.75 }, // 3 / 4; ties at 4, "x" < "y"
    ]);
    // REAL P = (x ¾, y ¼), generated Q = (x ¼, y ¾), M = (½, ½): each KL = ¾·log2(3/2) + ¼·log2(1/2)
    // = 0.75 × 0.5849625 − 0.25 = 0.1887219, JSD = ½·0.1887219 + ½·0.1887219 = 0.1887219 bits.
    expect(report.realVsGeneratedDivergence).toBeCloseTo(0.1887219, 6);
    expect(report.ungroundedSlices).toEqual([]);
  });

  it("covers a model version's distinct training samples, and NOT_FOUND for anything else", async () => {
    // demo:hr-rag:v1 is trained on the HR corpus: 20 documents + 100 chunks REAL, 200 queries SYNTHETIC,
    // 4 slices: documents 5, chunks 25 and queries 50 each (i % 4, i % 20 -> i % 4, i % 100 -> i % 4).
    const rag = (await api.ok(Q, { of: DEMO.rag }, "k-read")).sliceBalance;
    expect(rag.slices.map((s: any) => [s.slice, s.total, s.real, s.synthetic])).toEqual([
      ["benefits", 80, 30, 50],
      ["conduct", 80, 30, 50],
      ["leave", 80, 30, 50],
      ["remote work", 80, 30, 50],
    ]);
    expect(rag.realVsGeneratedDivergence).toBe(0); // the same spread on both sides
    await expectRefused(openApi, Q, { of: ODD[0] }, "NOT_FOUND", /names no dataset version, model version or generation run/);
  });
});

describe("croissant", () => {
  const Q = `query($id: ID!) { croissant(datasetVersionId: $id) }`;
  const TRAIN = "demo:ds:fraud-train:v1";

  it("describes a sealed demo version that mlcroissant validates and loads from the server, checksum verified", async () => {
    const response = await get(`/export/croissant/${encodeURIComponent(TRAIN)}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/ld\+json/);
    const text = await response.text();
    const jsonld = JSON.parse(text);
    expect((await api.ok(Q, { id: TRAIN }, "k-read")).croissant).toEqual(jsonld);
    const { datasetVersion } = await api.ok(
      `query($id: ID!) { datasetVersion(id: $id) { digest composition { total real synthetic } } }`,
      { id: TRAIN },
      "k-read",
    );
    expect(jsonld).toMatchObject({
      conformsTo: "http://mlcommons.org/croissant/1.1",
      name: "Fraud training set",
      url: `${base}/export/croissant/${encodeURIComponent(TRAIN)}`,
      license: "unknown",
      creator: { name: "demo" },
      distribution: [{ sha256: datasetVersion.digest, contentUrl: `${base}/export/datasets/${encodeURIComponent(TRAIN)}/members.tsv` }],
      "rai:dataCollectionType": ["Software Collection"],
      "prov:wasGeneratedBy": [{ "@id": `${base}/id/demo:run:fraud-rare` }],
    });
    expect(jsonld["prov:wasDerivedFrom"]).toHaveLength(20); // the rare-event run's 20 fraud seeds
    expect(jsonld["rai:dataPreprocessingProtocol"][0]).toMatch(
      /demo:run:fraud-rare .*RARE_EVENT.*300 samples.*Fraud scenario simulator.*seeded by 20 samples/,
    );
    const file = join(dir, "fraud-train.croissant.json");
    writeFileSync(file, text);
    // mlcroissant exits 1 and logs "Found the following N error(s)" on stderr when validation fails.
    const validation = spawnSync(venvBin("mlcroissant"), ["validate", "--jsonld", file], { encoding: "utf8" });
    expect(validation.status, validation.stderr).toBe(0);
    expect(validation.stderr).not.toMatch(/error\(s\)/);
    expect(validation.stderr).toMatch(/Done\./);

    const manifest = await get(`/export/datasets/${encodeURIComponent(TRAIN)}/members.tsv`);
    expect(manifest.headers.get("content-type")).toMatch(/^text\/tab-separated-values/);
    const bytes = Buffer.from(await manifest.arrayBuffer());
    expect(createHash("sha256").update(bytes).digest("hex")).toBe(datasetVersion.digest);
    const lines = bytes.toString("utf8").trimEnd().split("\n");
    expect(lines).toHaveLength(1280); // 980 real transactions + 300 rare events
    // mlcroissant fetches without a key: it reads from the server in open development mode.
    const output = await python(
      "croissant_records.py",
      [`${openApi.url.replace("/graphql", "")}/export/croissant/${encodeURIComponent(TRAIN)}`],
      { CROISSANT_CACHE: mkdtempSync(join(tmpdir(), "croissant-cache-")) },
    );
    const records = output
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(records.map((r: any) => `${r.sample_id}\t${r.content_hash}`)).toEqual(lines);
  });

  it("streams a manifest whose bytes hash to the digest for ids that need encoding, and fills RAI fields from the graph", async () => {
    const { datasetVersion } = await api.ok(`query($id: ID!) { datasetVersion(id: $id) { digest } }`, { id: VERSION }, "k-read");
    const bytes = Buffer.from(await (await get(`/export/datasets/${encodeURIComponent(VERSION)}/members.tsv`)).arrayBuffer());
    expect(createHash("sha256").update(bytes).digest("hex")).toBe(datasetVersion.digest);
    const jsonld = (await api.ok(Q, { id: VERSION }, "k-read")).croissant;
    expect(jsonld.creator).toEqual({ "@type": "sc:Organization", name: "ada" });
    expect(jsonld["rai:dataBiases"][0]).toMatch(/0\.1887 bits/);
    expect(jsonld["rai:dataLimitations"][0]).toBe("50.0% of the samples are generated (SYNTHETIC or AUGMENTED)."); // 4 of 8
  });

  it("refuses an unsealed version (BAD_USER_INPUT, 400) and an unknown one (NOT_FOUND, 404), writing nothing", async () => {
    await expectRefused(openApi, Q, { id: UNSEALED }, "BAD_USER_INPUT", new RegExp(`${UNSEALED}' is not sealed`));
    await expectRefused(openApi, Q, { id: `${P}nothing` }, "NOT_FOUND");
    for (const path of [
      `/export/croissant/${encodeURIComponent(UNSEALED)}`,
      `/export/datasets/${encodeURIComponent(UNSEALED)}/members.tsv`,
    ]) {
      const response = await get(path);
      expect(response.status, path).toBe(400);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe("BAD_USER_INPUT");
    }
    expect((await get(`/export/croissant/${encodeURIComponent(ODD[0])}`)).status).toBe(404); // a sample, not a version
    expect((await get(`/export/datasets/${encodeURIComponent(`${P}nothing`)}/members.tsv`)).status).toBe(404);
    expect((await get(`/export/croissant/${encodeURIComponent(VERSION)}`, "")).status).toBe(401);
  });
});
