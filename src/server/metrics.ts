/**
 * GET /metrics in Prometheus' text format (prom-client), one registry per server. Access by
 * PROVGRAPH_METRICS: `off` (no route), `loopback` (default: anyone connecting from a loopback
 * address, no key), `keyed` (any configured API key, whatever its roles).
 *
 * Label values are bounded: operation names are GraphQL names cut at 64 characters, at most
 * MAX_OPERATIONS distinct ones (later ones count as "(other)"); codes are the contract's, as
 * classify() gives them to the client.
 */
import type { ApolloServerPlugin } from "@apollo/server";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { getOperationAST } from "graphql";
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { Config } from "../config.js";
import { classify } from "../api/errors.js";
import { authenticate } from "../auth.js";
import { DomainError } from "../domain/errors.js";
import { auditHead } from "../store/audit.queries.js";
import type { Executor } from "../store/executor.js";
import type { Instruments } from "../store/instruments.js";
import type { WriteQueue } from "../store/write-queue.js";

const MAX_OPERATIONS = 200;
const GRAPHQL_NAME = /^[_A-Za-z][_0-9A-Za-z]{0,63}$/;

const LINEAGE_OUTCOMES = ["accepted", "refused"] as const;

/**
 * `provgraph_openlineage_events_total{outcome}`, counted by the OpenLineage route (POST
 * /api/v1/lineage) once per event it answers: `accepted` for a 201 or a 200 (stored now, or
 * received before), `refused` for any error answer. From the route, with the App's `ops`:
 * `ops.metrics.lineageEvents.inc({ outcome: "accepted" })`. Both series exist from the start, at 0.
 */
export interface LineageEventMetrics {
  inc(labels: { outcome: (typeof LINEAGE_OUTCOMES)[number] }, value?: number): void;
}

export class Metrics {
  readonly registry = new Registry();
  private readonly requests = new Counter({
    name: "provgraph_graphql_requests_total",
    help: "GraphQL requests by operation name and outcome (ok, or error when the response has errors)",
    labelNames: ["operation", "outcome"],
    registers: [this.registry],
  });
  private readonly duration = new Histogram({
    name: "provgraph_graphql_request_duration_seconds",
    help: "GraphQL request latency from Apollo's request start to its response, by operation name",
    labelNames: ["operation"],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });
  private readonly errors = new Counter({
    name: "provgraph_graphql_errors_total",
    help: "GraphQL errors in responses by extensions.code",
    labelNames: ["code"],
    registers: [this.registry],
  });
  readonly lineageEvents: LineageEventMetrics = new Counter({
    name: "provgraph_openlineage_events_total",
    help: "OpenLineage events posted to /api/v1/lineage, accepted (201, or 200 for one received before) or refused (an error answer)",
    labelNames: ["outcome"],
    registers: [this.registry],
  });
  private readonly rows = new Counter({
    name: "provgraph_rows_written_total",
    help: "Rows created by committed writes, by kind: node label, relationship type, or AuditEvent",
    labelNames: ["kind"],
    registers: [this.registry],
  });
  private readonly lockWait = new Histogram({
    name: "provgraph_write_lock_wait_seconds",
    help: "Time a write waited for the audit head: the process's turnstile, then the database's lock",
    buckets: [0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });
  private readonly sessions = new Gauge({
    name: "provgraph_neo4j_sessions_active",
    help: "Neo4j driver sessions open, each holding one pooled Bolt connection while it runs",
    registers: [this.registry],
  });
  private readonly operations = new Set<string>();
  private readonly unlisten: () => void;

  constructor(executor: Executor, queue: WriteQueue) {
    collectDefaultMetrics({ register: this.registry, prefix: "provgraph_" });
    this.unlisten = queue.onLockWait((seconds) => this.lockWait.observe(seconds));
    for (const outcome of LINEAGE_OUTCOMES) this.lineageEvents.inc({ outcome }, 0);
    new Gauge({
      name: "provgraph_write_queue_depth",
      help: "Writes waiting, read from the write queue at scrape time: for a write slot (no transaction yet) or at the audit head's turnstile",
      labelNames: ["waiting_for"],
      registers: [this.registry],
      collect() {
        const { waitingForSlot, waitingForHead } = queue.load;
        this.set({ waiting_for: "slot" }, waitingForSlot);
        this.set({ waiting_for: "head" }, waitingForHead);
      },
    });
    new Gauge({
      name: "provgraph_write_transactions_open",
      help: "Writes holding a write slot (a transaction open), read from the write queue at scrape time",
      registers: [this.registry],
      collect() {
        this.set(queue.load.open);
      },
    });
    new Gauge({
      name: "provgraph_audit_log_events",
      help: "Events in the audit log (the audit head's seq), read from the database at scrape time",
      registers: [this.registry],
      async collect() {
        try {
          this.set((await executor.read("metrics.auditHead", auditHead)).seq);
        } catch (error) {
          if (!(error instanceof DomainError)) throw error; // database down: the series is left out of this scrape
          this.reset();
        }
      },
    });
  }

  readonly instruments: Instruments = {
    session: (delta) => this.sessions.inc(delta),
    committed: (rows) => {
      for (const [kind, count] of rows) this.rows.inc({ kind }, count);
    },
  };

  private operationLabel(name: string | null | undefined): string {
    if (!name) return "(anonymous)";
    if (!GRAPHQL_NAME.test(name)) return "(invalid)";
    if (this.operations.has(name)) return name;
    if (this.operations.size >= MAX_OPERATIONS) return "(other)";
    this.operations.add(name);
    return name;
  }

  /** Stops listening to the write queue. */
  close(): void {
    this.unlisten();
  }

  /** Counts every GraphQL request as Apollo answers it, and its errors by the code classify() gives them. */
  plugin(): ApolloServerPlugin {
    return {
      requestDidStart: async ({ request }) => {
        const started = performance.now();
        return {
          didEncounterErrors: async ({ errors }) => {
            for (const error of errors) this.errors.inc({ code: classify(error).code });
          },
          willSendResponse: async ({ response, operationName, document }) => {
            // A document that failed validation has no resolved operation: its name is still the client's.
            const named =
              operationName ?? (document ? getOperationAST(document, request.operationName)?.name?.value : request.operationName);
            const operation = this.operationLabel(named);
            const errors = response.body.kind === "single" ? (response.body.singleResult.errors ?? []) : [];
            this.duration.observe({ operation }, (performance.now() - started) / 1000);
            this.requests.inc({ operation, outcome: errors.length ? "error" : "ok" });
          },
        };
      },
    };
  }
}

const isLoopback = (address: string | undefined) => !!address && (/^(::ffff:)?127\./.test(address) || address === "::1");

/** Throws the refusal (a DomainError) when this request may not read the metrics. */
function checkAccess(config: Config, request: FastifyRequest): void {
  if (config.ops.metrics === "loopback") {
    if (isLoopback(request.socket.remoteAddress)) return;
    throw new DomainError(
      "FORBIDDEN",
      `/metrics answers loopback addresses only (PROVGRAPH_METRICS=loopback); ${request.socket.remoteAddress} is not one`,
    );
  }
  try {
    authenticate(config.apiKeys, request.headers.authorization);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    throw new DomainError(error.code, `/metrics needs an API key (PROVGRAPH_METRICS=keyed): ${error.message}`);
  }
}

export function metricsRoute(fastify: FastifyInstance, config: Config, metrics: Metrics): void {
  if (config.ops.metrics === "off") return;
  fastify.get("/metrics", async (request, reply) => {
    try {
      checkAccess(config, request);
    } catch (error) {
      const { code, expected, httpStatus } = classify(error);
      if (!expected || !(error instanceof Error)) throw error;
      return reply.code(httpStatus).send({ error: { code, message: error.message } });
    }
    return reply.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
}
