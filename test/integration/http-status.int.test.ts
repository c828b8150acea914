/** The HTTP status of each refusal, over the real server: a refusal is a 4xx, never a 5xx. */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { createApp } from "../../src/server/http.js";
import { createDriver, Executor } from "../../src/store/executor.js";
import { WriteQueue } from "../../src/store/write-queue.js";
import { DATA_DIR, neo4jTarget, startApi, type TestApi } from "../helpers/api.js";

const KEYS = "rita:reader:k-read,aldo:auditor:k-audit";
let api: TestApi;

beforeAll(async () => {
  api = await startApi({ PROVGRAPH_API_KEYS: KEYS });
});
afterAll(() => api?.close());

async function post(query: string, key = "k-read"): Promise<{ status: number; code: string | undefined }> {
  const response = await fetch(api.url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
    body: JSON.stringify({ query }),
  });
  const body = (await response.json()) as { errors?: Array<{ extensions?: { code?: string } }> };
  return { status: response.status, code: body.errors?.[0]?.extensions?.code };
}

describe("HTTP status of GraphQL request errors", () => {
  it("QUERY_TOO_COMPLEX is 400, from the cost limit as from the depth limit", async () => {
    // listCost: models(first: 2^31 - 1) { totalCount } costs 1 + 1 x (2^31 - 1) = 2,147,483,648 > 250,000.
    expect(await post(`{ models(first: 2147483647) { totalCount } }`)).toEqual({ status: 400, code: "QUERY_TOO_COMPLEX" });
    expect(await post(`{ sample(id: "x") { ${"derivedFrom { ".repeat(11)}id${" }".repeat(11)} } }`)).toEqual({
      status: 400,
      code: "QUERY_TOO_COMPLEX",
    });
  });

  it("a malformed operation is 400 BAD_USER_INPUT, a missing key 401", async () => {
    expect(await post(`{ nope }`)).toEqual({ status: 400, code: "BAD_USER_INPUT" });
    expect(await post(`{ samples(first: 1) { totalCount } }`, "k-nope")).toEqual({ status: 401, code: "UNAUTHENTICATED" });
  });

  it("a refusal while executing keeps 200 with its code (the response has data)", async () => {
    expect(await post(`{ auditTrail { totalCount } }`)).toEqual({ status: 200, code: "FORBIDDEN" });
  });

  it("SERVICE_UNAVAILABLE is 503 while the migrations are not applied", async () => {
    const executor = new Executor(createDriver(neo4jTarget()), "neo4j");
    const app = await createApp(loadConfig({ NEO4J_URI: inject("neo4jUri"), PROVGRAPH_DATA_DIR: DATA_DIR }), executor, new WriteQueue(1), {
      logger: false,
      isReady: () => false,
    });
    try {
      const url = await app.listen(0, "127.0.0.1");
      const response = await fetch(`${url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: "{ __typename }" }),
      });
      expect(response.status).toBe(503);
      expect(((await response.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]!.extensions.code).toBe(
        "SERVICE_UNAVAILABLE",
      );
    } finally {
      await app.close();
      await executor.close();
    }
  });
});

describe("HTTP status of the report route", () => {
  const report = async (id: string, key: string | undefined, format = "json") => {
    const response = await fetch(`${api.url.replace(/\/graphql$/, "")}/reports/model-versions/${encodeURIComponent(id)}?format=${format}`, {
      headers: key ? { authorization: `Bearer ${key}` } : {},
    });
    return { status: response.status, code: ((await response.json()) as { error?: { code: string } }).error?.code };
  };

  it("answers 401, 403, 400 and 404 with the code", async () => {
    expect(await report("x", undefined)).toEqual({ status: 401, code: "UNAUTHENTICATED" });
    expect(await report("x", "k-read")).toEqual({ status: 403, code: "FORBIDDEN" });
    expect(await report("x", "k-audit", "pdf")).toEqual({ status: 400, code: "BAD_USER_INPUT" });
    expect(await report("no-such-model-version", "k-audit")).toEqual({ status: 404, code: "NOT_FOUND" });
  });
});
