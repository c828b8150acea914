/**
 * Relay-style connections: `first` defaults to 100, at most 500; `after` is an opaque cursor
 * (base64url of the last key). One extra row is fetched to know whether a next page exists.
 * `totalCount` is a function, run only when the client asks for it.
 */
import { badInput } from "../domain/errors.js";
import type { EntityRecord } from "../store/records.js";
import type { Executor } from "../store/executor.js";
import { assetCount, assetPage, type AssetQuery } from "../store/assets.queries.js";
import { containerCount, containerPage, sampleCount, samplePage, type ContainerQuery, type SampleScope } from "../store/pages.queries.js";

const PAGE_DEFAULT = 100;
const PAGE_MAX = 500;

export interface Connection<T> {
  edges: Array<{ cursor: string; node: T }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: () => Promise<number>;
}

function pageSize(first: number | null | undefined): number {
  const size = first ?? PAGE_DEFAULT;
  if (!Number.isInteger(size) || size < 0 || size > PAGE_MAX) throw badInput(`first must be between 0 and ${PAGE_MAX}; got ${size}`);
  return size;
}

const PREFIX = "k:";
const encodeCursor = (key: string) => Buffer.from(PREFIX + key, "utf8").toString("base64url");

/** The key after which the page starts; "" (before every id) without a cursor. */
function decodeCursor(cursor: string | null | undefined): string {
  if (cursor === null || cursor === undefined) return "";
  const text = Buffer.from(cursor, "base64url").toString("utf8");
  if (!text.startsWith(PREFIX) || encodeCursor(text.slice(PREFIX.length)) !== cursor)
    throw badInput(`after '${cursor.slice(0, 80)}' is not a cursor this API returned`);
  return text.slice(PREFIX.length);
}

export async function connection<T>(
  args: { first?: number | null; after?: string | null },
  fetch: (after: string, limit: number) => Promise<T[]>,
  keyOf: (node: T) => string,
  count: () => Promise<number>,
): Promise<Connection<T>> {
  const size = pageSize(args.first);
  const rows = await fetch(decodeCursor(args.after), size + 1);
  const page = rows.slice(0, size);
  const edges = page.map((node) => ({ cursor: encodeCursor(keyOf(node)), node }));
  return { edges, pageInfo: { hasNextPage: rows.length > size, endCursor: edges.at(-1)?.cursor ?? null }, totalCount: count };
}

/** Datasets or models in id order, optionally of one purpose or kind. */
export function containerConnection(executor: Executor, q: ContainerQuery, args: { first?: number | null; after?: string | null }) {
  return connection<EntityRecord>(
    args,
    (after, limit) => executor.read(`${q.label}.page`, (run) => containerPage(run, q, after, limit)),
    (x) => x.id,
    () => executor.read(`${q.label}.count`, (run) => containerCount(run, q)),
  );
}

/** Samples in id order within a scope: all of them, a dataset version's, or a generation run's. */
export function sampleConnection(
  executor: Executor,
  scope: SampleScope,
  args: { first?: number | null; after?: string | null; origin?: string | null },
) {
  const origin = args.origin ?? null;
  return connection<EntityRecord>(
    args,
    (after, limit) => executor.read("samples.page", (run) => samplePage(run, scope, origin, after, limit)),
    (s) => s.id,
    () => executor.read("samples.count", (run) => sampleCount(run, scope, origin)),
  );
}

/** Data assets in id order, optionally of one namespace or kind. */
export function assetConnection(executor: Executor, q: AssetQuery, args: { first?: number | null; after?: string | null }) {
  return connection<EntityRecord>(
    args,
    (after, limit) => executor.read("DataAsset.page", (run) => assetPage(run, q, after, limit)),
    (x) => x.id,
    () => executor.read("DataAsset.count", (run) => assetCount(run, q)),
  );
}
