import { composition } from "../domain/composition.js";
import type { Composition } from "../domain/model.js";
import type { Run } from "../store/executor.js";
import { setAggregates, type SampleSetKind } from "../store/sample-sets.queries.js";
import { SET_KIND, type SampleSetRecord } from "./sample-sets.js";

/** The composition of a sample set, computed now from the graph. */
export async function computeComposition(run: Run, kind: SampleSetKind, id: string): Promise<Composition> {
  const { groups, byGenerator, byLabelerKind } = await setAggregates(run, kind, id);
  return composition(groups, byGenerator, byLabelerKind);
}

/** A sealed version's stored composition (O(1)), or the composition computed now. */
export function compositionOf(run: Run, entity: SampleSetRecord): Promise<Composition> | Composition {
  const stored = entity.__typename === "DatasetVersion" ? entity.composition : null;
  return stored ?? computeComposition(run, SET_KIND[entity.__typename], entity.id);
}
