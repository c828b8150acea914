import { sliceBalance as balance, type SliceBalanceReport } from "../domain/slice-balance.js";
import type { Run } from "../store/executor.js";
import { sliceOriginCounts } from "../store/sample-sets.queries.js";
import { requireEntity } from "./lookup.js";
import { SET_KIND } from "./sample-sets.js";

/** Slice balance (DOMAIN.md 10.3) of a dataset version, model version (distinct training samples) or run output. */
export async function sliceBalance(run: Run, of: string): Promise<SliceBalanceReport> {
  const entity = await requireEntity(
    run,
    of,
    ["DatasetVersion", "ModelVersion", "GenerationRun"],
    "dataset version, model version or generation run",
  );
  return balance(await sliceOriginCounts(run, SET_KIND[entity.__typename], entity.id));
}
