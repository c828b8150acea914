/**
 * npm run backup -- <file.tar.gz>: a consistent copy of the embedded database (every database
 * of `<data dir>/neo4j/data`, with its transaction logs), taken with the server stopped; see
 * embedded-store.ts for why. The signing key is not in it: keep that secret apart.
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { embeddedHome, run, say, stopIfRunning, storeExists, tar } from "./embedded-store.js";

run(async () => {
  const file = process.argv[2];
  if (!file) throw new Error("usage: npm run backup -- <file.tar.gz>");
  const target = resolve(file);
  if (existsSync(target)) throw new Error(`${target} exists already; name a new file`);
  const { dataDir, home } = embeddedHome("npm run backup");
  if (!storeExists(home)) throw new Error(`no embedded database in ${home}`);
  const stopped = await stopIfRunning(dataDir, "copy its store consistently");
  tar(["-czf", target, "-C", home, "data"]);
  say(`backed up ${home}/data to ${target}`);
  if (stopped) say("start the server again with npm start");
});
