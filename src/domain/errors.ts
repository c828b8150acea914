/**
 * Typed domain errors. Domain and service code throws these; the API maps them to
 * GraphQL errors with `extensions.code` at one boundary (src/api/errors.ts).
 */
export type ErrorCode =
  | "BAD_USER_INPUT"
  | "NOT_FOUND"
  | "CONFLICT"
  | "SEALED"
  | "LINEAGE_CYCLE"
  | "POLICY_VIOLATION"
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "QUERY_TOO_COMPLEX"
  | "SERVICE_UNAVAILABLE";

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "DomainError";
  }
}

export const badInput = (message: string) => new DomainError("BAD_USER_INPUT", message);
export const notFound = (message: string) => new DomainError("NOT_FOUND", message);
export const conflict = (message: string) => new DomainError("CONFLICT", message);

/** Quotes a client-supplied value for an error message, shortened so a 1 MB id stays readable. */
export function quote(value: string): string {
  const shown = value.length > 80 ? `${value.slice(0, 77)}...` : value;
  return `'${shown}'`;
}
