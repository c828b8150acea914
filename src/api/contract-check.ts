/**
 * Compares the emitted schema with the contract (schema/contract.graphql): every type, field,
 * argument, input field, interface and enum value of the contract must be present with the
 * same type (and the same default for arguments and input fields). Extra ones are allowed.
 */
import {
  buildSchema,
  type GraphQLArgument,
  type GraphQLInputField,
  type GraphQLNamedType,
  type GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isScalarType,
  isUnionType,
} from "graphql";

const kindOf = (t: GraphQLNamedType) =>
  isObjectType(t) ? "type" : isInterfaceType(t) ? "interface" : isInputObjectType(t) ? "input" : isEnumType(t) ? "enum" : isScalarType(t) ? "scalar" : isUnionType(t) ? "union" : "?";

function compareArgs(where: string, want: readonly (GraphQLArgument | GraphQLInputField)[], have: readonly (GraphQLArgument | GraphQLInputField)[], gaps: string[]) {
  for (const arg of want) {
    const found = have.find((h) => h.name === arg.name);
    if (!found) gaps.push(`${where}(${arg.name}) is missing`);
    else if (String(found.type) !== String(arg.type)) gaps.push(`${where}(${arg.name}) is ${String(found.type)}, contract says ${String(arg.type)}`);
    else if (JSON.stringify(found.defaultValue) !== JSON.stringify(arg.defaultValue)) gaps.push(`${where}(${arg.name}) defaults to ${JSON.stringify(found.defaultValue)}, contract says ${JSON.stringify(arg.defaultValue)}`);
  }
}

export function contractGaps(contractSdl: string, emitted: GraphQLSchema): string[] {
  const contract = buildSchema(contractSdl);
  const gaps: string[] = [];
  for (const want of Object.values(contract.getTypeMap())) {
    if (want.name.startsWith("__")) continue;
    const have = emitted.getType(want.name);
    if (!have) {
      gaps.push(`${kindOf(want)} ${want.name} is missing`);
      continue;
    }
    if (kindOf(have) !== kindOf(want)) {
      gaps.push(`${want.name} is a ${kindOf(have)}, contract says ${kindOf(want)}`);
      continue;
    }
    if ((isObjectType(want) || isInterfaceType(want)) && (isObjectType(have) || isInterfaceType(have))) {
      const fields = have.getFields();
      for (const field of Object.values(want.getFields())) {
        const found = fields[field.name];
        if (!found) gaps.push(`${want.name}.${field.name} is missing`);
        else {
          if (String(found.type) !== String(field.type)) gaps.push(`${want.name}.${field.name} is ${String(found.type)}, contract says ${String(field.type)}`);
          compareArgs(`${want.name}.${field.name}`, field.args, found.args, gaps);
        }
      }
      const interfaces = have.getInterfaces().map((i) => i.name);
      for (const i of want.getInterfaces()) if (!interfaces.includes(i.name)) gaps.push(`${want.name} does not implement ${i.name}`);
    }
    if (isInputObjectType(want) && isInputObjectType(have)) {
      compareArgs(want.name, Object.values(want.getFields()), Object.values(have.getFields()), gaps);
    }
    if (isEnumType(want) && isEnumType(have)) {
      const values = have.getValues().map((v) => v.name);
      for (const v of want.getValues()) if (!values.includes(v.name)) gaps.push(`${want.name}.${v.name} is missing`);
    }
  }
  return gaps;
}
