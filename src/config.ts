/**
 * Every setting, read once from the environment and validated. The names are part of the
 * public contract (README, ARCHITECTURE.md); nothing else in the code reads process.env.
 */
import { hashKey, ROLES, type ApiKey } from "./auth.js";
import { isOneOf } from "./domain/vocabulary.js";

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
  ops: Operations;
}

/** Who may read GET /metrics: nobody, anyone on a loopback address, or any API key. */
export type MetricsAccess = "off" | "loopback" | "keyed";

/** OTLP/HTTP (protobuf) trace export, from the standard OTEL_ variables. */
export interface Tracing {
  /** The traces URL: OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, else OTEL_EXPORTER_OTLP_ENDPOINT + /v1/traces. */
  url: string;
  headers: Record<string, string>;
  serviceName: string;
  resourceAttributes: Record<string, string>;
}

/** How provgraph runs beside other systems: metrics, traces, federation, explorer, CORS. */
export interface Operations {
  metrics: MetricsAccess;
  /** Unset (or OTEL_SDK_DISABLED=true): no tracing. */
  tracing: Tracing | undefined;
  /** Serve the schema as an Apollo Federation 2 subgraph. */
  federation: boolean;
  /** The landing page on GET /graphql: Apollo Sandbox (from Apollo's CDN) or the bundled GraphiQL. */
  explorer: "sandbox" | "graphiql";
  /** Origins whose pages may call the API, besides the server's own. */
  corsOrigins: string[];
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
    const unknown = roles.find((r) => !isOneOf(ROLES, r));
    if (unknown !== undefined)
      throw new ConfigError(`PROVGRAPH_API_KEYS entry ${index + 1} names unknown role '${unknown}' (roles: ${ROLES.join(", ")})`);
    if (!actor || !key) throw new ConfigError(`PROVGRAPH_API_KEYS entry ${index + 1} needs an actor and a key`);
    return { actor, roles: roles.filter((r) => isOneOf(ROLES, r)), keyHash: hashKey(key) };
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

function oneOf<T extends string>(env: NodeJS.ProcessEnv, name: string, allowed: readonly T[], fallback: T): T {
  const raw = env[name]?.toLowerCase();
  if (raw === undefined || raw === "") return fallback;
  if (!isOneOf(allowed, raw)) throw new ConfigError(`${name}='${env[name]}' is not one of ${allowed.join(", ")}`);
  return raw;
}

/** `key=value,...` with percent-encoded values (OTEL_EXPORTER_OTLP_HEADERS, OTEL_RESOURCE_ATTRIBUTES). */
function pairs(env: NodeJS.ProcessEnv, name: string): Record<string, string> {
  const raw = env[name];
  if (!raw?.trim()) return {};
  return Object.fromEntries(
    raw.split(",").map((entry) => {
      const at = entry.indexOf("=");
      if (at <= 0) throw new ConfigError(`${name} entry '${entry}' is not key=value`);
      return [entry.slice(0, at).trim(), decodeURIComponent(entry.slice(at + 1).trim())];
    }),
  );
}

function tracing(env: NodeJS.ProcessEnv): Tracing | undefined {
  const base = env.OTEL_EXPORTER_OTLP_ENDPOINT;
  const traces = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT;
  if ((!base && !traces) || flag(env, "OTEL_SDK_DISABLED", false)) return undefined;
  const protocol = env.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL || env.OTEL_EXPORTER_OTLP_PROTOCOL || "http/protobuf";
  if (protocol !== "http/protobuf")
    throw new ConfigError(`OTEL_EXPORTER_OTLP_PROTOCOL='${protocol}': provgraph exports traces as http/protobuf only`);
  const url = traces || `${base!.replace(/\/+$/, "")}/v1/traces`;
  if (!URL.canParse(url)) throw new ConfigError(`the OTLP traces endpoint '${url}' is not a URL`);
  return {
    url,
    headers: { ...pairs(env, "OTEL_EXPORTER_OTLP_HEADERS"), ...pairs(env, "OTEL_EXPORTER_OTLP_TRACES_HEADERS") },
    serviceName: env.OTEL_SERVICE_NAME || "provgraph",
    resourceAttributes: pairs(env, "OTEL_RESOURCE_ATTRIBUTES"),
  };
}

/** Comma-separated origins (scheme://host[:port], no path); the default is Apollo Studio's. */
function origins(env: NodeJS.ProcessEnv): string[] {
  const raw = env.PROVGRAPH_CORS_ORIGINS ?? "https://studio.apollographql.com";
  return raw
    .split(",")
    .map((origin) => origin.trim())
    .filter((origin) => origin !== "")
    .map((origin) => {
      if (!URL.canParse(origin) || new URL(origin).origin !== origin)
        throw new ConfigError(
          `PROVGRAPH_CORS_ORIGINS entry '${origin}' is not an origin (scheme://host[:port], no path or trailing slash)`,
        );
      return origin;
    });
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
    ops: {
      metrics: oneOf(env, "PROVGRAPH_METRICS", ["off", "loopback", "keyed"], "loopback"),
      tracing: tracing(env),
      federation: flag(env, "PROVGRAPH_FEDERATION", false),
      explorer: oneOf(env, "PROVGRAPH_EXPLORER", ["sandbox", "graphiql"], "sandbox"),
      corsOrigins: origins(env),
    },
  };
}
