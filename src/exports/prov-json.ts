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
const text = (value: string) => JSON.stringify(value);

/**
 * The document is written as text, member by member, in the layout of `JSON.stringify(value,
 * null, 1)` over the object it stands for: a document of a hundred thousand records is then
 * strings joined once, not an object of that many keys built and serialised.
 */
const indent = (depth: number) => " ".repeat(depth);

/** `members` (each already written at `depth + 1`) as an object at `depth`. */
const object = (members: readonly string[], depth: number) =>
  members.length === 0 ? "{}" : `{\n${members.join(",\n")}\n${indent(depth)}}`;
const member = (key: string, value: string, depth: number) => `${indent(depth)}${text(key)}: ${value}`;

function typeValue(q: QName, depth: number): string {
  return object([member("$", text(qname(q)), depth + 1), member("type", text("xsd:QName"), depth + 1)], depth);
}

/** A record's attributes, as an object at depth 2. */
function attributes(r: ProvRecord): string {
  const members: string[] = [];
  if (r.startTime) members.push(member("prov:startTime", text(r.startTime), 3));
  if (r.endTime) members.push(member("prov:endTime", text(r.endTime), 3));
  const types =
    r.types.length === 1
      ? typeValue(r.types[0]!, 3)
      : r.types.length === 0
        ? "[]"
        : `[\n${r.types.map((t) => `${indent(4)}${typeValue(t, 4)}`).join(",\n")}\n${indent(3)}]`;
  members.push(member("prov:type", types, 3));
  if (r.label !== null) members.push(member("prov:label", text(r.label), 3));
  if (r.truncated) members.push(member("pg:truncated", "true", 3));
  return object(members, 2);
}

/** A relation's arguments, as an object at depth 2. */
function relation(kind: RelationKind, r: ProvRelation): string {
  const [s, o, p] = ARGUMENTS[kind];
  const members = [member(s, text(id(r.subject)), 3)];
  if (r.object !== null) members.push(member(o, text(id(r.object)), 3));
  if (p && r.plan !== null) members.push(member(p, text(id(r.plan)), 3));
  return object(members, 2);
}

export function renderProvJson(doc: ProvDocument): string {
  // Per record kind, then per relation kind, in order of first appearance: the members written so far.
  const groups = new Map<string, string[]>();
  const add = (group: string, key: string, value: string) => {
    const members = groups.get(group) ?? [];
    if (members.length === 0) groups.set(group, members);
    members.push(member(key, value, 2));
  };
  // the walk holds each node once, so each record's key is new
  for (const r of doc.records) add(r.kind, id(r.id), attributes(r));
  doc.relations.forEach((r, i) => add(r.kind, `_:r${i + 1}`, relation(r.kind, r)));
  const top = [member("prefix", object([member("pg", text(doc.namespace), 2)], 1), 1)];
  for (const [group, members] of groups) top.push(member(group, object(members, 1), 1));
  return `${object(top, 0)}\n`;
}
