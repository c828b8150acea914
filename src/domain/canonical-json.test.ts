import canonicalize from "canonicalize";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJson, sha256Hex } from "./canonical-json.js";

/** The IEEE 754 double with these 64 bits (hex), as RFC 8785 appendix B lists them. */
function double(bits: string): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setBigUint64(0, BigInt(`0x${bits}`));
  return view.getFloat64(0);
}

describe("canonicalJson (RFC 8785)", () => {
  it("canonicalizes the example of section 3.2.2: literals, number forms, string escapes, member order", () => {
    const input = String.raw`{
      "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
      "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
      "literals": [null, true, false]
    }`;
    // RFC 8785 3.2.2, the canonical form as published: only '"', '\' and controls are escaped,
    // controls as \n etc. or \u00xx in lowercase hex; '€' and '/' are written as they are.
    const expected = String.raw`{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}`;
    expect(canonicalJson(JSON.parse(input))).toBe(expected);
  });

  it("sorts members by UTF-16 code units, as in section 3.2.3", () => {
    const input = String.raw`{"\u20ac": "Euro Sign", "\r": "Carriage Return", "\ufb33": "Hebrew Letter Dalet With Dagesh",
      "1": "One", "\ud83d\ude00": "Emoji: Grinning Face", "\u0080": "Control", "\u00f6": "Latin Small Letter O With Diaeresis"}`;
    // The RFC's order: \r (000D), 1 (0031), 0080, 00F6, 20AC, then the emoji (D83D DE00) before
    // U+FB33: by code unit D83D < FB33, although by code point U+1F600 > U+FB33.
    const text = canonicalJson(JSON.parse(input));
    // member values in text order (JSON.parse would move the integer-like key "1" to the front)
    expect([...text.matchAll(/":"([^"]*)"/g)].map((m) => m[1])).toEqual([
      "Carriage Return",
      "One",
      "Control",
      "Latin Small Letter O With Diaeresis",
      "Euro Sign",
      "Emoji: Grinning Face",
      "Hebrew Letter Dalet With Dagesh",
    ]);
    expect(text).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis","\u20ac":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });

  it("sorts nested members at every level and keeps array order", () => {
    expect(canonicalJson({ b: [{ z: 1, a: 2 }, 0], a: { d: true, c: null } })).toBe('{"a":{"c":null,"d":true},"b":[{"a":2,"z":1},0]}');
  });

  it("writes the numbers of appendix B as the RFC lists them", () => {
    const vectors: Array<[string, string]> = [
      ["0000000000000000", "0"],
      ["8000000000000000", "0"], // -0
      ["0000000000000001", "5e-324"],
      ["8000000000000001", "-5e-324"],
      ["7fefffffffffffff", "1.7976931348623157e+308"],
      ["ffefffffffffffff", "-1.7976931348623157e+308"],
      ["4340000000000000", "9007199254740992"],
      ["c340000000000000", "-9007199254740992"],
      ["4430000000000000", "295147905179352830000"],
      ["44b52d02c7e14af5", "9.999999999999997e+22"],
      ["44b52d02c7e14af6", "1e+23"],
      ["44b52d02c7e14af7", "1.0000000000000001e+23"],
      ["444b1ae4d6e2ef4e", "999999999999999700000"],
      ["444b1ae4d6e2ef4f", "999999999999999900000"],
      ["444b1ae4d6e2ef50", "1e+21"],
      ["3eb0c6f7a0b5ed8c", "9.999999999999997e-7"],
      ["3eb0c6f7a0b5ed8d", "0.000001"],
      ["41b3de4355555553", "333333333.3333332"],
      ["41b3de4355555554", "333333333.33333325"],
      ["41b3de4355555555", "333333333.3333333"],
      ["41b3de4355555556", "333333333.3333334"],
      ["41b3de4355555557", "333333333.33333343"],
      ["becbf647612f3696", "-0.0000033333333333333333"],
      ["43143ff3c1cb0959", "1424953923781206.2"],
    ];
    expect(vectors.map(([bits]) => canonicalJson(double(bits)))).toEqual(vectors.map(([, text]) => text));
  });

  it("switches to exponent form where ECMAScript's Number::toString does", () => {
    // x = s * 10^(n - k) with k digits: plain digits while -6 < n <= 21, exponent form outside.
    // 1e21: n = 22 > 21 -> "1e+21"; 1e20: n = 21 -> 21 digits; 1e-6: n = -5 -> "0.000001"; 1e-7: n = -6 -> "1e-7".
    expect(canonicalJson([1e21, 1e20, 0.000001, 1e-7])).toBe("[1e+21,100000000000000000000,0.000001,1e-7]");
  });

  it("leaves out undefined members, as JSON does, and reads toJSON", () => {
    expect(canonicalJson({ b: undefined, a: 1, at: new Date(Date.UTC(2026, 10, 23, 10)) })).toBe('{"a":1,"at":"2026-11-23T10:00:00.000Z"}');
  });

  it("refuses values without a faithful JSON form", () => {
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    for (const value of [
      undefined,
      Number.NaN,
      [Number.POSITIVE_INFINITY],
      { n: 1n },
      "\ud800",
      { "\udc00": 1 },
      cycle,
      { f: () => 1 },
      [() => 1],
      { m: new Map([["a", 1]]) },
      new Set([1]),
    ]) {
      expect(() => canonicalJson(value), String(value)).toThrow();
    }
  });
});

describe("sha256Hex", () => {
  it("hashes as FIPS 180-2 specifies, text as UTF-8, in lowercase hex", () => {
    // FIPS 180-2, appendix B.1: SHA-256("abc")
    expect(sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    // SHA-256 of no bytes (the RFC 9162 empty-tree root)
    expect(sha256Hex("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    // "€" is U+20AC, UTF-8 E2 82 AC
    expect(sha256Hex("€")).toBe(sha256Hex(Uint8Array.of(0xe2, 0x82, 0xac)));
  });
});

describe("canonicalJson against an independent implementation", () => {
  it("agrees with the canonicalize package (by one of the RFC's authors) on thousands of random JSON values", () => {
    // Nested objects and arrays, finite doubles, booleans, null, and strings and keys of any
    // code points (astral ones too: their surrogate pairs order differently by code unit).
    fc.assert(
      fc.property(fc.jsonValue({ stringUnit: "binary" }), (value) => canonicalJson(value) === canonicalize(value)),
      { numRuns: 3000 },
    );
  });
});
