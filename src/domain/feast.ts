/**
 * Feast's OpenLineage facets (DOMAIN.md 9.1 "Feast"), as Feast 0.67 sends them: the feature
 * view and feature service facets either on the asset itself or as job facets of the run whose
 * one output the asset is; sources and entities as dataset facets. The combined definition
 * event of `feast apply` states no edges.
 */
import { list, obj, text, texts, type Json } from "./json-access.js";
import { named } from "./lineage-ids.js";
import type { AssetStatement } from "./openlineage.js";

type Description = Omit<AssetStatement, "id" | "namespace" | "name">;

function featureView(facet: Json): Description {
  const ttl = facet.ttl_seconds;
  return {
    kind: "FEATURE_VIEW",
    entities: texts(facet.entities),
    ttlSeconds: typeof ttl === "number" && Number.isInteger(ttl) ? ttl : null,
    online: typeof facet.online_enabled === "boolean" ? facet.online_enabled : null,
    ...(facet.tags && typeof facet.tags === "object"
      ? { tags: Object.fromEntries(Object.entries(obj(facet.tags)).map(([k, v]) => [k, String(v)])) }
      : {}),
  };
}

const featureService = (facet: Json): Description => ({ kind: "FEATURE_SERVICE", featureViewNames: texts(facet.feature_views) });

function projections(facet: Json): Description {
  return {
    projections: list(facet.projections).map((p) => ({ featureView: String(obj(p).featureView), features: texts(obj(p).features) })),
  };
}

/** What a dataset's own facets say about its Feast kind. */
export function datasetFeast(facets: Json): Description {
  if (facets.feast_featureView) return featureView(obj(facets.feast_featureView));
  if (facets.feast_featureService) return featureService(obj(facets.feast_featureService));
  if (facets.feast_dataSource) return { kind: "FEATURE_SOURCE" };
  if (facets.feast_entity) return { kind: "ENTITY" };
  return {};
}

/**
 * Statements from a run's job facets: a feature view or service facet describes the run's one
 * output, and a feature view's entities (named in its facet, whichever side sent it) are the
 * inputs of that name.
 */
export function jobFeast(jobFacets: Json, inputs: readonly Json[], outputs: readonly Json[]): AssetStatement[] {
  const statements: AssetStatement[] = [];
  const single = outputs.length === 1 ? { ...named("asset", outputs[0]) } : undefined;
  if (single) {
    const description: Description = {
      ...(jobFacets.feast_featureView ? featureView(obj(jobFacets.feast_featureView)) : {}),
      ...(jobFacets.feast_featureService ? featureService(obj(jobFacets.feast_featureService)) : {}),
      ...(jobFacets.provgraph_featureService ? projections(obj(jobFacets.provgraph_featureService)) : {}),
    };
    if (Object.keys(description).length > 0) statements.push({ ...single, ...description });
  }
  const viewFacets = [jobFacets.feast_featureView, ...outputs.map((o) => obj(o.facets).feast_featureView)].filter(Boolean).map(obj);
  const entities = new Set(viewFacets.flatMap((f) => texts(f.entities)));
  for (const input of inputs) if (entities.has(String(input.name))) statements.push({ ...named("asset", input), kind: "ENTITY" });
  return statements;
}

/** The combined definition event of `feast apply`: every source in, every view out, no edges meant. */
export function isFeastDefinition(jobName: string, jobFacets: Json): boolean {
  return jobName.startsWith("feast_feature_views_") && text(obj(jobFacets.feast_jobKind).kind) === "definition";
}
