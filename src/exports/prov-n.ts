/**
 * PROV-N (W3C Recommendation, 2013). A local part escapes the characters of PN_CHARS_ESC
 * (`= ' ( ) , - : ; [ ] .`) with a backslash (section 3.7.1, production [56]); whatever a
 * local part cannot hold at all is already percent-encoded by `iriLocal`.
 */
import { iriLocal, type ProvDocument, type ProvRecord, type ProvRelation, type QName } from "./prov-document.js";

const local = (text: string) => iriLocal(text).replace(/[=',\-:;[\]().]/g, (c) => `\\${c}`);
const id = (value: string) => `pg:${local(value)}`;
const qname = (q: QName) => `${q.prefix}:${q.prefix === "pg" ? local(q.local) : q.local}`;
/** A STRING_LITERAL: quote, backslash and line breaks escaped (ECHAR). */
const string = (text: string) =>
  `"${text.replace(/[\\"\n\r\t]/g, (c) => ({ "\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t" })[c]!)}"`;

function attributes(r: ProvRecord): string {
  const pairs = [
    ...r.types.map((t) => `prov:type='${qname(t)}'`),
    ...(r.label !== null ? [`prov:label=${string(r.label)}`] : []),
    ...(r.truncated ? [`pg:truncated="true" %% xsd:boolean`] : []),
  ];
  return `[${pairs.join(", ")}]`;
}

function record(r: ProvRecord): string {
  if (r.kind === "activity") return `activity(${id(r.id)}, ${r.startTime ?? "-"}, ${r.endTime ?? "-"}, ${attributes(r)})`;
  return `${r.kind}(${id(r.id)}, ${attributes(r)})`;
}

const marker = (value: string | null) => (value === null ? "-" : id(value));

function relation(r: ProvRelation): string {
  switch (r.kind) {
    case "wasGeneratedBy":
    case "used":
      return `${r.kind}(${id(r.subject)}, ${marker(r.object)}, -)`;
    case "wasAssociatedWith":
      return `wasAssociatedWith(${id(r.subject)}, ${marker(r.object)}, ${marker(r.plan)})`;
    case "wasDerivedFrom":
    case "wasAttributedTo":
    case "hadMember":
    case "specializationOf":
    case "wasInfluencedBy":
      return `${r.kind}(${id(r.subject)}, ${marker(r.object)})`;
    default: {
      const never: never = r.kind;
      throw new Error(`unknown relation ${String(never)}`);
    }
  }
}

export function renderProvN(doc: ProvDocument): string {
  const lines = [
    `document`,
    `  prefix pg <${doc.namespace}>`,
    ...doc.records.map((r) => `  ${record(r)}`),
    ...doc.relations.map((r) => `  ${relation(r)}`),
    `endDocument`,
  ];
  return `${lines.join("\n")}\n`;
}
