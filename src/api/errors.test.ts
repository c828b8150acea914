import { GraphQLError } from "graphql";
import { describe, expect, it } from "vitest";
import { DomainError, type ErrorCode } from "../domain/errors.js";
import { classify, formatError, INTERNAL_MESSAGE } from "./errors.js";

/**
 * Every domain code and the status its answer gets, written out by hand (the GraphQL-over-HTTP
 * convention: request errors 400, UNAUTHENTICATED 401, FORBIDDEN 403; NOT_FOUND 404; a write that
 * contradicts what is stored 409; the database away 503). The Record makes a new code a compile error here.
 */
const EXPECTED: Record<ErrorCode, number> = {
  BAD_USER_INPUT: 400,
  QUERY_TOO_COMPLEX: 400,
  LINEAGE_CYCLE: 400,
  POLICY_VIOLATION: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  SEALED: 409,
  SERVICE_UNAVAILABLE: 503,
};

describe("classify", () => {
  for (const [code, status] of Object.entries(EXPECTED) as Array<[ErrorCode, number]>) {
    it(`${code}: expected, HTTP ${status}, the same thrown directly, from a resolver or as a GraphQL extension`, () => {
      const domain = new DomainError(code, "m");
      const fromResolver = new GraphQLError("m", { path: ["field"], originalError: domain });
      const asExtension = new GraphQLError("m", { extensions: { code } });
      for (const error of [domain, fromResolver, asExtension])
        expect(classify(error)).toEqual({ code, expected: true, httpStatus: status });
    });
  }

  it("a refusal is never a 5xx, except the database being away", () => {
    for (const [code, status] of Object.entries(EXPECTED)) expect(status >= 500, code).toBe(code === "SERVICE_UNAVAILABLE");
  });

  it("malformed operations are BAD_USER_INPUT, 400", () => {
    for (const code of ["GRAPHQL_PARSE_FAILED", "GRAPHQL_VALIDATION_FAILED", "BAD_REQUEST", "OPERATION_RESOLUTION_FAILURE"]) {
      expect(classify(new GraphQLError("m", { extensions: { code } }))).toEqual({
        code: "BAD_USER_INPUT",
        expected: true,
        httpStatus: 400,
      });
    }
  });

  it("an error without a code from graphql-js (coercion) is input trouble, in the answer and in the log alike", () => {
    const coercion = new GraphQLError("Int cannot represent 1.5");
    expect(classify(coercion)).toEqual({ code: "BAD_USER_INPUT", expected: true, httpStatus: 400 });
    expect(formatError({ message: coercion.message }, coercion).extensions).toEqual({ code: "BAD_USER_INPUT" });
  });

  it("anything else is INTERNAL_SERVER_ERROR, 500, unexpected, and shows nothing of itself", () => {
    const fault = new GraphQLError("Neo.ClientError.Statement.SyntaxError: Invalid input at offset 7", {
      path: ["field"],
      originalError: new Error("the statement as the database received it"),
    });
    for (const error of [new Error("boom"), fault, "a string"])
      expect(classify(error)).toEqual({ code: "INTERNAL_SERVER_ERROR", expected: false, httpStatus: 500 });
    expect(formatError({ message: fault.message, path: ["field"] }, fault)).toEqual({
      message: INTERNAL_MESSAGE,
      path: ["field"],
      extensions: { code: "INTERNAL_SERVER_ERROR" },
    });
  });
});
