/**
 * Feast 0.67 reporting to provgraph through its own OpenLineage integration: a `feast init`
 * repository whose feature_store.yaml has an `openlineage:` block (http transport, api_key),
 * `feast apply`, then FeastOpenLineageEmitter.emit_registry_lineage (test/python/feast_repo.py
 * adds a real-backed view and a feature service `driver_mixed` over it and a synthetic-backed one).
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../../src/paths.js";
import { startApi, type TestApi } from "../helpers/api.js";
import { baseOf, postLineage, runScript, runTool } from "../helpers/lineage.js";

const KEYS = "feast:writer:k-feast";
const PROJECT = `feast_${randomUUID().slice(0, 8)}`;
let api: TestApi;
let dir: string;
let emitted: { sent: number; ok: number };
const ref = (name: string) => ({ namespace: PROJECT, name });
const id = (name: string) => `asset:${PROJECT}/${name}`;

beforeAll(async () => {
  api = await startApi({ PROVGRAPH_API_KEYS: KEYS });
  // Feast's HTTP transport gives up after 5 s: the captured events of another project go first,
  // so that the server has planned its statements before Feast's own arrive.
  const fixtures = join(ROOT, "test/fixtures/openlineage/feast-0.67/apply");
  for (const file of readdirSync(fixtures).sort())
    expect((await postLineage(api, JSON.parse(readFileSync(join(fixtures, file), "utf8")), "k-feast")).status).toBeLessThan(300);
  dir = mkdtempSync(join(tmpdir(), "provgraph-feast-"));
  const { repo } = await runScript<{ repo: string }>("feast_repo.py", ["init", dir, PROJECT, baseOf(api), "k-feast"]);
  await runTool("feast", ["apply"], { cwd: repo });
  emitted = await runScript("feast_repo.py", ["emit", repo]);
  const declare = `mutation($input: AssetOriginInput!) { declareAssetOrigin(input: $input) { id } }`;
  await api.ok(declare, { input: { asset: ref("driver_hourly_stats_source"), origin: "SYNTHETIC", note: "simulated trips" } }, "k-feast");
  await api.ok(declare, { input: { asset: ref("driver_real_source"), origin: "REAL", note: "trip logs" } }, "k-feast");
}, 900_000);
afterAll(async () => {
  await api?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const ASSET = `query($namespace: String!, $name: String!) {
  dataAsset(namespace: $namespace, name: $name) {
    id kind entities ttlSeconds online tags fields { name }
    sources { id } featureViews { id }
    writtenBy { job { name } }
    origin { origin basis syntheticUpstream { id } unknownUpstream { id } }
    featureComposition { total real synthetic mixed unknown syntheticFeatureShare byFeatureView { featureView { id } origin features } }
  }
}`;
const asset = async (name: string) => (await api.ok(ASSET, ref(name), "k-feast")).dataAsset;

describe("Feast's OpenLineage events", () => {
  it("sends every registry event successfully", () => {
    // 3 feature views + 2 on-demand views + 1 label view + 4 feature services of the repository
    expect(emitted).toEqual({ sent: 10, ok: 10 });
  });

  it("describes each feature view from its facet, with its own sources and not its entity", async () => {
    const view = await asset("driver_hourly_stats");
    expect(view.kind).toBe("FEATURE_VIEW");
    expect(view.entities).toEqual(["driver"]);
    expect(view.ttlSeconds).toBe(86_400); // ttl=timedelta(days=1)
    expect(view.online).toBe(true);
    expect(view.tags).toEqual({ team: "driver_performance" });
    expect(view.sources).toEqual([{ id: id("driver_hourly_stats_source") }]);
    // the combined definition event of `feast apply` adds no WRITTEN_BY: only the view's own run wrote it
    expect(view.writtenBy).toEqual([{ job: { name: "feature_view_driver_hourly_stats" } }]);
    const fresh = await asset("driver_hourly_stats_fresh");
    expect(fresh.sources.map((s: { id: string }) => s.id).sort()).toEqual([
      id("driver_hourly_stats_source"),
      id("driver_stats_push_source"),
    ]);
    const real = await asset("driver_real_stats");
    expect([real.ttlSeconds, real.online, real.sources]).toEqual([7 * 86_400, false, [{ id: id("driver_real_source") }]]);
    expect((await asset("driver")).kind).toBe("ENTITY");
    expect((await asset("driver_real_source")).kind).toBe("FEATURE_SOURCE");
  });

  it("gives each feature service its views and origins through them", async () => {
    const v1 = await asset("driver_activity_v1");
    expect(v1.kind).toBe("FEATURE_SERVICE");
    expect(v1.featureViews).toEqual([{ id: id("driver_hourly_stats") }, { id: id("transformed_conv_rate") }]);
    const view = await asset("driver_hourly_stats");
    expect(view.origin).toEqual({
      origin: "SYNTHETIC",
      basis: "PROPAGATED",
      syntheticUpstream: [{ id: id("driver_hourly_stats_source") }],
      unknownUpstream: [],
    });
    // transformed_conv_rate reads driver_hourly_stats (-> its SYNTHETIC source) and the request source vals_to_add, which nothing describes
    const odfv = await asset("transformed_conv_rate");
    expect(odfv.origin).toEqual({
      origin: "UNKNOWN",
      basis: "PROPAGATED",
      syntheticUpstream: [{ id: id("driver_hourly_stats_source") }],
      unknownUpstream: [{ id: id("vals_to_add") }],
    });
  });

  it("counts a feature service's features by the origin of their views", async () => {
    const mixed = await asset("driver_mixed");
    expect(mixed.featureViews).toEqual([{ id: id("driver_hourly_stats") }, { id: id("driver_real_stats") }]);
    // The service's output schema lists 8 features: the 6 of driver_hourly_stats (conv_rate,
    // acc_rate, avg_daily_trips, driver_metadata, driver_config, driver_profile), SYNTHETIC
    // through its source, and the 2 of driver_real_stats (trips_logged, rating_given), REAL.
    // syntheticFeatureShare = (6 synthetic + 0 mixed) / 8 = 0.75.
    expect(mixed.featureComposition).toEqual({
      total: 8,
      real: 2,
      synthetic: 6,
      mixed: 0,
      unknown: 0,
      syntheticFeatureShare: 0.75,
      byFeatureView: [
        { featureView: { id: id("driver_hourly_stats") }, origin: "SYNTHETIC", features: 6 },
        { featureView: { id: id("driver_real_stats") }, origin: "REAL", features: 2 },
      ],
    });
    expect((await asset("driver_hourly_stats")).featureComposition).toBeNull();
  });

  it("records the feature composition of a model trained on the feature service", async () => {
    const register = `mutation($input: ModelVersionInput!) { registerModelVersion(input: $input) {
      trainingAssets { id } recordedFeatureComposition { total synthetic real syntheticFeatureShare }
      featureComposition { total } readiness { checks { rule status violations } } } }`;
    const input = {
      id: `${PROJECT}-mv`,
      modelId: `${PROJECT}-eta`,
      modelName: "eta",
      kind: "MODEL",
      version: "1",
      trainedOnDatasetVersionIds: [],
      trainingRunId: `${PROJECT}-train`,
      trainedOnAssets: [ref("driver_mixed")],
    };
    const { registerModelVersion: mv } = await api.ok(register, { input }, "k-feast");
    expect(mv.trainingAssets).toEqual([{ id: id("driver_mixed") }]);
    // as the service's own composition above: 8 features, 6 SYNTHETIC and 2 REAL
    expect(mv.recordedFeatureComposition).toEqual({ total: 8, synthetic: 6, real: 2, syntheticFeatureShare: 0.75 });
    expect(mv.featureComposition).toEqual({ total: 8 });
    // upstream of driver_mixed: its two views and their sources (the entity skipped), all known
    const tagged = mv.readiness.checks.find((c: { rule: string }) => c.rule === "ORIGIN_TAGGED");
    expect(tagged).toEqual({ rule: "ORIGIN_TAGGED", status: "PASSED", violations: [] });
  });
});
