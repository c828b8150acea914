import { composition } from "../domain/composition.js";
import type { Composition } from "../domain/model.js";
import type { Run } from "../store/executor.js";
import { setAggregates, type SampleSetKind } from "../store/sample-sets.queries.js";

/** The composition of a sample set, computed now from the graph. */
export async function computeComposition(run: Run, kind: SampleSetKind, id: string): Promise<Composition> {
  const { groups, byGenerator, byLabelerKind } = await setAggregates(run, kind, id);
  return composition(groups, byGenerator, byLabelerKind);
}
