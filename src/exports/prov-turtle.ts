/** Turtle (PROV-O, W3C Recommendation 2013): ids as full IRIs, one statement per record and relation. */
import { iriLocal, type ProvDocument, type ProvRecord, type ProvRelation, type QName } from "./prov-document.js";

const CLASS = { entity: "prov:Entity", activity: "prov:Activity", agent: "prov:Agent" } as const;

/** PROV-O's property for each relation, subject to object in PROV-N argument order. */
const PROPERTY = {
  wasGeneratedBy: "prov:wasGeneratedBy",
  used: "prov:used",
  wasDerivedFrom: "prov:wasDerivedFrom",
  wasAssociatedWith: "prov:wasAssociatedWith",
  wasAttributedTo: "prov:wasAttributedTo",
  hadMember: "prov:hadMember",
  specializationOf: "prov:specializationOf",
  wasInfluencedBy: "prov:wasInfluencedBy",
} as const;

/** A STRING_LITERAL_QUOTE: quote, backslash and line breaks escaped (ECHAR). */
const string = (text: string) =>
  `"${text.replace(/[\\"\n\r\t]/g, (c) => ({ "\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t" })[c]!)}"`;

export function renderProvTurtle(doc: ProvDocument): string {
  const iri = (value: string) => `<${doc.namespace}${iriLocal(value)}>`;
  const type = (q: QName) => (q.prefix === "pg" ? iri(q.local) : `prov:${q.local}`);
  const record = (r: ProvRecord) =>
    [
      `${iri(r.id)} a ${[CLASS[r.kind], ...r.types.map(type)].join(", ")}`,
      ...(r.label !== null ? [`rdfs:label ${string(r.label)}`] : []),
      ...(r.startTime ? [`prov:startedAtTime "${r.startTime}"^^xsd:dateTime`] : []),
      ...(r.endTime ? [`prov:endedAtTime "${r.endTime}"^^xsd:dateTime`] : []),
      ...(r.truncated ? ["pg:truncated true"] : []),
    ].join(" ;\n    ") + " .";
  const relation = (r: ProvRelation) => {
    if (r.kind === "wasAssociatedWith" && (r.plan !== null || r.object === null)) {
      const parts = [
        "a prov:Association",
        ...(r.object !== null ? [`prov:agent ${iri(r.object)}`] : []),
        ...(r.plan !== null ? [`prov:hadPlan ${iri(r.plan)}`] : []),
      ];
      return `${iri(r.subject)} prov:qualifiedAssociation [ ${parts.join(" ; ")} ] .`;
    }
    return `${iri(r.subject)} ${PROPERTY[r.kind]} ${iri(r.object!)} .`;
  };
  const head = [
    `@prefix prov: <http://www.w3.org/ns/prov#> .`,
    `@prefix pg: <${doc.namespace}> .`,
    `@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .`,
    `@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .`,
  ];
  return `${[...head, "", ...doc.records.map(record), "", ...doc.relations.map(relation)].join("\n")}\n`;
}
