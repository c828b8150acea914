/**
 * PROVGRAPH_EXPLORER=graphiql: GraphiQL from the server's own files, in headless Chromium with
 * every request off the loopback network aborted (and recorded): the page loads, runs the
 * README's first query with an API key typed into its key field, and asks nothing of the world.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDemo } from "../../src/demo/demo-graph.js";
import { ROOT } from "../../src/paths.js";
import { startApi, type TestApi } from "../helpers/api.js";
import { BROWSER_REQUIRED, CHROMIUM, launchChromium } from "../helpers/browser.js";

let api: TestApi;
let sandbox: TestApi;

/** The first query of the README's tour, as a reader would paste it. */
const FIRST_QUERY = /^# 1\..*\n(\{.*\})$/m.exec(readFileSync(join(ROOT, "README.md"), "utf8"))![1]!;

beforeAll(async () => {
  api = await startApi({ PROVGRAPH_EXPLORER: "graphiql", PROVGRAPH_API_KEYS: "rita:reader:k-read" });
  sandbox = await startApi();
  await loadDemo(api.executor, api.writeQueue);
});
afterAll(async () => {
  await api?.close();
  await sandbox?.close();
});

const page = (url: string) => fetch(url, { headers: { accept: "text/html" } }).then((r) => r.text());

describe("the landing page", () => {
  it("is Apollo Sandbox by default, GraphiQL from the server's own files when configured", async () => {
    expect(await page(sandbox.url)).toMatch(/embeddable-sandbox\.cdn\.apollographql\.com/);
    const html = await page(api.url);
    expect(html).toContain("GraphiQL");
    // Every script and style is a path on this server.
    for (const [, src] of html.matchAll(/(?:src|href)="([^"]+)"/g)) expect(src).toMatch(/^\/graphiql\//);
  });
});

describe.skipIf(!CHROMIUM && !BROWSER_REQUIRED)("GraphiQL offline, in Chromium", () => {
  it("loads, runs the README's first query with the API key, and makes no request off loopback", async () => {
    const browser = await launchChromium();
    try {
      const context = await browser.newContext();
      const outside: string[] = [];
      await context.route("**/*", (route) => {
        const { hostname } = new URL(route.request().url());
        if (hostname === "127.0.0.1" || hostname === "localhost" || hostname === "[::1]") return route.continue();
        outside.push(route.request().url());
        return route.abort("internetdisconnected");
      });
      const tab = await context.newPage();
      const problems: string[] = [];
      tab.on("pageerror", (error) => problems.push(error.message));
      await tab.goto(api.url);
      await tab.locator(".graphiql-query-editor .CodeMirror").waitFor();
      await tab.fill("#api-key", "k-read");
      await tab.evaluate(
        (query) => (globalThis as any).document.querySelector(".graphiql-query-editor .CodeMirror").CodeMirror.setValue(query),
        FIRST_QUERY,
      );
      await tab.click(".graphiql-execute-button");
      const result = tab.locator(".result-window");
      await expect.poll(() => result.innerText(), { timeout: 30_000 }).toContain('"ready": false');
      // The classifier trap fails EVAL_SETS_REAL (README's tour): the answer is the database's.
      expect(await result.innerText()).toContain("EVAL_SETS_REAL");
      expect(problems).toEqual([]);
      expect(outside).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it("sends no key when the field is empty: the API answers UNAUTHENTICATED", async () => {
    const browser = await launchChromium();
    try {
      const tab = await browser.newPage();
      await tab.goto(api.url);
      await tab.locator(".graphiql-query-editor .CodeMirror").waitFor();
      await tab.evaluate(
        (query) => (globalThis as any).document.querySelector(".graphiql-query-editor .CodeMirror").CodeMirror.setValue(query),
        FIRST_QUERY,
      );
      await tab.click(".graphiql-execute-button");
      await expect.poll(() => tab.locator(".result-window").innerText(), { timeout: 30_000 }).toContain("UNAUTHENTICATED");
    } finally {
      await browser.close();
    }
  });
});
