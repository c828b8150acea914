/**
 * The one boundary where errors become GraphQL errors with `extensions.code` (the codes of
 * API.graphql). Anything unexpected becomes INTERNAL_SERVER_ERROR with no stack, database text
 * or Cypher; the server logs it with the request id.
 */
import { unwrapResolverError } from "@apollo/server/errors";
import { GraphQLError, type GraphQLFormattedError } from "graphql";
import { DomainError } from "../domain/errors.js";

const KEPT_CODES = new Set([
  "BAD_USER_INPUT",
  "NOT_FOUND",
  "CONFLICT",
  "SEALED",
  "LINEAGE_CYCLE",
  "POLICY_VIOLATION",
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "QUERY_TOO_COMPLEX",
  "SERVICE_UNAVAILABLE",
  "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED",
]);

/** Malformed operations are malformed input to the client (API.graphql lists BAD_USER_INPUT). */
const AS_BAD_INPUT = new Set(["GRAPHQL_PARSE_FAILED", "GRAPHQL_VALIDATION_FAILED", "BAD_REQUEST", "OPERATION_RESOLUTION_FAILURE"]);

/** Is this error one the client caused or may expect (as opposed to a fault of ours)? */
export function isExpected(error: unknown): boolean {
  const original = unwrapResolverError(error);
  if (original instanceof DomainError) return true;
  const code = original instanceof GraphQLError ? original.extensions.code : undefined;
  return keptCode(error) !== undefined || (typeof code === "string" && AS_BAD_INPUT.has(code));
}

/** A contract code carried by the error or by an error it wraps (Apollo wraps validation errors). */
function keptCode(error: unknown): string | undefined {
  for (let e = error as GraphQLError | undefined; e; e = e.originalError as GraphQLError | undefined) {
    const code = e.extensions?.code;
    if (typeof code === "string" && KEPT_CODES.has(code)) return code;
  }
  return undefined;
}

export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  const base = { message: formatted.message, locations: formatted.locations, path: formatted.path };
  if (original instanceof DomainError) return { ...base, message: original.message, extensions: { code: original.code } };
  const kept = keptCode(error);
  if (kept) return { ...base, extensions: { code: kept } };
  const code = formatted.extensions?.code;
  if (typeof code === "string" && AS_BAD_INPUT.has(code)) return { ...base, extensions: { code: "BAD_USER_INPUT" } };
  // A GraphQLError without a code thrown by graphql-js while coercing values is input trouble too.
  if (original instanceof GraphQLError && original.originalError === undefined && !code) {
    return { ...base, extensions: { code: "BAD_USER_INPUT" } };
  }
  return { message: "internal server error; the server log has the details under this request's id", path: formatted.path, extensions: { code: "INTERNAL_SERVER_ERROR" } };
}
