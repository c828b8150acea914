/**
 * OpenTelemetry traces, when an OTLP endpoint is configured (the standard OTEL_ variables, read
 * in config.ts): the Node SDK exports spans as OTLP over HTTP/protobuf. A trace of a request:
 *
 *   <query|mutation> <operation name>        one per GraphQL request (a W3C traceparent is continued)
 *   ├─ resolve <Type>.<field>                each resolver that went to the database
 *   │  └─ cypher <statement name>            each statement of a read
 *   └─ write <action>                        a write's transaction (under its mutation's resolver)
 *      ├─ cypher <statement name>            its statements
 *      ├─ audit lock, audit append           the audit head's lock and the events' append
 *
 * Spans carry names, the operation type and error codes, never a query's text, variables,
 * Cypher parameters or values.
 */
import type { ApolloServerPlugin } from "@apollo/server";
import { propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Span } from "@opentelemetry/api";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-proto";
import { defaultResource, resourceFromAttributes } from "@opentelemetry/resources";
import { NodeSDK } from "@opentelemetry/sdk-node";
import { BatchSpanProcessor } from "@opentelemetry/sdk-trace";
import { defaultFieldResolver, isObjectType, type GraphQLSchema } from "graphql";
import { classify } from "../api/errors.js";
import type { Tracing } from "../config.js";
import { DeferredSpan } from "../store/spans.js";

const tracer = trace.getTracer("provgraph");

export class Tracer {
  private readonly processor: BatchSpanProcessor;
  private readonly sdk: NodeSDK;
  /** The request span of each GraphQL request, by its context object. */
  private readonly requests = new WeakMap<object, Span>();

  constructor(config: Tracing) {
    this.processor = new BatchSpanProcessor({ exporter: new OTLPTraceExporter({ url: config.url, headers: config.headers }) });
    this.sdk = new NodeSDK({
      resource: defaultResource().merge(resourceFromAttributes({ ...config.resourceAttributes, "service.name": config.serviceName })),
      autoDetectResources: false,
      spanProcessors: [this.processor],
      instrumentations: [],
    });
    this.sdk.start();
  }

  /** One span per request, named by its operation once Apollo has resolved it. */
  plugin(): ApolloServerPlugin {
    return {
      requestDidStart: async ({ request, contextValue }) => {
        const parent = propagation.extract(ROOT_CONTEXT, Object.fromEntries(request.http?.headers ?? []));
        const span = tracer.startSpan("graphql", { kind: SpanKind.SERVER }, parent);
        this.requests.set(contextValue, span);
        return {
          didResolveOperation: async ({ operation, operationName }) => {
            const type = operation?.operation ?? "query";
            span.updateName(`${type} ${operationName ?? "(anonymous)"}`);
            span.setAttributes({ "graphql.operation.type": type, "graphql.operation.name": operationName ?? "" });
          },
          willSendResponse: async ({ response }) => {
            const errors = response.body.kind === "single" ? (response.body.singleResult.errors ?? []) : [];
            if (errors.length) {
              // The codes formatError gave them (classify).
              const codes = [...new Set(errors.map((e) => String(e.extensions?.code ?? "INTERNAL_SERVER_ERROR")))];
              span.setAttribute("graphql.error.codes", codes);
              span.setStatus({ code: SpanStatusCode.ERROR, message: codes.join(",") });
            }
            span.end();
          },
        };
      },
    };
  }

  /**
   * Gives every resolver a deferred span under its request's span (store/spans.ts: it exists
   * only if the resolver sent a statement). Changes `schema` in place and returns it.
   */
  traceResolvers(schema: GraphQLSchema): GraphQLSchema {
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith("__")) continue;
      for (const field of Object.values(type.getFields())) {
        const resolve = field.resolve ?? defaultFieldResolver;
        const name = `resolve ${type.name}.${field.name}`;
        const attributes = { "graphql.field.path": `${type.name}.${field.name}` };
        field.resolve = (source, args, context, info) => {
          const request = this.requests.get(context as object);
          if (!request) return resolve(source, args, context, info);
          const span = new DeferredSpan(name, trace.setSpan(ROOT_CONTEXT, request), attributes);
          try {
            const result = span.within(() => resolve(source, args, context, info));
            if (result instanceof Promise) {
              return result.then(
                (value) => (span.end(), value),
                (error: unknown) => {
                  span.end(codeOf(error));
                  throw error;
                },
              );
            }
            span.end();
            return result;
          } catch (error) {
            span.end(codeOf(error));
            throw error;
          }
        };
      }
    }
    return schema;
  }

  /** Sends every finished span now (tests, and before a stop). */
  flush(): Promise<void> {
    return this.processor.forceFlush();
  }

  shutdown(): Promise<void> {
    return this.sdk.shutdown();
  }
}

const codeOf = (error: unknown): string => classify(error).code;
