/**
 * npm run restore -- <file.tar.gz>: puts a backup of the embedded database back. The server of
 * the data directory is stopped cleanly first; the database it leaves is kept beside the
 * restored one (`data.replaced-<time>`), never deleted. A restore rolls the audit log back to
 * the backup: an auditor holding a later checkpoint sees it (its consistency proof fails).
 */
import { existsSync, mkdirSync, renameSync } from "node:fs";
import { join, resolve } from "node:path";
import { embeddedHome, run, say, stopIfRunning, storeExists, tar } from "./embedded-store.js";

run(async () => {
  const file = process.argv[2];
  if (!file) throw new Error("usage: npm run restore -- <file.tar.gz>");
  const source = resolve(file);
  if (!existsSync(source)) throw new Error(`no backup at ${source}`);
  const { dataDir, home } = embeddedHome("npm run restore");
  await stopIfRunning(dataDir, "replace its store");
  if (storeExists(home)) {
    const aside = join(home, `data.replaced-${new Date().toISOString().replace(/[:.]/g, "-")}`);
    renameSync(join(home, "data"), aside);
    say(`kept the database it replaces in ${aside}`);
  }
  mkdirSync(home, { recursive: true });
  tar(["-xzf", source, "-C", home, "data"]);
  say(`restored ${source} into ${home}/data; start the server with npm start`);
});
