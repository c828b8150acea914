/** What the exports read beyond the lineage walk and the set aggregates: bounded rows, counted in the database. */
import type { Run } from "./executor.js";
import { setLabels } from "./sample-sets.queries.js";

export interface LabelerCount {
  id: string;
  name: string;
  kind: string;
  labels: number;
  items: number;
}

/** Per labeler, the labels it gave on the version's members and on how many of them. */
export function versionLabelers(run: Run, versionId: string): Promise<LabelerCount[]> {
  return run<LabelerCount>(
    `${setLabels("datasetVersion")}
     MATCH (l)-[:LABELED_BY]->(b:Labeler)
     RETURN b.id AS id, b.name AS name, b.kind AS kind, count(l) AS labels, count(DISTINCT s) AS items
     ORDER BY id`,
    { id: versionId },
  );
}

export interface CheckRow {
  id: string;
  subjectId: string;
  kind: string;
  metric: string;
  value: number;
  threshold: number;
  passed: boolean;
}

/** The validation checks recorded on any of `subjectIds`, by subject then id. */
export function checksOn(run: Run, subjectIds: readonly string[]): Promise<CheckRow[]> {
  return run<CheckRow>(
    `UNWIND $ids AS sid
     MATCH (:Entity {id: sid})<-[:CHECKS]-(c:ValidationCheck)
     RETURN c.id AS id, sid AS subjectId, c.kind AS kind, c.metric AS metric, c.value AS value, c.threshold AS threshold, c.passed AS passed
     ORDER BY subjectId, id`,
    { ids: subjectIds },
  );
}
