/**
 * POST /api/v1/lineage (DOMAIN.md 9.1): one OpenLineage event, the path OpenLineage's HTTP
 * transport and Marquez use, with the API key as `Authorization: Bearer <key>` (writer role).
 * 201 accepted, 200 already received, 400 / 401 / 403 / 409 / 413 / 503 with
 * `{"code": ..., "message": ...}`. GET /spec/facets/1-0-0/<Name>.json serves the JSON Schemas of
 * provgraph's own facets, which their `_schemaURL` points at.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { FastifyError, FastifyInstance, FastifyReply } from "fastify";
import type { Config } from "../../config.js";
import { DomainError } from "../../domain/errors.js";
import { LineageWriter, receivedEvent } from "../../services/ingest-lineage-event.js";
import type { Executor } from "../../store/executor.js";
import type { WriteQueue } from "../../store/write-queue.js";
import type { LineageEventMetrics } from "../metrics.js";
import { classify } from "../../api/errors.js";
import { authenticate, requireRole } from "../../auth.js";
import { createEventValidator, FACETS_DIR, PROVGRAPH_FACETS, type EventValidator } from "../openlineage-validation.js";

const refuse = (reply: FastifyReply, status: number, code: string, message: string) => reply.code(status).send({ code, message });

/**
 * `events` counts each answer, accepted or refused; `isReady`: whether the migrations are applied
 * (before, every event gets 503).
 */
export async function lineageRoutes(
  fastify: FastifyInstance,
  config: Config,
  executor: Executor,
  writeQueue: WriteQueue,
  events: LineageEventMetrics,
  isReady: () => boolean = () => true,
): Promise<void> {
  const validator: EventValidator = createEventValidator();
  const writer = new LineageWriter(executor, writeQueue);
  const facetSchemas = new Map(PROVGRAPH_FACETS.map((name) => [`${name}.json`, readFileSync(join(FACETS_DIR, `${name}.json`), "utf8")]));

  fastify.get<{ Params: { file: string } }>("/spec/facets/1-0-0/:file", async (request, reply) => {
    const schema = facetSchemas.get(request.params.file);
    if (!schema)
      return refuse(
        reply,
        404,
        "NOT_FOUND",
        `no facet schema named '${request.params.file.slice(0, 80)}'; provgraph's are ${[...facetSchemas.keys()].join(", ")}`,
      );
    return reply.type("application/schema+json").send(schema);
  });

  // Its own scope: a body refused before the handler runs gets this route's error shape.
  await fastify.register(async (scope) => {
    scope.setErrorHandler((error: FastifyError, _request, reply) => {
      events.inc({ outcome: "refused" });
      const status = error.statusCode ?? 500;
      if (status >= 500) throw error;
      if (status === 413)
        return refuse(
          reply,
          413,
          "QUERY_TOO_COMPLEX",
          `request body over the limit of ${config.limits.bodyLimitBytes} bytes (PROVGRAPH_BODY_LIMIT_MB)`,
        );
      return refuse(reply, status, "BAD_USER_INPUT", `OpenLineage event refused: the body is not JSON (${error.message})`);
    });

    scope.post("/api/v1/lineage", async (request, reply) => {
      try {
        if (!isReady())
          throw new DomainError("SERVICE_UNAVAILABLE", "provgraph is starting: the database migrations are not applied yet; retry shortly");
        const principal = authenticate(config.apiKeys, request.headers.authorization);
        requireRole(principal, "writer", "send OpenLineage events");
        const event: unknown = request.body;
        validator.validate(event);
        const received = receivedEvent(event);
        const outcome = await writer.write(principal.actor, received);
        events.inc({ outcome: "accepted" });
        return reply
          .code(outcome.created ? 201 : 200)
          .send({ id: outcome.eventId, subjectId: received.change.subjectId, duplicate: !outcome.created });
      } catch (error) {
        events.inc({ outcome: "refused" });
        if (!(error instanceof DomainError)) throw error;
        const { code, httpStatus } = classify(error);
        return refuse(reply, httpStatus, code, error.message);
      }
    });
  });
}
