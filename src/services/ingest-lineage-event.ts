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
import { mapEvent, type GenerationFacet, type LineageChange } from "../domain/openlineage.js";
import { findEntities } from "../store/entities.queries.js";
import { isRecordOf, type EntityRecord } from "../store/records.js";
import type { EntityLabel } from "../store/graph-schema.js";
import { writeLineageEvents, type EventWrite } from "../store/lineage-event.queries.js";
import type { Executor, Run } from "../store/executor.js";
import type { WriteQueue } from "../store/write-queue.js";
import { auditedWrite, type LockedScope } from "./audited-write.js";
import { generationRunKind, generatorKind, promptTemplateKind } from "./generation.js";
import { writeLocked } from "./write-entities.js";

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
    throw badInput(`OpenLineage event refused: ${String(error instanceof Error ? error.message : error).replace(/^value/, "the event")}`);
  }
  return { change: mapEvent(event), payloadHash: sha256Hex(text), json: JSON.stringify(event) };
}

export const lineageEventId = (payloadHash: string) => `lineage-event:${payloadHash}`;

const article = (label: string) => (/^[AEIOU]/.test(label) ? `an ${label}` : `a ${label}`);

/**
 * What an id is known to name, from the store or from an earlier event of the same transaction:
 * its type and the facts the checks compare, all immutable once stored.
 */
interface Claim {
  label: EntityLabel;
  /** A DataAsset's or Job's (namespace, name). */
  named?: { namespace: string; name: string };
  /** A JobRun's job. */
  jobId?: string;
}

function claimOf(stored: EntityRecord): Claim {
  if (isRecordOf(stored, "DataAsset") || isRecordOf(stored, "Job"))
    return { label: stored.__typename, named: { namespace: stored.namespace, name: stored.name } };
  if (isRecordOf(stored, "JobRun")) return { label: "JobRun", jobId: stored.jobId };
  return { label: stored.__typename };
}

/** An id an event names: how messages name it, and what it names once the event is written. */
interface Naming extends Claim {
  id: string;
  /** How messages name the id: "dataset id", "run.runId". */
  what: string;
}

function namingsOf(change: LineageChange, eventId: string): Naming[] {
  const parent = change.run?.parent;
  const g = change.generation;
  return [
    { id: eventId, what: "event id", label: "LineageEvent" },
    ...change.assets.map((a): Naming => ({ id: a.id, what: "dataset id", label: "DataAsset", named: a })),
    ...[change.job, parent?.job].flatMap((j): Naming[] => (j ? [{ id: j.id, what: "job id", label: "Job", named: j }] : [])),
    ...(change.run ? [{ id: change.run.id, what: "run.runId", label: "JobRun", jobId: change.job!.id } as const] : []),
    ...(parent ? [{ id: parent.id, what: "run.facets.parent.run.runId", label: "JobRun", jobId: parent.job.id } as const] : []),
    ...change.checks.map((c): Naming => ({ id: c.id, what: "data-quality check id", label: "ValidationCheck" })),
    ...(g
      ? [
          { id: g.generator.id, what: "generator id", label: "Generator" } as const,
          ...(g.prompt ? [{ id: g.prompt.id, what: "prompt id", label: "PromptTemplate" } as const] : []),
          { id: g.generationRunId, what: "generation run id", label: "GenerationRun" } as const,
        ]
      : []),
  ];
}

/**
 * What an event must agree with before it is written: ids of the right types, a (namespace, name)
 * per id, and a run (or parent run) of one job only.
 */
function checkNamings(namings: readonly Naming[], known: ReadonlyMap<string, Claim>): void {
  for (const { id, what, label, named, jobId } of namings) {
    const stored = known.get(id);
    if (!stored) continue;
    if (stored.label !== label)
      throw conflict(`${what} ${quote(id)} already names ${article(stored.label)}; ids are unique across all types`);
    if (named && stored.named && (stored.named.namespace !== named.namespace || stored.named.name !== named.name))
      throw conflict(
        `${label === "Job" ? "job" : "dataset"} '${named.namespace}/${named.name}' gets the id ${quote(id)}, which already names '${stored.named.namespace}/${stored.named.name}'`,
      );
    if (jobId && stored.jobId !== jobId)
      throw conflict(`${what} ${quote(id)} is already a run of ${quote(stored.jobId!)}, not of ${quote(jobId)}`);
  }
}

/** The provgraph_generation facet, registered as the GraphQL mutations would (same rules and errors). */
async function registerGeneration(scope: LockedScope, g: GenerationFacet): Promise<void> {
  await writeLocked(scope, generatorKind, [
    { id: g.generator.id, name: g.generator.name, kind: g.generator.kind, version: g.generator.version, model: g.generator.model ?? null },
  ]);
  if (g.prompt) await writeLocked(scope, promptTemplateKind, [g.prompt]);
  await writeLocked(scope, generationRunKind, [
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

export interface IngestOutcome {
  /** False when the event had been received before. */
  created: boolean;
  eventId: string;
}

/**
 * The ids `events` name, read from the store: all that `ingestLineageEvents` checks, immutable
 * once stored, so read before the audit head is locked.
 */
export async function knownIds(run: Run, events: readonly ReceivedEvent[]): Promise<Map<string, Claim>> {
  const ids = events.flatMap((e) => namingsOf(e.change, lineageEventId(e.payloadHash)).map((n) => n.id));
  const found = await findEntities(run, ids);
  return new Map([...found].map(([id, stored]) => [id, claimOf(stored)]));
}

/**
 * Writes `events` in one transaction, in order, as if one after the other: each is checked
 * against the store (`known`) and the events before it, and all of them are written by a few
 * statements for the whole list. Throws the first event's refusal (nothing of the list is
 * written then).
 */
export async function ingestLineageEvents(
  scope: LockedScope,
  actor: string,
  events: readonly ReceivedEvent[],
  known: Map<string, Claim>,
): Promise<IngestOutcome[]> {
  const writes: EventWrite[] = [];
  const outcomes = events.map(({ change, payloadHash, json }): IngestOutcome => {
    const eventId = lineageEventId(payloadHash);
    if (known.has(eventId)) return { created: false, eventId };
    const namings = namingsOf(change, eventId);
    checkNamings(namings, known);
    const checks = change.checks.filter((c) => !known.has(c.id));
    for (const { id, label, named, jobId } of namings) if (!known.has(id)) known.set(id, { label, named, jobId });
    writes.push({ change, eventId, payloadHash, json, seq: scope.record(change.subjectId, payloadHash), checks });
    return { created: true, eventId };
  });
  // The entities a generation facet registers are part of its event: they carry its seq and
  // append no events of their own.
  for (const w of writes)
    if (w.change.generation) await registerGeneration({ ...scope, record: () => w.seq, recordCreated: () => w.seq }, w.change.generation);
  for (const statement of writeLineageEvents(scope.run, { actor, at: scope.at }, writes)) scope.send(statement);
  return outcomes;
}

interface Pending {
  actor: string;
  event: ReceivedEvent;
  settle(outcome: Promise<IngestOutcome>): void;
}

const received = (events: readonly Pending[]) => events.map((p) => p.event);

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
        prepare: (run) => knownIds(run, received(events)),
        apply: (scope, known) => ingestLineageEvents(scope, actor, received(events), known),
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
