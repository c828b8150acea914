/**
 * One accepted OpenLineage event (DOMAIN.md 9.1): written all-or-nothing in one audited
 * transaction that appends exactly one audit event (action `openLineageEvent`, subject the run,
 * asset or job id, payloadHash the SHA-256 of the event's RFC 8785 JSON). An event already
 * received (same payload hash) writes and appends nothing.
 */
import { canonicalJson, sha256Hex } from "../domain/canonical-json.js";
import { badInput, conflict, quote } from "../domain/errors.js";
import type { Json } from "../domain/json-access.js";
import { mapEvent, type LineageChange } from "../domain/openlineage.js";
import { findEntities } from "../store/entities.queries.js";
import { isRecordOf, type EntityRecord, type RecordOf } from "../store/records.js";
import type { EntityLabel } from "../store/graph-schema.js";
import { writeLineageEvent } from "../store/lineage-event.queries.js";
import type { LockedScope } from "./audited-write.js";
import { generationRunKind, generatorKind, promptTemplateKind } from "./generation.js";
import { applyEntities, planEntities, type EntityKind } from "./write-entities.js";

export interface ReceivedEvent {
  change: LineageChange;
  /** SHA-256 of the RFC 8785 JSON of the event as received. */
  payloadHash: string;
  /** The event's JSON text, kept as received. */
  json: string;
}

/**
 * An event as posted, validated against the OpenLineage spec: what it changes, and its hash. An
 * event whose JSON has no RFC 8785 form (a lone surrogate) is bad input.
 */
export function receivedEvent(event: Json): ReceivedEvent {
  let text: string;
  try {
    text = canonicalJson(event);
  } catch (error) {
    throw badInput(`OpenLineage event refused: ${(error as Error).message.replace(/^value/, "the event")}`);
  }
  return { change: mapEvent(event), payloadHash: sha256Hex(text), json: JSON.stringify(event) };
}

export const lineageEventId = (payloadHash: string) => `lineage-event:${payloadHash}`;

const article = (label: string) => (/^[AEIOU]/.test(label) ? `an ${label}` : `a ${label}`);

function expectLabel<L extends EntityLabel>(
  found: ReadonlyMap<string, EntityRecord>,
  id: string,
  label: L,
  what: string,
): RecordOf<L> | undefined {
  const stored = found.get(id);
  if (stored === undefined || isRecordOf(stored, label)) return stored;
  throw conflict(`${what} id ${quote(id)} already names ${article(stored.__typename)}; ids are unique across all types`);
}

/**
 * What the stored graph must agree with before anything is written: ids of the right types, a
 * (namespace, name) per id, and a run (or parent run) of one job only. Everything checked is
 * immutable once stored, so it may be read before the audit head is locked.
 */
function checkAgainstStored(change: LineageChange, found: ReadonlyMap<string, EntityRecord>): void {
  for (const asset of change.assets) {
    const stored = expectLabel(found, asset.id, "DataAsset", "dataset");
    if (stored && (stored.namespace !== asset.namespace || stored.name !== asset.name)) {
      throw conflict(
        `dataset '${asset.namespace}/${asset.name}' gets the id ${quote(asset.id)}, which already names '${stored.namespace}/${stored.name}'`,
      );
    }
  }
  const parent = change.run?.parent;
  for (const job of [change.job, parent?.job]) {
    if (!job) continue;
    const stored = expectLabel(found, job.id, "Job", "job");
    if (stored && (stored.namespace !== job.namespace || stored.name !== job.name)) {
      throw conflict(
        `job '${job.namespace}/${job.name}' gets the id ${quote(job.id)}, which already names '${stored.namespace}/${stored.name}'`,
      );
    }
  }
  const runs = [
    ...(change.run ? [{ id: change.run.id, jobId: change.job!.id, field: "run.runId" }] : []),
    ...(parent ? [{ id: parent.id, jobId: parent.job.id, field: "run.facets.parent.run.runId" }] : []),
  ];
  for (const run of runs) {
    const stored = expectLabel(found, run.id, "JobRun", "run");
    if (stored && stored.jobId !== run.jobId)
      throw conflict(`${run.field} ${quote(run.id)} is already a run of ${quote(stored.jobId)}, not of ${quote(run.jobId)}`);
  }
  for (const check of change.checks) expectLabel(found, check.id, "ValidationCheck", "data-quality check");
}

/** The provgraph_generation facet, registered as the GraphQL mutations would (same rules and errors). */
async function registerGeneration(scope: LockedScope, change: LineageChange): Promise<void> {
  const g = change.generation;
  if (!g) return;
  const write = async <I extends { id: string }>(kind: EntityKind<I>, inputs: I[]) =>
    applyEntities(scope, await planEntities(scope.run, kind, inputs));
  await write(generatorKind, [
    { id: g.generator.id, name: g.generator.name, kind: g.generator.kind, version: g.generator.version, model: g.generator.model ?? null },
  ]);
  if (g.prompt) await write(promptTemplateKind, [g.prompt]);
  await write(generationRunKind, [
    {
      id: g.generationRunId,
      generatorId: g.generator.id,
      promptId: g.prompt?.id ?? null,
      purpose: g.purpose,
      seedSampleIds: g.seedSampleIds ?? null,
      randomSeed: g.randomSeed ?? null,
      parameters: g.parameters ?? null,
    },
  ]);
}

/** Writes one event; `created` is false when it had been received before. */
export async function ingestLineageEvent(
  scope: LockedScope,
  actor: string,
  event: ReceivedEvent,
): Promise<{ created: boolean; eventId: string }> {
  const { change } = event;
  const eventId = lineageEventId(event.payloadHash);
  const parent = change.run?.parent;
  const ids = [
    eventId,
    ...change.assets.map((a) => a.id),
    ...[change.job, parent?.job].filter((j) => j).map((j) => j!.id),
    ...[change.run?.id, parent?.id].filter((id): id is string => !!id),
    ...change.checks.map((c) => c.id),
  ];
  const found = await findEntities(scope.run, ids);
  if (found.has(eventId)) return { created: false, eventId };
  checkAgainstStored(change, found);

  const seq = scope.record(change.subjectId, event.payloadHash);
  // The entities a generation facet registers are part of this event: they carry its seq and
  // append no events of their own.
  await registerGeneration({ ...scope, record: () => seq }, change);
  for (const statement of writeLineageEvent(scope.run, {
    change,
    eventId,
    payloadHash: event.payloadHash,
    json: event.json,
    actor,
    at: scope.at,
    seq,
    checks: change.checks.filter((c) => !found.has(c.id)),
  }))
    scope.send(statement);
  return { created: true, eventId };
}
