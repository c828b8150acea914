/**
 * A sealed version's purpose rules list their first 100 offending members from what sealing
 * stored (the first members of each generating run), not from its membership: checked against
 * the unsealed twin of each version, whose rules read the members, and the V009 backfill
 * against what sealing stored.
 */
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MIGRATIONS_DIR } from "../../src/paths.js";
import { applyMigrationFile } from "../../src/store/migrations.js";
import { prefix, startApi, type TestApi } from "../helpers/api.js";
import { Scenario } from "../helpers/scenario.js";

const P = prefix("sealed-listing");
let api: TestApi;
let s: Scenario;
let generated: string[];
const byRun: Record<"ra" | "rb", string[]> = { ra: [], rb: [] };

const POLICY = `query($id: ID!) { datasetVersion(id: $id) { policy { status violations violationCount detail } } }`;
interface Policy {
  status: string;
  violations: string[];
  violationCount: number;
  detail: string;
}
async function policy(versionId: string): Promise<Policy> {
  const { datasetVersion } = await api.ok<{ datasetVersion: { policy: Policy } }>(POLICY, { id: versionId });
  // the version's id is in each violation; the twins differ only there
  return JSON.parse(JSON.stringify(datasetVersion.policy).replaceAll(versionId, "<version>")) as Policy;
}

beforeAll(async () => {
  api = await startApi();
  s = new Scenario(api, P);
  await s.generator("writer");
  await s.run("ra", "writer"); // neither run has a DISTRIBUTION_ALIGNMENT check yet
  await s.run("rb", "writer");
  // 150 SYNTHETIC samples, every third one from ra (50) and the rest from rb (100); and 10 REAL ones
  generated = await s.samples("g", 150, (i) => ({ origin: "SYNTHETIC", generationRunId: s.id(i % 3 === 0 ? "ra" : "rb") }));
  generated.forEach((id, i) => byRun[i % 3 === 0 ? "ra" : "rb"].push(id));
  const real = await s.samples("r", 10, () => ({ origin: "REAL" }));
  for (const purpose of ["TRAINING", "PRETRAINING"])
    for (const seal of [true, false]) await s.version(`${purpose}-${seal ? "sealed" : "twin"}`, purpose, [...real, ...generated], { seal });
});
afterAll(() => api?.close());

const version = (purpose: string, sealed: boolean) => s.id(`${purpose}-${sealed ? "sealed" : "twin"}-v1`);
const rule = (run: string) => `TRAINING needs a passed DISTRIBUTION_ALIGNMENT check on generation run '${s.id(run)}'`;
const runOf = (id: string) => (byRun.ra.includes(id) ? "ra" : "rb");
// the first 100 of `ids` in code-point order (ASCII ids: JavaScript's default sort)
const first100 = (ids: readonly string[]) => [...ids].sort().slice(0, 100);

describe("the purpose rules of a sealed version", () => {
  it("list the first 100 members of the unaligned runs by id, as reading the members does", async () => {
    const sealed = await policy(version("TRAINING", true));
    expect(sealed).toEqual(await policy(version("TRAINING", false)));
    // both runs unaligned: all 150 generated members break TRAINING, the first 100 by id are listed
    expect(sealed.violationCount).toBe(150);
    expect(sealed.violations).toEqual(first100(generated).map((id) => `${id}: <version> ${rule(runOf(id))}`));

    await s.check("rb-aligned", s.id("rb"), "DISTRIBUTION_ALIGNMENT");
    const aligned = await policy(version("TRAINING", true));
    expect(aligned).toEqual(await policy(version("TRAINING", false)));
    // only ra's 50 remain, all listed
    expect(aligned.violationCount).toBe(50);
    expect(aligned.violations).toEqual(first100(byRun.ra).map((id) => `${id}: <version> ${rule("ra")}`));
  });

  it("list the first 100 generated members under PRETRAINING, as reading the members does", async () => {
    const sealed = await policy(version("PRETRAINING", true));
    expect(sealed).toEqual(await policy(version("PRETRAINING", false)));
    // every generated member breaks PRETRAINING, whatever its run's checks: 150, the first 100 listed
    expect(sealed.violationCount).toBe(150);
    expect(sealed.violations).toEqual(
      first100(generated).map((id) => `${id}: <version> PRETRAINING allows no SYNTHETIC sample (recursive-training collapse)`),
    );
  });

  it("read what the migration's backfill writes for a version sealed before it", async () => {
    const stored = () =>
      api.executor.read("test.stored", (run) =>
        run<{ id: string; first: string | null }>(
          `MATCH (v:DatasetVersion) WHERE v.id STARTS WITH $p AND v.sealedAt IS NOT NULL RETURN v.id AS id, v.firstMembersByRun AS first ORDER BY id`,
          { p: P },
        ),
      );
    const bySealing = await stored();
    // each sealed version stores ra's 50 members and rb's first 100
    expect(JSON.parse(bySealing[0]!.first!)).toEqual({ [s.id("ra")]: first100(byRun.ra), [s.id("rb")]: first100(byRun.rb) });
    await api.executor.write("test.forget", (run) =>
      run(`MATCH (v:DatasetVersion) WHERE v.id STARTS WITH $p REMOVE v.firstMembersByRun`, { p: P }),
    );
    await applyMigrationFile(api.executor, join(MIGRATIONS_DIR, "V009__sealed_first_members.cypher"));
    const backfilled = await stored();
    expect(backfilled.map((v) => ({ ...v, first: JSON.parse(v.first!) as unknown }))).toEqual(
      bySealing.map((v) => ({ ...v, first: JSON.parse(v.first!) as unknown })),
    );
    expect(await policy(version("TRAINING", true))).toEqual(await policy(version("TRAINING", false)));
  });
});
