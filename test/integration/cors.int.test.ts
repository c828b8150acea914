/**
 * CORS for Apollo Studio and other browser clients: a page on another origin calls the API
 * from Chromium with an API key (the browser sends a preflight first); a page on an origin not
 * listed is refused by the browser, and Apollo's CSRF guard still answers everything else.
 */
import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graphCounts, prefix, startApi, type TestApi } from "../helpers/api.js";
import { BROWSER_REQUIRED, CHROMIUM, launchChromium } from "../helpers/browser.js";
import { LABELER } from "../helpers/ops.js";

const KEYS = "wren:writer:k-write,rita:reader:k-read";
const p = prefix("cors");

/** A tiny site on its own origin: one empty page for a browser to run a script in. */
async function site(): Promise<{ origin: string; server: Server }> {
  const server = createServer((_request, response) =>
    response.writeHead(200, { "content-type": "text/html" }).end("<!doctype html><title>portal</title>"),
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { origin: `http://127.0.0.1:${(server.address() as { port: number }).port}`, server };
}

let api: TestApi;
let listed: Awaited<ReturnType<typeof site>>;
let unlisted: Awaited<ReturnType<typeof site>>;

beforeAll(async () => {
  [listed, unlisted] = [await site(), await site()];
  api = await startApi({ PROVGRAPH_API_KEYS: KEYS, PROVGRAPH_CORS_ORIGINS: `https://studio.apollographql.com,${listed.origin}` });
  await api.ok(LABELER, { i: { id: `${p}ann`, name: "Ann", kind: "HUMAN_EXPERT" } }, "k-write");
});
afterAll(async () => {
  await api?.close();
  listed?.server.close();
  unlisted?.server.close();
});

const preflight = (origin: string) =>
  fetch(api.url, {
    method: "OPTIONS",
    headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "authorization,content-type" },
  });

describe("the preflight", () => {
  it("is answered for a listed origin (Apollo Studio's by default) with the key header allowed and no credentials", async () => {
    for (const origin of ["https://studio.apollographql.com", listed.origin]) {
      const response = await preflight(origin);
      expect(response.status).toBe(204);
      expect(response.headers.get("access-control-allow-origin")).toBe(origin);
      expect(response.headers.get("access-control-allow-headers")?.split(/,\s*/)).toEqual(
        expect.arrayContaining(["authorization", "content-type", "apollo-require-preflight", "x-apollo-operation-name"]),
      );
      expect(response.headers.get("access-control-allow-credentials")).toBeNull();
    }
  });

  it("allows nothing for an origin not listed", async () => {
    const response = await preflight(unlisted.origin);
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("leaves Apollo's CSRF guard on every other request", async () => {
    // A form-like POST (text/plain) and a GET without a preflight-forcing header are what a
    // cross-site page can send without asking: both are refused before any operation runs.
    const post = await fetch(api.url, {
      method: "POST",
      headers: { origin: listed.origin, "content-type": "text/plain", authorization: "Bearer k-read" },
      body: JSON.stringify({ query: "{ __typename }" }),
    });
    expect(post.status).toBe(400);
    expect(await post.text()).toMatch(/CSRF/);
    const get = await fetch(`${api.url}?query=${encodeURIComponent("{ __typename }")}`, {
      headers: { origin: listed.origin, authorization: "Bearer k-read" },
    });
    expect(get.status).toBe(400);
  });
});

describe.skipIf(!CHROMIUM && !BROWSER_REQUIRED)("a page on another origin, in Chromium", () => {
  /** Runs a GraphQL POST from a page of `origin`: the answer, or the error the browser gave the script. */
  async function fromPage(origin: string, query: string, key: string) {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      const console: string[] = [];
      page.on("console", (message) => console.push(message.text()));
      await page.goto(`${origin}/`);
      const result = await page.evaluate(
        async ({ url, query, key }) => {
          try {
            const response = await fetch(url, {
              method: "POST",
              headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
              body: JSON.stringify({ query }),
            });
            return { status: response.status, body: await response.json() };
          } catch (error) {
            return { error: String(error) };
          }
        },
        { url: api.url, query, key },
      );
      return { ...result, console };
    } finally {
      await browser.close();
    }
  }

  it("runs a query with an API key from a listed origin", async () => {
    const result = await fromPage(listed.origin, `{ labeler(id: "${p}ann") { id name kind } }`, "k-read");
    expect(result).toMatchObject({ status: 200, body: { data: { labeler: { id: `${p}ann`, name: "Ann", kind: "HUMAN_EXPERT" } } } });
  });

  it("is refused by the browser from an origin not listed, and its write never reaches the API", async () => {
    const before = await graphCounts(api.executor);
    const result = await fromPage(
      unlisted.origin,
      `mutation { registerLabeler(input: { id: "${p}eve", name: "Eve", kind: LLM }) { id } }`,
      "k-write",
    );
    expect(result.error).toMatch(/Failed to fetch/);
    expect(result.console.join("\n")).toMatch(/blocked by CORS policy/);
    expect(await graphCounts(api.executor)).toEqual(before);
  });
});
