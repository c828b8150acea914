import { composition, withLabels } from "../domain/composition.js";
import type { Composition } from "../domain/model.js";
import type { Run } from "../store/executor.js";
import type { DatasetVersionRecord, ModelVersionRecord } from "../store/records.js";
import { labelerKindCounts, setAggregates, type SampleSetKind } from "../store/sample-sets.queries.js";
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

/**
 * A model version's composition now, given the versions it was trained on: trained on one sealed
 * version alone, that version's stored counts (its members, their origins, slices, depths and
 * runs never change) with the labels counted now, as labels may come after sealing; otherwise
 * all of it counted now.
 */
export async function modelComposition(
  run: Run,
  model: ModelVersionRecord,
  trainedOn: readonly DatasetVersionRecord[],
): Promise<Composition> {
  const stored = trainedOn.length === 1 ? trainedOn[0]!.composition : null;
  return stored
    ? withLabels(stored, await labelerKindCounts(run, "modelVersion", model.id))
    : computeComposition(run, "modelVersion", model.id);
}
