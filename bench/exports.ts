/**
 * The auditor's exports (DOMAIN.md 10) over the benchmark's graph: provExport of the model
 * version trained on every sample at the default limit and at 100,000 nodes, Croissant and the
 * streamed member manifest of that version, the lineage picture and the HTML report with it.
 * Each beside a raw-driver floor where one exists: the same rows read by one Cypher statement,
 * with no walk bookkeeping, rendering or HTTP.
 */
import { readFileSync } from "node:fs";
import type { Executor } from "../src/store/executor.js";
import { interleaved, median, repeat, round, time, type Client } from "./client.js";

const ROUNDS = 5;

/** Peak RSS of a process so far, in MiB. */
const peakMb = (pid: number) => Math.round(Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))![1]) / 1024);

/** The median of ROUNDS timed calls, after one untimed call. */
async function p50(f: () => Promise<unknown>): Promise<number> {
  await f();
  return round(median(await repeat(ROUNDS, () => time(f))));
}

/** GETs `path` and reads the body to its end, counting bytes without keeping them. */
async function download(base: string, key: string, path: string): Promise<number> {
  const response = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${key}` } });
  if (response.status !== 200) throw new Error(`${path}: HTTP ${response.status} ${await response.text()}`);
  let bytes = 0;
  for await (const chunk of response.body!) bytes += (chunk as Uint8Array).byteLength;
  return bytes;
}

export async function exportFigures(
  client: Client,
  executor: Executor,
  base: string,
  key: string,
  apiPid: number,
  model: string,
  version: string,
): Promise<Record<string, number>> {
  const results: Record<string, number> = {};
  const PROV = `query($of: ID!, $limit: Int) { provExport(of: $of, limit: $limit) }`;
  // Floor: the first `limit` nodes upstream (relationships point from the newer to the older), ids and labels only.
  const rawUpstream = (limit: number) =>
    executor.read("bench-raw-upstream", (run) =>
      run("MATCH (:Entity {id: $id})-[*1..10]->(m:Entity) WITH DISTINCT m LIMIT toInteger($limit) RETURN m.id AS id, labels(m) AS labels", {
        id: model,
        limit: limit - 1,
      }),
    );
  for (const limit of [1000, 100_000]) {
    const [ours, floor] = await interleaved(
      ROUNDS,
      () => client.ok(PROV, { of: model, limit }),
      () => rawUpstream(limit),
    );
    results[`prov_export_${limit}_ms`] = round(median(ours));
    results[`prov_export_${limit}_raw_ms`] = round(median(floor));
    results[`prov_export_${limit}_bytes`] = (await client.ok<{ provExport: string }>(PROV, { of: model, limit })).provExport.length;
  }

  const CROISSANT = `query($id: ID!) { croissant(datasetVersionId: $id) }`;
  results.croissant_ms = await p50(() => client.ok(CROISSANT, { id: version }));

  // The manifest streamed to the client; floor: the same rows streamed by the driver, in the same order.
  const rssBefore = peakMb(apiPid);
  const manifest = `/export/datasets/${encodeURIComponent(version)}/members.tsv`;
  const rawManifest = () =>
    executor.read("bench-raw-manifest", (run) =>
      run.each(
        "MATCH (:Entity {id: $id})-[:CONTAINS]->(s:Sample) RETURN s.id AS id, s.contentHash AS hash ORDER BY s.id",
        { id: version },
        () => {},
      ),
    );
  const [streamed, floor] = await interleaved(
    ROUNDS,
    () => download(base, key, manifest),
    () => rawManifest(),
  );
  results.members_tsv_ms = round(median(streamed));
  results.members_tsv_raw_ms = round(median(floor));
  results.members_tsv_bytes = await download(base, key, manifest);
  results.members_tsv_api_rss_peak_before_mb = rssBefore;
  results.members_tsv_api_rss_peak_after_mb = peakMb(apiPid);

  const svg = `/lineage/${encodeURIComponent(model)}.svg`;
  results.lineage_svg_ms = await p50(() => download(base, key, svg));
  const report = `/reports/model-versions/${encodeURIComponent(model)}?format=html`;
  results.report_html_ms = await p50(() => download(base, key, report));
  return results;
}
