/**
 * Per-request DataLoaders (built in the request context, never shared): each batches the keys
 * asked for in one tick into one query, so nested fields cost a round trip per level of the
 * query, not per item. Results come back in key order, `null` / `[]` for a missing key.
 */
import DataLoader from "dataloader";
import { assetOrigin, type AssetOrigin } from "../domain/asset-origin.js";
import { walkFeeds } from "./asset-origin.queries.js";
import { findEntities, propsOf, toRecord } from "./entities.queries.js";
import type { EntityRecord, RecordOf } from "./records.js";
import type { Executor } from "./executor.js";
import { label, relType, type EntityLabel, type RelType } from "./graph-schema.js";

export interface Loaders {
  entity: DataLoader<string, EntityRecord | null>;
  /** Entities of `from` label pointing at the key through `type`, in write order. */
  incoming<L extends EntityLabel>(type: RelType, from: L): DataLoader<string, Array<RecordOf<L>>>;
  /** Relationship counts into the key (degree lookups, O(1) each). */
  incomingCount(type: RelType): DataLoader<string, number>;
  /** Entities of `to` label the key points at through `type`, in write order. */
  outgoing<L extends EntityLabel>(type: RelType, to: L): DataLoader<string, Array<RecordOf<L>>>;
  /** DataAsset.origin (DOMAIN.md 9.2): the assets asked for in one tick share one upstream walk. */
  assetOrigin: DataLoader<string, AssetOrigin>;
}

export function createLoaders(executor: Executor): Loaders {
  const entity = new DataLoader<string, EntityRecord | null>(async (ids) => {
    const found = await executor.read("load.entities", (run) => findEntities(run, ids));
    return ids.map((id) => found.get(id) ?? null);
  });

  // Keyed by direction, type and label: a loader found under a key holds records of that label.
  const linkLoaders = new Map<string, DataLoader<string, EntityRecord[]>>();
  const linked = <L extends EntityLabel>(direction: "in" | "out", type: RelType, other: L): DataLoader<string, Array<RecordOf<L>>> => {
    const key = `${direction}:${type}:${other}`;
    let loader = linkLoaders.get(key) as DataLoader<string, Array<RecordOf<L>>> | undefined;
    if (!loader) {
      const pattern = direction === "in" ? `<-[:${relType(type)}]-` : `-[:${relType(type)}]->`;
      loader = new DataLoader<string, Array<RecordOf<L>>>(async (ids) => {
        const rows = await executor.read(`load.${key}`, (run) =>
          run<{ key: string; items: Array<Record<string, unknown>> }>(
            `UNWIND $ids AS key
             MATCH (:Entity {id: key})${pattern}(n:${label(other)})
             WITH key, n ORDER BY n.auditSeq
             RETURN key, collect(${propsOf("n")}) AS items`,
            { ids },
          ),
        );
        const byKey = new Map(rows.map((r) => [r.key, r.items.map((props) => toRecord(other, props))]));
        return ids.map((id) => byKey.get(id) ?? []);
      });
      linkLoaders.set(key, loader);
    }
    return loader;
  };
  const incoming = <L extends EntityLabel>(type: RelType, from: L) => linked("in", type, from);
  const outgoing = <L extends EntityLabel>(type: RelType, to: L) => linked("out", type, to);

  const originLoader = new DataLoader<string, AssetOrigin>(async (ids) => {
    const graph = await executor.read("load.assetOrigin", (run) => walkFeeds(run, ids, false));
    return ids.map((id) => assetOrigin(id, graph));
  });

  const countLoaders = new Map<RelType, DataLoader<string, number>>();
  const incomingCount = (type: RelType) => {
    let loader = countLoaders.get(type);
    if (!loader) {
      loader = new DataLoader<string, number>(async (ids) => {
        const rows = await executor.read(`load.count.${type}`, (run) =>
          run<{ key: string; n: number }>(
            `UNWIND $ids AS key MATCH (x:Entity {id: key}) RETURN key, COUNT { (x)<-[:${relType(type)}]-() } AS n`,
            { ids },
          ),
        );
        const byKey = new Map(rows.map((r) => [r.key, r.n]));
        return ids.map((id) => byKey.get(id) ?? 0);
      });
      countLoaders.set(type, loader);
    }
    return loader;
  };

  return { entity, incoming, incomingCount, outgoing, assetOrigin: originLoader };
}
