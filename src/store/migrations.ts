/**
 * Applies `graph-migrations/V###__description.cypher` in order, each statement in its own
 * transaction (Neo4j does not mix schema and data changes in one; a statement after a
 * `// @repeat until n = 0` line runs again, each time in a new transaction, until it returns
 * n = 0: a data change in batches), and records each applied
 * file with its SHA-256 in the graph. An applied file that has changed since is refused by name:
 * migrations are history, never edited. Concurrent starters serialise on a lock node.
 */
import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import type { Executor } from "./executor.js";

const FILE_NAME = /^V(\d{3,})__[A-Za-z0-9_]+\.cypher$/;
const LOCK_STALE_MS = 120_000;

class MigrationError extends Error {}

interface MigrationFile {
  version: string;
  name: string;
  checksum: string;
  statements: Statement[];
}

interface Statement {
  text: string;
  repeat: boolean;
}

const REPEAT_MARK = /^\s*\/\/\s*@repeat until n = 0\s*$/m;

/** Splits on `;` at the end of a line; `//` comment lines are dropped. */
function splitStatements(text: string): Statement[] {
  return text
    .split(/;\s*$/m)
    .map((chunk) => ({
      text: chunk
        .split("\n")
        .filter((line) => !line.trim().startsWith("//"))
        .join("\n")
        .trim(),
      repeat: REPEAT_MARK.test(chunk),
    }))
    .filter((s) => s.text.length > 0);
}

async function applyStatement(executor: Executor, version: string, statement: Statement): Promise<void> {
  for (;;) {
    const [row] = await executor.write(`migration.${version}`, (run) => run<{ n: number }>(statement.text));
    if (!statement.repeat || !row || row.n === 0) return;
  }
}

/** Applies one migration file's statements again, outside the recorded history (a backfill re-run by a test). */
export async function applyMigrationFile(executor: Executor, path: string): Promise<void> {
  const version = FILE_NAME.exec(basename(path))?.[1] ?? basename(path);
  for (const statement of splitStatements(await readFile(path, "utf8"))) await applyStatement(executor, version, statement);
}

async function readMigrations(dir: string): Promise<MigrationFile[]> {
  const names = (await readdir(dir)).filter((n) => n.endsWith(".cypher")).sort();
  const files: MigrationFile[] = [];
  for (const name of names) {
    const match = FILE_NAME.exec(name);
    if (!match) throw new MigrationError(`migration file '${name}' is not named V###__description.cypher`);
    const text = await readFile(join(dir, name), "utf8");
    files.push({ version: match[1]!, name, checksum: createHash("sha256").update(text).digest("hex"), statements: splitStatements(text) });
  }
  const versions = files.map((f) => f.version);
  const repeated = versions.find((v, i) => versions.indexOf(v) !== i);
  if (repeated) throw new MigrationError(`two migration files share version V${repeated}`);
  return files;
}

async function acquireLock(executor: Executor, owner: string): Promise<void> {
  await executor
    .write("migrations.lock-constraint", (run) =>
      run("CREATE CONSTRAINT provgraph_migration_lock IF NOT EXISTS FOR (l:MigrationLock) REQUIRE l.key IS UNIQUE"),
    )
    .catch(() => undefined); // a concurrent starter created it first
  for (;;) {
    const [row] = await executor.write("migrations.lock", (run) =>
      run<{ owner: string }>(
        `MERGE (l:MigrationLock {key: 'lock'})
         ON CREATE SET l.owner = $owner, l.since = timestamp()
         WITH l, l.owner <> $owner AND timestamp() - l.since > $stale AS takeOver
         SET l.owner = CASE WHEN takeOver THEN $owner ELSE l.owner END,
             l.since = CASE WHEN takeOver THEN timestamp() ELSE l.since END
         RETURN l.owner AS owner`,
        { owner, stale: LOCK_STALE_MS },
      ),
    );
    if (row?.owner === owner) return;
    await sleep(250);
  }
}

/** Returns the names of the files it applied. */
export async function runMigrations(executor: Executor, dir: string, log: (msg: string) => void = () => {}): Promise<string[]> {
  const files = await readMigrations(dir);
  const owner = randomUUID();
  await acquireLock(executor, owner);
  try {
    const applied = new Map(
      (
        await executor.read("migrations.applied", (run) =>
          run<{ version: string; checksum: string; name: string }>(
            "MATCH (m:Migration) RETURN m.version AS version, m.checksum AS checksum, m.name AS name",
          ),
        )
      ).map((m) => [m.version, m]),
    );
    const done: string[] = [];
    for (const file of files) {
      const record = applied.get(file.version);
      if (record) {
        if (record.checksum !== file.checksum) {
          throw new MigrationError(
            `migration ${file.name} has changed since it was applied (checksum ${record.checksum.slice(0, 12)}... recorded, ${file.checksum.slice(0, 12)}... now); applied migrations must never be edited: add a new file instead`,
          );
        }
        continue;
      }
      for (const statement of file.statements) await applyStatement(executor, file.version, statement);
      await executor.write("migrations.record", (run) =>
        run("CREATE (:Migration {version: $version, name: $name, checksum: $checksum, appliedAt: datetime()})", { ...file }),
      );
      log(`applied migration ${file.name}`);
      done.push(file.name);
    }
    return done;
  } finally {
    await executor.write("migrations.unlock", (run) => run("MATCH (l:MigrationLock {key: 'lock', owner: $owner}) DELETE l", { owner }));
  }
}
