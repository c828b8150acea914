import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { isEnumType, isInputObjectType, isInterfaceType, isObjectType } from "graphql";
import { contractGaps } from "../helpers/contract-check.js";
import { createSchema, printEmittedSchema } from "../../src/api/schema.js";
import { ROOT } from "../../src/paths.js";

describe("the GraphQL schema", async () => {
  const schema = await createSchema();

  it("is committed as emitted (run `npm run schema` after changing a type)", async () => {
    expect(await readFile(join(ROOT, "schema/provgraph.graphql"), "utf8")).toBe(printEmittedSchema(schema));
  });

  it("is a superset of the contract: every type, field, argument and enum value, with the same type", async () => {
    expect(contractGaps(await readFile(join(ROOT, "schema/contract.graphql"), "utf8"), schema)).toEqual([]);
  });

  it("describes every type, field, argument and enum value", () => {
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith("__")) continue;
      if (!type.description) missing.push(type.name);
      if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) missing.push(`${type.name}.${field.name}`);
          for (const arg of "args" in field ? field.args : [])
            if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
      if (isEnumType(type)) for (const value of type.getValues()) if (!value.description) missing.push(`${type.name}.${value.name}`);
    }
    expect(missing).toEqual([]);
  });
});
