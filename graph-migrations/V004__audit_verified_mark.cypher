// The last verified point of the audit chain: a checkpoint the server signed when every event up
// to it had verified, and the chain hash there. Verifications start from it (services/audit-verification.ts).
MERGE (:AuditVerified {key: 'audit'});
