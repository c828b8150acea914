/**
 * One accepted OpenLineage event (DOMAIN.md 9.1): written all-or-nothing in an audited
 * transaction (shared by events arriving together: `LineageWriter`), appending exactly one audit
 * event (action `openLineageEvent`, subject the run, asset or job id, payloadHash the SHA-256 of
 * the event's RFC 8785 JSON). An event already received (same payload hash) writes and appends
 * nothing.
 */
import { canonicalJson, sha256Hex } from "../domain/canonical-json.js";
import { badInput, conflict, quote } from "../domain/errors.js";
import type { Json } from "../domain/json-access.js";
import { mapEvent, type LineageChange } from "../domain/openlineage.js";
import { findEntities } from "../store/entities.queries.js";
import { isRecordOf, type EntityRecord, type RecordOf } from "../store/records.js";
import type { EntityLabel } from "../store/graph-schema.js";
import { writeLineageEvent } from "../store/lineage-event.queries.js";
import type { Executor } from "../store/executor.js";
import type { WriteQueue } from "../store/write-queue.js";
import { auditedWrite, type LockedScope } from "./audited-write.js";
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

interface Pending {
  actor: string;
  event: ReceivedEvent;
  settle(outcome: Promise<IngestOutcome>): void;
}

type IngestOutcome = Awaited<ReturnType<typeof ingestLineageEvent>>;

/** The most events one transaction writes. */
const GROUP = 64;

/**
 * Group commit (DOMAIN.md 9.1): the events that arrive while a transaction of events is being
 * written go together into the next one, each still its own audit event, so the audit head is
 * locked and a commit paid once per group instead of once per event. A group holds one
 * sender's events (an audit event names one actor per transaction). When a group's transaction
 * fails, its events are written again one by one, in arrival order, so an event is refused only
 * for what is wrong with it.
 */
export class LineageWriter {
  private readonly pending: Pending[] = [];
  private draining = false;

  constructor(
    private readonly executor: Executor,
    private readonly queue: WriteQueue,
  ) {}

  write(actor: string, event: ReceivedEvent): Promise<IngestOutcome> {
    return new Promise((resolve, reject) => {
      this.pending.push({ actor, event, settle: (outcome) => outcome.then(resolve, reject) });
      void this.drain();
    });
  }

  private async drain(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    try {
      while (this.pending.length > 0) {
        const actor = this.pending[0]!.actor;
        const group: Pending[] = [];
        for (let i = 0; i < this.pending.length && group.length < GROUP;)
          if (this.pending[i]!.actor === actor) group.push(...this.pending.splice(i, 1));
          else i++;
        await this.writeGroup(actor, group);
      }
    } finally {
      this.draining = false;
    }
  }

  private async writeGroup(actor: string, group: readonly Pending[]): Promise<void> {
    const write = (events: readonly Pending[]) =>
      auditedWrite(this.executor, this.queue, actor, "openLineageEvent", {
        apply: async (scope) => {
          const outcomes: IngestOutcome[] = [];
          for (const p of events) outcomes.push(await ingestLineageEvent(scope, actor, p.event));
          return outcomes;
        },
      });
    if (group.length > 1) {
      const together = await write(group).catch(() => null);
      if (together) return group.forEach((p, i) => p.settle(Promise.resolve(together[i]!)));
    }
    for (const p of group) {
      const alone = write([p]).then((outcomes) => outcomes[0]!);
      p.settle(alone);
      await alone.catch(() => undefined);
    }
  }
}
