/**
 * A burst of writers must not take the connections the reads need: a write transaction holds a
 * pooled connection from its start, also while it waits for the audit head, and the driver's
 * pool has 100 connections (its default) with a 10 s acquisition timeout.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prefix, startApi, type TestApi } from "../helpers/api.js";
import { INGEST, SAMPLE } from "../helpers/ops.js";

const P = prefix("burst");
let api: TestApi;

beforeAll(async () => {
  api = await startApi();
  await api.ok(INGEST, { s: [{ id: `${P}known`, origin: "REAL" }] });
});
afterAll(() => api?.close());

describe("a burst of 300 concurrent writers", () => {
  it("keeps at most 8 write transactions open, so reads still get connections, and every write succeeds", async () => {
    let pending = 300;
    const writes = Array.from({ length: 300 }, (_, k) =>
      api.ok(INGEST, { s: Array.from({ length: 100 }, (_, i) => ({ id: `${P}${k}-${i}`, origin: "REAL" })) }).finally(() => pending--),
    );
    // While the writers queue: the open ingest transactions, as Neo4j lists them (read through
    // the API's own driver, so each poll also needs a free connection), and a read through GraphQL.
    let most = 0;
    let polls = 0;
    while (pending > 0) {
      const [row] = await api.executor.read("test.open", (run) =>
        run<{ n: number }>("SHOW TRANSACTIONS YIELD metaData WHERE metaData.op = 'ingestSamples' RETURN count(*) AS n"),
      );
      most = Math.max(most, row!.n);
      expect((await api.ok(SAMPLE, { id: `${P}known` })).sample.id).toBe(`${P}known`);
      polls++;
    }
    const done = await Promise.all(writes);
    expect(done.reduce((sum, r) => sum + r.ingestSamples.created, 0)).toBe(30_000); // 300 writes x 100 new samples
    expect(most).toBeLessThanOrEqual(8); // the write slots of one process
    expect(most).toBeGreaterThan(1); // while one writes, the next ones look up and validate
    expect(polls).toBeGreaterThan(5);
  });
});
