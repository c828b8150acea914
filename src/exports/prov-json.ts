/** PROV-JSON (W3C member submission, 2013): one object per record type, relations keyed by blank ids. */
import { iriLocal, type ProvDocument, type ProvRecord, type ProvRelation, type QName, type RelationKind } from "./prov-document.js";

/** Each relation's argument keys, in PROV-N order (subject, object, plan). */
const ARGUMENTS: Record<RelationKind, [string, string, string?]> = {
  wasGeneratedBy: ["prov:entity", "prov:activity"],
  used: ["prov:activity", "prov:entity"],
  wasDerivedFrom: ["prov:generatedEntity", "prov:usedEntity"],
  wasAssociatedWith: ["prov:activity", "prov:agent", "prov:plan"],
  wasAttributedTo: ["prov:entity", "prov:agent"],
  hadMember: ["prov:collection", "prov:entity"],
  specializationOf: ["prov:specificEntity", "prov:generalEntity"],
  wasInfluencedBy: ["prov:influencee", "prov:influencer"],
};

const qname = (q: QName) => `${q.prefix}:${q.prefix === "pg" ? iriLocal(q.local) : q.local}`;
const id = (value: string) => `pg:${iriLocal(value)}`;

function attributes(r: ProvRecord): Record<string, unknown> {
  const types = r.types.map((t) => ({ $: qname(t), type: "xsd:QName" }));
  return {
    ...(r.startTime ? { "prov:startTime": r.startTime } : {}),
    ...(r.endTime ? { "prov:endTime": r.endTime } : {}),
    "prov:type": types.length === 1 ? types[0] : types,
    ...(r.label !== null ? { "prov:label": r.label } : {}),
    ...(r.truncated ? { "pg:truncated": true } : {}),
  };
}

function relation(kind: RelationKind, r: ProvRelation): Record<string, string> {
  const [s, o, p] = ARGUMENTS[kind];
  return { [s]: id(r.subject), ...(r.object !== null ? { [o]: id(r.object) } : {}), ...(p && r.plan !== null ? { [p]: id(r.plan) } : {}) };
}

export function renderProvJson(doc: ProvDocument): string {
  const out: Record<string, Record<string, unknown>> = { prefix: { pg: doc.namespace } };
  for (const r of doc.records) (out[r.kind] ??= {})[id(r.id)] = attributes(r);
  doc.relations.forEach((r, i) => {
    (out[r.kind] ??= {})[`_:r${i + 1}`] = relation(r.kind, r);
  });
  return `${JSON.stringify(out, null, 1)}\n`;
}
