/** Bootstrap only: config -> database -> migrations -> (demo) -> server; graceful stop on SIGTERM. */
import "reflect-metadata";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { loadConfig } from "./config.js";
import { DomainError } from "./domain/errors.js";
import { MIGRATIONS_DIR } from "./paths.js";
import { WriteQueue } from "./store/write-queue.js";
import { DEMO, loadDemo } from "./demo/demo-graph.js";
import { isEmpty } from "./store/entities.queries.js";
import { startEmbeddedNeo4j, type EmbeddedNeo4j } from "./store/embedded-neo4j.js";
import { createDriver, Executor } from "./store/executor.js";
import { runMigrations } from "./store/migrations.js";
import { createApp } from "./server/http.js";
import { removePidFile, writePidFile } from "./server/pid-file.js";

async function main(): Promise<void> {
  const config = loadConfig();
  const say = (msg: string) => console.log(`provgraph: ${msg}`);
  let embedded: EmbeddedNeo4j | undefined;
  if (!config.neo4j) {
    say(`no NEO4J_URI set: starting the embedded Neo4j in ${join(config.dataDir, "neo4j")}`);
    embedded = await startEmbeddedNeo4j({ dataDir: join(config.dataDir, "neo4j"), log: say, mvn: config.mvn });
  }
  const target = config.neo4j ?? { uri: embedded!.uri, user: undefined, password: undefined };
  const executor = new Executor(createDriver(target), config.database);
  const writeQueue = new WriteQueue(config.writeSlots);
  let migrated = false;
  // An external database may be down at start-up: serve anyway (not ready, SERVICE_UNAVAILABLE)
  // and apply the migrations as soon as it answers.
  const migrate = async () => {
    for (let delay = 1000; ; delay = Math.min(2 * delay, 15_000)) {
      try {
        await runMigrations(executor, MIGRATIONS_DIR, say);
        migrated = true;
        return;
      } catch (error) {
        if (!(error instanceof DomainError && error.code === "SERVICE_UNAVAILABLE")) throw error;
        say(`the database at ${target.uri} does not answer; retrying in ${delay / 1000} s`);
        await sleep(delay);
      }
    }
  };
  const migrating = migrate();
  if (embedded) await migrating;
  else migrating.catch((error: unknown) => fail(error));
  if (config.apiKeys.length === 0)
    say("PROVGRAPH_API_KEYS is unset: open development mode, every request acts as 'anonymous' with every role");

  if (embedded && (await executor.read("demo.empty", isEmpty))) {
    const started = Date.now();
    say("empty database: loading the demo graph");
    await loadDemo(executor, writeQueue);
    say(`demo graph loaded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }

  const app = await createApp(config, executor, writeQueue, { isReady: () => migrated });
  const url = await app.listen(config.port, config.host);
  if (embedded) writePidFile(config.dataDir); // npm run backup / restore stop this process
  say(`GraphQL API at ${url}/graphql (open it in a browser for Apollo Sandbox)`);
  // The embedded database got the demo graph when it was empty; another one has it after `npm run demo`.
  if (embedded) say(`a demo auditor report: ${url}/reports/model-versions/${encodeURIComponent(DEMO.trap)}?format=html`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`${signal}: finishing in-flight requests and stopping`);
    await app.close();
    await executor.close();
    await embedded?.stop();
    if (embedded) removePidFile(config.dataDir);
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

function fail(error: unknown): never {
  console.error(`provgraph: failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

main().catch(fail);
