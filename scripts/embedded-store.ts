/**
 * What backup and restore share: the embedded database's files and the server using them.
 *
 * Neo4j Community has no online backup, and `neo4j-admin database dump` / `load` need the
 * database stopped as well; the embedded module ships no neo4j-admin. So both commands work on
 * a stopped store: a server running on this data directory is stopped cleanly first (SIGTERM:
 * it finishes its requests and Neo4j checkpoints on shutdown), and the archive is the store's
 * files (every database, with its transaction logs) as Neo4j left them: a cold copy, which
 * Neo4j opens as it would after any clean stop. Start the server again afterwards.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { loadConfig } from "../src/config.js";
import { runningServer, stopServer } from "../src/server/pid-file.js";

export const say = (msg: string) => console.log(`provgraph: ${msg}`);

/** The embedded Neo4j home of the configured data directory; refuses an external database. */
export function embeddedHome(command: string): { dataDir: string; home: string } {
  const config = loadConfig();
  if (config.neo4j) {
    throw new Error(
      `NEO4J_URI is set: ${command} covers the embedded database only; for a Neo4j server or Aura use neo4j-admin (README, "Operating provgraph")`,
    );
  }
  return { dataDir: config.dataDir, home: join(config.dataDir, "neo4j") };
}

/** Stops the server of `dataDir` if one runs, saying so. */
export async function stopIfRunning(dataDir: string, why: string): Promise<boolean> {
  const pid = runningServer(dataDir);
  if (pid === undefined) return false;
  say(`the server (pid ${pid}) is using ${dataDir}: Neo4j Community cannot ${why} while it runs, so stopping it cleanly (SIGTERM)`);
  await stopServer(pid);
  return true;
}

export function tar(args: string[]): void {
  const result = spawnSync("tar", args, { stdio: ["ignore", "inherit", "inherit"] });
  if (result.error) throw new Error(`cannot run tar: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`tar ${args.join(" ")} failed (exit ${result.status})`);
}

export function run(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    console.error(`provgraph: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}

export const storeExists = (home: string) => existsSync(join(home, "data", "databases"));
