/** croissant (DOMAIN.md 10.2): gathers what provgraph knows of a sealed dataset version. */
import { croissantJsonLd, type CroissantRun } from "../exports/croissant.js";
import { sliceBalance } from "../domain/slice-balance.js";
import { badInput, quote } from "../domain/errors.js";
import { auditPage } from "../store/audit.queries.js";
import { findEntities } from "../store/entities.queries.js";
import { isSealed, recordOf } from "../store/records.js";
import type { Executor } from "../store/executor.js";
import { checksOn, versionLabelers } from "../store/export.queries.js";
import { requireEntity } from "./lookup.js";
import { versionLabelAgreement } from "./sample-sets.js";
import { setSliceCounts } from "./slice-balance.js";

/** A version's own events (create, additions, seal) fit in one page of this size. */
const SUBJECT_EVENTS = 10_000;

export function croissant(executor: Executor, datasetVersionId: string, baseUrl: string): Promise<Record<string, unknown>> {
  return executor.read("croissant", async (run) => {
    const version = await requireEntity(run, datasetVersionId, ["DatasetVersion"], "dataset version");
    if (!isSealed(version))
      throw badInput(
        `dataset version ${quote(version.id)} is not sealed: Croissant describes a sealed version (its member manifest and digest are fixed when it is sealed)`,
      );
    const runIds = version.runIds ?? [];
    const counts = version.runSampleCounts ?? {};
    const related = await findEntities(run, [version.datasetId, ...runIds]);
    const generationRuns = runIds.map((id) => recordOf(related, id, "GenerationRun"));
    const refs = await findEntities(
      run,
      generationRuns.flatMap((r) => [r.generatorId, ...(r.promptId ? [r.promptId] : [])]),
    );
    const runs: CroissantRun[] = generationRuns.map((r) => {
      const g = recordOf(refs, r.generatorId, "Generator");
      const p = r.promptId ? recordOf(refs, r.promptId, "PromptTemplate") : null;
      return {
        id: r.id,
        purpose: r.purpose,
        samples: counts[r.id] ?? 0,
        generator: { id: g.id, name: g.name, kind: g.kind, version: g.version, model: g.model ?? null },
        prompt: p && { id: p.id, name: p.name, version: p.version },
        seedSampleIds: r.seedSampleIds ?? [],
        randomSeed: r.randomSeed ?? null,
      };
    });
    const dataset = recordOf(related, version.datasetId, "Dataset");
    const events = await auditPage(run, version.id, 0, SUBJECT_EVENTS);
    const checks = await checksOn(run, [version.id, ...runIds]);
    return croissantJsonLd({
      baseUrl,
      version: {
        id: version.id,
        version: version.version,
        sealedAt: version.sealedAt,
        digest: version.digest,
        composition: version.composition,
        sealedBy: events.findLast((e) => e.action === "sealDatasetVersion")?.actor ?? "unknown",
      },
      dataset: { id: dataset.id, name: dataset.name, purpose: dataset.purpose, license: dataset.license ?? null },
      runs,
      labelers: await versionLabelers(run, version.id),
      agreement: await versionLabelAgreement(run, version.id),
      sliceBalance: sliceBalance(await setSliceCounts(run, version)),
      failedChecks: checks.filter((k) => !k.passed),
    });
  });
}
