/**
 * OpenTelemetry traces over OTLP/HTTP: a real receiver in the test takes the exporter's own
 * protobuf requests, decodes them with the OTLP proto definitions, and checks the span tree of
 * a write and of a lineage query: names, parents, and that no span carries an id or a value.
 */
import { createServer, type Server } from "node:http";
import { createRequire } from "node:module";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prefix, startApi, type TestApi } from "../helpers/api.js";
import { Scenario } from "../helpers/scenario.js";

const require = createRequire(import.meta.url);
// The OTLP protobuf messages, generated from opentelemetry-proto.
const { opentelemetry } = require("@opentelemetry/otlp-transformer/build/src/generated/root.js");
const ExportTraceServiceRequest = opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;

interface ReceivedSpan {
  traceId: string;
  spanId: string;
  parentSpanId: string;
  name: string;
  kind: number;
  attributes: Record<string, unknown>;
  status: { code?: number; message?: string };
  service: string;
}

const hex = (bytes: Uint8Array | undefined) => Buffer.from(bytes ?? []).toString("hex");
/** An AnyValue by the member of its `value` oneof that is set. */
const value = (v: any): unknown =>
  v.value === "arrayValue" ? v.arrayValue.values.map(value) : v.value === "intValue" ? Number(v.intValue) : v[v.value];
const attributes = (list: any[] = []) => Object.fromEntries(list.map((kv) => [kv.key, value(kv.value)]));

const received: ReceivedSpan[] = [];
const contentTypes = new Set<string>();
let receiver: Server;
let api: TestApi;
let s: Scenario;
const p = prefix("trace");

beforeAll(async () => {
  receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      contentTypes.add(`${request.method} ${request.url} ${request.headers["content-type"]}`);
      const message = ExportTraceServiceRequest.decode(Buffer.concat(chunks));
      for (const resourceSpans of message.resourceSpans) {
        const service = String(attributes(resourceSpans.resource?.attributes)["service.name"]);
        for (const scope of resourceSpans.scopeSpans) {
          for (const span of scope.spans) {
            received.push({
              traceId: hex(span.traceId),
              spanId: hex(span.spanId),
              parentSpanId: hex(span.parentSpanId),
              name: span.name,
              kind: span.kind,
              attributes: attributes(span.attributes),
              status: span.status ?? {},
              service,
            });
          }
        }
      }
      response.writeHead(200, { "content-type": "application/x-protobuf" }).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const endpoint = `http://127.0.0.1:${(receiver.address() as { port: number }).port}`;
  api = await startApi({ OTEL_EXPORTER_OTLP_ENDPOINT: endpoint, OTEL_SERVICE_NAME: "provgraph-under-test" });
  s = new Scenario(api, p);
  await s.generator("writer");
  await s.run("writer-run", "writer");
  await s.samples("doc", 2, () => ({ origin: "SYNTHETIC", generationRunId: s.id("writer-run") }));
});
afterAll(async () => {
  await api?.close();
  receiver?.close();
});

/** The spans of the one trace whose root is `rootName`, after the exporter has sent everything. */
async function trace(rootName: string) {
  await api.app.ops.tracer!.flush();
  const roots = received.filter((span) => span.name === rootName);
  expect(roots).toHaveLength(1);
  const spans = received.filter((span) => span.traceId === roots[0]!.traceId);
  const children = (parent: ReceivedSpan) => spans.filter((span) => span.parentSpanId === parent.spanId);
  /** The tree as nested names, children in the order of their JSON: what a trace viewer shows. */
  const tree = (span: ReceivedSpan): unknown => {
    const below = children(span).map(tree);
    return below.length ? { [span.name]: below.sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1)) } : span.name;
  };
  return { root: roots[0]!, spans, tree: tree(roots[0]!) };
}

describe("the traces a request exports", () => {
  it("of a write: request, resolver, the write's transaction, its statements, the audit lock and append", async () => {
    await api.ok(`mutation RegisterAnn { registerLabeler(input: { id: "${p}ann", name: "Ann Secret", kind: HUMAN_EXPERT }) { id name } }`);
    const { root, spans, tree } = await trace("mutation RegisterAnn");
    expect(root).toMatchObject({
      parentSpanId: "",
      kind: 2,
      service: "provgraph-under-test",
      attributes: { "graphql.operation.type": "mutation", "graphql.operation.name": "RegisterAnn" },
    }); // 2: SERVER
    // The write looks its ids up, locks the head (one statement), creates the node (one
    // statement: a labeler has no relationships) and appends the event with the head (one).
    expect(tree).toEqual({
      "mutation RegisterAnn": [
        {
          "resolve Mutation.registerLabeler": [
            {
              "write registerLabeler": [
                "cypher registerLabeler",
                "cypher registerLabeler",
                { "audit append": ["cypher registerLabeler"] },
                { "audit lock": ["cypher registerLabeler"] },
              ],
            },
          ],
        },
      ],
    });
    const statement = spans.find((span) => span.name === "cypher registerLabeler")!;
    expect(statement).toMatchObject({
      kind: 3,
      attributes: { "db.system.name": "neo4j", "db.namespace": "neo4j", "db.operation.name": "registerLabeler" },
    }); // 3: CLIENT
    // Names and codes only: the id, the name and the Cypher never leave the process.
    const exported = JSON.stringify(spans);
    for (const secret of [p, "Ann Secret", "MATCH", "UNWIND"]) expect(exported).not.toContain(secret);
  });

  it("of a lineage query: the resolver that went to the database and its statement, none for the fields it only read", async () => {
    await api.ok(
      `query Upstream { lineage(id: "${s.id("doc-0")}", direction: UPSTREAM) { nodes { id label distance } edges { from to type } } }`,
    );
    const { tree, spans } = await trace("query Upstream");
    expect(tree).toEqual({ "query Upstream": [{ "resolve Query.lineage": expect.arrayContaining(["cypher lineage"]) }] });
    expect(spans.every((span) => span.status.code !== 2)).toBe(true); // 2: ERROR
  });

  it("continues the caller's trace (W3C traceparent) and marks a refused request with its code", async () => {
    const traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    const parent = "00f067aa0ba902b7";
    await fetch(api.url, {
      method: "POST",
      headers: { "content-type": "application/json", traceparent: `00-${traceId}-${parent}-01` },
      body: JSON.stringify({ query: `mutation Refused { registerLabeler(input: { id: "", name: "x", kind: LLM }) { id } }` }),
    });
    const { root } = await trace("mutation Refused");
    expect(root).toMatchObject({
      traceId,
      parentSpanId: parent,
      status: { code: 2, message: "BAD_USER_INPUT" },
      attributes: { "graphql.error.codes": ["BAD_USER_INPUT"] },
    });
  });

  it("is sent as OTLP/HTTP protobuf to <endpoint>/v1/traces", () => {
    expect([...contentTypes]).toEqual(["POST /v1/traces application/x-protobuf"]);
  });
});
