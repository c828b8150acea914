import { count, verdict, type PolicyCheck } from "../domain/policy-check.js";
import { LOAD_TEST_USE, purposeViolation } from "../domain/purpose-policy.js";
import type { DatasetPurpose } from "../domain/model.js";
import type { Entity } from "../store/entities.queries.js";
import type { Run } from "../store/executor.js";
import { versionFacts, versionUsers } from "../store/membership.queries.js";

/**
 * PURPOSE_RESPECTED for one dataset version, evaluated now (DOMAIN.md 3): every member against
 * its purpose's rule and, for LOAD_TEST data, every model version that used it.
 */
export async function versionPolicy(run: Run, version: Entity): Promise<PolicyCheck> {
  const purpose = version.purpose as DatasetPurpose;
  const members = await versionFacts(run, version.id);
  const violations: string[] = [];
  for (const sample of members) {
    const rule = purposeViolation(purpose, sample);
    if (rule !== null) violations.push(`${sample.id}: ${rule}`);
  }
  if (purpose === "LOAD_TEST") for (const model of await versionUsers(run, version.id)) violations.push(`${model}: ${LOAD_TEST_USE}`);
  const detail =
    violations.length === 0
      ? `all ${count(members.length, "sample")} meet the ${purpose} rules`
      : `${count(violations.length, "violation")} of the ${purpose} rules among ${count(members.length, "sample")}`;
  return verdict("PURPOSE_RESPECTED", violations, detail, { purpose, enforcement: version.enforcement, samples: members.length });
}
