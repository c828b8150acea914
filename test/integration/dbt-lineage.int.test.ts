/**
 * A real dbt project on dbt-duckdb run with `dbt-ol build` against provgraph
 * (test/fixtures/dbt/tickets): two source tables declared REAL and SYNTHETIC, a staging model
 * over each, their union (MIXED), a model downstream of the union declared REAL (a conflict),
 * and the union's dbt tests arriving as DATA_QUALITY checks.
 */
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { venvBin } from "../../scripts/python-env.js";
import { ROOT } from "../../src/paths.js";
import { expectRefused, prefix, startApi, type TestApi } from "../helpers/api.js";
import { baseOf, runScript, runTool } from "../helpers/lineage.js";

const KEYS = "dbt:writer:k-dbt,auditor:auditor:k-auditor";
const P = prefix("dbt");
let api: TestApi;
let dir: string;
let namespace: string;
const table = (name: string) => ({ namespace, name: `tickets.${name}` });
const id = (name: string) => `asset:${namespace}/tickets.${name}`;

const DECLARE = `mutation($input: AssetOriginInput!) { declareAssetOrigin(input: $input) { id } }`;
const ORIGIN = `query($namespace: String!, $name: String!) {
  dataAsset(namespace: $namespace, name: $name) {
    kind origin { origin basis syntheticUpstream { id } unknownUpstream { id } conflict }
    validationChecks { id kind metric passed value threshold }
    writtenBy { job { name } state }
  }
}`;

beforeAll(async () => {
  api = await startApi({ PROVGRAPH_API_KEYS: KEYS });
  dir = mkdtempSync(join(tmpdir(), "provgraph-dbt-"));
  const warehouse = join(dir, "tickets.duckdb");
  namespace = `duckdb://${warehouse}`;
  await runScript("make_warehouse.py", [warehouse]);
  // Declared before the run: the assets are created now and described by the run's events.
  await api.ok(DECLARE, { input: { asset: table("raw.real_tickets"), origin: "REAL", note: "helpdesk export" } }, "k-dbt");
  await api.ok(DECLARE, { input: { asset: table("raw.synthetic_tickets"), origin: "SYNTHETIC", note: "LLM-written tickets" } }, "k-dbt");
  await api.ok(DECLARE, { input: { asset: table("main.curated_tickets"), origin: "REAL", note: "relabelled downstream" } }, "k-dbt");
  const project = join(dir, "project");
  cpSync(join(ROOT, "test/fixtures/dbt/tickets"), project, { recursive: true });
  await runTool("dbt-ol", ["build", "--profiles-dir", "."], {
    cwd: project,
    env: {
      PATH: `${join(venvBin("python"), "..")}:${process.env.PATH}`,
      TICKETS_DUCKDB: warehouse,
      DBT_SEND_ANONYMOUS_USAGE_STATS: "false",
      OPENLINEAGE_NAMESPACE: `${P}dbt`,
      // What the README's one setting (OPENLINEAGE_URL, OPENLINEAGE_API_KEY) configures, with a longer timeout for a loaded machine.
      OPENLINEAGE__TRANSPORT__TYPE: "http",
      OPENLINEAGE__TRANSPORT__URL: baseOf(api),
      OPENLINEAGE__TRANSPORT__AUTH__TYPE: "api_key",
      OPENLINEAGE__TRANSPORT__AUTH__API_KEY: "k-dbt",
      OPENLINEAGE__TRANSPORT__TIMEOUT: "120",
    },
  });
}, 900_000);
afterAll(async () => {
  await api?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const origin = async (name: string) => (await api.ok(ORIGIN, table(name), "k-dbt")).dataAsset;

describe("dbt-ol build", () => {
  it("propagates each source's declared origin through the staging models", async () => {
    const real = await origin("main.stg_real");
    expect(real.origin).toEqual({ origin: "REAL", basis: "PROPAGATED", syntheticUpstream: [], unknownUpstream: [], conflict: null });
    expect(real.writtenBy).toEqual([{ job: { name: "tickets.main.tickets.stg_real.build.run" }, state: "COMPLETE" }]);
    const synthetic = await origin("main.stg_synthetic");
    expect(synthetic.origin).toEqual({
      origin: "SYNTHETIC",
      basis: "PROPAGATED",
      syntheticUpstream: [{ id: id("raw.synthetic_tickets") }],
      unknownUpstream: [],
      conflict: null,
    });
  });

  it("makes the union MIXED, with the synthetic source as evidence", async () => {
    const union = await origin("main.training_tickets");
    // roots: raw.real_tickets (DECLARED REAL) and raw.synthetic_tickets (DECLARED SYNTHETIC)
    expect(union.origin).toEqual({
      origin: "MIXED",
      basis: "PROPAGATED",
      syntheticUpstream: [{ id: id("raw.synthetic_tickets") }],
      unknownUpstream: [],
      conflict: null,
    });
  });

  it("flags the downstream model declared REAL as a conflict naming the synthetic root", async () => {
    const curated = await origin("main.curated_tickets");
    expect(curated.origin.origin).toBe("REAL");
    expect(curated.origin.basis).toBe("DECLARED");
    expect(curated.origin.conflict).toBe(`declared REAL, but its data is MIXED: synthetic root ${id("raw.synthetic_tickets")}`);
  });

  it("records the dbt tests as DATA_QUALITY checks on the tested model, once each", async () => {
    const union = await origin("main.training_tickets");
    // two tests (unique, not_null on id); dbt-ol sends them on START and COMPLETE, as dataset and
    // input facets: only the COMPLETE counts, and the copy in both facets once
    const checks = [...union.validationChecks].sort((a, b) => a.metric.localeCompare(b.metric));
    expect(
      checks.map((c: { kind: string; metric: string; passed: boolean; value: number; threshold: number }) => [
        c.kind,
        c.metric,
        c.passed,
        c.value,
        c.threshold,
      ]),
    ).toEqual([
      ["DATA_QUALITY", "not_null_training_tickets_id:id", true, 0, 0],
      ["DATA_QUALITY", "unique_training_tickets_id:id", true, 0, 0],
    ]);
  });

  it("walks UPSTREAM from the curated model to the synthetic source table", async () => {
    const { lineage } = await api.ok(
      `query($id: ID!) { lineage(id: $id, direction: UPSTREAM, depth: 10) { nodes { id label distance } } }`,
      { id: id("main.curated_tickets") },
      "k-dbt",
    );
    const at = Object.fromEntries(lineage.nodes.map((n: { id: string; distance: number }) => [n.id, n.distance]));
    // curated <-WRITTEN_BY- run (1) -READ-> training_tickets (2) -> its run (3) -> stg_synthetic (4) -> its run (5) -> raw.synthetic_tickets (6)
    expect(at[id("main.training_tickets")]).toBe(2);
    expect(at[id("main.stg_synthetic")]).toBe(4);
    expect(at[id("raw.synthetic_tickets")]).toBe(6);
  });

  it("appends one audit event per accepted event and keeps the chain valid", async () => {
    const { runs } = (await api.ok(
      `query($ns: String!) { runs: job(namespace: $ns, name: "dbt-run-tickets") { runs { id state } } }`,
      { ns: `${P}dbt` },
      "k-dbt",
    )) as { runs: { runs: Array<{ id: string; state: string }> } };
    expect(runs.runs).toHaveLength(1);
    expect(runs.runs[0]!.state).toBe("COMPLETE");
    const { auditTrail } = await api.ok(
      `query($s: ID!) { auditTrail(subjectId: $s) { edges { node { action } } } }`,
      { s: runs.runs[0]!.id },
      "k-auditor",
    );
    // the parent run's START and COMPLETE
    expect(auditTrail.edges.map((e: { node: { action: string } }) => e.node.action)).toEqual(["openLineageEvent", "openLineageEvent"]);
    expect((await api.ok(`{ verifyAuditLog { valid } }`, {}, "k-auditor")).verifyAuditLog.valid).toBe(true);
  });

  it("fails ORIGIN_TAGGED for a model trained on the conflicting table, naming it", async () => {
    const register = `mutation($input: ModelVersionInput!) { registerModelVersion(input: $input) { id trainingAssets { id } recordedFeatureComposition { total } } }`;
    const input = {
      id: `${P}mv`,
      modelId: `${P}model`,
      modelName: "ticket router",
      kind: "MODEL",
      version: "1",
      trainedOnDatasetVersionIds: [],
      trainingRunId: `${P}train`,
      trainedOnAssets: [table("main.training_tickets"), table("main.curated_tickets")],
    };
    const { registerModelVersion } = await api.ok(register, { input }, "k-dbt");
    expect(registerModelVersion).toEqual({
      id: `${P}mv`,
      trainingAssets: [{ id: id("main.training_tickets") }, { id: id("main.curated_tickets") }],
      recordedFeatureComposition: null,
    });
    const { modelVersion } = await api.ok(
      `query($id: ID!) { modelVersion(id: $id) { readiness { checks { rule status violations } } } }`,
      { id: `${P}mv` },
      "k-dbt",
    );
    const tagged = modelVersion.readiness.checks.find((c: { rule: string }) => c.rule === "ORIGIN_TAGGED");
    // upstream of the two tables: the staging models and the two declared sources, all with a
    // known origin; the curated model itself is declared REAL over MIXED data
    expect(tagged).toEqual({
      rule: "ORIGIN_TAGGED",
      status: "FAILED",
      violations: [
        `${id("main.curated_tickets")}: conflict: declared REAL, but its data is MIXED: synthetic root ${id("raw.synthetic_tickets")}`,
      ],
    });
  });

  it("shows the training assets with their origin, basis and conflict in the auditor report", async () => {
    const REPORT = `query($id: ID!, $format: ReportFormat) { auditorReport(modelVersionId: $id, format: $format) }`;
    const json = JSON.parse((await api.ok(REPORT, { id: `${P}mv`, format: "JSON" }, "k-auditor")).auditorReport);
    // as the origin tests above: the union MIXED by propagation, the curated table declared REAL over it
    expect(
      json.trainingAssets.map((a: { id: string; kind: string; origin: { origin: string; basis: string; conflict: string | null } }) => [
        a.id,
        a.kind,
        a.origin.origin,
        a.origin.basis,
        a.origin.conflict,
      ]),
    ).toEqual([
      [id("main.training_tickets"), "TABLE", "MIXED", "PROPAGATED", null],
      [
        id("main.curated_tickets"),
        "TABLE",
        "REAL",
        "DECLARED",
        `declared REAL, but its data is MIXED: synthetic root ${id("raw.synthetic_tickets")}`,
      ],
    ]);
    expect(json.featureComposition).toBeNull(); // tables only: no feature service or view
    const markdown = (await api.ok(REPORT, { id: `${P}mv`, format: "MARKDOWN" }, "k-auditor")).auditorReport as string;
    const section = markdown.slice(markdown.indexOf("## Training assets"), markdown.indexOf("## Slice balance"));
    expect(section).toContain(
      `| ${id("main.training_tickets")} | TABLE | MIXED | PROPAGATED | ${id("raw.synthetic_tickets")} | none | none |`,
    );
    expect(section).toContain(
      `| ${id("main.curated_tickets")} | TABLE | REAL | DECLARED | none | none | declared REAL, but its data is MIXED`,
    );
    const html = (await api.ok(REPORT, { id: `${P}mv`, format: "HTML" }, "k-auditor")).auditorReport as string;
    expect(html).toContain(
      `<span class="FAILED">declared REAL, but its data is MIXED: synthetic root ${id("raw.synthetic_tickets")}</span>`,
    );
  });

  it("refuses a model trained on an asset provgraph never heard of, writing nothing", async () => {
    const input = {
      id: `${P}mv2`,
      modelId: `${P}model2`,
      modelName: "x",
      kind: "MODEL",
      version: "1",
      trainedOnDatasetVersionIds: [],
      trainingRunId: `${P}train2`,
      trainedOnAssets: [table("main.nowhere")],
    };
    await expectRefused(
      api,
      `mutation($input: ModelVersionInput!) { registerModelVersion(input: $input) { id } }`,
      { input },
      "BAD_USER_INPUT",
      /names unknown trainedOnAssets entry 'asset:/,
      "k-dbt",
    );
  });
});
