import { buildSchema } from "graphql";
import { describe, expect, it } from "vitest";
import { contractGaps } from "../helpers/contract-check.js";

// A miniature contract with one of each thing the check compares.
const CONTRACT = `
  interface Node { id: ID! }
  enum Color { RED GREEN }
  type Thing implements Node { id: ID! tags: [String!]! color: Color owner: Thing }
  input ThingInput { id: ID! color: Color = RED tags: [String!] }
  type Query { thing(id: ID!, first: Int = 5): Thing things(color: Color): [Thing!]! }
  type Mutation { saveThing(input: ThingInput!): Thing! }
`;

/** The gaps of the contract against the contract with one edit applied (the edit must apply). */
function gapsAfter(from: string, to: string): string[] {
  expect(CONTRACT.split(from)).toHaveLength(2);
  return contractGaps(CONTRACT, buildSchema(CONTRACT.replace(from, to)));
}

describe("contractGaps", () => {
  it("finds nothing when the emitted schema is the contract", () => {
    expect(contractGaps(CONTRACT, buildSchema(CONTRACT))).toEqual([]);
  });

  it("accepts additions that no contract client can notice", () => {
    const superset = CONTRACT.replace("enum Color { RED GREEN }", "enum Color { RED GREEN BLUE } type Extra { x: Int }")
      .replace("owner: Thing }", "owner: Thing createdAt: String }")
      .replace("things(color: Color)", 'things(color: Color, limit: Int, sort: String! = "id")')
      .replace("tags: [String!] }", "tags: [String!] note: String }")
      .replace("type Thing implements Node", "interface Named { id: ID! } type Thing implements Node & Named");
    expect(contractGaps(CONTRACT, buildSchema(superset))).toEqual([]);
  });

  it("names a missing type once, with its kind, and not each of its fields", () => {
    const emitted = buildSchema(CONTRACT.replace("type Mutation { saveThing(input: ThingInput!): Thing! }", ""));
    expect(contractGaps(CONTRACT, emitted)).toEqual(["type Mutation is missing"]);
  });

  it("names a type declared as another kind", () => {
    expect(gapsAfter("type Thing implements Node", "interface Thing implements Node")).toEqual([
      "Thing is declared as interface, contract says type",
    ]);
  });

  it("names a missing field with the type the contract gives it", () => {
    expect(gapsAfter("owner: Thing }", "}")).toEqual(["Thing.owner: Thing is missing"]);
  });

  it("names a field whose nullability changed, outside or inside a list", () => {
    expect(gapsAfter("owner: Thing }", "owner: Thing! }")).toEqual(["Thing.owner is Thing!, contract says Thing"]);
    expect(gapsAfter("tags: [String!]!", "tags: [String]!")).toEqual(["Thing.tags is [String]!, contract says [String!]!"]);
    expect(gapsAfter("[Thing!]! }", "[Thing!] }")).toEqual(["Query.things is [Thing!], contract says [Thing!]!"]);
  });

  it("names a field of another named type", () => {
    expect(gapsAfter("id: ID! tags", "id: String! tags")).toEqual(["Thing.id is String!, contract says ID!"]);
  });

  it("names a missing enum value", () => {
    expect(gapsAfter("enum Color { RED GREEN }", "enum Color { RED }")).toEqual(["Color.GREEN is missing"]);
  });

  it("names a missing argument with its type and default", () => {
    expect(gapsAfter("thing(id: ID!, first: Int = 5)", "thing(id: ID!)")).toEqual(["Query.thing(first: Int = 5) is missing"]);
    expect(gapsAfter("things(color: Color)", "things")).toEqual(["Query.things(color: Color) is missing"]);
  });

  it("names an argument whose type or default changed", () => {
    expect(gapsAfter("first: Int = 5", "first: Int! = 5")).toEqual(["Query.thing(first) is Int!, contract says Int"]);
    expect(gapsAfter("first: Int = 5", "first: Int = 10")).toEqual(["Query.thing(first) defaults to 10, contract says 5"]);
    expect(gapsAfter("first: Int = 5", "first: Int")).toEqual(["Query.thing(first) has no default, contract says 5"]);
  });

  it("names a new required argument, which would break the contract's operations", () => {
    expect(gapsAfter("things(color: Color)", "things(color: Color, tenant: ID!)")).toEqual([
      "Query.things(tenant: ID!) is required but not in the contract",
    ]);
  });

  it("names a type that lost an interface", () => {
    expect(gapsAfter("type Thing implements Node", "type Thing")).toEqual(["Thing does not implement Node"]);
  });

  it("compares input fields like arguments: presence, type, default, new required ones", () => {
    expect(gapsAfter("color: Color = RED", "")).toEqual(["ThingInput.color: Color = RED is missing"]);
    expect(gapsAfter("color: Color = RED", "color: Color! = RED")).toEqual(["ThingInput.color is Color!, contract says Color"]);
    expect(gapsAfter("color: Color = RED", "color: Color = GREEN")).toEqual(["ThingInput.color defaults to GREEN, contract says RED"]);
    expect(gapsAfter("tags: [String!] }", `tags: [String!] = ["x"] }`)).toEqual([`ThingInput.tags defaults to ["x"], contract has none`]);
    expect(gapsAfter("tags: [String!] }", "tags: [String!] owner: ID! }")).toEqual([
      "ThingInput.owner: ID! is required but not in the contract",
    ]);
  });

  it("lists every gap when several things changed", () => {
    const emitted = buildSchema(
      CONTRACT.replace("enum Color { RED GREEN }", "enum Color { RED }")
        .replace("type Thing implements Node", "type Thing")
        .replace("owner: Thing }", "}"),
    );
    expect(contractGaps(CONTRACT, emitted).sort()).toEqual([
      "Color.GREEN is missing",
      "Thing does not implement Node",
      "Thing.owner: Thing is missing",
    ]);
  });
});
