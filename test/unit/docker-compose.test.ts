import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ROOT } from "../../src/paths.js";

// No Docker engine here: the compose file is checked by reading it.
describe("docker-compose.yml", async () => {
  const compose = parse(await readFile(join(ROOT, "docker-compose.yml"), "utf8"));
  const { neo4j, api } = compose.services;
  const config = await readFile(join(ROOT, "src/config.ts"), "utf8");

  it("runs Neo4j 5.26 Community and the API built from the Dockerfile", async () => {
    expect(neo4j.image).toBe("neo4j:5.26-community");
    expect(api.build).toBe(".");
    expect(await readFile(join(ROOT, "Dockerfile"), "utf8")).toMatch(/CMD \["npx", "tsx", "src\/main.ts"\]/);
    expect(api.depends_on.neo4j.condition).toBe("service_healthy");
  });

  it("wires the API to the Neo4j service's Bolt port with the documented variable names", () => {
    expect(api.environment.NEO4J_URI).toBe("bolt://neo4j:7687");
    expect(neo4j.ports).toContain("7687:7687");
    for (const name of Object.keys(api.environment)) expect(config, `${name} is read in src/config.ts`).toMatch(new RegExp(`env\\.${name}\\b|"${name}"`));
    expect(api.ports).toContain(`${api.environment.PORT}:${api.environment.PORT}`);
    // the API's password is the one Neo4j is started with
    expect(neo4j.environment.NEO4J_AUTH).toBe(`neo4j/${api.environment.NEO4J_PASSWORD}`);
  });
});
