/**
 * Compares an emitted schema with the contract (schema/contract.graphql, a copy of API.graphql).
 * The emitted schema must be a superset that existing clients cannot tell apart from the
 * contract: every type, field, argument, input field, interface and enum value of the contract
 * present, with the same type string (`[Sample!]!`), the same kind, and for arguments and input
 * fields the same default. Additions are allowed except a new required argument or input field,
 * which would break operations written against the contract.
 *
 * Only graphql-js is used, so the comparison is the spec's own notion of types and defaults.
 */
import {
  astFromValue,
  buildSchema,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLNamedType,
  type GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isNonNullType,
  isObjectType,
  isScalarType,
  isSpecifiedScalarType,
  isUnionType,
  print,
} from "graphql";

type Input = GraphQLArgument | GraphQLInputField;

const kindOf = (t: GraphQLNamedType): string =>
  isObjectType(t)
    ? "type"
    : isInterfaceType(t)
      ? "interface"
      : isInputObjectType(t)
        ? "input"
        : isEnumType(t)
          ? "enum"
          : isScalarType(t)
            ? "scalar"
            : isUnionType(t)
              ? "union"
              : "unknown";

/** A default as SDL prints it (`AUDIT`, `5`, `[1, 2]`), or "" for none. */
function defaultOf(input: Input): string {
  if (input.defaultValue === undefined) return "";
  try {
    const ast = astFromValue(input.defaultValue, input.type);
    return ast ? print(ast) : "";
  } catch {
    return JSON.stringify(input.defaultValue) ?? String(input.defaultValue);
  }
}

const defaultPhrase = (input: Input): string => (input.defaultValue === undefined ? "has no default" : `defaults to ${defaultOf(input)}`);

const signature = (input: Input): string =>
  `${input.name}: ${String(input.type)}${input.defaultValue === undefined ? "" : ` = ${defaultOf(input)}`}`;

/**
 * Arguments of one field, or fields of one input type. `named(name)` formats where an entry is,
 * `named(signature)` where a missing one should be: `Query.lineage(depth: Int = 5)`.
 */
function compareInputs(named: (entry: string) => string, want: readonly Input[], have: readonly Input[], gaps: string[]): void {
  for (const w of want) {
    const h = have.find((x) => x.name === w.name);
    if (!h) gaps.push(`${named(signature(w))} is missing`);
    else if (String(h.type) !== String(w.type)) gaps.push(`${named(w.name)} is ${String(h.type)}, contract says ${String(w.type)}`);
    else if (defaultOf(h) !== defaultOf(w))
      gaps.push(`${named(w.name)} ${defaultPhrase(h)}, contract ${w.defaultValue === undefined ? "has none" : `says ${defaultOf(w)}`}`);
  }
  // Required = non-null without a default (the spec's rule for arguments and input fields alike).
  for (const h of have) {
    const required = isNonNullType(h.type) && h.defaultValue === undefined;
    if (required && !want.some((w) => w.name === h.name)) gaps.push(`${named(signature(h))} is required but not in the contract`);
  }
}

function compareFields(
  typeName: string,
  want: Record<string, GraphQLField<unknown, unknown>>,
  have: Record<string, GraphQLField<unknown, unknown>>,
  gaps: string[],
): void {
  for (const w of Object.values(want)) {
    const h = have[w.name];
    if (!h) {
      gaps.push(`${typeName}.${w.name}: ${String(w.type)} is missing`);
      continue;
    }
    if (String(h.type) !== String(w.type)) gaps.push(`${typeName}.${w.name} is ${String(h.type)}, contract says ${String(w.type)}`);
    compareInputs((entry) => `${typeName}.${w.name}(${entry})`, w.args, h.args, gaps);
  }
}

/**
 * Every way `emitted` falls short of the contract, one readable line each, in the contract's
 * type order; an empty list when it is a compatible superset. A missing type is one line (its
 * fields are not listed again).
 */
export function contractGaps(contractSdl: string, emitted: GraphQLSchema): string[] {
  const contract = buildSchema(contractSdl);
  const gaps: string[] = [];
  for (const want of Object.values(contract.getTypeMap())) {
    // Introspection types and the five built-in scalars exist wherever they are used.
    if (want.name.startsWith("__") || isSpecifiedScalarType(want)) continue;
    const have = emitted.getType(want.name);
    if (!have) {
      gaps.push(`${kindOf(want)} ${want.name} is missing`);
      continue;
    }
    if (kindOf(have) !== kindOf(want)) {
      gaps.push(`${want.name} is declared as ${kindOf(have)}, contract says ${kindOf(want)}`);
      continue;
    }
    if ((isObjectType(want) || isInterfaceType(want)) && (isObjectType(have) || isInterfaceType(have))) {
      compareFields(want.name, want.getFields(), have.getFields(), gaps);
      const implemented = new Set(have.getInterfaces().map((i) => i.name));
      for (const i of want.getInterfaces()) if (!implemented.has(i.name)) gaps.push(`${want.name} does not implement ${i.name}`);
    } else if (isInputObjectType(want) && isInputObjectType(have)) {
      compareInputs((entry) => `${want.name}.${entry}`, Object.values(want.getFields()), Object.values(have.getFields()), gaps);
    } else if (isEnumType(want) && isEnumType(have)) {
      const values = new Set(have.getValues().map((v) => v.name));
      for (const v of want.getValues()) if (!values.has(v.name)) gaps.push(`${want.name}.${v.name} is missing`);
    } else if (isUnionType(want) && isUnionType(have)) {
      const members = new Set(have.getTypes().map((t) => t.name));
      for (const t of want.getTypes()) if (!members.has(t.name)) gaps.push(`${want.name} does not include ${t.name}`);
    }
  }
  return gaps;
}
