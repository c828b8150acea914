/**
 * What sealing stores for slice balance and the lineage picture (DOMAIN.md 2: a sealed version's
 * counts are computed once): the members per (slice, origin) and per (generating run, origin).
 * Checked against the same members counted now in an unsealed twin version, and the V008
 * backfill against what sealing stored, over slices that JSON must escape.
 */
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MIGRATIONS_DIR } from "../../src/paths.js";
import { applyMigrationFile } from "../../src/store/migrations.js";
import { prefix, startApi, type TestApi } from "../helpers/api.js";

const P = prefix("sealed-counts");
const SEALED = `${P}sealed`;
const TWIN = `${P}copied`; // as long as SEALED: the picture sizes the root by its title
/** A slice JSON writes with an escape of each kind the backfill handles, and one it does not. */
const ESCAPED = `q"b\\n\nr\rt\t`;
const CONTROL = `bell\u0007`;

let api: TestApi;
const ids = Array.from({ length: 8 }, (_, i) => `${P}s${i}`);

beforeAll(async () => {
  api = await startApi();
  await api.ok(`mutation { registerGenerator(input: {id: "${P}gen", name: "g", kind: LLM, version: "1"}) { id } }`);
  for (const run of ["r1", "r2"])
    await api.ok(`mutation { recordGenerationRun(input: {id: "${P}${run}", generatorId: "${P}gen", purpose: AUGMENTATION}) { id } }`);
  const sample = (i: number, slice: string | null, origin = "REAL", run?: string) => ({
    id: ids[i],
    origin,
    slice,
    ...(run ? { generationRunId: `${P}${run}` } : {}),
    ...(origin === "AUGMENTED" ? { derivedFromIds: [ids[0]] } : {}),
  });
  await api.ok(`mutation($s: [SampleInput!]!) { ingestSamples(samples: $s) { created } }`, {
    s: [
      sample(0, ESCAPED),
      sample(1, ESCAPED),
      sample(2, null),
      sample(3, ESCAPED, "SYNTHETIC", "r1"),
      sample(4, null, "SYNTHETIC", "r1"),
      sample(5, null, "AUGMENTED", "r2"),
      sample(6, "plain", "SYNTHETIC", "r2"),
      sample(7, CONTROL),
    ],
  });
  await api.ok(`mutation { createDataset(input: {id: "${P}ds", name: "d", purpose: TRAINING}) { id } }`);
  // SEALED: members 0-6; TWIN: the same, never sealed; CONTROL: members 0 and 7, sealed.
  for (const [v, members] of [
    [SEALED, ids.slice(0, 7)],
    [TWIN, ids.slice(0, 7)],
    [`${P}control`, [ids[0], ids[7]]],
  ] as const) {
    await api.ok(`mutation($v: ID!, $n: String!) { createDatasetVersion(input: {id: $v, datasetId: "${P}ds", version: $n}) { id } }`, {
      v,
      n: v,
    });
    await api.ok(`mutation($v: ID!, $s: [ID!]!) { addSamplesToVersion(datasetVersionId: $v, sampleIds: $s) { created } }`, {
      v,
      s: members,
    });
  }
  for (const v of [SEALED, `${P}control`]) await api.ok(`mutation($v: ID!) { sealDatasetVersion(id: $v) { id } }`, { v });
});
afterAll(() => api?.close());

type Row = Record<string, unknown>;
const canonical = (row: Row) =>
  JSON.stringify(
    Object.keys(row)
      .sort()
      .map((k) => [k, row[k]]),
  );
const sorted = (rows: Row[]) => [...rows].sort((a, b) => canonical(a).localeCompare(canonical(b)));

async function stored(version: string): Promise<{ sliceOriginCounts: Row[] | null; memberCounts: Row[] | null }> {
  const [row] = await api.executor.read("test.stored", (run) =>
    run<{ sliceOriginCounts: string | null; memberCounts: string | null }>(
      `MATCH (v:DatasetVersion {id: $v}) RETURN v.sliceOriginCounts AS sliceOriginCounts, v.memberCounts AS memberCounts`,
      { v: version },
    ),
  );
  const parse = (text: string | null) => (text === null ? null : sorted(JSON.parse(text) as Row[]));
  return { sliceOriginCounts: parse(row!.sliceOriginCounts), memberCounts: parse(row!.memberCounts) };
}

const SLICES = `query($of: ID!) { sliceBalance(of: $of) { slices { slice total real synthetic augmented } realVsGeneratedDivergence } }`;

describe("counts stored at sealing", () => {
  it("count the members per slice and origin, and per run and origin", async () => {
    const { sliceOriginCounts, memberCounts } = await stored(SEALED);
    // slices: ESCAPED REAL 0, 1 and SYNTHETIC 3; none REAL 2, SYNTHETIC 4, AUGMENTED 5; plain SYNTHETIC 6
    expect(sliceOriginCounts).toEqual(
      sorted([
        { slice: ESCAPED, origin: "REAL", count: 2 },
        { slice: ESCAPED, origin: "SYNTHETIC", count: 1 },
        { slice: null, origin: "REAL", count: 1 },
        { slice: null, origin: "SYNTHETIC", count: 1 },
        { slice: null, origin: "AUGMENTED", count: 1 },
        { slice: "plain", origin: "SYNTHETIC", count: 1 },
      ]),
    );
    // runs: none for the 3 REAL; r1 made 3 and 4 (SYNTHETIC); r2 made 5 (AUGMENTED) and 6 (SYNTHETIC)
    expect(memberCounts).toEqual(
      sorted([
        { runId: null, origin: "REAL", count: 3 },
        { runId: `${P}r1`, origin: "SYNTHETIC", count: 2 },
        { runId: `${P}r2`, origin: "AUGMENTED", count: 1 },
        { runId: `${P}r2`, origin: "SYNTHETIC", count: 1 },
      ]),
    );
  });

  it("give the slice balance and the lineage picture's counts that counting the members now gives", async () => {
    const sealed = (await api.ok<{ sliceBalance: unknown }>(SLICES, { of: SEALED })).sliceBalance;
    expect(sealed).toEqual((await api.ok<{ sliceBalance: unknown }>(SLICES, { of: TWIN })).sliceBalance);
    const svg = async (id: string) => {
      const response = await fetch(`${api.url.replace("/graphql", "")}/lineage/${encodeURIComponent(id)}.svg`);
      expect(response.status).toBe(200);
      return (await response.text()).replaceAll(id, "<version>");
    };
    expect(await svg(SEALED)).toEqual(await svg(TWIN));
  });

  it("are what the migration's backfill writes for a version sealed before them", async () => {
    const bySealing = await Promise.all([SEALED, `${P}control`].map(stored));
    await api.executor.write("test.forget", (run) =>
      run(`MATCH (v:DatasetVersion) WHERE v.id STARTS WITH $p REMOVE v.sliceOriginCounts, v.memberCounts`, { p: P }),
    );
    await applyMigrationFile(api.executor, join(MIGRATIONS_DIR, "V008__sealed_member_counts.cypher"));
    expect(await stored(SEALED)).toEqual(bySealing[0]);
    // a slice with a control character other than newline, carriage return and tab: left to be counted when read
    expect(await stored(`${P}control`)).toEqual({ sliceOriginCounts: null, memberCounts: null });
    expect(bySealing[1]!.sliceOriginCounts).toEqual(
      sorted([
        { slice: ESCAPED, origin: "REAL", count: 1 },
        { slice: CONTROL, origin: "REAL", count: 1 },
      ]),
    );
    const control = (await api.ok<{ sliceBalance: { slices: Array<{ slice: string; total: number }> } }>(SLICES, { of: `${P}control` }))
      .sliceBalance;
    expect(control.slices.map((s) => [s.slice, s.total])).toEqual([
      [CONTROL, 1], // ties at 1: code-point order, "b" < "q"
      [ESCAPED, 1],
    ]);
  });
});
