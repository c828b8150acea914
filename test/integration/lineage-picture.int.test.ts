/**
 * The lineage picture (DOMAIN.md 10.4) and the auditor report that embeds it, in headless
 * Chromium: counted, coloured edges, nodes that do not overlap at about fifty of them, and a
 * self-contained page (no script, no request but its own).
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO, loadDemo } from "../../src/demo/demo-graph.js";
import { ROOT } from "../../src/paths.js";
import { prefix, startApi, type TestApi } from "../helpers/api.js";
import { BROWSER_REQUIRED, CHROMIUM, launchChromium } from "../helpers/browser.js";

let api: TestApi;
let base: string;
const P = prefix("picture");
const get = (path: string, key = "k-read") => fetch(`${base}${path}`, { headers: key ? { authorization: `Bearer ${key}` } : {} });

/** Generators, each with its own prompt and run: 3 nodes each, so 16 of them make 48 of the wide version's 50. */
const WRITERS = 16;
const WIDE = `${P}wide-v1`;

/** A dataset version whose upstream is 50 nodes: 16 generators, 16 prompts, 16 runs, its REAL samples' group and itself. */
async function loadWide() {
  const admin = (q: string, v: Record<string, unknown> = {}) => api.ok(q, v, "k-admin");
  const samples: Array<Record<string, unknown>> = [];
  for (let k = 0; k < WRITERS; k++) {
    await admin(`mutation($id: ID!, $n: String!) { registerGenerator(input: {id: $id, name: $n, kind: LLM, version: "1"}) { id } }`, {
      id: `${P}gen-${k}`,
      n: `writer number ${k} of a long family name`,
    });
    await admin(`mutation($id: ID!) { registerPromptTemplate(input: {id: $id, name: "prompt", text: "write", version: "1"}) { id } }`, {
      id: `${P}prompt-${k}`,
    });
    await admin(
      `mutation($id: ID!, $g: ID!, $p: ID!) { recordGenerationRun(input: {id: $id, generatorId: $g, promptId: $p, purpose: DOMAIN_SYNTHESIS}) { id } }`,
      { id: `${P}run-${k}`, g: `${P}gen-${k}`, p: `${P}prompt-${k}` },
    );
    for (const j of [0, 1])
      samples.push({ id: `${P}s-${k}-${j}`, origin: "SYNTHETIC", slice: `s${k % 4}`, generationRunId: `${P}run-${k}` });
  }
  for (let j = 0; j < 4; j++) samples.push({ id: `${P}real-${j}`, origin: "REAL", slice: `s${j}` });
  await admin(`mutation($s: [SampleInput!]!) { ingestSamples(samples: $s) { created } }`, { s: samples });
  await admin(`mutation { createDataset(input: {id: "${P}wide", name: "Wide", purpose: TRAINING}) { id } }`);
  await admin(`mutation { createDatasetVersion(input: {id: "${WIDE}", datasetId: "${P}wide", version: "1"}) { id } }`);
  await admin(`mutation($v: ID!, $s: [ID!]!) { addSamplesToVersion(datasetVersionId: $v, sampleIds: $s) { created } }`, {
    v: WIDE,
    s: samples.map((s) => s.id),
  });
}

beforeAll(async () => {
  api = await startApi({ PROVGRAPH_API_KEYS: "ada:admin:k-admin,aldo:auditor:k-audit,rita:reader:k-read" });
  base = api.url.replace("/graphql", "");
  await loadDemo(api.executor, api.writeQueue);
  await loadWide();
});
afterAll(async () => {
  await api?.close();
});

describe("the lineage picture and the report in a browser", () => {
  /** Opens `url` with the auditor's key; fails on any console error, page error or failed request, and on any request but `url`. */
  async function open(url: string, work: (page: Page) => Promise<void>) {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1100, height: 1400 } });
      const problems: string[] = [];
      const requests: string[] = [];
      page.on("console", (message) => message.type() === "error" && problems.push(message.text()));
      page.on("pageerror", (error) => problems.push(error.message));
      page.on("requestfailed", (request) => problems.push(`failed request ${request.url()}`));
      page.on("request", (request) => requests.push(request.url()));
      await page.setExtraHTTPHeaders({ authorization: "Bearer k-audit" });
      expect((await page.goto(url))?.status()).toBe(200);
      await work(page);
      expect(problems).toEqual([]);
      expect(requests).toEqual([url]); // nothing but the page itself
    } finally {
      await browser.close();
    }
  }

  /** The boxes of the picture's nodes as drawn, and the pairs that overlap. */
  async function nodeBoxes(page: Page) {
    const boxes = await page
      .locator("svg.lineage g.n rect")
      .evaluateAll((rects) =>
        rects
          .map((r) => (r as unknown as { getBBox(): { x: number; y: number; width: number; height: number } }).getBBox())
          .map((b) => ({ x: b.x, y: b.y, width: b.width, height: b.height })),
      );
    const overlaps = boxes.flatMap((a, i) =>
      boxes
        .slice(i + 1)
        .filter((b) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height)
        .map((b) => [a, b]),
    );
    return { boxes, overlaps };
  }

  /** Each edge label's box, and each node's box with the widest of its texts. */
  async function readability(page: Page) {
    type Box = { x: number; y: number; width: number; height: number };
    const labels = await page
      .locator("svg.lineage g.el rect")
      .evaluateAll((rects) =>
        rects.map((r) => (r as unknown as { getBBox(): Box }).getBBox()).map((b) => ({ x: b.x, y: b.y, width: b.width, height: b.height })),
      );
    const nodes = await page.locator("svg.lineage g.n").evaluateAll((groups) =>
      groups.map((g) => {
        const rect = (g.querySelector("rect") as unknown as { getBBox(): Box }).getBBox();
        const texts = [...g.querySelectorAll("text")].map((t) => (t as unknown as { getBBox(): Box }).getBBox());
        return {
          rect: { x: rect.x, y: rect.y, width: rect.width, height: rect.height },
          textRight: Math.max(...texts.map((t) => t.x + t.width)),
        };
      }),
    );
    const meet = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
    return {
      labels,
      labelsOnNodes: labels.filter((l) => nodes.some((n) => meet(l, n.rect))),
      labelsOnLabels: labels.flatMap((a, i) => labels.slice(i + 1).filter((b) => meet(a, b))),
      textsOverflowing: nodes.filter((n) => n.textRight > n.rect.x + n.rect.width),
    };
  }

  const shots = join(ROOT, "test-output");

  it.skipIf(!CHROMIUM && !BROWSER_REQUIRED)(
    "stays readable at 50 nodes: no box overlaps another, no label a box, no title its box",
    async () => {
      const url = `${base}/lineage/${encodeURIComponent(WIDE)}.svg`;
      await open(url, async (page) => {
        const { boxes, overlaps } = await nodeBoxes(page);
        // 16 generators + 16 prompts + 16 runs + 1 group of REAL samples + the version itself.
        expect(boxes).toHaveLength(3 * WRITERS + 2);
        expect(overlaps).toEqual([]);
        const seen = await readability(page);
        // Counted edges: each run's 2 SYNTHETIC members, and the 4 REAL ones: 17.
        expect(seen.labels).toHaveLength(WRITERS + 1);
        expect(seen.labelsOnNodes).toEqual([]);
        expect(seen.labelsOnLabels).toEqual([]);
        expect(seen.textsOverflowing).toEqual([]);
        // Every run's edges carry generated samples; only the REAL group's edge is drawn as real.
        expect(await page.locator("svg.lineage path.e").count()).toBe(3 * WRITERS + 1);
        expect(await page.locator("svg.lineage path.e:not(.syn)").count()).toBe(1);
        const size = await page
          .locator("svg.lineage")
          .evaluate((svg) => ({ width: Number(svg.getAttribute("width")), height: Number(svg.getAttribute("height")) }));
        await page.setViewportSize(size);
        mkdirSync(shots, { recursive: true });
        await page.screenshot({ path: join(shots, "lineage-50-nodes.png") });
      });
    },
  );

  it.skipIf(!CHROMIUM && !BROWSER_REQUIRED)(
    "GET /lineage/<id>.svg draws the summarizer's upstream with counted, coloured edges and no overlapping nodes",
    async () => {
      const url = `${base}/lineage/${encodeURIComponent(DEMO.collapse)}.svg`;
      await open(url, async (page) => {
        const { boxes, overlaps } = await nodeBoxes(page);
        // Generators gpt-4o-docs and distilled-writer, prompt invoice, runs invoices and summaries,
        // versions documents-train and summaries-train, 2 training runs, 2 model versions, 2 groups of REAL samples.
        expect(boxes).toHaveLength(13);
        expect(overlaps).toEqual([]);
        const labels = await page.locator("svg.lineage g.el text").allTextContents();
        expect(labels.sort()).toEqual(["400 REAL", "4,200 SYNTHETIC", "600 SYNTHETIC", "600 SYNTHETIC", "800 REAL"].sort());
        // Every edge of the summarizer's training path carries generated samples: only the REAL counts are drawn as real.
        expect(await page.locator("svg.lineage path.e:not(.syn)").count()).toBe(2);
        const size = await page
          .locator("svg.lineage")
          .evaluate((svg) => ({ width: Number(svg.getAttribute("width")), height: Number(svg.getAttribute("height")) }));
        await page.setViewportSize(size);
        mkdirSync(shots, { recursive: true });
        await page.screenshot({ path: join(shots, "lineage-summarizer.png") });
      });
    },
  );

  it.skipIf(!CHROMIUM && !BROWSER_REQUIRED)("the HTML report embeds the picture and the slice chart, self-contained", async () => {
    const url = `${base}/reports/model-versions/${encodeURIComponent(DEMO.collapse)}?format=html`;
    const html = await (await get(`/reports/model-versions/${encodeURIComponent(DEMO.collapse)}?format=html`, "k-audit")).text();
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/); // no script; no URL but the SVG namespace
    await open(url, async (page) => {
      expect((await nodeBoxes(page)).overlaps).toEqual([]);
      await expect(page.getByText("Slices: real against generated samples").isVisible()).resolves.toBe(true);
      await expect(page.locator("svg.lineage").isVisible()).resolves.toBe(true);
      mkdirSync(shots, { recursive: true });
      await page.screenshot({ path: join(shots, "auditor-report-lineage.png"), fullPage: true });
    });
    const json = JSON.parse(
      await (await get(`/reports/model-versions/${encodeURIComponent(DEMO.collapse)}?format=json`, "k-audit")).text(),
    );
    // Summarizer training set: 400 REAL (100 per slice), 600 SYNTHETIC from the invoice run (i % 3: 200 each of
    // invoice, receipt, contract) and 600 gen-2 (i % 2: 300 each of invoice, receipt).
    expect(json.sliceBalance.slices.map((s: any) => [s.slice, s.real, s.synthetic])).toEqual([
      ["invoice", 100, 500],
      ["receipt", 100, 500],
      ["contract", 100, 200],
      ["statement", 100, 0],
    ]);
    expect(json.lineagePicture).toBeUndefined();
    const md = await (await get(`/reports/model-versions/${encodeURIComponent(DEMO.collapse)}?format=markdown`, "k-audit")).text();
    expect(md).toContain("| invoice | 600 | 100 | 500 | 0 | 83.3% |"); // 500 / 600
    expect((await get(`/lineage/${encodeURIComponent(DEMO.collapse)}.svg`, "")).status).toBe(401);
    expect((await get(`/lineage/${encodeURIComponent(`${P}nothing`)}.svg`)).status).toBe(404);
  });
});
