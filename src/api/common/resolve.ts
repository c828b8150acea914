/** Small helpers every resolver shares: writes through the audited path, typed loads. */
import type { GraphQLResolveInfo } from "graphql";
import type { Context } from "../context.js";
import { auditedWrite, type Write } from "../../services/audited-write.js";
import { writeEntities, type EntityKind } from "../../services/write-entities.js";
import { isRecordOf, type EntityRecord, type RecordOf } from "../../store/records.js";
import type { EntityLabel } from "../../store/graph-schema.js";

/** Runs a mutation in one audited transaction; the action recorded is the mutation's name. */
export function write<T, P>(ctx: Context, info: GraphQLResolveInfo, work: Write<T, P>): Promise<T> {
  return auditedWrite(ctx.executor, ctx.writeQueue, ctx.principal.actor, info.fieldName, work);
}

/** A single-entity mutation: writes one entity (or finds it unchanged) and returns it as stored. */
export async function writeOne<I extends { id: string }, L extends EntityLabel>(
  ctx: Context,
  info: GraphQLResolveInfo,
  kind: EntityKind<I, L>,
  input: I,
): Promise<RecordOf<L>> {
  return (await write(ctx, info, writeEntities(kind, [input]))).entities[0]!;
}

/** A by-id read: null for an unknown id or an id of another type (DOMAIN.md 8). */
export async function byId<L extends EntityLabel>(ctx: Context, id: string, label: L): Promise<RecordOf<L> | null> {
  const entity = await ctx.loaders.entity.load(id);
  return isRecordOf(entity, label) ? entity : null;
}

/** The stored entity a record's reference names, of the label the write path checked it has (null: no reference). */
export async function byRef<L extends EntityLabel>(ctx: Context, id: string | null | undefined, label: L): Promise<RecordOf<L> | null> {
  return id ? byId(ctx, id, label) : null;
}

/** The entities behind a list of ids, in that order (stored references always resolve). */
export async function byIds(ctx: Context, ids: readonly string[] | null | undefined): Promise<EntityRecord[]> {
  if (!ids?.length) return [];
  const found = await ctx.loaders.entity.loadMany(ids);
  return found.filter((e): e is EntityRecord => e !== null && !(e instanceof Error));
}
