/**
 * RFC 8785 JSON Canonicalization Scheme, and SHA-256 in lowercase hex: the two halves of every
 * audit hash (DOMAIN.md 5 and 8). RFC 8785 is defined on ECMAScript's own JSON forms (strings
 * as JSON.stringify escapes them, numbers as Number::toString writes them), so the one thing
 * left to do here is the member order, and refusing what has no faithful JSON form, in a single
 * pass: every sample of a 10,000-sample batch is canonicalized twice.
 */
import { hash } from "node:crypto";

/** With the u flag, \p{Cs} matches only a surrogate that is not half of a pair. */
export const LONE_SURROGATE = /\p{Cs}/u;

/**
 * The RFC 8785 canonical JSON text of a value: members sorted by UTF-16 code units, numbers in
 * ECMAScript's shortest form, no insignificant whitespace. Members whose value is undefined are
 * left out (undefined in an array becomes null), as JSON.stringify does; toJSON is read. Throws
 * for a value with no JSON form: undefined at the top, NaN or Infinity, BigInt, a lone
 * surrogate, a cycle, a function, a Map or a Set.
 */
export function canonicalJson(value: unknown): string {
  const path: string[] = ["value"];
  const text = write(value, path, new Set());
  if (text === undefined) throw new TypeError("value has no JSON form");
  return text;
}

const refuse = (path: readonly string[], what: string) => new TypeError(`${path.join(".")} ${what}`);

/** The canonical text of `value`, or undefined where JSON leaves it out; `path` names it in errors. */
function write(value: unknown, path: string[], ancestors: Set<object>): string | undefined {
  switch (typeof value) {
    case "string":
      if (LONE_SURROGATE.test(value)) throw refuse(path, "holds a lone surrogate, which is not Unicode text");
      return JSON.stringify(value);
    case "number":
      if (!Number.isFinite(value)) throw refuse(path, `is ${value}, which JSON cannot hold`);
      return JSON.stringify(value); // -0 is written as 0, as RFC 8785 asks
    case "boolean":
      return value ? "true" : "false";
    case "undefined":
    case "symbol":
      return undefined;
    case "bigint":
      throw refuse(path, "is a BigInt, which JSON cannot hold");
    case "function":
      throw refuse(path, "is a function, which has no JSON form");
  }
  if (value === null) return "null";
  const object = value as Record<string, unknown> & { toJSON?: () => unknown };
  if (ancestors.has(object)) throw refuse(path, "is part of a cycle");
  ancestors.add(object);
  try {
    if (typeof object.toJSON === "function") return write(object.toJSON(), path, ancestors);
    if (object instanceof Map || object instanceof Set) throw refuse(path, `is a ${object.constructor.name}, which JSON would write as {}`);
    if (Array.isArray(object)) return `[${object.map((member) => write(member, path, ancestors) ?? "null").join(",")}]`;
    const members: string[] = [];
    for (const key of Object.keys(object).sort()) {
      path.push(key);
      if (LONE_SURROGATE.test(key)) throw refuse(path, "is a key with a lone surrogate");
      const member = write(object[key], path, ancestors);
      if (member !== undefined) members.push(`${JSON.stringify(key)}:${member}`);
      path.pop();
    }
    return `{${members.join(",")}}`;
  } finally {
    ancestors.delete(object);
  }
}

/** SHA-256 in lowercase hex; text is hashed as its UTF-8 bytes. */
export function sha256Hex(data: string | Uint8Array): string {
  return hash("sha256", data, "hex");
}
