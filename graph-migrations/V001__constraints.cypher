// Ids are unique across every entity type: each entity node also carries :Entity.
CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE;
// The audit log: one event per sequence number, found by subject.
CREATE CONSTRAINT audit_event_seq IF NOT EXISTS FOR (e:AuditEvent) REQUIRE e.seq IS UNIQUE;
CREATE INDEX audit_event_subject IF NOT EXISTS FOR (e:AuditEvent) ON (e.subjectId);
CREATE CONSTRAINT audit_head_key IF NOT EXISTS FOR (h:AuditHead) REQUIRE h.key IS UNIQUE;
// Ordered pages of samples, and the filters of Query.samples.
CREATE INDEX sample_id IF NOT EXISTS FOR (s:Sample) ON (s.id);
CREATE INDEX sample_origin IF NOT EXISTS FOR (s:Sample) ON (s.origin);
CREATE INDEX dataset_purpose IF NOT EXISTS FOR (d:Dataset) ON (d.purpose);
CREATE INDEX model_kind IF NOT EXISTS FOR (m:Model) ON (m.kind);
