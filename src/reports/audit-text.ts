import type { AuditorReport } from "../services/auditor-report.js";

/** What a report says about the audit chain, as plain text (the HTML escapes it). */
export function auditText(audit: AuditorReport["audit"]): { checked: string; checkpoint: string | null } {
  const events = audit.checked.toLocaleString("en-US");
  const scope =
    audit.verifiedFrom === 0
      ? "from the first event"
      : `the events after ${audit.verifiedFrom.toLocaleString("en-US")}, the last verified point (verifyAuditLog re-hashes every event)`;
  const cp = audit.checkpoint;
  return {
    checked: `${events} events checked, ${scope}; head ${audit.headHash}.`,
    checkpoint: cp
      ? `Signed checkpoint of the verified log: tree size ${cp.treeSize.toLocaleString("en-US")}, root ${cp.rootHash}, at ${cp.at}, key ${cp.keyId}, Ed25519 signature ${cp.signature}.`
      : null,
  };
}
