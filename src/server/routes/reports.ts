/**
 * GET /reports/model-versions/:id?format=html|markdown|json: the auditor report as a file,
 * under the same keys and roles as GraphQL (auditor or admin).
 */
import type { FastifyInstance } from "fastify";
import { classify } from "../../api/errors.js";
import type { Config } from "../../config.js";
import { DomainError } from "../../domain/errors.js";
import { CONTENT_TYPES, renderReport, type ReportFormat } from "../../reports/render.js";
import { auditorReport } from "../../services/auditor-report.js";
import type { Executor } from "../../store/executor.js";
import { authenticate, requireRole } from "../../auth.js";
import type { SigningKey } from "../../domain/checkpoint.js";

const isReportFormat = (format: string): format is ReportFormat => format in CONTENT_TYPES;

export function reportRoutes(fastify: FastifyInstance, config: Config, executor: Executor, signingKey: SigningKey): void {
  fastify.get<{ Params: { id: string }; Querystring: { format?: string } }>("/reports/model-versions/:id", async (request, reply) => {
    try {
      const principal = authenticate(config.apiKeys, request.headers.authorization);
      requireRole(principal, "auditor", "read auditor reports");
      const format = (request.query.format ?? "html").toUpperCase();
      if (!isReportFormat(format))
        throw new DomainError("BAD_USER_INPUT", `format must be html, markdown or json; got '${request.query.format}'`);
      const report = await auditorReport(executor.forRequest(), signingKey, request.params.id, principal.actor, config.diversityTolerance);
      return reply.type(CONTENT_TYPES[format]).send(renderReport(report, format));
    } catch (error) {
      const { code, expected, httpStatus } = classify(error);
      if (!expected || !(error instanceof Error)) throw error;
      return reply.code(httpStatus).send({ error: { code, message: error.message } });
    }
  });
}
