/**
 * What running provgraph beside other systems adds to the HTTP server, from `config.ops`:
 * CORS (registered first: it answers preflights before any route), metrics, traces, the
 * federation subgraph and the offline explorer.
 */
import type { ApolloServerPlugin } from "@apollo/server";
import { ApolloServerPluginInlineTraceDisabled } from "@apollo/server/plugin/disabled";
import type { FastifyInstance } from "fastify";
import type { GraphQLSchema } from "graphql";
import type { Config } from "../config.js";
import type { Executor } from "../store/executor.js";
import type { WriteQueue } from "../store/write-queue.js";
import type { Context } from "../api/context.js";
import { corsRoutes } from "./cors.js";
import { explorerRoutes, graphiqlLandingPage } from "./explorer.js";
import { federatedSchema } from "./federation.js";
import { Metrics, metricsRoute } from "./metrics.js";
import { Tracer } from "./tracing.js";

export interface Operations {
  metrics: Metrics;
  /** Set when traces are exported. */
  tracer: Tracer | undefined;
  /** The server's executor, reporting to the metrics. */
  executor: Executor;
  /** The schema to serve: a federation subgraph, resolvers traced, as configured. */
  schema(schema: GraphQLSchema): GraphQLSchema;
  plugins: ApolloServerPlugin<Context>[];
  /** Adds /metrics and the explorer's files. */
  routes(fastify: FastifyInstance): void;
  close(): Promise<void>;
}

export async function operations(
  fastify: FastifyInstance,
  config: Config,
  executor: Executor,
  writeQueue: WriteQueue,
): Promise<Operations> {
  const { ops } = config;
  await corsRoutes(fastify, ops.corsOrigins);
  const metrics = new Metrics(executor, writeQueue);
  const tracer = ops.tracing ? new Tracer(ops.tracing) : undefined;
  const plugins: ApolloServerPlugin<Context>[] = [metrics.plugin()];
  if (tracer) plugins.push(tracer.plugin());
  if (ops.explorer === "graphiql") plugins.push(graphiqlLandingPage());
  // A subgraph would otherwise answer a router's ftv1 trace request with resolver timings and
  // unmasked error texts; traces here go to OpenTelemetry.
  if (ops.federation) plugins.push(ApolloServerPluginInlineTraceDisabled());
  return {
    metrics,
    tracer,
    executor: executor.instrumented(metrics.instruments),
    schema(schema) {
      const served = ops.federation ? federatedSchema(schema) : schema;
      return tracer ? tracer.traceResolvers(served) : served;
    },
    plugins,
    routes(fastify) {
      metricsRoute(fastify, config, metrics);
      if (ops.explorer === "graphiql") explorerRoutes(fastify);
    },
    async close() {
      metrics.close();
      await tracer?.shutdown();
    },
  };
}
