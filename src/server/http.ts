/**
 * The HTTP server: GraphQL at /graphql (Apollo Sandbox on GET in a browser), liveness at
 * /healthz and readiness (the database answers) at /readyz.
 */
import fastifyApollo, { fastifyApolloDrainPlugin } from "@as-integrations/fastify";
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";
import { requestError } from "../api/errors.js";
import type { Config } from "../config.js";
import { DomainError } from "../domain/errors.js";
import { createSchema } from "../api/schema.js";
import type { Executor } from "../store/executor.js";
import type { WriteQueue } from "../store/write-queue.js";
import { createApollo } from "./apollo.js";
import type { Context } from "../api/context.js";
import { baseUrlOf } from "./base-url.js";
import { createContext } from "./context.js";
import { exportRoutes } from "./routes/exports.js";
import { lineageRoutes } from "./routes/lineage.js";
import { reportRoutes } from "./routes/reports.js";
import { operations, type Operations } from "./operations.js";
import { loadSigningKey } from "./signing-key.js";

export interface App {
  fastify: FastifyInstance;
  /** Metrics, traces and the rest of config.ops. */
  ops: Operations;
  /** Listens and returns the base URL (http://host:port). */
  listen(port: number, host: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * A body refused before GraphQL sees it (over the size limit, not JSON, or JSON with a
 * `__proto__` / `constructor.prototype` key, which could poison objects) still gets GraphQL's
 * error shape and a documented code, so clients handle it like any other refusal.
 */
function refusedBody(config: Config) {
  return (error: FastifyError, _request: FastifyRequest, reply: FastifyReply) => {
    const status = error.statusCode ?? 500;
    if (status >= 500) throw error;
    const [code, message] =
      status === 413
        ? ["QUERY_TOO_COMPLEX", `request body over the limit of ${config.limits.bodyLimitBytes} bytes (PROVGRAPH_BODY_LIMIT_MB)`]
        : error.code === "FST_ERR_CTP_INVALID_JSON_BODY"
          ? ["BAD_USER_INPUT", `request body refused: not JSON, or JSON with a "__proto__" or "constructor": {"prototype"} key`]
          : ["BAD_USER_INPUT", `request body refused: ${error.message}`];
    return reply.code(status).send({ errors: [{ message, extensions: { code } }] });
  };
}

/**
 * `isReady`: whether start-up work (the migrations) is done. Until it is, /readyz says 503 and
 * every GraphQL request gets SERVICE_UNAVAILABLE (a write before the migrations would find no
 * audit head); /readyz also asks the database.
 */
export async function createApp(
  config: Config,
  given: Executor,
  writeQueue: WriteQueue,
  options: { logger?: boolean; isReady?: () => boolean } = {},
): Promise<App> {
  const fastify = Fastify({
    logger: options.logger === false ? false : { level: config.logLevel },
    bodyLimit: config.limits.bodyLimitBytes,
    genReqId: () => crypto.randomUUID(),
  });
  // Once closing, every answer closes its connection: Fastify keeps idle keep-alive connections
  // open for 72 s, and a graceful stop would otherwise wait for them after the last request.
  let closing = false;
  fastify.addHook("preClose", async () => {
    closing = true;
  });
  fastify.addHook("onSend", async (request, reply) => {
    reply.header("x-request-id", request.id);
    if (closing) reply.header("connection", "close");
  });
  fastify.setErrorHandler(refusedBody(config));
  const ops = await operations(fastify, config, given, writeQueue);
  const executor = ops.executor;

  const signingKey = loadSigningKey(config, (msg) => fastify.log.info(msg));
  const apollo = createApollo(ops.schema(await createSchema()), config, fastify.log, [fastifyApolloDrainPlugin(fastify), ...ops.plugins]);
  await apollo.start();
  await fastify.register(fastifyApollo(apollo), {
    path: "/graphql",
    context: async (request): Promise<Context> => {
      if (options.isReady && !options.isReady())
        throw requestError(
          new DomainError("SERVICE_UNAVAILABLE", "provgraph is starting: the database migrations are not applied yet; retry shortly"),
        );
      return createContext(config, executor, writeQueue, signingKey, request.headers.authorization, request.id, baseUrlOf(request));
    },
  });

  reportRoutes(fastify, config, executor, signingKey);
  exportRoutes(fastify, config, executor);
  await lineageRoutes(fastify, config, executor, writeQueue, ops.metrics.lineageEvents, options.isReady);
  fastify.get("/audit/public-key", async () => ({ keyId: signingKey.keyId, publicKey: signingKey.publicKey, algorithm: "Ed25519" }));
  ops.routes(fastify);
  fastify.get("/healthz", async () => ({ status: "ok" }));
  // Browsers opening a report or a lineage picture ask for an icon: no content, rather than a 404 in their console.
  fastify.get("/favicon.ico", async (_request, reply) => reply.code(204).send());
  fastify.get("/readyz", async (_request, reply) => {
    if (options.isReady && !options.isReady()) return reply.code(503).send({ status: "starting: migrations not applied yet" });
    try {
      await executor.read("readyz", (run) => run("RETURN 1"));
      return { status: "ready" };
    } catch {
      return reply.code(503).send({ status: "database unavailable" });
    }
  });

  return {
    fastify,
    ops,
    async listen(port, host) {
      await fastify.listen({ port, host });
      const address = fastify.server.address();
      const bound = typeof address === "object" && address ? address.port : port;
      return `http://${host.includes(":") ? `[${host}]` : host}:${bound}`;
    },
    async close() {
      await fastify.close();
      await ops.close();
    },
  };
}
