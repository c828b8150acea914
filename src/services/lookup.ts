/** The entity a request names, looked up by id, or the refusal naming what it is instead. */
import { badInput, notFound, quote } from "../domain/errors.js";
import { findEntities } from "../store/entities.queries.js";
import { isRecordOf, isRecordOfAny, type DatasetVersionRecord, type RecordOf } from "../store/records.js";
import type { Run } from "../store/executor.js";
import type { EntityLabel } from "../store/graph-schema.js";

/** The entity `id` names, if it is one of `labels`; NOT_FOUND otherwise. */
export async function requireEntity<L extends EntityLabel>(run: Run, id: string, labels: readonly L[], what: string): Promise<RecordOf<L>> {
  const entity = (await findEntities(run, [id])).get(id);
  if (!isRecordOfAny(entity, labels)) throw notFound(`${quote(id)} names no ${what}`);
  return entity;
}

/** The dataset version `id`, or BAD_USER_INPUT naming what it is instead. */
export async function findVersion(run: Run, id: string): Promise<DatasetVersionRecord> {
  const version = (await findEntities(run, [id])).get(id);
  if (!version) throw badInput(`unknown dataset version ${quote(id)}`);
  if (!isRecordOf(version, "DatasetVersion")) throw badInput(`${quote(id)} is a ${version.__typename}, not a dataset version`);
  return version;
}
