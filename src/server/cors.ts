/**
 * CORS for browser clients on other origins (Apollo Studio's Explorer, an internal portal):
 * the listed origins (PROVGRAPH_CORS_ORIGINS) and the server's own may call the API with an
 * API key in `Authorization`. No credentials (cookies) are allowed: provgraph authenticates by
 * header only, so a page cannot borrow a user's session. @fastify/cors answers the preflight
 * before any route, so Apollo's CSRF guard never sees an OPTIONS request; it still guards every
 * other request (a simple request needs a JSON content type or one of Apollo's headers).
 */
import cors from "@fastify/cors";
import type { FastifyInstance, FastifyRequest } from "fastify";

/** What a browser may send: the key, JSON, and the headers Apollo's clients and Studio add. */
const ALLOWED_HEADERS = [
  "authorization",
  "content-type",
  "apollo-require-preflight",
  "x-apollo-operation-name",
  "apollographql-client-name",
  "apollographql-client-version",
];

/** The origin a browser names when it loaded the page from this server: its scheme and Host header. */
const ownOrigin = (request: FastifyRequest) => `${request.protocol}://${request.headers.host ?? ""}`;

export async function corsRoutes(fastify: FastifyInstance, origins: readonly string[]): Promise<void> {
  const listed = new Set(origins);
  await fastify.register(cors, {
    delegator: (request, callback) => {
      const origin = request.headers.origin;
      callback(null, {
        origin: origin !== undefined && (listed.has(origin) || origin === ownOrigin(request)),
        credentials: false,
        methods: ["GET", "POST", "OPTIONS"],
        allowedHeaders: ALLOWED_HEADERS,
        exposedHeaders: ["x-request-id"],
        maxAge: 600,
      });
    },
  });
}
