/**
 * Scalars. DateTime values are ISO 8601 UTC strings with milliseconds everywhere in the code;
 * input accepts any RFC 3339 date-time with a zone and normalises it to that form.
 */
import { GraphQLError, GraphQLScalarType, Kind, print } from "graphql";
import { GraphQLJSON } from "graphql-scalars";

const DATE_TIME_MESSAGE = "DateTime must be an ISO 8601 date-time with a time zone, e.g. 2026-11-23T10:00:00.000Z";

// RFC 3339 section 5.6 `date-time`: full date, "T", time with optional fraction, "Z" or a numeric offset.
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:Z|([+-])(\d{2}):(\d{2}))$/i;

/**
 * The instant `text` names, or null when it is not an RFC 3339 date-time or names an impossible
 * one. `Date` alone would roll 2026-02-31 over to March 3 and 24:00 to the next day, silently
 * recording a different time than the client sent; the fields must survive a round trip instead.
 * A leap second (:60) is refused: JavaScript time cannot represent it. So is an instant whose UTC
 * year leaves 0000-9999, which has no four-digit ISO form.
 */
function instantOf(text: string): Date | null {
  const m = RFC3339.exec(text);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  if (m[7] !== undefined && (Number(m[8]) > 23 || Number(m[9]) > 59)) return null;
  const fields = new Date(0);
  fields.setUTCFullYear(year, month - 1, day); // unlike Date.UTC, no 1900 offset for years 0-99
  fields.setUTCHours(hour, minute, second, 0);
  const exact =
    fields.getUTCFullYear() === year &&
    fields.getUTCMonth() === month - 1 &&
    fields.getUTCDate() === day &&
    fields.getUTCHours() === hour &&
    fields.getUTCMinutes() === minute &&
    fields.getUTCSeconds() === second;
  if (!exact) return null;
  // In UTC the instant must still have a four-digit year, or toISOString() would widen it (+010000-...).
  const date = new Date(text);
  const utcYear = date.getUTCFullYear();
  return Number.isNaN(date.getTime()) || utcYear < 0 || utcYear > 9999 ? null : date;
}

function invalid(shown: string): GraphQLError {
  return new GraphQLError(`${DATE_TIME_MESSAGE}; got ${shown.slice(0, 60)}`, { extensions: { code: "BAD_USER_INPUT" } });
}

/** Input: an RFC 3339 date-time with a zone, returned as the normalised ISO string (not a Date). */
function parseDateTime(value: unknown): string {
  const date = typeof value === "string" ? instantOf(value) : null;
  if (!date) throw invalid(JSON.stringify(value) ?? String(value));
  return date.toISOString();
}

export const DateTimeScalar = new GraphQLScalarType<string, string>({
  name: "DateTime",
  description: "An instant as ISO 8601 in UTC with milliseconds, e.g. 2026-11-23T10:00:00.000Z.",
  serialize: (value) => {
    const date = new Date(value as string | Date);
    if (Number.isNaN(date.getTime())) throw new GraphQLError(`DateTime cannot represent ${JSON.stringify(value)?.slice(0, 60)}`);
    return date.toISOString();
  },
  parseValue: parseDateTime,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw invalid(print(ast));
    return parseDateTime(ast.value);
  },
});

export const JSONScalar = GraphQLJSON;
