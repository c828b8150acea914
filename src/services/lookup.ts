/** The entity a request names, looked up by id, or the refusal naming what it is instead. */
import { badInput, notFound, quote } from "../domain/errors.js";
import { findEntities, type Entity } from "../store/entities.queries.js";
import type { Run } from "../store/executor.js";
import type { EntityLabel } from "../store/graph-schema.js";

/** The entity `id` names, if it is one of `labels`; NOT_FOUND otherwise. */
export async function requireEntity(run: Run, id: string, labels: readonly EntityLabel[], what: string): Promise<Entity> {
  const entity = (await findEntities(run, [id])).get(id);
  if (!entity || !labels.includes(entity.__typename)) throw notFound(`${quote(id)} names no ${what}`);
  return entity;
}

/** The dataset version `id`, or BAD_USER_INPUT naming what it is instead. */
export async function findVersion(run: Run, id: string): Promise<Entity> {
  const version = (await findEntities(run, [id])).get(id);
  if (!version) throw badInput(`unknown dataset version ${quote(id)}`);
  if (version.__typename !== "DatasetVersion") throw badInput(`${quote(id)} is a ${version.__typename}, not a dataset version`);
  return version;
}
