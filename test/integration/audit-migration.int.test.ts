/**
 * V007 converts an audit log stored one `(:AuditEvent)` node per event into one `(:AuditBlock)`
 * per transaction. The log is test/fixtures/audit-v006/chain.json, written by the code before
 * V007 (how: make.ts beside it), loaded into a Neo4j of this test's own at V006 with the
 * entities it names (labels, id, auditSeq, an asset's namespace and name); after the migration
 * every answer the API gave over it then (answers.json) is the same, each subject's events are
 * found through its entity, the next writes continue the chain and the index, and an edited
 * event is still found.
 */
import { copyFile, mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MIGRATIONS_DIR } from "../../src/paths.js";
import { startEmbeddedNeo4j, type EmbeddedNeo4j } from "../../src/store/embedded-neo4j.js";
import { createDriver, Executor } from "../../src/store/executor.js";
import { runMigrations } from "../../src/store/migrations.js";
import { ANSWERS, SUBJECTS, WRITES } from "../fixtures/audit-v006/audit-fixture-ops.js";
import { startApi, type TestApi } from "../helpers/api.js";
import { rewriteEvents, storedEventCount } from "../helpers/audit-store.js";
import { LABELER, TRAIL, VERIFY } from "../helpers/ops.js";
import { freePort } from "../helpers/processes.js";

const FIXTURE = join(import.meta.dirname, "../fixtures/audit-v006");
interface Chain {
  migrations: Array<{ version: string; name: string; checksum: string }>;
  head: { seq: number; hash: string; at: string; edge: string[] };
  entities: Array<{ labels: string[]; props: { id: string; auditSeq: number; namespace?: string; name?: string } }>;
  events: Array<Record<string, unknown>>;
}
const chain = JSON.parse(await readFile(join(FIXTURE, "chain.json"), "utf8")) as Chain;
const answers = JSON.parse(await readFile(join(FIXTURE, "answers.json"), "utf8")) as Record<string, unknown>;
// 3 labelers + generator + run + 60 + 1 + 100 + 40 samples + dataset + version + membership + seal
// + 5 OpenLineage events + 2 origin declarations + a dataset link + a labeler (audit-fixture-ops.ts WRITES)
const EVENTS = 219;

let dir: string;
let neo4j: EmbeddedNeo4j;
let direct: Executor;
let api: TestApi;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "provgraph-audit-migration-"));
  neo4j = await startEmbeddedNeo4j({ dataDir: join(dir, "neo4j"), port: await freePort() });
  direct = new Executor(createDriver({ uri: neo4j.uri }), "neo4j");
  // The database as the old code left it: migrations V001-V006 applied, the events stored one node each.
  const old = join(dir, "migrations-v006");
  await mkdir(old);
  for (const { name } of chain.migrations) await copyFile(join(MIGRATIONS_DIR, name), join(old, name));
  await runMigrations(direct, old);
  await direct.write("test.fixture", async (run) => {
    await run("UNWIND $entities AS e CREATE (n:$(e.labels)) SET n = e.props, n.auditSeq = toInteger(e.props.auditSeq)", {
      entities: chain.entities,
    });
    await run(
      `UNWIND $events AS e
       CREATE (x:AuditEvent) SET x = e, x.seq = toInteger(e.seq), x.at = datetime(e.at)`,
      { events: chain.events },
    );
    await run(
      "MATCH (h:AuditHead {key: 'audit'}) SET h.seq = toInteger($seq), h.hash = $hash, h.at = datetime($at), h.edge = $edge",
      chain.head,
    );
  });
  api = await startApi({ NEO4J_URI: neo4j.uri, PROVGRAPH_DATA_DIR: join(dir, "api") });
}, 240_000);
afterAll(async () => {
  await api?.close();
  await direct?.close();
  await neo4j?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe("migrating the audit log to one node per transaction", () => {
  it("starts from the log the old code wrote, with the same migration files", async () => {
    expect(chain.events).toHaveLength(EVENTS);
    const applied = await direct.read("test.migrations", (run) =>
      run<{ version: string; checksum: string }>(
        "MATCH (m:Migration) WHERE m.version <= $last RETURN m.version AS version, m.checksum AS checksum ORDER BY version",
        { last: chain.migrations.at(-1)!.version },
      ),
    );
    expect(applied).toEqual(chain.migrations.map(({ version, checksum }) => ({ version, checksum })));
  });

  it("leaves no event node, stores fewer nodes than events, and keeps every event", async () => {
    const [row] = await direct.read("test.nodes", (run) =>
      run<{ events: number; blocks: number }>(
        "CALL () { MATCH (e:AuditEvent) RETURN count(e) AS events } CALL () { MATCH (b:AuditBlock) RETURN count(b) AS blocks } RETURN events, blocks",
      ),
    );
    expect(row!.events).toBe(0);
    // one block per writing transaction: per run of consecutive events sharing time, actor and action
    const transactions = chain.events.filter(
      (e, i) => i === 0 || ["at", "actor", "action"].some((k) => e[k] !== chain.events[i - 1]![k]),
    ).length;
    expect(transactions).toBeGreaterThanOrEqual(WRITES.length); // at least one per write
    expect(row!.blocks).toBe(transactions);
    expect(await storedEventCount(direct)).toBe(EVENTS);
  });

  it("answers every question as before: trails, pages, a subject's events, verification, checkpoint, proofs", async () => {
    for (const [name, [query, variables]] of Object.entries(ANSWERS))
      expect({ [name]: await api.ok(query, variables) }).toEqual({ [name]: answers[name] });
  });

  it("finds each subject's events through its entity: auditSeq, then laterAuditSeqs", async () => {
    const events = chain.events as unknown as Array<{ seq: number; subjectId: string }>;
    const stored = await direct.read("test.index", (run) =>
      run<{ id: string; auditSeq: number; later: number[] }>(
        "MATCH (n:Entity) RETURN n.id AS id, n.auditSeq AS auditSeq, coalesce(n.laterAuditSeqs, []) AS later ORDER BY id",
      ),
    );
    // an entity's later seqs: its events other than the one its auditSeq names, ascending
    expect(stored).toEqual(
      chain.entities.map(({ props: { id, auditSeq } }) => ({
        id,
        auditSeq,
        later: events.filter((x) => x.subjectId === id && x.seq !== auditSeq).map((x) => x.seq),
      })),
    );
    // every subject's trail is the whole trail's events of that subject
    const whole = (answers.trail as any).auditTrail.edges as Array<{ node: { subjectId: string } }>;
    for (const s of new Set([...events.map((e) => e.subjectId), ...Object.values(SUBJECTS)])) {
      const trail = (await api.ok(TRAIL, { s, first: 500 })).auditTrail;
      const expected = whole.filter((e) => e.node.subjectId === s);
      expect({ s, edges: trail.edges, totalCount: trail.totalCount }).toEqual({ s, edges: expected, totalCount: expected.length });
    }
  });

  it("continues the chain and the index with the next writes, and still finds an edited event", async () => {
    await api.ok(LABELER, { i: { id: "fx-eve", name: "eve", kind: "LLM" } });
    await api.ok(`mutation($i: AssetOriginInput!) { declareAssetOrigin(input: $i) { id } }`, {
      i: { asset: { namespace: "duckdb:///fx.duckdb", name: "fx_raw" }, origin: "SYNTHETIC" },
    });
    // fx_raw: its migrated declaration (216) and the new one (EVENTS + 2)
    const raw = (await api.ok(TRAIL, { s: SUBJECTS.raw })).auditTrail;
    expect(raw.edges.map((e: any) => e.node.seq)).toEqual([216, EVENTS + 2]);
    // the migrated events and the two new ones
    expect((await api.ok(VERIFY)).verifyAuditLog).toMatchObject({ valid: true, checked: EVENTS + 2, firstInvalidSeq: null });
    const trail = (await api.ok(TRAIL, { first: 500 })).auditTrail;
    expect(trail.totalCount).toBe(EVENTS + 2);
    expect(trail.edges.slice(0, EVENTS)).toEqual((answers.trail as any).auditTrail.edges);
    expect(trail.edges[EVENTS].node).toMatchObject({
      seq: EVENTS + 1,
      subjectId: "fx-eve",
      prevHash: (answers.verify as any).verifyAuditLog.headHash,
    });

    const restore = await rewriteEvents(direct, new Map([[100, { actor: "mallory" }]]));
    try {
      expect((await api.ok(VERIFY)).verifyAuditLog).toMatchObject({ valid: false, firstInvalidSeq: 100 });
    } finally {
      await restore();
    }
    expect((await api.ok(VERIFY)).verifyAuditLog.valid).toBe(true);
  });
});
