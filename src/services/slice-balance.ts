import { sliceBalance as balance, type SliceBalanceReport, type SliceOriginCount } from "../domain/slice-balance.js";
import { findEntities } from "../store/entities.queries.js";
import type { Run } from "../store/executor.js";
import { isRecordOf } from "../store/records.js";
import { sliceOriginCounts } from "../store/sample-sets.queries.js";
import { requireEntity } from "./lookup.js";
import { SET_KIND, type SampleSetRecord } from "./sample-sets.js";

/**
 * The (slice, origin) counts of a set: those a sealed version stored (its members never change),
 * also for a model version trained on one such version alone; otherwise counted now.
 */
export async function setSliceCounts(run: Run, entity: SampleSetRecord): Promise<SliceOriginCount[]> {
  const trainedOn = entity.__typename === "ModelVersion" ? [...new Set(entity.trainedOnDatasetVersionIds)] : [];
  const version =
    entity.__typename === "DatasetVersion"
      ? entity
      : trainedOn.length === 1
        ? (await findEntities(run, trainedOn)).get(trainedOn[0]!)
        : null;
  const stored = isRecordOf(version, "DatasetVersion") ? version.sliceOriginCounts : null;
  return stored ?? sliceOriginCounts(run, SET_KIND[entity.__typename], entity.id);
}

/** Slice balance (DOMAIN.md 10.3) of a dataset version, model version (distinct training samples) or run output. */
export async function sliceBalance(run: Run, of: string): Promise<SliceBalanceReport> {
  const entity = await requireEntity(
    run,
    of,
    ["DatasetVersion", "ModelVersion", "GenerationRun"],
    "dataset version, model version or generation run",
  );
  return balance(await setSliceCounts(run, entity));
}
