/**
 * Feature composition (DOMAIN.md 9.2): the features of a feature service, or of a model's
 * training assets, counted by the origin class of the feature view each comes from.
 */
import type { OriginClass } from "./vocabulary.js";

export interface FeatureView {
  id: string;
  name: string;
  /** The view's own field names. */
  fields: readonly string[];
  origin: OriginClass;
}

export interface FeatureService {
  /** The fields of the service's output `schema` facet. */
  fields: readonly string[];
  /** Its views, in the `feast_featureService` facet's order (views provgraph has not heard of are absent). */
  views: readonly FeatureView[];
  /** The `provgraph_featureService` projections, when the run carried them. */
  projections?: ReadonlyArray<{ featureView: string; features: readonly string[] }> | null;
}

/** One feature and the view it is attributed to (null: no view has it). */
export interface Feature {
  name: string;
  view: FeatureView | null;
}

export interface FeatureComposition {
  total: number;
  real: number;
  synthetic: number;
  mixed: number;
  unknown: number;
  syntheticFeatureShare: number;
  byFeatureView: Array<{ featureView: string; origin: OriginClass; features: number }>;
}

/**
 * The service's features, each once: the projected ones where projections are known; else the
 * output schema's fields, each attributed to the first view (facet order) whose fields hold its
 * name; with no schema, every field of every view.
 */
export function serviceFeatures(service: FeatureService): Feature[] {
  const byName = new Map(service.views.map((v) => [v.name, v]));
  const listed: Feature[] = service.projections?.length
    ? service.projections.flatMap((p) => p.features.map((name) => ({ name, view: byName.get(p.featureView) ?? null })))
    : service.fields.length > 0
      ? service.fields.map((name) => ({ name, view: service.views.find((v) => v.fields.includes(name)) ?? null }))
      : service.views.flatMap((view) => view.fields.map((name) => ({ name, view })));
  const first = new Map<string, Feature>();
  for (const f of listed) if (!first.has(f.name)) first.set(f.name, f);
  return [...first.values()];
}

/** A view's own features, when a model trained on the view itself. */
export const viewFeatures = (view: FeatureView): Feature[] => view.fields.map((name) => ({ name, view }));

/**
 * Counts features by their view's class; a feature reached twice (same view, same name) counts
 * once. `views`: the rows of byFeatureView, in this order, each once.
 */
export function featureComposition(features: readonly Feature[], views: readonly FeatureView[]): FeatureComposition {
  const distinct = new Map(features.map((f) => [`${f.view?.id ?? ""}\u0000${f.name}`, f]));
  const counts = { REAL: 0, SYNTHETIC: 0, MIXED: 0, UNKNOWN: 0 };
  const perView = new Map<string, number>();
  for (const f of distinct.values()) {
    counts[f.view?.origin ?? "UNKNOWN"]++;
    if (f.view) perView.set(f.view.id, (perView.get(f.view.id) ?? 0) + 1);
  }
  const total = distinct.size;
  const rows = [...new Map(views.map((v) => [v.id, v])).values()];
  return {
    total,
    real: counts.REAL,
    synthetic: counts.SYNTHETIC,
    mixed: counts.MIXED,
    unknown: counts.UNKNOWN,
    syntheticFeatureShare: total === 0 ? 0 : (counts.SYNTHETIC + counts.MIXED) / total,
    byFeatureView: rows.map((v) => ({ featureView: v.id, origin: v.origin, features: perView.get(v.id) ?? 0 })),
  };
}
