/** npm run demo: loads the demo graph into the configured database (NEO4J_URI, or the embedded one). */
import "reflect-metadata";
import { join } from "node:path";
import { loadConfig } from "../src/config.js";
import { loadDemo } from "../src/demo/demo-graph.js";
import { MIGRATIONS_DIR } from "../src/paths.js";
import { startEmbeddedNeo4j } from "../src/store/embedded-neo4j.js";
import { WriteQueue } from "../src/store/write-queue.js";
import { createDriver, Executor } from "../src/store/executor.js";
import { runMigrations } from "../src/store/migrations.js";

const config = loadConfig();
const embedded = config.neo4j
  ? undefined
  : await startEmbeddedNeo4j({ dataDir: join(config.dataDir, "neo4j"), log: console.log, mvn: config.mvn });
const executor = new Executor(createDriver(config.neo4j ?? { uri: embedded!.uri }), config.database);
try {
  await runMigrations(executor, MIGRATIONS_DIR, console.log);
  const started = Date.now();
  await loadDemo(executor, new WriteQueue(config.writeSlots));
  console.log(`demo graph loaded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
} finally {
  await executor.close();
  await embedded?.stop();
}
