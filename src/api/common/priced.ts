/**
 * Computed fields and their price. A field that computes over a whole sample set, or over the
 * audit log, costs far more than a field of a listed item (which a loader reads with its page),
 * so it carries a price in the operation's cost (src/server/limits.ts adds it each time the
 * field can appear, times the lists above it) and is charged again as it resolves, against the
 * same limit: a list the static estimate sizes at 10 (`versions`, `trainedOn`) may hold more.
 * Pricing a new computed field is the one annotation `@Priced(PRICE.X)` on its resolver.
 */
import type { GraphQLResolveInfo } from "graphql";
import { Extensions, UseMiddleware } from "type-graphql";
import { DomainError } from "../../domain/errors.js";
import type { Context } from "../context.js";

/**
 * Prices in cost units (one unit: a field of a listed item). Against the default limit of
 * 250,000 an operation holds at most about 100 set computations, 12 readiness reports or 2
 * auditor reports, whatever the sizes of the sets.
 */
export const PRICE = {
  /** One aggregation over one sample set's members or labels (composition, diversity, agreement, a version's policy). */
  SET: 2_500,
  /** The ten readiness checks: a dozen bounded queries, several over the training and evaluation sets, and a lineage walk. */
  READINESS: 20_000,
  /** A readiness report, a composition, the label agreement of each evaluation set, the runs, and the audit verification. */
  REPORT: 100_000,
} as const;

/** The cost a request's computed fields have been charged so far. */
const charged = new WeakMap<Context, number>();

/** QUERY_TOO_COMPLEX once the computed fields resolved in this request cost more than the limit. */
function charge(ctx: Context, info: GraphQLResolveInfo, price: number): void {
  const total = (charged.get(ctx) ?? 0) + price;
  charged.set(ctx, total);
  const limit = ctx.config.limits.maxCost;
  if (total > limit) {
    throw new DomainError(
      "QUERY_TOO_COMPLEX",
      `${info.parentType.name}.${info.fieldName} at ${pathOf(info)} would bring the computed fields of this operation to cost ${total}, over the limit of ${limit} (each costs ${price}); ask for it on fewer items`,
    );
  }
}

function pathOf(info: GraphQLResolveInfo): string {
  const keys: Array<string | number> = [];
  for (let p: GraphQLResolveInfo["path"] | undefined = info.path; p; p = p.prev) keys.unshift(p.key);
  return keys.join(".");
}

/** Marks a query or field resolver as a computed field of this price (see the module comment). */
export function Priced(price: number): MethodDecorator {
  const extensions = Extensions({ cost: price });
  const middleware = UseMiddleware(({ context, info }, next) => {
    charge(context as Context, info, price);
    return next();
  });
  return (target, key, descriptor) => {
    extensions(target, key, descriptor);
    middleware(target, key, descriptor);
  };
}
