/**
 * The one boundary where errors become answers: `classify` decides, for GraphQL and for every
 * HTTP route, an error's contract code (API.graphql), whether the client caused it (expected:
 * not logged as a fault) and its HTTP status. Anything unexpected is INTERNAL_SERVER_ERROR with
 * no stack, database text or Cypher; the server logs it with the request id.
 */
import { unwrapResolverError } from "@apollo/server/errors";
import { GraphQLError, type GraphQLFormattedError } from "graphql";
import { DomainError, type ErrorCode } from "../domain/errors.js";

export type ResponseCode = ErrorCode | "PERSISTED_QUERY_NOT_FOUND" | "PERSISTED_QUERY_NOT_SUPPORTED" | "INTERNAL_SERVER_ERROR";

export interface Classification {
  code: ResponseCode;
  /** The client caused it, or may expect it: not a fault of the server. */
  expected: boolean;
  /**
   * The status of an answer that is only this error: an HTTP route's, or a GraphQL request error
   * (no `data`). A GraphQL response with `data` stays 200 (GraphQL over HTTP, application/json).
   * A refusal is a 4xx, never a 5xx: clients retry a 5xx as a server fault.
   */
  httpStatus: number;
}

/** Every code a client may see, with its status (request errors 400, the GraphQL-over-HTTP convention). */
export const HTTP_STATUS = {
  BAD_USER_INPUT: 400,
  QUERY_TOO_COMPLEX: 400,
  LINEAGE_CYCLE: 400,
  POLICY_VIOLATION: 400,
  PERSISTED_QUERY_NOT_FOUND: 400,
  PERSISTED_QUERY_NOT_SUPPORTED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  SEALED: 409,
  SERVICE_UNAVAILABLE: 503,
  INTERNAL_SERVER_ERROR: 500,
} as const satisfies Record<ResponseCode, number>;

const isResponseCode = (code: unknown): code is ResponseCode => typeof code === "string" && Object.hasOwn(HTTP_STATUS, code);

/** graphql-js's and Apollo's codes for a malformed operation: malformed input to the client. */
const AS_BAD_INPUT = new Set(["GRAPHQL_PARSE_FAILED", "GRAPHQL_VALIDATION_FAILED", "BAD_REQUEST", "OPERATION_RESOLUTION_FAILURE"]);

function codeOf(error: unknown): ResponseCode {
  const original = unwrapResolverError(error);
  if (original instanceof DomainError) return original.code;
  // A contract code carried by the error or by an error it wraps (Apollo wraps validation errors).
  for (let e = error as GraphQLError | undefined; e; e = e.originalError as GraphQLError | undefined) {
    const code = e.extensions?.code;
    if (isResponseCode(code) && code !== "INTERNAL_SERVER_ERROR") return code;
  }
  const code = error instanceof GraphQLError ? error.extensions.code : undefined;
  if (typeof code === "string" && AS_BAD_INPUT.has(code)) return "BAD_USER_INPUT";
  // A GraphQLError without a code, raised by graphql-js itself while coercing values, is input trouble too.
  if (original instanceof GraphQLError && original.originalError === undefined && code === undefined) return "BAD_USER_INPUT";
  return "INTERNAL_SERVER_ERROR";
}

export function classify(error: unknown): Classification {
  const code = codeOf(error);
  return { code, expected: code !== "INTERNAL_SERVER_ERROR", httpStatus: HTTP_STATUS[code] };
}

export const INTERNAL_MESSAGE = "internal server error; the server log has the details under this request's id";

/** Apollo's formatError: the classified code, and no internals in an unexpected error's answer. */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const { code } = classify(error);
  if (code === "INTERNAL_SERVER_ERROR") return { message: INTERNAL_MESSAGE, path: formatted.path, extensions: { code } };
  const original = unwrapResolverError(error);
  const message = original instanceof DomainError ? original.message : formatted.message;
  return { message, locations: formatted.locations, path: formatted.path, extensions: { code } };
}

/** An error raised before GraphQL runs (the context), carrying its classified HTTP status to Apollo. */
export function requestError(error: DomainError): GraphQLError {
  return new GraphQLError(error.message, {
    originalError: error,
    extensions: { code: error.code, http: { status: classify(error).httpStatus } },
  });
}
