/**
 * The upstream walk behind DataAsset.origin (DOMAIN.md 9.2): from the start assets through
 * WRITTEN_BY and READ (asset -> its writing runs -> the assets they read), ENTITY assets
 * skipped, each asset once (table-level lineage may have cycles), as one breadth-first
 * expansion per start asset.
 *
 * It rests on one stored marker: `hasOwnOrigin` is true on exactly the assets with an origin of
 * their own (bases 1-3: a declaration, a generating run among their writers, a sealed dataset
 * materialised as them), set by the writes that create those facts (assets.queries.ts,
 * lineage-event.queries.ts) and never cleared, as none of them is ever undone. So the expansion
 * can stop at the roots without reading any asset's facts: it does not leave a marked asset
 * through its writers (the start assets always are left: a declared asset's computed origin is
 * what `conflict` compares with). Facts are read only where the rule needs them: the start
 * assets and the marked ones; an unmarked asset has none, only whether runs wrote it.
 */
import type { AssetFacts } from "../domain/asset-origin.js";
import type { DeclaredOrigin } from "../domain/openlineage.js";
import type { Run } from "./executor.js";
import { VOCABULARY_PARAMS as V } from "./vocabulary-params.js";

/** The walk from `s` to each asset `m` upstream (several paths may reach one). */
const EXPAND = (stopAtRoots: boolean) => `
    MATCH p = (s)-[:WRITTEN_BY|READ*]->(m:DataAsset)
    WHERE all(r IN relationships(p) WHERE CASE type(r)
      WHEN 'READ' THEN endNode(r).kind <> $entity
      ELSE ${stopAtRoots ? "startNode(r) = s OR startNode(r).hasOwnOrigin IS NULL" : "true"} END)`;

/** Per start asset, the roots the walk ends at: marked, or written by no run (unknown). */
const ROOTS = `
  UNWIND $ids AS id
  MATCH (s:Entity {id: id}) WHERE s:DataAsset
  CALL (s) {
    ${EXPAND(true)}
    WITH DISTINCT m WHERE m <> s AND (m.hasOwnOrigin IS NOT NULL OR NOT EXISTS { (m)-[:WRITTEN_BY]->() })
    RETURN collect(CASE WHEN m.hasOwnOrigin THEN m.id END) AS marked, collect(CASE WHEN m.hasOwnOrigin IS NULL THEN m.id END) AS unknown
  }
  RETURN s.id AS id, marked, unknown`;

/** Everything upstream of the start assets, roots walked through, with what feeds each asset. */
const REGION = `
  UNWIND $ids AS id
  MATCH (s:Entity {id: id}) WHERE s:DataAsset
  CALL (s) { ${EXPAND(false)} RETURN collect(DISTINCT m) AS reached }
  UNWIND [s] + reached AS n
  WITH DISTINCT n
  RETURN n.id AS id, n.hasOwnOrigin IS NOT NULL AS marked, EXISTS { (n)-[:WRITTEN_BY]->(:JobRun) } AS written,
         COLLECT { MATCH (n)-[:WRITTEN_BY]->(:JobRun)-[:READ]->(m:DataAsset) WHERE m.kind <> $entity RETURN DISTINCT m.id } AS feeds`;

const FACTS = `
  UNWIND $ids AS id
  MATCH (m:Entity {id: id})
  RETURN m.id AS id,
    COLLECT { MATCH (m)-[:DECLARED]->(d:OriginDeclaration) RETURN d.origin ORDER BY d.at DESC, d.auditSeq DESC LIMIT 1 }[0] AS declared,
    EXISTS { (m)-[:WRITTEN_BY]->(:JobRun)-[:IS_GENERATION]->(:GenerationRun) } AS generated,
    COLLECT { MATCH (m)<-[:MATERIALIZED_AS]-(:Dataset)<-[:VERSION_OF]-(v:DatasetVersion) WHERE v.sealedAt IS NOT NULL RETURN v.composition ORDER BY v.sealedAt DESC, v.auditSeq DESC LIMIT 1 }[0] AS samples,
    EXISTS { (m)-[:WRITTEN_BY]->(:JobRun) } AS written`;

export interface FeedWalk {
  facts: Map<string, AssetFacts>;
  /** asset id -> the assets feeding it; with roots only, a start asset's roots directly. */
  feeds: Map<string, string[]>;
}

const noOrigin = (id: string, written: boolean): AssetFacts => ({ id, declared: null, generated: false, samples: null, written });

/**
 * The feed graph the origin rule needs for the start assets: with `throughRoots` false, each
 * start asset fed directly by its roots (what DataAsset.origin needs); with it true, every asset
 * upstream with what feeds it (so each one's own origin can be computed too).
 */
export async function walkFeeds(run: Run, startIds: readonly string[], throughRoots: boolean): Promise<FeedWalk> {
  const walk: FeedWalk = { facts: new Map(), feeds: new Map() };
  if (startIds.length === 0) return walk;
  const ids = [...startIds];
  const described = new Set(ids);
  if (throughRoots) {
    const region = await run<{ id: string; marked: boolean; written: boolean; feeds: string[] }>(REGION, { ids, entity: V.entity });
    for (const { id, marked, written, feeds } of region) {
      walk.feeds.set(id, feeds);
      if (marked) described.add(id);
      else walk.facts.set(id, noOrigin(id, written));
    }
  } else {
    for (const { id, marked, unknown } of await run<{ id: string; marked: string[]; unknown: string[] }>(ROOTS, {
      ids,
      entity: V.entity,
    })) {
      walk.feeds.set(id, [...marked, ...unknown]);
      for (const root of marked) described.add(root);
      for (const root of unknown) walk.facts.set(root, noOrigin(root, false));
    }
  }
  const rows = await run<{ id: string; declared: string | null; generated: boolean; samples: string | null; written: boolean }>(FACTS, {
    ids: [...described],
  });
  for (const f of rows)
    walk.facts.set(f.id, {
      ...f,
      declared: f.declared as DeclaredOrigin | null,
      samples: f.samples ? (JSON.parse(f.samples) as AssetFacts["samples"]) : null,
    });
  return walk;
}
