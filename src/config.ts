/**
 * Every setting, read once from the environment and validated. The names are part of the
 * public contract (README, ARCHITECTURE.md); nothing else in the code reads process.env.
 */
import { hashKey, ROLES, type ApiKey, type Role } from "./auth.js";

export interface Neo4jTarget {
  uri: string;
  user: string;
  password: string | undefined;
  database: string;
}

/** Limits on one GraphQL operation and one request (QUERY_TOO_COMPLEX, HTTP 413 for the body). */
export interface Limits {
  maxDepth: number;
  maxAliases: number;
  maxTokens: number;
  maxDirectives: number;
  maxCost: number;
  bodyLimitBytes: number;
}

export interface Config {
  port: number;
  host: string;
  /** Unset: start the embedded Neo4j in `dataDir`. */
  neo4j: Neo4jTarget | undefined;
  database: string;
  dataDir: string;
  /** Empty: open development mode. */
  apiKeys: ApiKey[];
  signingKey: string | undefined;
  diversityTolerance: number;
  introspection: boolean;
  debug: boolean;
  production: boolean;
  limits: Limits;
  /** Write transactions one process keeps open at once (store/write-queue.ts). */
  writeSlots: number;
  /** The server's log level (pino). */
  logLevel: string;
  /** The Maven command that builds the embedded Neo4j. */
  mvn: string;
}

class ConfigError extends Error {}

/** Parses `actor:role[+role...]:key,...`. The key may itself contain ':'. */
function parseApiKeys(text: string | undefined): ApiKey[] {
  if (!text?.trim()) return [];
  return text.split(",").map((entry, index) => {
    const parts = entry.trim().split(":");
    if (parts.length < 3) throw new ConfigError(`PROVGRAPH_API_KEYS entry ${index + 1} is not actor:role[+role]:key`);
    const [actor, roleText, ...keyParts] = parts;
    const key = keyParts.join(":");
    const roles = roleText!.split("+").map((r) => r.trim());
    const unknown = roles.find((r) => !ROLES.includes(r as Role));
    if (unknown !== undefined)
      throw new ConfigError(`PROVGRAPH_API_KEYS entry ${index + 1} names unknown role '${unknown}' (roles: ${ROLES.join(", ")})`);
    if (!actor || !key) throw new ConfigError(`PROVGRAPH_API_KEYS entry ${index + 1} needs an actor and a key`);
    return { actor, roles: roles as Role[], keyHash: hashKey(key) };
  });
}

function number(env: NodeJS.ProcessEnv, name: string, fallback: number, check: (n: number) => boolean): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || !check(value)) throw new ConfigError(`${name}='${raw}' is not valid`);
  return value;
}

const positiveInteger = (n: number) => Number.isInteger(n) && n > 0;

function flag(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name]?.toLowerCase();
  if (raw === undefined || raw === "") return fallback;
  if (["1", "true", "yes", "on"].includes(raw)) return true;
  if (["0", "false", "no", "off"].includes(raw)) return false;
  throw new ConfigError(`${name}='${env[name]}' is not a boolean`);
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const production = env.NODE_ENV === "production";
  const apiKeys = parseApiKeys(env.PROVGRAPH_API_KEYS);
  if (production && apiKeys.length === 0) {
    throw new ConfigError("NODE_ENV=production needs PROVGRAPH_API_KEYS: refusing to serve an open API");
  }
  const database = env.NEO4J_DATABASE || "neo4j";
  return {
    port: number(env, "PORT", 4000, (n) => Number.isInteger(n) && n >= 0 && n < 65536),
    host: env.HOST || "127.0.0.1",
    neo4j: env.NEO4J_URI ? { uri: env.NEO4J_URI, user: env.NEO4J_USER || "neo4j", password: env.NEO4J_PASSWORD, database } : undefined,
    database,
    dataDir: env.PROVGRAPH_DATA_DIR || ".provgraph",
    apiKeys,
    signingKey: env.PROVGRAPH_SIGNING_KEY || undefined,
    diversityTolerance: number(env, "PROVGRAPH_DIVERSITY_TOLERANCE", 0.1, (n) => n >= 0 && n < 1),
    introspection: flag(env, "PROVGRAPH_INTROSPECTION", true),
    debug: flag(env, "PROVGRAPH_DEBUG", false),
    production,
    limits: {
      maxDepth: number(env, "PROVGRAPH_MAX_DEPTH", 12, positiveInteger),
      maxAliases: number(env, "PROVGRAPH_MAX_ALIASES", 30, positiveInteger),
      maxTokens: number(env, "PROVGRAPH_MAX_TOKENS", 20_000, positiveInteger),
      maxDirectives: number(env, "PROVGRAPH_MAX_DIRECTIVES", 50, positiveInteger),
      maxCost: number(env, "PROVGRAPH_MAX_COST", 250_000, positiveInteger),
      bodyLimitBytes: number(env, "PROVGRAPH_BODY_LIMIT_MB", 16, (n) => n > 0) * 1024 * 1024,
    },
    writeSlots: number(env, "PROVGRAPH_WRITE_SLOTS", 8, positiveInteger),
    logLevel: env.LOG_LEVEL || "info",
    mvn: env.MVN || "mvn",
  };
}
