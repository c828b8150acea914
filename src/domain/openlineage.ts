/**
 * What one OpenLineage event means for the graph (DOMAIN.md 9.1), as a pure function of the
 * event: the job, run and assets it names, the READ / WRITTEN_BY / CHILD_OF edges it states,
 * what it says about each asset (kind, fields, description, tags, Feast facets, a declared
 * origin), its data-quality assertions and its generation facet. The event has passed the
 * OpenLineage JSON Schema before it gets here; what the schema leaves open is checked here.
 */
import { badInput } from "./errors.js";
import { datasetFeast, isFeastDefinition, jobFeast } from "./feast.js";
import { list, obj, text, type Json } from "./json-access.js";
import { named, type Named } from "./lineage-ids.js";

import type { AssetKind, DeclaredOrigin, RunState } from "./vocabulary.js";

export type { AssetKind, DeclaredOrigin, RunState };

export interface AssetField {
  name: string;
  type: string | null;
  description: string | null;
}

/** What one event says about one asset; absent members say nothing. */
export interface AssetStatement extends Named {
  kind?: AssetKind;
  fields?: AssetField[];
  description?: string;
  tags?: Record<string, string>;
  /** FEATURE_VIEW: from `feast_featureView`. */
  entities?: string[];
  ttlSeconds?: number | null;
  online?: boolean | null;
  /** FEATURE_SERVICE: the names of its feature views, in the facet's order. */
  featureViewNames?: string[];
  /** FEATURE_SERVICE: the `provgraph_featureService` projections. */
  projections?: Array<{ featureView: string; features: string[] }>;
  /** A `provgraph_origin` dataset facet. */
  origin?: { origin: DeclaredOrigin; note: string | null };
}

export interface QualityCheck {
  id: string;
  assetId: string;
  metric: string;
  value: number;
  threshold: number;
  passed: boolean;
}

export interface GenerationFacet {
  generationRunId: string;
  generator: { id: string; name: string; kind: string; version: string; model?: string | null };
  prompt?: { id: string; name: string; version: string; text: string } | null;
  purpose: string;
  seedSampleIds?: string[] | null;
  randomSeed?: string | null;
  parameters?: unknown;
}

export interface LineageChange {
  kind: "RunEvent" | "DatasetEvent" | "JobEvent";
  /** The audit subject: the run id, asset id or job id. */
  subjectId: string;
  eventType: RunState | null;
  /** ISO 8601 UTC with milliseconds. */
  eventTime: string;
  producer: string;
  job: Named | null;
  run: { id: string; parent: { id: string; job: Named } | null } | null;
  assets: AssetStatement[];
  reads: string[];
  writes: string[];
  checks: QualityCheck[];
  generation: GenerationFacet | null;
}

/** The event's time as ISO 8601 UTC with milliseconds. */
function isoTime(value: unknown): string {
  const ms = Date.parse(String(value));
  if (Number.isNaN(ms)) throw badInput(`eventTime '${String(value)}' is not an ISO 8601 date-time`);
  return new Date(ms).toISOString();
}

/** The fields of a `schema` facet (nested fields are not kept). */
export function schemaFields(facet: Json): AssetField[] {
  return list(facet.fields).map((f) => {
    const field = obj(f);
    return { name: String(field.name), type: text(field.type) ?? null, description: text(field.description) || null };
  });
}

/** OpenLineage's `tags` facet (a list of key/value) and Feast's tag maps, as one map. */
export function tagMap(facet: unknown): Record<string, string> | undefined {
  const value = obj(facet).tags;
  if (Array.isArray(value)) return Object.fromEntries(value.map((t) => [String(obj(t).key), String(obj(t).value)]));
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value as Json).map(([k, v]) => [k, String(v)]));
  return undefined;
}

/** What a dataset's own facets say about it (Feast's facets are read in feast.ts). */
function describe(dataset: Json): AssetStatement {
  const ref = named("asset", dataset);
  const facets = obj(dataset.facets);
  const statement: AssetStatement = { ...ref };
  if (facets.schema) statement.fields = schemaFields(obj(facets.schema));
  const documentation = text(obj(facets.documentation).description);
  if (documentation !== undefined) statement.description = documentation;
  const tags = tagMap(facets.tags);
  if (tags) statement.tags = tags;
  const origin = facets.provgraph_origin ? obj(facets.provgraph_origin) : undefined;
  if (origin) statement.origin = { origin: origin.origin as DeclaredOrigin, note: text(origin.note) ?? null };
  return { ...statement, ...datasetFeast(facets) };
}

const TERMINAL: ReadonlySet<string> = new Set(["COMPLETE", "FAIL", "ABORT"]);

const numberOr0 = (v: unknown) => {
  const n = typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v) : Number.NaN;
  return Number.isFinite(n) ? n : 0;
};

/**
 * The data-quality assertions on one input or output: `dataQualityAssertions` as a dataset or
 * input facet, `greatExpectations_assertions` as an input facet.
 */
function assertionsOf(dataset: Json): Json[] {
  const facets = obj(dataset.facets);
  const inputFacets = obj(dataset.inputFacets);
  return [facets.dataQualityAssertions, inputFacets.dataQualityAssertions, inputFacets.greatExpectations_assertions].flatMap((f) =>
    list(obj(f).assertions).map(obj),
  );
}

/** Checks numbered per asset, over every input and output naming it. */
function qualityChecks(runId: string, datasets: readonly Json[]): QualityCheck[] {
  const byAsset = new Map<string, Json[]>();
  for (const dataset of datasets) {
    const asset = named("asset", dataset).id;
    byAsset.set(asset, [...(byAsset.get(asset) ?? []), ...assertionsOf(dataset)]);
  }
  return [...byAsset].flatMap(([asset, assertions]) => {
    const seen = new Set<string>();
    const distinct = assertions.filter((a) => {
      const key = JSON.stringify(Object.entries(a).sort(([x], [y]) => (x < y ? -1 : 1)));
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    return distinct.map((a, index) => {
      const base = text(a.name) || text(a.assertion) || text(a.expectationType) || "assertion";
      const column = text(a.column);
      return {
        id: `${runId}:${asset}:${index}`,
        assetId: asset,
        metric: column ? `${base}:${column}` : base,
        value: numberOr0(a.actual),
        threshold: numberOr0(a.expected),
        passed: a.success === true,
      };
    });
  });
}

/** Joins statements about one asset made in several places of one event (later ones add). */
function merge(statements: readonly AssetStatement[]): AssetStatement[] {
  const byId = new Map<string, AssetStatement>();
  for (const s of statements) {
    const known = byId.get(s.id);
    if (known && (known.namespace !== s.namespace || known.name !== s.name)) {
      throw badInput(`datasets '${known.namespace}/${known.name}' and '${s.namespace}/${s.name}' would share the id '${s.id}'`);
    }
    byId.set(s.id, known ? { ...known, ...s } : s);
  }
  return [...byId.values()];
}

function generationOf(runFacets: Json): GenerationFacet | null {
  const facet = runFacets.provgraph_generation;
  if (!facet) return null;
  // The facet's own fields, without the base facet's _producer and _schemaURL.
  const rest = Object.fromEntries(Object.entries(obj(facet)).filter(([key]) => key !== "_producer" && key !== "_schemaURL"));
  return rest as unknown as GenerationFacet;
}

/** The graph changes one validated event states (DOMAIN.md 9.1). */
export function mapEvent(event: Json): LineageChange {
  const eventTime = isoTime(event.eventTime);
  const producer = String(event.producer);
  if (event.dataset !== undefined) {
    const statement = describe(obj(event.dataset));
    return {
      kind: "DatasetEvent",
      subjectId: statement.id,
      eventType: null,
      eventTime,
      producer,
      job: null,
      run: null,
      assets: [statement],
      reads: [],
      writes: [],
      checks: [],
      generation: null,
    };
  }
  const job = named("job", event.job);
  const inputs = list(event.inputs).map(obj);
  const outputs = list(event.outputs).map(obj);
  const jobFacets = obj(obj(event.job).facets);
  const assets = merge([...inputs.map(describe), ...outputs.map(describe), ...jobFeast(jobFacets, inputs, outputs)]);
  const edges = !isFeastDefinition(job.name, jobFacets);
  const reads = edges ? [...new Set(inputs.map((d) => named("asset", d).id))] : [];
  const writes = edges ? [...new Set(outputs.map((d) => named("asset", d).id))] : [];
  if (event.run === undefined) {
    return {
      kind: "JobEvent",
      subjectId: job.id,
      eventType: null,
      eventTime,
      producer,
      job,
      run: null,
      assets,
      reads,
      writes,
      checks: [],
      generation: null,
    };
  }
  const run = obj(event.run);
  const runId = String(run.runId);
  const runFacets = obj(run.facets);
  const parentFacet = runFacets.parent ? obj(runFacets.parent) : undefined;
  const parent = parentFacet ? { id: String(obj(parentFacet.run).runId), job: named("job", parentFacet.job) } : null;
  if (parent?.id === runId) throw badInput(`run.facets.parent names the run itself ('${runId}')`);
  const eventType = (text(event.eventType) as RunState | undefined) ?? null;
  return {
    kind: "RunEvent",
    subjectId: runId,
    eventType,
    eventTime,
    producer,
    job,
    run: { id: runId, parent },
    assets,
    reads,
    writes,
    checks: eventType && TERMINAL.has(eventType) ? qualityChecks(runId, [...inputs, ...outputs]) : [],
    generation: generationOf(runFacets),
  };
}
