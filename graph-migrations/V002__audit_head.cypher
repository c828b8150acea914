// The single head of the audit chain: every writing transaction locks it first.
MERGE (h:AuditHead {key: 'audit'})
  ON CREATE SET h.seq = 0, h.hash = '0000000000000000000000000000000000000000000000000000000000000000';
