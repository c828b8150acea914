import { describe, expect, it } from "vitest";
import { canonicalJson, sha256Hex } from "./canonical-json.js";

describe("canonicalJson (RFC 8785)", () => {
  it("sorts keys by UTF-16 code units and drops insignificant whitespace", () => {
    // RFC 8785 3.2.3: "\u20ac" (U+20AC) sorts after "\r" and before "\ud83d\ude00" (surrogates D83D)
    expect(canonicalJson({ "\u20ac": "Euro Sign", "\r": "Carriage Return", "\ud83d\ude00": "Emoji", "1": "One", "\u0080": "Control" })).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u20ac":"Euro Sign","\ud83d\ude00":"Emoji"}',
    );
  });

  it("serialises numbers as ECMAScript does (RFC 8785 3.2.2.3)", () => {
    // RFC 8785 appendix B: 1e21 -> 1e+21, 1e-7 -> 1e-7, 0.000001 -> 0.000001, -0 -> 0
    expect(canonicalJson([1e21, 1e-7, 0.000001, -0, 333333333.3333333])).toBe("[1e+21,1e-7,0.000001,0,333333333.3333333]");
  });

  it("hashes UTF-8 text as lowercase hex SHA-256", () => {
    // SHA-256("abc"), FIPS 180-2 appendix B.1
    expect(sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });
});
