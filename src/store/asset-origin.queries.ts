/**
 * The upstream walk behind DataAsset.origin (DOMAIN.md 9.2): from the start assets through
 * WRITTEN_BY and READ (asset -> its writing runs -> the assets they read), ENTITY assets
 * skipped, each asset once (table-level lineage may have cycles). One query follows up to
 * LEVELS levels breadth-first and hands back where it stopped; a 50-deep dbt chain is a few
 * round trips. With `throughRoots` false, the walk does not go past an asset that has an origin
 * of its own (a declaration, a generating run, a sealed dataset materialised as it), as the
 * origin rule stops there; the start assets are always expanded (a declared asset's computed
 * origin is what `conflict` compares with).
 */
import type { AssetFacts } from "../domain/asset-origin.js";
import type { DeclaredOrigin } from "../domain/openlineage.js";
import type { Run } from "./executor.js";

const LEVELS = 10;

/** The facts of asset `m` as a map (the composition stays JSON text). */
const FACTS = (m: string) => `{
  id: ${m}.id,
  declared: COLLECT { MATCH (${m})-[:DECLARED]->(d:OriginDeclaration) RETURN d.origin ORDER BY d.at DESC, d.auditSeq DESC LIMIT 1 }[0],
  generated: EXISTS { (${m})-[:WRITTEN_BY]->(:JobRun)-[:IS_GENERATION]->(:GenerationRun) },
  samples: COLLECT { MATCH (${m})<-[:MATERIALIZED_AS]-(:Dataset)<-[:VERSION_OF]-(v:DatasetVersion) WHERE v.sealedAt IS NOT NULL RETURN v.composition ORDER BY v.sealedAt DESC, v.auditSeq DESC LIMIT 1 }[0],
  written: EXISTS { (${m})-[:WRITTEN_BY]->(:JobRun) }
}`;

const LEVEL = `
  CALL (frontier, seen) {
    UNWIND frontier AS n
    MATCH (n)-[:WRITTEN_BY]->(:JobRun)-[:READ]->(m:DataAsset)
    WHERE m.kind <> 'ENTITY'
    WITH DISTINCT n.id AS source, m
    WITH collect({from: source, to: m.id}) AS links, collect(DISTINCT m) AS reached
    CALL (reached, seen) {
      UNWIND reached AS m
      WITH m WHERE NOT m.id IN seen
      RETURN collect(m) AS fresh, collect(${FACTS("m")}) AS facts
    }
    RETURN links, fresh, facts
  }
  WITH seen + [f IN facts | f.id] AS seen, found + facts AS found, feeds + links AS feeds,
       [i IN range(0, size(fresh) - 1) WHERE $throughRoots OR (facts[i].declared IS NULL AND NOT facts[i].generated AND facts[i].samples IS NULL) | fresh[i]] AS frontier`;

const WALK = `
  CALL () { UNWIND $describe AS id MATCH (s:DataAsset {id: id}) RETURN collect(${FACTS("s")}) AS own }
  CALL () { UNWIND $frontier AS id MATCH (s:DataAsset {id: id}) RETURN collect(s) AS frontier }
  WITH $seen AS seen, own AS found, [] AS feeds, frontier
  ${LEVEL.repeat(LEVELS)}
  RETURN found, feeds, [x IN frontier | x.id] AS pending, seen`;

interface StoredFacts extends Omit<AssetFacts, "samples"> {
  samples: string | null;
}

export interface FeedWalk {
  facts: Map<string, AssetFacts>;
  feeds: Map<string, string[]>;
}

export async function walkFeeds(run: Run, startIds: readonly string[], throughRoots: boolean): Promise<FeedWalk> {
  const walk: FeedWalk = { facts: new Map(), feeds: new Map() };
  let params = { describe: [...startIds], frontier: [...startIds], seen: [...startIds], throughRoots };
  while (params.frontier.length > 0) {
    const [row] = await run<{ found: StoredFacts[]; feeds: Array<{ from: string; to: string }>; pending: string[]; seen: string[] }>(
      WALK,
      params,
    );
    for (const f of row!.found) {
      const samples = f.samples ? (JSON.parse(f.samples) as AssetFacts["samples"]) : null;
      walk.facts.set(f.id, { ...f, declared: f.declared as DeclaredOrigin | null, samples });
    }
    for (const { from, to } of row!.feeds) walk.feeds.set(from, [...(walk.feeds.get(from) ?? []), to]);
    params = { describe: [], frontier: row!.pending, seen: row!.seen, throughRoots };
  }
  return walk;
}
