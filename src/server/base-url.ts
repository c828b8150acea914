import type { FastifyRequest } from "fastify";

/**
 * The server's own address as the client reached it (scheme and Host header): exports name
 * their files and PROV ids under it, so what they link to is what the client can fetch.
 */
export function baseUrlOf(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}
