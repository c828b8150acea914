/**
 * The exports as files (DOMAIN.md 10): GET /export/prov/:id?format=json|provn|ttl[&depth][&limit],
 * /export/croissant/:id, /export/datasets/:id/members.tsv and /lineage/<id>.svg, under the same
 * keys as GraphQL and the roles of the queries they stand on (reader).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { classify } from "../../api/errors.js";
import { authenticate, requireRole } from "../../auth.js";
import type { Config } from "../../config.js";
import { badInput, DomainError } from "../../domain/errors.js";
import { PROV_FILES, type ProvFormat } from "../../exports/render-prov.js";
import { croissant } from "../../services/croissant.js";
import { lineageSvg } from "../../services/lineage-picture.js";
import { memberManifest } from "../../services/member-manifest.js";
import { provExport } from "../../services/prov-export.js";
import type { Executor } from "../../store/executor.js";
import { baseUrlOf } from "../base-url.js";

const PROV_FORMATS: Record<string, ProvFormat> = { json: "PROV_JSON", provn: "PROV_N", ttl: "TURTLE" };

/** A file name for Content-Disposition: the id with anything but [A-Za-z0-9._-] as "_". */
const fileName = (id: string, extension: string) => `${id.replace(/[^A-Za-z0-9._-]/g, "_").slice(0, 120)}.${extension}`;

/** An optional integer query parameter. */
function integer(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^-?\d{1,9}$/.test(value)) throw badInput(`${name} must be an integer; got '${value.slice(0, 40)}'`);
  return Number(value);
}

type Handler<P> = (
  request: FastifyRequest<{ Params: P; Querystring: Record<string, string | undefined> }>,
  reply: FastifyReply,
  executor: Executor,
) => Promise<unknown>;

export function exportRoutes(fastify: FastifyInstance, config: Config, executor: Executor): void {
  const route = <P>(path: string, what: string, handle: Handler<P>) =>
    fastify.get<{ Params: P; Querystring: Record<string, string | undefined> }>(path, async (request, reply) => {
      try {
        requireRole(authenticate(config.apiKeys, request.headers.authorization), "reader", what);
        return await handle(request, reply, executor.forRequest());
      } catch (error) {
        const { code, expected, httpStatus } = classify(error);
        if (!expected || !(error instanceof Error)) throw error;
        return reply.code(httpStatus).send({ error: { code, message: error.message } });
      }
    });

  route<{ id: string }>("/export/prov/:id", "export PROV documents", async (request, reply, ex) => {
    const format = PROV_FORMATS[request.query.format ?? "json"];
    if (!format) throw badInput(`format must be json, provn or ttl; got '${String(request.query.format).slice(0, 40)}'`);
    const body = await provExport(
      ex,
      request.params.id,
      integer(request.query.depth, "depth", 10),
      integer(request.query.limit, "limit", 1000),
      format,
      baseUrlOf(request),
    );
    const file = PROV_FILES[format];
    return reply
      .type(file.contentType)
      .header("content-disposition", `attachment; filename="${fileName(request.params.id, file.extension)}"`)
      .send(body);
  });

  route<{ id: string }>("/export/croissant/:id", "export Croissant metadata", async (request, reply, ex) => {
    const body = await croissant(ex, request.params.id, baseUrlOf(request));
    return reply
      .type("application/ld+json; charset=utf-8")
      .header("content-disposition", `inline; filename="${fileName(request.params.id, "croissant.json")}"`)
      .send(JSON.stringify(body, null, 1));
  });

  route<{ id: string }>("/export/datasets/:id/members.tsv", "read member manifests", async (request, reply, ex) => {
    const stream = await memberManifest(ex, request.params.id);
    stream.on("error", (error) => request.log.error({ err: error }, "member manifest stream failed"));
    return reply
      .type("text/tab-separated-values; charset=utf-8")
      .header("content-disposition", `attachment; filename="${fileName(request.params.id, "members.tsv")}"`)
      .send(stream);
  });

  route<{ file: string }>("/lineage/:file", "read lineage", async (request, reply, ex) => {
    const id = request.params.file.endsWith(".svg") ? request.params.file.slice(0, -".svg".length) : null;
    if (id === null) throw new DomainError("NOT_FOUND", "the lineage picture is served as /lineage/<id>.svg");
    const svg = await ex.read("lineageSvg", (run) => lineageSvg(run, id));
    return reply.type("image/svg+xml; charset=utf-8").send(svg);
  });
}
