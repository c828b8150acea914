import { composition } from "../domain/composition.js";
import type { Composition } from "../domain/model.js";
import type { Entity } from "../store/entities.queries.js";
import type { Run } from "../store/executor.js";
import { setAggregates, type SampleSetKind } from "../store/sample-sets.queries.js";
import { SET_KIND } from "./sample-sets.js";

/** The composition of a sample set, computed now from the graph. */
export async function computeComposition(run: Run, kind: SampleSetKind, id: string): Promise<Composition> {
  const { groups, byGenerator, byLabelerKind } = await setAggregates(run, kind, id);
  return composition(groups, byGenerator, byLabelerKind);
}

/** A sealed version's stored composition (O(1)), or the composition computed now. */
export function compositionOf(run: Run, entity: Entity): Promise<Composition> | Composition {
  return (entity.composition as Composition | undefined) ?? computeComposition(run, SET_KIND[entity.__typename]!, entity.id);
}
