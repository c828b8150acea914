import { cp, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MIGRATIONS_DIR } from "../../src/paths.js";
import { createDriver, Executor } from "../../src/store/executor.js";
import { runMigrations } from "../../src/store/migrations.js";
import { neo4jTarget } from "../helpers/api.js";

let executor: Executor;
let dir: string;
const PROBE = "V900__test_probe.cypher";
const RACE = "V901__test_race.cypher";
const BATCHES = "V902__test_batches.cypher";

beforeAll(async () => {
  executor = new Executor(createDriver(neo4jTarget()), "neo4j");
  dir = await mkdtemp(join(tmpdir(), "provgraph-migrations-"));
  await cp(MIGRATIONS_DIR, dir, { recursive: true });
});
afterAll(async () => {
  await executor.write("test.cleanup", (run) => run("MATCH (m:Migration) WHERE m.version IN ['900', '901', '902'] DELETE m"));
  await executor.write("test.cleanup", (run) => run("MATCH (n:TestProbe|TestBatch) DELETE n"));
  await executor.write("test.cleanup", (run) => run("DROP INDEX provgraph_test_probe IF EXISTS"));
  await executor.close();
  await rm(dir, { recursive: true, force: true });
});

describe("migrations", () => {
  it("applies a new file once, then refuses to start when an applied file changed", async () => {
    await writeFile(join(dir, PROBE), "CREATE INDEX provgraph_test_probe IF NOT EXISTS FOR (n:TestProbe) ON (n.x);\n");
    expect(await runMigrations(executor, dir)).toEqual([PROBE]);
    expect(await runMigrations(executor, dir)).toEqual([]);
    await writeFile(join(dir, PROBE), "CREATE INDEX provgraph_test_probe IF NOT EXISTS FOR (n:TestProbe) ON (n.y);\n");
    await expect(runMigrations(executor, dir)).rejects.toThrow(/migration V900__test_probe.cypher has changed since it was applied/);
  });

  it("two starters at once apply a new file exactly once", async () => {
    await writeFile(join(dir, PROBE), "CREATE INDEX provgraph_test_probe IF NOT EXISTS FOR (n:TestProbe) ON (n.x);\n"); // as applied
    await writeFile(join(dir, RACE), "MERGE (n:TestProbe {x: 1}) SET n.applied = coalesce(n.applied, 0) + 1;\n");
    const results = await Promise.all([runMigrations(executor, dir), runMigrations(executor, dir)]);
    expect(results.map((r) => r.join()).sort()).toEqual(["", RACE]);
    const [row] = await executor.read("test.count", (run) =>
      run<{ records: number; applied: number }>(
        "MATCH (m:Migration {version: '901'}) MATCH (n:TestProbe {x: 1}) RETURN count(m) AS records, n.applied AS applied",
      ),
    );
    expect(row).toEqual({ records: 1, applied: 1 });
  });

  it("runs a statement marked @repeat in one transaction per batch until it returns n = 0", async () => {
    await executor.write("test.batches", (run) => run("UNWIND range(1, 5) AS i CREATE (:TestBatch {i: i, todo: true})"));
    await writeFile(
      join(dir, BATCHES),
      `// @repeat until n = 0
MATCH (t:TestBatch) WHERE t.todo WITH t ORDER BY t.i LIMIT 2
WITH collect(t) AS ts
MERGE (c:TestBatch {counter: true}) SET c.runs = coalesce(c.runs, 0) + 1
FOREACH (t IN ts | SET t.todo = false, t.run = c.runs)
RETURN size(ts) AS n;
`,
    );
    expect(await runMigrations(executor, dir)).toEqual([BATCHES]);
    const rows = await executor.read("test.batches", (run) =>
      run<{ i: number; run: number }>("MATCH (t:TestBatch) WHERE t.i IS NOT NULL RETURN t.i AS i, t.run AS run ORDER BY i"),
    );
    // 5 rows, 2 a batch: runs 1, 1, 2, 2, 3 (a 4th run found none and ended it)
    expect(rows).toEqual([1, 1, 2, 2, 3].map((run, k) => ({ i: k + 1, run })));
  });
});
