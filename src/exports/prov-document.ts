/**
 * A lineage walk as a W3C PROV document (DOMAIN.md 10.1), independent of any syntax: the
 * records and relations the three renderers (PROV-JSON, PROV-N, Turtle) write. Pure.
 *
 * The mapping is two tables. A node label not in NODE_CLASS is a `prov:Entity` typed
 * `pg:<label>`; a relationship type not in RELATION is `wasInfluencedBy` (the influencee is
 * the relationship's start, the newer thing), so a new label or type exports before it has an
 * entry of its own.
 */

import { HUMAN_LABELER_KINDS, isOneOf } from "../domain/vocabulary.js";

export type RecordKind = "entity" | "activity" | "agent";

/** A qualified name: `pg:<id>` for provgraph's nodes and types, `prov:<term>` for PROV's own. */
export interface QName {
  prefix: "pg" | "prov";
  /** The raw local part (an id or a term); each syntax encodes it as it must. */
  local: string;
}

export interface ProvRecord {
  kind: RecordKind;
  id: string;
  types: QName[];
  label: string | null;
  startTime: string | null;
  endTime: string | null;
  /** Only on the root, when the walk was cut by its limit. */
  truncated: boolean;
}

/** PROV-DM relations, with their two or three arguments in PROV-N order. */
export type RelationKind =
  | "wasGeneratedBy"
  | "used"
  | "wasDerivedFrom"
  | "wasAssociatedWith"
  | "wasAttributedTo"
  | "hadMember"
  | "specializationOf"
  | "wasInfluencedBy";

export interface ProvRelation {
  kind: RelationKind;
  /** PROV-N argument order: e.g. wasGeneratedBy(entity, activity), used(activity, entity). */
  subject: string;
  object: string | null;
  /** wasAssociatedWith only: the prompt template the generator followed. */
  plan: string | null;
}

export interface ProvDocument {
  /** The namespace of `pg:` (`<server>/id/`). */
  namespace: string;
  records: ProvRecord[];
  relations: ProvRelation[];
}

/** What the export needs of a node of the walk. */
export interface ProvNode {
  id: string;
  label: string;
  name: string | null;
  origin: string | null;
  /** Labelers: their kind (HUMAN_EXPERT ...); others null. */
  kind: string | null;
  startedAt: string | null;
  endedAt: string | null;
}

export interface ProvEdge {
  from: string;
  to: string;
  type: string;
}

const pg = (local: string): QName => ({ prefix: "pg", local });
const prov = (local: string): QName => ({ prefix: "prov", local });
const isHuman = (kind: string | null) => isOneOf(HUMAN_LABELER_KINDS, kind);

/** PROV class and types of a node, by label (DOMAIN.md 10.1). */
const NODE_CLASS: Record<string, (node: ProvNode) => { kind: RecordKind; types: QName[] }> = {
  Sample: (n) => ({ kind: "entity", types: [pg(n.origin ?? "Sample")] }),
  DatasetVersion: () => ({ kind: "entity", types: [pg("DatasetVersion"), prov("Collection")] }),
  ModelVersion: () => ({ kind: "entity", types: [pg("ModelVersion")] }),
  PromptTemplate: () => ({ kind: "entity", types: [pg("PromptTemplate"), prov("Plan")] }),
  DataAsset: () => ({ kind: "entity", types: [pg("DataAsset")] }),
  GenerationRun: () => ({ kind: "activity", types: [pg("GenerationRun")] }),
  TrainingRun: () => ({ kind: "activity", types: [pg("TrainingRun")] }),
  JobRun: () => ({ kind: "activity", types: [pg("JobRun")] }),
  Generator: () => ({ kind: "agent", types: [pg("Generator"), prov("SoftwareAgent")] }),
  Labeler: (n) => ({ kind: "agent", types: [pg("Labeler"), prov(isHuman(n.kind) ? "Person" : "SoftwareAgent")] }),
};

/**
 * The PROV relation of a relationship, by type: `subject` and `object` in PROV-N argument
 * order, from the relationship's start (`from`, the newer thing) and end (`to`).
 * USED_PROMPT is no relation of its own: the prompt is the plan of the run's association.
 */
const RELATION: Record<string, { kind: RelationKind; flip: boolean } | "plan"> = {
  GENERATED_BY: { kind: "wasGeneratedBy", flip: false },
  WRITTEN_BY: { kind: "wasGeneratedBy", flip: false },
  PRODUCED_BY: { kind: "wasGeneratedBy", flip: false },
  DERIVED_FROM: { kind: "wasDerivedFrom", flip: false },
  TRAINED_AS: { kind: "wasDerivedFrom", flip: false },
  SEEDED_BY: { kind: "used", flip: false },
  TRAINED_ON: { kind: "used", flip: false },
  READ: { kind: "used", flip: false },
  USED_GENERATOR: { kind: "wasAssociatedWith", flip: false },
  USED_PROMPT: "plan",
  LABELED_BY: { kind: "wasAttributedTo", flip: false },
  CONTAINS: { kind: "hadMember", flip: false },
  VERSION_OF: { kind: "specializationOf", flip: false },
  // These point with the flow (the label, check or review to what it is about): the subject
  // is what was influenced, the relationship's end.
  LABELS: { kind: "wasInfluencedBy", flip: true },
  CHECKS: { kind: "wasInfluencedBy", flip: true },
  REVIEWS: { kind: "wasInfluencedBy", flip: true },
};

export function provRecord(node: ProvNode, truncated: boolean): ProvRecord {
  const { kind, types } = NODE_CLASS[node.label]?.(node) ?? { kind: "entity" as const, types: [pg(node.label)] };
  return {
    kind,
    id: node.id,
    types,
    label: node.name,
    startTime: kind === "activity" ? node.startedAt : null,
    endTime: kind === "activity" ? node.endedAt : null,
    truncated,
  };
}

/**
 * The walk as a document: every node once (records in the walk's order), every edge once as
 * its relation; a run's USED_PROMPT becomes the plan of its USED_GENERATOR association, or an
 * association with no agent when the generator was left out by the limit.
 */
export function provDocument(
  namespace: string,
  root: string,
  nodes: readonly ProvNode[],
  edges: readonly ProvEdge[],
  truncated: boolean,
): ProvDocument {
  const records = nodes.map((n) => provRecord(n, truncated && n.id === root));
  const plans = new Map(edges.filter((e) => RELATION[e.type] === "plan").map((e) => [e.from, e.to]));
  const relations: ProvRelation[] = [];
  const planned = new Set<string>();
  for (const edge of edges) {
    const rule = RELATION[edge.type] ?? { kind: "wasInfluencedBy" as const, flip: false };
    if (rule === "plan") continue;
    const [subject, object] = rule.flip ? [edge.to, edge.from] : [edge.from, edge.to];
    const plan = rule.kind === "wasAssociatedWith" ? (plans.get(edge.from) ?? null) : null;
    if (plan !== null) planned.add(edge.from);
    relations.push({ kind: rule.kind, subject, object, plan });
  }
  for (const [run, prompt] of plans)
    if (!planned.has(run)) relations.push({ kind: "wasAssociatedWith", subject: run, object: null, plan: prompt });
  return { namespace, records, relations };
}

/** IRI path characters (RFC 3987 ipchar, less `%`), as a regular expression's character class. */
const IRI_CHARS = "A-Za-z0-9\\-._~!$&'()*+,;=:@/";
const IRI_SAFE = new RegExp(`^[${IRI_CHARS}]*$`, "u");
const IRI_UNSAFE = new RegExp(`[^${IRI_CHARS}]`, "gu");

/**
 * The local part of an id as it stands in the `pg:` IRI: every UTF-8 byte outside IRI path
 * characters (RFC 3987 ipchar, less `%`) percent-encoded, so all three syntaxes name the same
 * IRI and `%` itself stays reversible (`%25`).
 */
export function iriLocal(id: string): string {
  if (IRI_SAFE.test(id)) return id;
  return id.replace(IRI_UNSAFE, (c) =>
    [...Buffer.from(c, "utf8")].map((b) => `%${b.toString(16).toUpperCase().padStart(2, "0")}`).join(""),
  );
}
