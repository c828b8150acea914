/**
 * Limits against abusive operations, checked before any database work: depth, aliases,
 * tokens and directives by graphql-armor; cost by graphql-query-complexity, where a list field
 * costs its children times its `first` / `limit` argument (10 when it has none) and a computed
 * field its price (src/api/common/priced.ts). Over a limit: QUERY_TOO_COMPLEX. Field
 * suggestions are blocked in production.
 */
import { ApolloArmor } from "@escape.tech/graphql-armor";
import type { ApolloServerPlugin } from "@apollo/server";
import {
  GraphQLError,
  TypeInfo,
  getNullableType,
  isListType,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLSchema,
  type ValidationContext,
  type ValidationRule,
  type ValueNode,
} from "graphql";
// The CommonJS build: its ESM build imports graphql/index.mjs, another realm than the graphql every other module here loads.
import { getComplexity, type ComplexityEstimator } from "graphql-query-complexity/cjs";
import type { Limits } from "../config.js";

const tooComplex = (message: string) => new GraphQLError(message, { extensions: { code: "QUERY_TOO_COMPLEX" } });

/** Armor's errors, re-issued with the contract's code. */
const reject = [
  (context: ValidationContext | null, error: GraphQLError) =>
    context?.reportError(tooComplex(error.message.replace(/^Syntax Error: /, ""))),
];

/**
 * A field costs 1, plus its price when it is a computed field (`extensions.cost`, set by
 * `@Priced`), plus its children's cost times its size: its `first` / `limit`, else 10 for a list,
 * else 1. A connection's `edges` are the connection's `first` items, already counted there.
 */
const listCost: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
  const list = isListType(getNullableType(field.type)) && !(field.name === "edges" && type.name.endsWith("Connection"));
  const size = typeof args.first === "number" ? args.first : typeof args.limit === "number" ? args.limit : list ? 10 : 1;
  return 1 + price(field) + childComplexity * (list || "first" in args || "limit" in args ? size : 1);
};

const price = (field: { extensions?: Readonly<Record<string, unknown>> | null }) =>
  typeof field.extensions?.cost === "number" ? field.extensions.cost : 0;

/** The computed fields an operation names, with their price: what the refusal points at. */
function pricedFields(schema: GraphQLSchema, document: DocumentNode): string[] {
  const named = new Map<string, number>();
  const info = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(info, {
      Field: () => {
        const field = info.getFieldDef();
        const parent = info.getParentType();
        if (field && parent && price(field) > 0) named.set(`${parent.name}.${field.name}`, price(field));
      },
    }),
  );
  return [...named].map(([name, cost]) => `${name} ${cost}`);
}

/**
 * The variables an operation's cost can depend on: those in a field's `first` or `limit` (what
 * listCost reads) and in directives (@include / @skip), in document order.
 */
function costVariables(document: DocumentNode): string[] {
  const names = new Set<string>();
  const collect = (value: ValueNode) => visit(value, { Variable: (v) => void names.add(v.name.value) });
  visit(document, {
    Field: (field) => field.arguments?.forEach((arg) => (arg.name.value === "first" || arg.name.value === "limit") && collect(arg.value)),
    Directive: (directive) => directive.arguments?.forEach((arg) => collect(arg.value)),
  });
  return [...names];
}

/**
 * The variables as far as cost is concerned: list values (a batch of 10,000 samples) count for
 * nothing, so they are replaced by empty lists rather than coerced once more for the cost.
 */
const sizes = (variables: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(variables).map(([name, value]) => [name, Array.isArray(value) ? [] : value]));

export function limits(config: Limits, production: boolean): { validationRules: ValidationRule[]; plugins: ApolloServerPlugin[] } {
  const common = { onReject: reject, propagateOnRejection: false, exposeLimits: true };
  const armor = new ApolloArmor({
    maxDepth: { ...common, n: config.maxDepth },
    maxAliases: { ...common, n: config.maxAliases },
    maxTokens: { ...common, n: config.maxTokens },
    maxDirectives: { ...common, n: config.maxDirectives },
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: production },
  }).protect();
  // A cost within the limit, per document (Apollo hands out the same object for a cached
  // document, and the memo goes with it), operation and values of its costVariables: walking
  // the document again costs more than the rest of a small request's validation.
  const known = new WeakMap<DocumentNode, { variables: string[]; costs: Map<string, number> }>();
  const cost: ApolloServerPlugin = {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema }) {
          const variables = request.variables ?? {};
          let memo = known.get(document);
          if (!memo) known.set(document, (memo = { variables: costVariables(document), costs: new Map() }));
          const key = JSON.stringify([
            request.operationName ?? null,
            ...memo.variables.map((name) => (Object.hasOwn(variables, name) ? [variables[name]] : [])),
          ]);
          if (memo.costs.has(key)) return;
          let complexity: number;
          try {
            complexity = getComplexity({
              schema,
              query: document,
              variables: sizes(variables),
              operationName: request.operationName,
              estimators: [listCost],
            });
          } catch {
            return; // variables that do not coerce: execution reports them as BAD_USER_INPUT
          }
          if (complexity <= config.maxCost) {
            if (memo.costs.size >= 256) memo.costs.clear();
            memo.costs.set(key, complexity);
          }
          if (complexity > config.maxCost) {
            const priced = pricedFields(schema, document);
            const computed = priced.length ? `; computed fields cost their price each time they can appear: ${priced.join(", ")}` : "";
            throw tooComplex(
              `operation cost ${complexity} is over the limit of ${config.maxCost} (a list costs its items times their fields${computed}; lower first/limit or ask for fewer nested lists)`,
            );
          }
        },
      };
    },
  };
  // armor is typed against the CommonJS build of @apollo/server; its plugins are plain objects.
  return { validationRules: armor.validationRules, plugins: [...(armor.plugins as unknown as ApolloServerPlugin[]), cost] };
}
