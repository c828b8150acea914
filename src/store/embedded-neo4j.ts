/**
 * The embedded default database: `neo4j-embedded/` (a Maven module) runs Neo4j Community (the
 * version its pom.xml names, the one place it is set)
 * in a child JVM with Bolt on 127.0.0.1. Built on first use (jars from Maven Central, cached in
 * ~/.m2); the child exits when we stop it (SIGTERM) or when our process dies (its stdin closes).
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { ROOT } from "../paths.js";

const MODULE = join(ROOT, "neo4j-embedded");
const CLASSES = join(MODULE, "target", "classes");
const CLASSPATH = join(MODULE, "target", "cp.txt");
const SOURCE = join(MODULE, "src", "main", "java", "dev", "provgraph", "neo4j", "EmbeddedNeo4j.java");
/** `<neo4j.version>` of the module's pom.xml. */
export const NEO4J_VERSION = /<neo4j\.version>([^<]+)<\/neo4j\.version>/.exec(readFileSync(join(MODULE, "pom.xml"), "utf8"))![1]!;
const MAIN_CLASS = "dev.provgraph.neo4j.EmbeddedNeo4j";
const READY = /^PROVGRAPH_NEO4J_READY (bolt:\/\/\S+)$/;
const JVM_FLAGS = [
  "--add-opens=java.base/java.nio=ALL-UNNAMED",
  "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
  "--add-opens=java.base/java.io=ALL-UNNAMED",
];

export interface EmbeddedNeo4j {
  uri: string;
  pid: number;
  stop(): Promise<void>;
  /** Ends the JVM with SIGKILL, as a crash would (no shutdown, no checkpoint); resolves once it is gone. */
  kill(): Promise<void>;
}

export interface EmbeddedOptions {
  dataDir: string;
  port?: number;
  heap?: string;
  pageCache?: string;
  log?: (msg: string) => void;
  /** The Maven command (config.mvn); `mvn` by default. */
  mvn?: string;
}

const mtime = (path: string) => (existsSync(path) ? statSync(path).mtimeMs : 0);

function isBuilt(): boolean {
  const built = Math.min(mtime(CLASSPATH), mtime(join(CLASSES, "dev", "provgraph", "neo4j", "EmbeddedNeo4j.class")));
  return built > 0 && built >= Math.max(mtime(join(MODULE, "pom.xml")), mtime(SOURCE));
}

/** Compiles the module and writes its classpath; a lock directory keeps two builders apart. */
async function build(mvn: string, log: (msg: string) => void): Promise<void> {
  const lock = join(MODULE, "target", ".build-lock");
  mkdirSync(join(MODULE, "target"), { recursive: true });
  for (let waited = 0; ; waited += 500) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (waited > 300_000) rmSync(lock, { recursive: true, force: true }); // a builder that died
      await new Promise((r) => setTimeout(r, 500));
      if (isBuilt()) return;
    }
  }
  try {
    if (isBuilt()) return;
    const cold = !existsSync(join(homedir(), ".m2", "repository", "org", "neo4j", "neo4j", NEO4J_VERSION));
    if (cold) log(`fetching Neo4j ${NEO4J_VERSION} from Maven Central, first run only (about 160 MB)`);
    else log("building the embedded Neo4j module");
    await runMaven(mvn, log, cold);
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

function runMaven(mvn: string, log: (msg: string) => void, showProgress: boolean): Promise<void> {
  const args = ["-B", "-f", join(MODULE, "pom.xml"), "compile", "dependency:build-classpath", `-Dmdep.outputFile=${CLASSPATH}`];
  return new Promise((resolve, reject) => {
    const child = spawn(mvn, args, { stdio: ["ignore", "pipe", "pipe"] });
    let fetched = 0;
    let lastReport = Date.now();
    const tail: string[] = [];
    const lines = createInterface({ input: child.stdout });
    lines.on("line", (line) => {
      tail.push(line);
      if (tail.length > 30) tail.shift();
      if (!line.includes("Downloaded from")) return;
      fetched++;
      if (showProgress && Date.now() - lastReport > 3000) {
        lastReport = Date.now();
        log(`  ${fetched} files fetched from Maven Central...`);
      }
    });
    child.stderr.on("data", (chunk: Buffer) => tail.push(chunk.toString()));
    child.on("error", (error) =>
      reject(new Error(`cannot run '${mvn}' (a JDK 17+ and Maven are needed for the embedded Neo4j): ${error.message}`)),
    );
    child.on("close", (code) => {
      if (code === 0) {
        if (showProgress) log(`  done: ${fetched} files fetched`);
        resolve();
      } else reject(new Error(`building neo4j-embedded failed (mvn exit ${code}):\n${tail.join("\n")}`));
    });
  });
}

function logTail(dataDir: string): string {
  const file = join(dataDir, "logs", "debug.log");
  return existsSync(file) ? readFileSync(file, "utf8").split("\n").slice(-20).join("\n") : "";
}

/** Starts Neo4j on 127.0.0.1 (port 0: any free port) and resolves once it accepts Bolt. */
export async function startEmbeddedNeo4j(options: EmbeddedOptions): Promise<EmbeddedNeo4j> {
  const { dataDir, port = 0, heap = "512m", pageCache = "256m", log = () => {}, mvn = "mvn" } = options;
  if (!isBuilt()) await build(mvn, log);
  if (spawnSync("java", ["-version"]).error) throw new Error("no 'java' on PATH: the embedded Neo4j needs a JDK 17+ (or set NEO4J_URI)");
  mkdirSync(dataDir, { recursive: true });
  const classpath = `${CLASSES}:${readFileSync(CLASSPATH, "utf8").trim()}`;
  const child = spawn(
    "java",
    [
      `-Xms${heap}`,
      `-Xmx${heap}`,
      ...JVM_FLAGS,
      "-cp",
      classpath,
      MAIN_CLASS,
      "--home",
      dataDir,
      "--port",
      String(port),
      "--pagecache",
      pageCache,
    ],
    {
      stdio: ["pipe", "pipe", "pipe"],
    },
  );
  const killOnExit = () => child.kill("SIGKILL");
  process.on("exit", killOnExit);
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));

  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const uri = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`the embedded Neo4j was not ready within 120 s\n${logTail(dataDir)}`));
    }, 120_000);
    createInterface({ input: child.stdout }).on("line", (line) => {
      const match = READY.exec(line.trim());
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the embedded Neo4j exited (code ${code}) before it was ready\n${stderr}\n${logTail(dataDir)}`));
    });
  });

  let stopping: Promise<void> | undefined;
  return {
    uri,
    pid: child.pid!,
    stop() {
      stopping ??= (async () => {
        if (child.exitCode === null && child.signalCode === null) {
          child.kill("SIGTERM");
          const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
          await exited;
          clearTimeout(timer);
        }
        process.off("exit", killOnExit);
      })();
      return stopping;
    },
    async kill() {
      child.kill("SIGKILL");
      await exited;
      process.off("exit", killOnExit);
    },
  };
}
