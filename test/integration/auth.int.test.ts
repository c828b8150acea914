import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { prefix, startApi, type TestApi } from "../helpers/api.js";
import { VERIFY } from "../helpers/ops.js";

const P = prefix("auth");
const KEYS = "rita:reader:k-read,wendy:writer:k-write,aldo:auditor:k-audit,ada:admin:k-admin,multi:reader+auditor:k-multi";
let api: TestApi;

beforeAll(async () => {
  api = await startApi({ PROVGRAPH_API_KEYS: KEYS });
});
afterAll(() => api?.close());

const QUERY = `{ samples(first: 1) { totalCount } }`;
const MUTATION = `mutation($i: LabelerInput!) { registerLabeler(input: $i) { id } }`;

describe("API keys and roles", () => {
  // role x (query, mutation, audit query): reader r--, writer rw-, auditor r-a, admin rwa
  const matrix: Array<[string, boolean, boolean, boolean]> = [
    ["k-read", true, false, false],
    ["k-write", true, true, false],
    ["k-audit", true, false, true],
    ["k-admin", true, true, true],
    ["k-multi", true, false, true],
  ];
  for (const [key, canRead, canWrite, canAudit] of matrix) {
    it(`${key}: query ${canRead}, mutation ${canWrite}, audit ${canAudit}`, async () => {
      expect(await api.code(QUERY, {}, key)).toBe(canRead ? undefined : "FORBIDDEN");
      expect(await api.code(MUTATION, { i: { id: `${P}${key}`, name: "n", kind: "LLM" } }, key)).toBe(canWrite ? undefined : "FORBIDDEN");
      expect(await api.code(VERIFY, {}, key)).toBe(canAudit ? undefined : "FORBIDDEN");
    });
  }

  it("refuses a request without a key or with an unknown key", async () => {
    expect(await api.code(QUERY)).toBe("UNAUTHENTICATED");
    expect(await api.code(QUERY, {}, "k-nope")).toBe("UNAUTHENTICATED");
    const response = await fetch(api.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: QUERY }),
    });
    expect(response.status).toBe(401);
  });

  it("records the key's actor, never the key, in the audit log", async () => {
    await api.ok(MUTATION, { i: { id: `${P}by-wendy`, name: "n", kind: "LLM" } }, "k-write");
    const trail = await api.ok(
      `query($s: ID) { auditTrail(subjectId: $s) { edges { node { actor } } } }`,
      { s: `${P}by-wendy` },
      "k-audit",
    );
    expect(trail.auditTrail.edges).toEqual([{ node: { actor: "wendy" } }]);
  });

  it("refuses to start in production without keys, and rejects malformed key lists", () => {
    expect(() => loadConfig({ NODE_ENV: "production" })).toThrow(/refusing to serve an open API/);
    expect(() => loadConfig({ PROVGRAPH_API_KEYS: "bob:superuser:k" })).toThrow(/unknown role 'superuser'/);
    expect(() => loadConfig({ PROVGRAPH_API_KEYS: "bob:reader" })).toThrow(/is not actor:role/);
    expect(loadConfig({ NODE_ENV: "production", PROVGRAPH_API_KEYS: KEYS }).apiKeys).toHaveLength(5);
  });
});
