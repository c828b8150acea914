// The audit log stored one node per writing transaction (store/audit.queries.ts): an
// (:AuditBlock) holds its events' fields as lists, found by the seq of its first event.
CREATE CONSTRAINT audit_block_first IF NOT EXISTS FOR (b:AuditBlock) REQUIRE b.first IS UNIQUE;
// Converts the events stored one node each, 10,000 by seq per transaction until none is left
// (a conversion cut short resumes where it stopped). A block holds consecutive events that share
// their time, actor and action and chain to each other as stored, so every stored field, an
// edited one too, reads back as it was. Each event's subject entity indexes its seq as new
// writes do (store/audit.queries.ts appendAuditEvents): the entity's auditSeq, or else appended
// to its laterAuditSeqs.
// @repeat until n = 0
MATCH (e:AuditEvent) WHERE e.seq IS NOT NULL
WITH e ORDER BY e.seq LIMIT 10000
WITH collect(e {.*}) AS es, collect(e) AS nodes
FOREACH (n IN nodes | DELETE n)
WITH es
CALL (es) {
  UNWIND es AS e
  MATCH (n:Entity {id: e.subjectId}) WHERE coalesce(n.auditSeq, -1) <> e.seq
  SET n.laterAuditSeqs = coalesce(n.laterAuditSeqs, []) + e.seq
}
WITH es, [i IN range(0, size(es) - 1) WHERE i = 0 OR es[i].seq <> es[i - 1].seq + 1 OR es[i].prevHash <> es[i - 1].hash
            OR es[i].at <> es[i - 1].at OR es[i].actor <> es[i - 1].actor OR es[i].action <> es[i - 1].action] AS starts
CALL (es, starts) {
  UNWIND range(0, size(starts) - 1) AS g
  WITH es[starts[g]..coalesce(starts[g + 1], size(es))] AS part
  CREATE (:AuditBlock {first: part[0].seq, at: part[0].at, actor: part[0].actor, action: part[0].action, prevHash: part[0].prevHash,
                       subjectIds: [x IN part | x.subjectId], payloadHashes: [x IN part | x.payloadHash], hashes: [x IN part | x.hash],
                       levels: [x IN part | reduce(s = '', h IN coalesce(x.levels, []) | s + CASE s WHEN '' THEN '' ELSE ',' END + h)]})
}
RETURN size(es) AS n;
DROP CONSTRAINT audit_event_seq IF EXISTS;
DROP INDEX audit_event_subject IF EXISTS;
