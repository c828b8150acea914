/** croissant (DOMAIN.md 10.2): gathers what provgraph knows of a sealed dataset version. */
import { croissantJsonLd, type CroissantRun } from "../exports/croissant.js";
import { sliceBalance } from "../domain/slice-balance.js";
import { badInput, quote } from "../domain/errors.js";
import type { Composition } from "../domain/model.js";
import { auditPage } from "../store/audit.queries.js";
import { findEntities } from "../store/entities.queries.js";
import type { Executor } from "../store/executor.js";
import { checksOn, versionLabelers } from "../store/export.queries.js";
import { sliceOriginCounts } from "../store/sample-sets.queries.js";
import { requireEntity } from "./lookup.js";
import { versionLabelAgreement } from "./sample-sets.js";

/** A version's own events (create, additions, seal) fit in one page of this size. */
const SUBJECT_EVENTS = 10_000;

const text = (value: unknown) => (typeof value === "string" ? value : null);

export function croissant(executor: Executor, datasetVersionId: string, baseUrl: string): Promise<Record<string, unknown>> {
  return executor.read("croissant", async (run) => {
    const version = await requireEntity(run, datasetVersionId, ["DatasetVersion"], "dataset version");
    if (!version.sealedAt)
      throw badInput(
        `dataset version ${quote(version.id)} is not sealed: Croissant describes a sealed version (its member manifest and digest are fixed when it is sealed)`,
      );
    const runIds = (version.runIds as string[] | undefined) ?? [];
    const counts = (version.runSampleCounts as Record<string, number> | undefined) ?? {};
    const related = await findEntities(run, [version.datasetId as string, ...runIds]);
    const refs = await findEntities(
      run,
      runIds.flatMap((id) => [
        related.get(id)!.generatorId as string,
        ...(text(related.get(id)!.promptId) ? [related.get(id)!.promptId as string] : []),
      ]),
    );
    const runs: CroissantRun[] = runIds.map((id) => {
      const r = related.get(id)!;
      const g = refs.get(r.generatorId as string)!;
      const p = text(r.promptId) ? refs.get(r.promptId as string)! : null;
      return {
        id,
        purpose: r.purpose as string,
        samples: counts[id] ?? 0,
        generator: { id: g.id, name: g.name as string, kind: g.kind as string, version: g.version as string, model: text(g.model) },
        prompt: p && { id: p.id, name: p.name as string, version: p.version as string },
        seedSampleIds: (r.seedSampleIds as string[] | undefined) ?? [],
        randomSeed: text(r.randomSeed),
      };
    });
    const dataset = related.get(version.datasetId as string)!;
    const events = await auditPage(run, version.id, 0, SUBJECT_EVENTS);
    const checks = await checksOn(run, [version.id, ...runIds]);
    return croissantJsonLd({
      baseUrl,
      version: {
        id: version.id,
        version: version.version as string,
        sealedAt: version.sealedAt as string,
        digest: version.digest as string,
        composition: version.composition as Composition,
        sealedBy: events.findLast((e) => e.action === "sealDatasetVersion")?.actor ?? "unknown",
      },
      dataset: { id: dataset.id, name: dataset.name as string, purpose: dataset.purpose as string, license: text(dataset.license) },
      runs,
      labelers: await versionLabelers(run, version.id),
      agreement: await versionLabelAgreement(run, version.id),
      sliceBalance: sliceBalance(await sliceOriginCounts(run, "datasetVersion", version.id)),
      failedChecks: checks.filter((k) => !k.passed),
    });
  });
}
