import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { loadConfig } from "../../src/config.js";
import { ROOT } from "../../src/paths.js";
import { NEO4J_VERSION } from "../../src/store/embedded-neo4j.js";

/** What a user sets before `docker compose up`, for the file's required `${NAME:?...}` variables. */
const SET_BY_USER: Record<string, string> = { NEO4J_PASSWORD: "secret", PROVGRAPH_API_KEYS: "ci:admin:k" };
const interpolate = (value: string) => value.replace(/\$\{(\w+):\?[^}]*\}/g, (_, name: string) => SET_BY_USER[name]!);

// No Docker engine here: the compose file is checked by reading it.
describe("docker-compose.yml", async () => {
  const compose = parse(await readFile(join(ROOT, "docker-compose.yml"), "utf8"));
  const { neo4j, api } = compose.services;
  const environment: Record<string, string> = Object.fromEntries(
    Object.entries(api.environment).map(([name, value]) => [name, interpolate(String(value))]),
  );

  it("runs the Neo4j Community the embedded database runs (the pom's version) and the API built from the Dockerfile", async () => {
    expect(neo4j.image).toBe(`neo4j:${NEO4J_VERSION.split(".").slice(0, 2).join(".")}-community`);
    expect(api.build).toBe(".");
    expect(await readFile(join(ROOT, "Dockerfile"), "utf8")).toMatch(/CMD \["npx", "tsx", "src\/main.ts"\]/);
    expect(api.depends_on.neo4j.condition).toBe("service_healthy");
  });

  it("configures the API with variables it reads, wired to the Neo4j service's Bolt port", () => {
    const config = loadConfig(environment);
    expect(config.neo4j).toEqual({ uri: "bolt://neo4j:7687", user: "neo4j", password: "secret", database: "neo4j" });
    expect(config.apiKeys.map((k) => k.actor)).toEqual(["ci"]);
    expect([config.host, config.port]).toEqual(["0.0.0.0", 4000]);
    // every variable the file sets changes the configuration when it is left out (those set to
    // their defaults are checked with another value instead)
    const other: Record<string, string> = { NEO4J_USER: "other", NEO4J_DATABASE: "other", PORT: "4001" };
    for (const name of Object.keys(environment)) {
      const without = { ...environment, [name]: other[name] ?? "" };
      expect(loadConfig(without), `${name} is read by loadConfig`).not.toEqual(config);
    }
    expect(neo4j.ports).toContain("7687:7687");
    expect(api.ports).toContain(`${config.port}:${config.port}`);
    // the API's password is the one Neo4j is started with
    expect(interpolate(neo4j.environment.NEO4J_AUTH)).toBe(`neo4j/${config.neo4j!.password}`);
  });
});
