/**
 * Scalars. DateTime values are ISO 8601 UTC strings with milliseconds everywhere in the code;
 * input accepts any RFC 3339 date-time with a zone and normalises it to that form.
 */
import { GraphQLError, GraphQLScalarType, Kind } from "graphql";
import { GraphQLJSON } from "graphql-scalars";

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

function parseDateTime(value: unknown): string {
  const date = typeof value === "string" && RFC3339.test(value) ? new Date(value) : null;
  if (!date || Number.isNaN(date.getTime())) {
    throw new GraphQLError(`DateTime must be an ISO 8601 date-time with a time zone, e.g. 2026-11-23T10:00:00.000Z; got ${JSON.stringify(value)?.slice(0, 60)}`, {
      extensions: { code: "BAD_USER_INPUT" },
    });
  }
  return date.toISOString();
}

export const DateTimeScalar = new GraphQLScalarType<string, string>({
  name: "DateTime",
  description: "An instant as ISO 8601 in UTC with milliseconds, e.g. 2026-11-23T10:00:00.000Z.",
  serialize: (value) => new Date(value as string | Date).toISOString(),
  parseValue: parseDateTime,
  parseLiteral: (ast) => parseDateTime(ast.kind === Kind.STRING ? ast.value : undefined),
});

export const JSONScalar = GraphQLJSON;
