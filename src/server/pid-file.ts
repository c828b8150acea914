/**
 * `<data dir>/provgraph.pid`: the process serving the embedded database in that directory, so
 * that `npm run backup` / `npm run restore` can find it and stop it cleanly (SIGTERM) before
 * they copy the store files. Written once the server listens, removed when it stops.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

const pidFile = (dataDir: string) => join(dataDir, "provgraph.pid");

export function writePidFile(dataDir: string): void {
  writeFileSync(pidFile(dataDir), `${process.pid}\n`);
}

export function removePidFile(dataDir: string): void {
  const file = pidFile(dataDir);
  if (existsSync(file) && readFileSync(file, "utf8").trim() === String(process.pid)) rmSync(file);
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** The pid of the live server of this data directory, if one runs. */
export function runningServer(dataDir: string): number | undefined {
  const file = pidFile(dataDir);
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, "utf8").trim());
  return Number.isInteger(pid) && pid > 0 && alive(pid) ? pid : undefined;
}

/** Stops the server with SIGTERM (it finishes in-flight requests, then shuts Neo4j down) and waits until it is gone. */
export async function stopServer(pid: number, timeoutMs = 60_000): Promise<void> {
  process.kill(pid, "SIGTERM");
  for (const end = Date.now() + timeoutMs; Date.now() < end; await sleep(200)) if (!alive(pid)) return;
  throw new Error(`the server (pid ${pid}) did not stop within ${timeoutMs / 1000} s; stop it, then run this again`);
}
