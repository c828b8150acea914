import { buildSchema } from "graphql";
import { describe, expect, it } from "vitest";
import { contractGaps } from "./contract-check.js";

const CONTRACT = `
  interface Node { id: ID! }
  enum Color { RED GREEN }
  type Thing implements Node { id: ID! tags: [String!]! color: Color }
  input ThingInput { id: ID! color: Color = RED }
  type Query { thing(id: ID!, first: Int = 5): Thing }
`;

describe("contractGaps", () => {
  it("finds nothing when the schema is the contract, or more", () => {
    expect(contractGaps(CONTRACT, buildSchema(CONTRACT))).toEqual([]);
    expect(contractGaps(CONTRACT, buildSchema(`${CONTRACT} type Extra { x: Int }`))).toEqual([]);
  });

  it("names each missing or changed piece", () => {
    const changed = CONTRACT.replace("tags: [String!]!", "tags: [String]!")
      .replace("enum Color { RED GREEN }", "enum Color { RED }")
      .replace("first: Int = 5", "first: Int = 10")
      .replace("type Thing implements Node", "type Thing")
      .replace("input ThingInput { id: ID! color: Color = RED }", "input ThingInput { id: ID! }");
    expect(contractGaps(CONTRACT, buildSchema(changed)).sort()).toEqual([
      "Color.GREEN is missing",
      "Query.thing(first) defaults to 10, contract says 5",
      "Thing does not implement Node",
      "Thing.tags is [String]!, contract says [String!]!",
      "ThingInput(color) is missing",
    ]);
  });
});
