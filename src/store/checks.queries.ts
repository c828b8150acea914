/** The validation checks and reviews recorded on subjects (runs, versions, model versions). */
import type { DiversityCheck } from "../domain/diversity.js";
import type { Run } from "./executor.js";
import { VOCABULARY_PARAMS as V } from "./vocabulary-params.js";

export interface RunFacts {
  id: string;
  purpose: string;
  aligned: boolean;
  downstreamValidated: boolean;
  expertApproved: boolean;
}

/** A passed check on `r` of the kind in parameter `$<param>`. */
const PASSED = (param: "alignment" | "downstream") => `EXISTS { (r)<-[:CHECKS]-(:ValidationCheck {kind: $${param}, passed: true}) }`;

export function runFacts(run: Run, runIds: readonly string[]): Promise<RunFacts[]> {
  return run<RunFacts>(
    `UNWIND $ids AS rid
     MATCH (r:Entity:GenerationRun {id: rid})
     RETURN r.id AS id, r.purpose AS purpose,
            ${PASSED("alignment")} AS aligned,
            ${PASSED("downstream")} AS downstreamValidated,
            EXISTS { (r)<-[:REVIEWS]-(:Review {decision: $approved})-[:BY]->(:Labeler {kind: $expert}) } AS expertApproved
     ORDER BY id`,
    { ids: runIds, alignment: V.alignment, downstream: V.downstream, approved: V.approved, expert: V.expert },
  );
}

export async function modelDownstreamValidated(run: Run, modelVersionId: string): Promise<boolean> {
  const [row] = await run<{ ok: boolean }>(`MATCH (r:Entity {id: $id}) RETURN ${PASSED("downstream")} AS ok`, {
    id: modelVersionId,
    downstream: V.downstream,
  });
  return row?.ok ?? false;
}

/** DIVERSITY checks with a generation, recorded on any of the subjects. */
export function diversityChecks(run: Run, subjectIds: readonly string[]): Promise<DiversityCheck[]> {
  return run<DiversityCheck>(
    `UNWIND $ids AS sid
     MATCH (:Entity {id: sid})<-[:CHECKS]-(c:ValidationCheck {kind: $diversity})
     WHERE c.generation IS NOT NULL
     RETURN DISTINCT c.generation AS generation, c.value AS value, c.createdAt AS createdAt, c.auditSeq AS auditSeq`,
    { ids: subjectIds, diversity: V.diversity },
  );
}

export function reviewsOf(run: Run, subjectId: string) {
  return run<{ id: string; decision: string; reviewerKind: string; at: string; auditSeq: number }>(
    `MATCH (:Entity {id: $id})<-[:REVIEWS]-(r:Review)-[:BY]->(l:Labeler)
     RETURN r.id AS id, r.decision AS decision, l.kind AS reviewerKind, r.at AS at, r.auditSeq AS auditSeq`,
    { id: subjectId },
  );
}
