import type { AuditorReport } from "../services/auditor-report.js";
import { ASSET_HEAD, assetsText, trainedOnIds, VIEW_HEAD } from "./assets-text.js";
import { auditText } from "./audit-text.js";
import { cell, pct } from "./escape.js";

const table = (head: string[], rows: unknown[][]) =>
  [`| ${head.join(" | ")} |`, `| ${head.map(() => "---").join(" | ")} |`, ...rows.map((r) => `| ${r.map(cell).join(" | ")} |`)].join("\n");

/** The auditor report as Markdown: the verdict first, then the same content as the HTML, as tables. */
export function renderMarkdown(r: AuditorReport): string {
  const c = r.composition;
  const failed = r.checks.filter((x) => x.status === "FAILED").map((x) => x.rule);
  const audit = auditText(r.audit);
  const assets = assetsText(r);
  return [
    `# ${r.ready ? "READY" : "NOT READY"}: ${r.model.name} ${r.model.version}`,
    "",
    r.ready ? "No readiness check failed." : `Failed: ${failed.join(", ")}.`,
    "",
    `Model version \`${r.modelVersionId}\` (${r.model.kind}), trained on ${trainedOnIds(r)
      .map((id) => `\`${id}\``)
      .join(", ")}.`,
    "",
    "## Readiness checks",
    "",
    table(
      ["rule", "status", "detail", "violations", "first violations"],
      r.checks.map((x) => [x.rule, x.status, x.detail, x.violationCount, x.violations.slice(0, 5).join("; ")]),
    ),
    "",
    "## Training data",
    "",
    table(
      ["total", "real", "synthetic", "augmented", "synthetic ratio", "deepest generation"],
      [[c.total, c.real, c.synthetic, c.augmented, pct(c.syntheticRatio), c.maxGenerationDepth]],
    ),
    "",
    `Synthetic ratio: recorded ${r.recordedComposition ? pct(r.recordedComposition.syntheticRatio) : "(none)"}, declared ${r.declaredSyntheticRatio === null ? "(none)" : pct(r.declaredSyntheticRatio)}, now ${pct(c.syntheticRatio)}.`,
    "",
    "### By generator",
    "",
    table(
      ["generator", "samples", "share"],
      c.byGenerator.map((e) => [e.key, e.count, pct(e.share)]),
    ),
    "",
    "### By generation depth",
    "",
    table(
      ["depth", "samples", "share"],
      c.byGenerationDepth.map((e) => [e.key, e.count, pct(e.share)]),
    ),
    "",
    "## Training assets",
    "",
    assets.rows.length ? table(ASSET_HEAD, assets.rows) : "No data asset: trained on sealed dataset versions only.",
    "",
    ...(assets.features ? [assets.features, "", table(VIEW_HEAD, assets.views), ""] : []),
    "## Slice balance",
    "",
    `Jensen-Shannon divergence between the slice distributions of REAL and generated training samples: ${r.sliceBalance.realVsGeneratedDivergence === null ? "not defined" : `${r.sliceBalance.realVsGeneratedDivergence.toFixed(4)} bits`}. Ungrounded slices (90% or more generated): ${r.sliceBalance.ungroundedSlices.join(", ") || "none"}.`,
    "",
    table(
      ["slice", "samples", "real", "synthetic", "augmented", "generated share"],
      r.sliceBalance.slices.map((x) => [x.slice, x.total, x.real, x.synthetic, x.augmented, pct(x.syntheticShare)]),
    ),
    "",
    "## Evaluations",
    "",
    r.evaluations.length
      ? table(
          ["evaluation", "dataset version", "purpose", "samples", "all real", "metrics"],
          r.evaluations.map((e) => [e.id, e.datasetVersionId, e.purpose, e.samples, e.allReal ? "yes" : "no", JSON.stringify(e.metrics)]),
        )
      : "No evaluation recorded.",
    "",
    "## Generation runs",
    "",
    r.generationRuns.length
      ? table(
          ["run", "purpose", "generator", "checks", "reviews"],
          r.generationRuns.map((g) => [
            g.id,
            g.purpose,
            g.generatorId,
            g.checks.map((k) => `${k.kind} ${k.metric}=${k.value} ${k.passed ? "passed" : "failed"}`).join("; ") || "none",
            g.reviews.map((v) => `${v.decision} by ${v.reviewerId} (${v.reviewerKind})`).join("; ") || "none",
          ]),
        )
      : "No generated training data.",
    "",
    "## Label agreement of the evaluation sets",
    "",
    r.labelAgreement.some((a) => a.rows.length)
      ? table(
          ["dataset version", "labelers", "items", "observed", "Cohen's kappa", "Krippendorff's alpha"],
          r.labelAgreement.flatMap((a) =>
            a.rows.map((row) => [
              a.datasetVersionId,
              row.labelers.join(", "),
              row.items,
              row.observedAgreement.toFixed(3),
              row.cohenKappa?.toFixed(3) ?? "-",
              row.krippendorffAlpha.toFixed(3),
            ]),
          ),
        )
      : "No evaluation set has labels from two labelers.",
    "",
    "## Audit log",
    "",
    `Chain ${r.audit.valid ? "verified" : "BROKEN"}: ${audit.checked}`,
    "",
    ...(audit.checkpoint ? [audit.checkpoint, ""] : []),
    `Generated ${r.generatedAt} by ${r.generatedBy}.`,
    "",
  ].join("\n");
}
