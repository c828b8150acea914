/**
 * The exports for auditors and regulators (DOMAIN.md 10.1-10.3), read back by the reference
 * tools: the `prov` package for PROV-JSON, PROV-N and Turtle, mlcroissant for Croissant and its
 * member manifest.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { venvBin } from "../../scripts/python-env.js";
import { DEMO, loadDemo } from "../../src/demo/demo-graph.js";
import { ROOT } from "../../src/paths.js";
import { expectRefused, graphCounts, prefix, startApi, type TestApi } from "../helpers/api.js";

let api: TestApi;
let base: string;
const KEYS = "ada:admin:k-admin,aldo:auditor:k-audit,rita:reader:k-read,wes:writer:k-write";
const P = prefix("exports");
const dir = mkdtempSync(join(tmpdir(), "provgraph-exports-"));
const python = (script: string, args: string[], env: Record<string, string> = {}) =>
  execFileSync(venvBin("python"), [join(ROOT, "test/python", script), ...args], { encoding: "utf8", env: { ...process.env, ...env }, maxBuffer: 64 * 2 ** 20 });

beforeAll(async () => {
  api = await startApi({ PROVGRAPH_API_KEYS: KEYS });
  base = api.url.replace("/graphql", "");
  await loadDemo(api.executor);
});
afterAll(async () => {
  await api?.close();
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
  for (const [format, reader] of [["json", "json"], ["provn", "provn"], ["ttl", "rdf"]] as const) {
    const response = await get(`/export/prov/${encodeURIComponent(id)}?format=${format}&limit=${limit}`);
    expect(response.status, await response.clone().text()).toBe(200);
    const file = join(dir, `${createHash("sha256").update(id).digest("hex").slice(0, 8)}.${format}`);
    writeFileSync(file, await response.text());
    files.push(`${file}:${reader}`);
  }
  return JSON.parse(python("prov_read.py", [`${base}/id/`, id, ...files]));
}

describe("provExport", () => {
  it("writes the summarizer's upstream in all three syntaxes, which prov reads back to one document matching the walk", async () => {
    for (const limit of [1000, 10_000]) {
      const walk = (await api.ok(LINEAGE, { id: DEMO.collapse, limit }, "k-read")).lineage;
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
        expect(read[format].root["pg:truncated"], format).toBe(limit === 1000 ? "true" : undefined);
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
