/**
 * W3C PROV over data assets (DOMAIN.md 9 and 10.1), read back by the reference reader (the
 * `prov` package): two source tables declared REAL and SYNTHETIC, the synthetic one written by a
 * generation run (OpenLineage with the provgraph_generation facet), a dbt model reading both
 * (the captured dbt-ol events), a check on the model table, and a model version trained on it.
 * Beside it, the lineage picture of an asset and Croissant of a version materialised as one.
 */
import { execFile, spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { venvBin } from "../../scripts/python-env.js";
import { ROOT } from "../../src/paths.js";
import { prefix, startApi, type TestApi } from "../helpers/api.js";
import { baseOf, postLineage } from "../helpers/lineage.js";

const KEYS = "ada:admin:k-admin,pipe:writer:k-write,rita:reader:k-read";
const P = prefix("provassets");
/** dbt-duckdb's namespace shape: ids hold `:`, `/`, `.`, `-` and `_`. */
const NS = `duckdb:///${P}warehouse/tickets.duckdb`;
const JOBS = `${P}jobs`;
const asset = (name: string) => `asset:${NS}/tickets.${name}`;
const A = { real: asset("raw.real_tickets"), synthetic: asset("raw.synthetic_tickets"), model: asset("main.training_tickets") };
const RUN = { build: randomUUID(), dbt: randomUUID(), generate: randomUUID() };
const ID = {
  generationRun: `${P}gen-run`,
  generator: `${P}llm`,
  prompt: `${P}prompt`,
  check: `${P}check`,
  training: `${P}train`,
  model: `${P}router`,
  version: `${P}router:v1`,
  dataset: `${P}tickets`,
  datasetVersion: `${P}tickets:v1`,
};
const TICKETS = [0, 1, 2].map((i) => `${P}ticket-${i}`);
const PRODUCER = "https://github.com/provgraph/tests/prov-assets";
/** The times the events carry; provgraph keeps milliseconds (the microseconds dbt-ol sends are dropped). */
const T = {
  generateStart: "2026-11-30T08:00:00.000Z",
  generateEnd: "2026-11-30T08:10:00.500Z",
  dbtStart: "2026-11-30T09:00:00.123456Z",
  dbtEnd: "2026-11-30T09:00:04.987654Z",
};

let api: TestApi;
/** The same database in open development mode: mlcroissant fetches the member manifest without a key. */
let openApi: TestApi;
let base: string;
const dir = mkdtempSync(join(tmpdir(), "provgraph-prov-assets-"));
const admin = (q: string, v: Record<string, unknown> = {}) => api.ok(q, v, "k-admin");
const get = (path: string) => fetch(`${base}${path}`, { headers: { authorization: "Bearer k-read" } });

/** A captured dbt-ol event of the union model, moved to this file's warehouse, jobs and runs, reading the two sources. */
function dbtEvent(file: string, eventTime: string): Record<string, any> {
  const e = JSON.parse(readFileSync(join(ROOT, "test/fixtures/openlineage/dbt-ol-1.54", file), "utf8"));
  e.eventTime = eventTime;
  e.job.namespace = JOBS;
  e.run.runId = RUN.dbt;
  const parent = e.run.facets.parent;
  parent.run.runId = parent.root.run.runId = RUN.build;
  parent.job.namespace = parent.root.job.namespace = JOBS;
  e.inputs[0].name = "tickets.raw.real_tickets";
  e.inputs[1].name = "tickets.raw.synthetic_tickets";
  for (const d of [...e.inputs, ...e.outputs]) d.namespace = NS;
  return e;
}

/** The run that wrote the synthetic source, with provgraph's generation facet. */
function generationEvent(eventType: string, eventTime: string): Record<string, unknown> {
  return {
    eventType,
    eventTime,
    producer: PRODUCER,
    schemaURL: "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
    run: {
      runId: RUN.generate,
      facets: {
        provgraph_generation: {
          _producer: PRODUCER,
          _schemaURL: `${base}/spec/facets/1-0-0/ProvgraphGenerationRunFacet.json#/$defs/ProvgraphGenerationRunFacet`,
          generationRunId: ID.generationRun,
          generator: { id: ID.generator, name: "ticket writer", kind: "LLM", version: "2026-11", model: "gpt-4o" },
          prompt: { id: ID.prompt, name: "ticket prompt", version: "1", text: "Write a helpdesk ticket." },
          purpose: "DOMAIN_SYNTHESIS",
        },
      },
    },
    job: { namespace: JOBS, name: "synthesize_tickets" },
    inputs: [],
    outputs: [{ namespace: NS, name: "tickets.raw.synthetic_tickets" }],
  };
}

beforeAll(async () => {
  api = await startApi({ PROVGRAPH_API_KEYS: KEYS });
  openApi = await startApi();
  base = baseOf(api);
  const declare = `mutation($input: AssetOriginInput!) { declareAssetOrigin(input: $input) { id } }`;
  for (const [name, origin] of [
    ["raw.real_tickets", "REAL"],
    ["raw.synthetic_tickets", "SYNTHETIC"],
  ])
    await api.ok(declare, { input: { asset: { namespace: NS, name: `tickets.${name}` }, origin } }, "k-write");
  for (const event of [
    generationEvent("START", T.generateStart),
    generationEvent("COMPLETE", T.generateEnd),
    dbtEvent("event-04.json", T.dbtStart),
    dbtEvent("event-09.json", T.dbtEnd),
  ])
    expect((await postLineage(api, event, "k-write")).status).toBe(201);
  await admin(
    `mutation($id: ID!, $s: ID!) { recordValidationCheck(input: {id: $id, subjectId: $s, kind: DATA_QUALITY, metric: "row_count", value: 240, threshold: 1, passed: true}) { id } }`,
    { id: ID.check, s: A.model },
  );
  await admin(`mutation($input: ModelVersionInput!) { registerModelVersion(input: $input) { id } }`, {
    input: {
      id: ID.version,
      modelId: ID.model,
      modelName: "ticket router",
      kind: "MODEL",
      version: "1",
      trainedOnDatasetVersionIds: [],
      trainingRunId: ID.training,
      trainedOnAssets: [{ namespace: NS, name: "tickets.main.training_tickets" }],
    },
  });
  // A sealed version of three REAL tickets, its dataset materialised as the real source table.
  await admin(`mutation($s: [SampleInput!]!) { ingestSamples(samples: $s) { created } }`, {
    s: TICKETS.map((id, i) => ({ id, origin: "REAL", slice: "helpdesk", contentHash: `h${i}` })),
  });
  await admin(`mutation($id: ID!) { createDataset(input: {id: $id, name: "Real tickets", purpose: TRAINING}) { id } }`, { id: ID.dataset });
  await admin(`mutation($id: ID!, $d: ID!) { createDatasetVersion(input: {id: $id, datasetId: $d, version: "1"}) { id } }`, {
    id: ID.datasetVersion,
    d: ID.dataset,
  });
  await admin(`mutation($v: ID!, $s: [ID!]!) { addSamplesToVersion(datasetVersionId: $v, sampleIds: $s) { created } }`, {
    v: ID.datasetVersion,
    s: TICKETS,
  });
  await admin(`mutation($id: ID!) { sealDatasetVersion(id: $id) { id } }`, { id: ID.datasetVersion });
  await admin(`mutation($d: ID!, $a: AssetRefInput!) { linkDatasetToAsset(datasetId: $d, asset: $a) { id } }`, {
    d: ID.dataset,
    a: { namespace: NS, name: "tickets.raw.real_tickets" },
  });
}, 180_000);
afterAll(async () => {
  await api?.close();
  await openApi?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Writes the three syntaxes to files and reads them back with `prov` (test/python/prov_read.py). */
async function readBack(root: string, documents: Record<"json" | "provn" | "rdf", string>) {
  const files = Object.entries(documents).map(([format, text]) => {
    const file = join(dir, `${randomUUID()}.${format}`);
    writeFileSync(file, text);
    return `${file}:${format}`;
  });
  const { stdout } = await promisify(execFile)(venvBin("python"), [join(ROOT, "test/python/prov_read.py"), `${base}/id/`, root, ...files], {
    encoding: "utf8",
    maxBuffer: 64 * 2 ** 20,
  });
  return JSON.parse(stdout);
}

const entity = (...types: string[]) => ({ kind: "entity", types: types.sort() });
const activity = (type: string, start: string | null = null, end: string | null = null) => ({
  kind: "activity",
  types: [type],
  start,
  end,
});
const pg = (id: string) => `pg:${id}`;

/**
 * The upstream of the asset, as DOMAIN.md 9 and 10.1 say: the model table, the check on it, the
 * dbt run that wrote it, that run's two inputs and its parent (the dbt build, which sent no event
 * of its own: no times), the generation job run behind the synthetic source, its generation run,
 * generator and prompt. No Job (RUN_OF), LineageEvent (ABOUT) or OriginDeclaration (DECLARED).
 */
const ASSET_ELEMENTS = {
  [A.model]: entity("pg:DataAsset"),
  [A.real]: entity("pg:DataAsset"),
  [A.synthetic]: entity("pg:DataAsset"),
  [ID.check]: entity("pg:ValidationCheck"),
  [RUN.dbt]: activity("pg:JobRun", "2026-11-30T09:00:00.123Z", "2026-11-30T09:00:04.987Z"),
  [RUN.build]: activity("pg:JobRun"),
  [RUN.generate]: activity("pg:JobRun", T.generateStart, T.generateEnd),
  [ID.generationRun]: activity("pg:GenerationRun"), // the facet carries no times
  [ID.generator]: { kind: "agent", types: ["pg:Generator", "prov:SoftwareAgent"] },
  [ID.prompt]: entity("pg:PromptTemplate", "prov:Plan"),
};
const ASSET_RELATIONS = [
  ["wasGeneratedBy", pg(A.model), pg(RUN.dbt)], // WRITTEN_BY
  ["wasGeneratedBy", pg(A.synthetic), pg(RUN.generate)], // WRITTEN_BY
  ["used", pg(RUN.dbt), pg(A.real)], // READ
  ["used", pg(RUN.dbt), pg(A.synthetic)], // READ
  ["wasInfluencedBy", pg(A.model), pg(ID.check)], // CHECKS: the check points at the asset, the asset is influenced
  ["wasInfluencedBy", pg(RUN.dbt), pg(RUN.build)], // CHILD_OF
  ["wasInfluencedBy", pg(RUN.generate), pg(ID.generationRun)], // IS_GENERATION
  ["wasAssociatedWith", pg(ID.generationRun), pg(ID.generator), pg(ID.prompt)], // USED_GENERATOR, USED_PROMPT its plan
];
/** The model version adds itself, its model (VERSION_OF) and its training run (PRODUCED_BY), which used the asset (TRAINED_ON). */
const MODEL_ELEMENTS = {
  ...ASSET_ELEMENTS,
  [ID.version]: entity("pg:ModelVersion"),
  [ID.model]: entity("pg:Model"),
  [ID.training]: activity("pg:TrainingRun"),
};
const MODEL_RELATIONS = [
  ...ASSET_RELATIONS,
  ["specializationOf", pg(ID.version), pg(ID.model)],
  ["wasGeneratedBy", pg(ID.version), pg(ID.training)],
  ["used", pg(ID.training), pg(A.model)],
];
const sorted = (relations: string[][]) => [...relations].sort((a, b) => (a.join("\u0000") < b.join("\u0000") ? -1 : 1));

describe("provExport across OpenLineage assets and the sample graph", () => {
  it("writes a model version trained on an asset: every node once with its PROV class, READ and TRAINED_ON as used, WRITTEN_BY as wasGeneratedBy", async () => {
    const Q = `query($of: ID!, $format: ProvFormat!) { provExport(of: $of, format: $format) }`;
    const docs = { json: "PROV_JSON", provn: "PROV_N", rdf: "TURTLE" } as const;
    const texts = Object.fromEntries(
      await Promise.all(
        Object.entries(docs).map(async ([f, format]) => [f, (await api.ok(Q, { of: ID.version, format }, "k-read")).provExport]),
      ),
    );
    const read = await readBack(ID.version, texts);
    // 13 nodes: 10 upstream of the asset and the version, its model and its training run.
    expect(Object.keys(MODEL_ELEMENTS)).toHaveLength(13);
    // 11 relations: the asset's 8 and specializationOf, wasGeneratedBy, used.
    expect(MODEL_RELATIONS).toHaveLength(11);
    for (const format of Object.keys(docs)) {
      expect(read[format].elements, format).toEqual(MODEL_ELEMENTS);
      expect(read[format].relations, format).toEqual(sorted(MODEL_RELATIONS));
      // entities: version, model, 3 assets, check, prompt = 7; activities: training, 3 job runs, generation run = 5;
      // wasGeneratedBy 3 (PRODUCED_BY, 2 WRITTEN_BY), used 3 (TRAINED_ON, 2 READ), wasInfluencedBy 3 (CHECKS, CHILD_OF, IS_GENERATION).
      expect(read[format].kinds, format).toEqual({
        entity: 7,
        activity: 5,
        agent: 1,
        wasGeneratedBy: 3,
        used: 3,
        wasInfluencedBy: 3,
        wasAssociatedWith: 1,
        specializationOf: 1,
      });
    }
    expect(read.same).toBe(true);
    // PROV-N escapes `:`, `-` and `.` in a local part and leaves `/` as it is (PN_CHARS_OTHERS); Turtle writes the full IRI.
    const escaped = A.model.replace(/[:\-.]/g, (c) => `\\${c}`);
    expect(texts.provn).toContain(`entity(pg:${escaped}, [prov:type='pg:DataAsset', prov:label="tickets.main.training_tickets"])`);
    expect(texts.rdf).toContain(`<${base}/id/${A.model}> a prov:Entity, <${base}/id/DataAsset>`);
  });

  it("writes the asset's own upstream through the route, its id URL-encoded, in all three syntaxes", async () => {
    const texts: Record<string, string> = {};
    for (const [format, reader] of [
      ["json", "json"],
      ["provn", "provn"],
      ["ttl", "rdf"],
    ]) {
      const response = await get(`/export/prov/${encodeURIComponent(A.model)}?format=${format}`);
      expect(response.status, format).toBe(200);
      texts[reader] = await response.text();
    }
    const read = await readBack(A.model, texts as Record<"json" | "provn" | "rdf", string>);
    for (const format of ["json", "provn", "rdf"]) {
      expect(read[format].elements, format).toEqual(ASSET_ELEMENTS);
      expect(read[format].relations, format).toEqual(sorted(ASSET_RELATIONS));
      expect(read[format].root, format).not.toHaveProperty("pg:truncated"); // 10 nodes, under the default limit of 1,000
    }
    expect(read.same).toBe(true);
  });
});

describe("a dataset version materialised as an asset", () => {
  it("exports the asset upstream of the version, and Croissant still validates and loads with mlcroissant", async () => {
    const Q = `query($of: ID!, $format: ProvFormat!) { provExport(of: $of, format: $format) }`;
    const texts = {
      json: (await api.ok(Q, { of: ID.datasetVersion, format: "PROV_JSON" }, "k-read")).provExport,
      provn: (await api.ok(Q, { of: ID.datasetVersion, format: "PROV_N" }, "k-read")).provExport,
      rdf: (await api.ok(Q, { of: ID.datasetVersion, format: "TURTLE" }, "k-read")).provExport,
    };
    const read = await readBack(ID.datasetVersion, texts);
    // The version, its dataset (VERSION_OF), its 3 members (CONTAINS) and the real source table
    // (MATERIALIZED_AS, one step from the version); the table has no writer: nothing beyond it.
    const elements = {
      [ID.datasetVersion]: entity("pg:DatasetVersion", "prov:Collection"),
      [ID.dataset]: entity("pg:Dataset"),
      [A.real]: entity("pg:DataAsset"),
      ...Object.fromEntries(TICKETS.map((id) => [id, entity("pg:REAL")])),
    };
    const relations = [
      ["specializationOf", pg(ID.datasetVersion), pg(ID.dataset)],
      ["wasInfluencedBy", pg(ID.datasetVersion), pg(A.real)],
      ...TICKETS.map((id) => ["hadMember", pg(ID.datasetVersion), pg(id)]),
    ];
    for (const format of ["json", "provn", "rdf"]) {
      expect(read[format].elements, format).toEqual(elements);
      expect(read[format].relations, format).toEqual(sorted(relations));
    }
    expect(read.same).toBe(true);

    const response = await get(`/export/croissant/${encodeURIComponent(ID.datasetVersion)}`);
    expect(response.status).toBe(200);
    const file = join(dir, "tickets.croissant.json");
    writeFileSync(file, await response.text());
    // mlcroissant exits 1 and logs "Found the following N error(s)" on stderr when validation fails.
    const validation = spawnSync(venvBin("mlcroissant"), ["validate", "--jsonld", file], { encoding: "utf8" });
    expect(validation.status, validation.stderr).toBe(0);
    expect(validation.stderr).not.toMatch(/error\(s\)/);
    const { stdout } = await promisify(execFile)(
      venvBin("python"),
      [join(ROOT, "test/python/croissant_records.py"), `${baseOf(openApi)}/export/croissant/${encodeURIComponent(ID.datasetVersion)}`],
      { encoding: "utf8", env: { ...process.env, CROISSANT_CACHE: mkdtempSync(join(dir, "croissant-cache-")) } },
    );
    // The manifest is `<sample id>\t<contentHash>` sorted by id: the three tickets, h0..h2 in id order.
    expect(
      stdout
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line)),
    ).toEqual(TICKETS.map((id, i) => ({ sample_id: id, content_hash: `h${i}` })));
  });
});

describe("the lineage picture of an asset", () => {
  /** The node ids a picture draws (`<g class="n" data-id="...">`); ids here need no XML escaping. */
  /** Its edges (`<path class="e">`, `class="e syn"` on a path that carries generated data), counted by colour. */
  const colours = (svg: string) => ({
    synthetic: svg.match(/<path class="e syn"/g)?.length ?? 0,
    real: svg.match(/<path class="e"/g)?.length ?? 0,
  });
  const drawn = (svg: string) => [...svg.matchAll(/<g class="n[^"]*" data-id="([^"]*)">/g)].map((m) => m[1]).sort();

  it("is served for an asset id with `:` and `/`, URL-encoded, back through the generation run to its generator and prompt", async () => {
    const response = await get(`/lineage/${encodeURIComponent(A.model)}.svg`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^image\/svg\+xml/);
    const svg = await response.text();
    expect(svg).toContain(`aria-label="Lineage of ${A.model}"`);
    // WRITTEN_BY the dbt run, which READ both sources; the synthetic one WRITTEN_BY the generation
    // job run, which IS_GENERATION of the generation run, with its generator and prompt: 8 nodes.
    // The check, the parent run (CHILD_OF) and the events are not drawn.
    // Generated data leaves the generation run: its generator and prompt feed it, and everything
    // downstream of it carries it (6 edges); the real source's edge into the dbt run alone is real.
    expect(colours(svg)).toEqual({ synthetic: 6, real: 1 });
    expect(drawn(svg)).toEqual([A.model, RUN.dbt, A.real, A.synthetic, RUN.generate, ID.generationRun, ID.generator, ID.prompt].sort());
  });

  it("draws a model version's training assets, and a dataset version's materialised asset", async () => {
    const modelSvg = await (await get(`/lineage/${encodeURIComponent(ID.version)}.svg`)).text();
    // The asset's picture's 6 synthetic edges and the 2 downstream of them (into the training run, into the version); the real source's 1.
    expect(colours(modelSvg)).toEqual({ synthetic: 8, real: 1 });
    const model = drawn(modelSvg);
    // The asset's 8 and the version and its training run (PRODUCED_BY, TRAINED_ON).
    expect(model).toEqual(
      [ID.version, ID.training, A.model, RUN.dbt, A.real, A.synthetic, RUN.generate, ID.generationRun, ID.generator, ID.prompt].sort(),
    );
    const versionSvg = await (await get(`/lineage/${encodeURIComponent(ID.datasetVersion)}.svg`)).text();
    expect(colours(versionSvg)).toEqual({ synthetic: 0, real: 2 }); // from the real table, and the 3 REAL members' count
    const version = drawn(versionSvg);
    // The version, the real table its dataset is MATERIALIZED_AS, and the group node its 3 REAL members are counted on.
    expect(version).toEqual([ID.datasetVersion, A.real, `samples:${ID.datasetVersion}:CONTAINS`].sort());
  });
});
