/**
 * GET /reports/model-versions/:id?format=html|markdown|json: the auditor report as a file,
 * under the same keys and roles as GraphQL (auditor or admin).
 */
import type { FastifyInstance } from "fastify";
import type { Config } from "../../config.js";
import { DomainError } from "../../domain/errors.js";
import { CONTENT_TYPES, renderReport, type ReportFormat } from "../../reports/render.js";
import { auditorReport } from "../../services/auditor-report.js";
import type { Executor } from "../../store/executor.js";
import { authenticate, requireRole } from "../auth.js";
import type { SigningKey } from "../signing-key.js";

const STATUS: Partial<Record<string, number>> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, BAD_USER_INPUT: 400, SERVICE_UNAVAILABLE: 503 };

export function reportRoutes(fastify: FastifyInstance, config: Config, executor: Executor, signingKey: SigningKey): void {
  fastify.get<{ Params: { id: string }; Querystring: { format?: string } }>("/reports/model-versions/:id", async (request, reply) => {
    try {
      const principal = authenticate(config.apiKeys, request.headers.authorization);
      requireRole(principal, "auditor", "read auditor reports");
      const format = (request.query.format ?? "html").toUpperCase() as ReportFormat;
      if (!(format in CONTENT_TYPES)) throw new DomainError("BAD_USER_INPUT", `format must be html, markdown or json; got '${request.query.format}'`);
      const report = await auditorReport(executor.forRequest(), signingKey, request.params.id, principal.actor, config.diversityTolerance);
      return reply.type(CONTENT_TYPES[format]).send(renderReport(report, format));
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return reply.code(STATUS[error.code] ?? 400).send({ error: { code: error.code, message: error.message } });
    }
  });
}
