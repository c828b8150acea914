/**
 * The one write path of every entity type: validate the batch, look up every id it names in
 * one query, sort the inputs into new / unchanged / conflicting, check references (the plan,
 * before the audit head's lock: what it read does not change under the write), then, locked,
 * create the new nodes and relationships with one UNWIND statement per label and type. Each
 * type states only what differs (`EntityKind`). All-or-nothing: any error aborts the transaction.
 */
import { payloadHash } from "../domain/audit-chain.js";
import { badInput, conflict, quote } from "../domain/errors.js";
import { checkBatchSize, checkDistinct, checkId } from "../domain/ids.js";
import { createNodes, createdRecord, createRels, findEntities } from "../store/entities.queries.js";
import { recordOf, type EntityRecord, type RecordOf } from "../store/records.js";
import type { EntityLabel, RelType } from "../store/graph-schema.js";
import type { Run } from "../store/executor.js";
import type { LockedScope, Write } from "./audited-write.js";

export interface Ref {
  /** The input field, for messages: "generationRunId". */
  field: string;
  id: string;
  /** The labels the referenced entity may have. */
  labels: readonly EntityLabel[];
}

export interface WriteContext {
  at: string;
  /** Everything stored that the batch names: its own ids and its references. */
  found: ReadonlyMap<string, EntityRecord>;
}

/** What one entity type states about its writes: inputs `I` stored as `L` nodes. */
export interface EntityKind<I extends { id: string }, L extends EntityLabel = EntityLabel> {
  label: L;
  /** How messages name one item: "sample". */
  noun: string;
  /** Fills what an explicit null left out (e.g. a default), before hashing and checks. */
  normalize?(input: I): I;
  /** Checks of one input alone, before any database work. */
  check?(input: I): void;
  /** Checks of the whole batch alone (e.g. cycles), before any database work. */
  checkBatch?(inputs: readonly I[]): void;
  refs(input: I): Ref[];
  /** May references point at other new items of the same batch? */
  refsInBatch?: boolean;
  /** Rules that need the stored graph, on the new items only. */
  validate?(fresh: readonly I[], ctx: WriteContext): void;
  /** The stored properties of each new item, beyond the input's own fields. */
  derive?(fresh: readonly I[], ctx: WriteContext): Array<Record<string, unknown>>;
  /** Stored form of one input (JSON fields stay values; the store converts them). */
  props?(input: I): Record<string, unknown>;
  rels(input: I): Array<{ type: RelType; to: string }>;
}

export interface WriteOutcome<L extends EntityLabel = EntityLabel> {
  created: number;
  unchanged: number;
  /** Every item of the batch as stored now, in input order. */
  entities: Array<RecordOf<L>>;
}

/** Runs `work` once pending I/O (a query just sent) has gone out. */
async function afterIo<T>(work: () => T): Promise<T> {
  await new Promise((resolve) => setImmediate(resolve));
  return work();
}

const article = (label: string) => (/^[AEIOU]/.test(label) ? `an ${label}` : `a ${label}`);

/** A batch sorted and checked against the stored graph, ready to write. */
export interface EntityPlan<I extends { id: string }, L extends EntityLabel = EntityLabel> {
  kind: EntityKind<I, L>;
  inputs: readonly I[];
  fresh: I[];
  freshHashes: string[];
  found: ReadonlyMap<string, EntityRecord>;
}

/**
 * What it reads does not change under the write: entities are immutable once created (sealing
 * a version is the one change, and a version read unsealed is refused, the safe side, even if a
 * seal commits meanwhile), and an id created meanwhile by another write makes this one's CREATE
 * fail and the write retry.
 */
export async function planEntities<I extends { id: string }, L extends EntityLabel>(
  run: Run,
  kind: EntityKind<I, L>,
  given: readonly I[],
): Promise<EntityPlan<I, L>> {
  const { noun, label } = kind;
  checkBatchSize(`${noun}s`, given.length);
  const inputs = kind.normalize ? given.map(kind.normalize) : given;
  for (const input of inputs) {
    checkId(noun, input.id);
    kind.check?.(input);
  }
  checkDistinct(
    noun,
    inputs.map((i) => i.id),
  );
  kind.checkBatch?.(inputs);

  const refs = inputs.map((input) => kind.refs(input));
  // The batch is hashed while the database looks its ids up.
  const [found, hashes] = await Promise.all([
    findEntities(run, [...inputs.map((i) => i.id), ...refs.flat().map((r) => r.id)]),
    afterIo(() => inputs.map((input) => payloadHash(input))),
  ]);
  const fresh: I[] = [];
  const freshHashes: string[] = [];
  inputs.forEach((input, i) => {
    const stored = found.get(input.id);
    if (!stored) {
      fresh.push(input);
      freshHashes.push(hashes[i]!);
    } else if (stored.__typename !== label) {
      throw conflict(`id ${quote(input.id)} already names ${article(stored.__typename)}; ids are unique across all types`);
    } else if (stored.inputHash !== hashes[i]) {
      throw conflict(`${noun} ${quote(input.id)} already exists with different content; provenance is never rewritten`);
    }
  });

  const freshIds = new Set(fresh.map((i) => i.id));
  inputs.forEach((input, i) => {
    for (const ref of refs[i]!) {
      const target = found.get(ref.id);
      const inBatch = kind.refsInBatch && ref.labels.includes(label) && freshIds.has(ref.id);
      if (!target && !inBatch) throw badInput(`${noun} ${quote(input.id)} names unknown ${ref.field} ${quote(ref.id)}`);
      if (target && !ref.labels.includes(target.__typename)) {
        throw badInput(
          `${noun} ${quote(input.id)} names ${ref.field} ${quote(ref.id)}, which is ${article(target.__typename)}, not ${ref.labels.map(article).join(" or ")}`,
        );
      }
    }
  });

  return { kind, inputs, fresh, freshHashes, found };
}

/** Creates the plan's new entities under the lock; returns every item of the batch as stored now. */
export function applyEntities<I extends { id: string }, L extends EntityLabel>(
  scope: LockedScope,
  plan: EntityPlan<I, L>,
): WriteOutcome<L> {
  const { kind, inputs, fresh, freshHashes, found } = plan;
  const { label } = kind;
  const ctx: WriteContext = { at: scope.at, found };
  kind.validate?.(fresh, ctx);
  const derived = kind.derive?.(fresh, ctx);
  const rows = fresh.map((input, i) => ({
    ...(kind.props ? kind.props(input) : input),
    ...derived?.[i],
    inputHash: freshHashes[i],
    auditSeq: scope.recordCreated(input.id, freshHashes[i]!),
  }));
  const relRows = new Map<RelType, Array<{ from: string; to: string }>>();
  for (const input of fresh) {
    for (const rel of kind.rels(input)) {
      const list = relRows.get(rel.type) ?? [];
      list.push({ from: input.id, to: rel.to });
      relRows.set(rel.type, list);
    }
  }
  scope.send(createNodes(scope.run, label, rows));
  scope.tally(label, rows.length);
  for (const [type, list] of relRows) {
    scope.send(createRels(scope.run, type, list));
    scope.tally(type, list.length);
  }

  const createdById = new Map(fresh.map((input, i) => [input.id, createdRecord(label, rows[i]!)]));
  return {
    created: fresh.length,
    unchanged: inputs.length - fresh.length,
    entities: inputs.map((input) => createdById.get(input.id) ?? recordOf(found, input.id, label)),
  };
}

/** A batch planned and created inside a write that already holds the lock (one kind among several). */
export async function writeLocked<I extends { id: string }, L extends EntityLabel>(
  scope: LockedScope,
  kind: EntityKind<I, L>,
  inputs: readonly I[],
): Promise<WriteOutcome<L>> {
  return applyEntities(scope, await planEntities(scope.run, kind, inputs));
}

/** A batch of one entity kind as a write: planned before the lock, created under it. */
export function writeEntities<I extends { id: string }, L extends EntityLabel>(
  kind: EntityKind<I, L>,
  given: readonly I[],
): Write<WriteOutcome<L>, EntityPlan<I, L>> {
  return { prepare: (run) => planEntities(run, kind, given), apply: async (scope, plan) => applyEntities(scope, plan) };
}
