import type { AuditorReport } from "../services/auditor-report.js";
import { renderLineageSvg } from "../exports/lineage-svg.js";
import { ASSET_HEAD, assetsText, trainedOnIds, VIEW_HEAD } from "./assets-text.js";
import { auditText } from "./audit-text.js";
import { barChart, originBar, sliceBalanceChart } from "./charts.js";
import { escapeHtml as e, pct } from "./escape.js";

const STYLE = `
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1d1d1f; max-width: 980px; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin: 0 0 .3rem; } h2 { font-size: 1.15rem; margin: 2rem 0 .6rem; border-bottom: 1px solid #ddd; padding-bottom: .2rem; }
.verdict { padding: 1rem 1.2rem; border-radius: 8px; color: #fff; margin-bottom: 1rem; }
.verdict.ready { background: #2f6f4f; } .verdict.not-ready { background: #a33a36; }
.verdict strong { font-size: 2rem; letter-spacing: .04em; display: block; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; } th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid #e5e5e5; vertical-align: top; }
th { background: #f5f5f7; } .PASSED { color: #2f6f4f; font-weight: 600; } .FAILED { color: #a33a36; font-weight: 600; } .NOT_APPLICABLE { color: #777; }
code { font-size: .85em; word-break: break-all; } .muted { color: #777; } figure.chart { margin: .8rem 0; } figcaption { font-weight: 600; margin-bottom: .3rem; }
svg text { font-size: 12px; fill: #333; } .lineage-figure { margin: .8rem 0; } .lineage-figure svg { max-width: 100%; height: auto; } ul.v { margin: 0; padding-left: 1.1rem; }
@media print { body { margin: 0; max-width: none; font-size: 11pt; } .verdict { -webkit-print-color-adjust: exact; print-color-adjust: exact; } h2 { break-after: avoid; } tr { break-inside: avoid; } }
`;

const table = (head: string[], rows: string[][]) =>
  `<table><thead><tr>${head.map((h) => `<th>${e(h)}</th>`).join("")}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join("")}</tr>`).join("")}</tbody></table>`;

/** DOMAIN.md 10.3: the divergence in words, the chart, the table. */
function sliceBalance(r: AuditorReport): string {
  const b = r.sliceBalance;
  const divergence =
    b.realVsGeneratedDivergence === null
      ? "not defined (no REAL or no generated samples)"
      : `<strong>${b.realVsGeneratedDivergence.toFixed(4)} bits</strong> (0: generated samples spread over the slices as real ones do; 1: no slice in common)`;
  const ungrounded = b.ungroundedSlices.length
    ? `<p class="FAILED">Ungrounded (90% or more generated): ${b.ungroundedSlices.map((x) => `<code>${e(x)}</code>`).join(", ")}.</p>`
    : `<p class="muted">No slice is 90% or more generated.</p>`;
  const rows = b.slices.map((x) => [
    `<code>${e(x.slice)}</code>`,
    x.total.toLocaleString("en-US"),
    x.real.toLocaleString("en-US"),
    x.synthetic.toLocaleString("en-US"),
    x.augmented.toLocaleString("en-US"),
    pct(x.syntheticShare),
  ]);
  return `<p>Jensen-Shannon divergence between the slice distributions of REAL and generated training samples: ${divergence}.</p>${ungrounded}${sliceBalanceChart(b.slices)}${table(["slice", "samples", "real", "synthetic", "augmented", "generated share"], rows)}`;
}

/** The training assets with their origins (a conflict in red), then the feature composition. */
function trainingAssets(r: AuditorReport): string {
  const { rows, features, views } = assetsText(r);
  if (rows.length === 0) return `<p class="muted">No data asset: trained on sealed dataset versions only.</p>`;
  const cells = rows.map(([id, ...rest]) => {
    const conflict = rest.pop()!;
    return [`<code>${e(id!)}</code>`, ...rest.map(e), conflict === "none" ? conflict : `<span class="FAILED">${e(conflict)}</span>`];
  });
  const composition = features
    ? `<p>${e(features)}</p>${table(
        VIEW_HEAD,
        views.map((v) => v.map(e)),
      )}`
    : "";
  return table(ASSET_HEAD, cells) + composition;
}

/** One self-contained, printable page: inline CSS and SVG, no script, no external request. The verdict comes first. */
export function renderHtml(r: AuditorReport): string {
  const c = r.composition;
  const failed = r.checks.filter((x) => x.status === "FAILED");
  const verdict = r.ready ? "READY" : "NOT READY";
  const audit = auditText(r.audit);
  const checks = table(
    ["rule", "status", "detail", "violations"],
    r.checks.map((x) => [
      `<strong>${e(x.rule)}</strong>`,
      `<span class="${x.status}">${x.status}</span>`,
      e(x.detail),
      x.violationCount === 0
        ? ""
        : `${x.violationCount.toLocaleString("en-US")}<ul class="v">${x.violations
            .slice(0, 5)
            .map((v) => `<li><code>${e(v)}</code></li>`)
            .join("")}</ul>`,
    ]),
  );
  const evaluations = r.evaluations.length
    ? table(
        ["evaluation", "dataset version", "purpose", "samples", "real data", "metrics"],
        r.evaluations.map((x) => [
          `<code>${e(x.id)}</code>`,
          `<code>${e(x.datasetVersionId)}</code>`,
          e(x.purpose),
          x.samples.toLocaleString("en-US"),
          x.allReal ? "all real" : `<span class="FAILED">not all real</span>`,
          `<code>${e(JSON.stringify(x.metrics))}</code>`,
        ]),
      )
    : `<p class="FAILED">No evaluation recorded: the model was never scored.</p>`;
  const runs = r.generationRuns.length
    ? table(
        ["run", "purpose", "generator", "checks", "reviews"],
        r.generationRuns.map((g) => [
          `<code>${e(g.id)}</code>`,
          e(g.purpose),
          `<code>${e(g.generatorId)}</code>`,
          g.checks
            .map(
              (k) =>
                `<span class="${k.passed ? "PASSED" : "FAILED"}">${e(k.kind)}</span> ${e(k.metric)} = ${k.value} (threshold ${k.threshold})`,
            )
            .join("<br>") || `<span class="muted">none</span>`,
          g.reviews.map((v) => `${e(v.decision)} by <code>${e(v.reviewerId)}</code> (${e(v.reviewerKind)})`).join("<br>") ||
            `<span class="muted">none</span>`,
        ]),
      )
    : `<p class="muted">No generated training data.</p>`;
  const agreementRows = r.labelAgreement.flatMap((a) =>
    a.rows.map((row) => [
      `<code>${e(a.datasetVersionId)}</code>`,
      e(row.labelers.join(", ")),
      String(row.items),
      row.observedAgreement.toFixed(3),
      row.cohenKappa === null ? "-" : row.cohenKappa.toFixed(3),
      row.krippendorffAlpha.toFixed(3),
    ]),
  );
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${verdict}: ${e(r.model.name)} ${e(r.model.version)} — provgraph auditor report</title><style>${STYLE}</style></head>
<body>
<div class="verdict ${r.ready ? "ready" : "not-ready"}"><strong>${verdict}</strong>${r.ready ? "No readiness check failed." : `Failed: ${failed.map((x) => e(x.rule)).join(", ")}.`}</div>
<h1>${e(r.model.name)} ${e(r.model.version)}</h1>
<p>Model version <code>${e(r.modelVersionId)}</code> (${e(r.model.kind)}), trained on ${trainedOnIds(r)
    .map((id) => `<code>${e(id)}</code>`)
    .join(", ")}.</p>
<h2>Readiness checks</h2>${checks}
<h2>Training data</h2>
<p>${c.total.toLocaleString("en-US")} distinct samples; synthetic ratio now <strong>${pct(c.syntheticRatio)}</strong>, recorded at registration ${r.recordedComposition ? pct(r.recordedComposition.syntheticRatio) : "(none)"}, declared by the pipeline ${r.declaredSyntheticRatio === null ? "(none)" : pct(r.declaredSyntheticRatio)}. Deepest generation: ${c.maxGenerationDepth}.</p>
${originBar(c.real, c.synthetic, c.augmented)}
${barChart("Generated samples by generator", c.byGenerator)}
${barChart("Samples by generation depth", c.byGenerationDepth)}
<h2>Training assets</h2>
${trainingAssets(r)}
<h2>Lineage</h2>
<p>Everything upstream of the model version, left to right; samples are counted on the edges that carry them.</p>
<figure class="lineage-figure">${renderLineageSvg(r.lineagePicture, `Lineage of ${r.modelVersionId}`)}</figure>
<h2>Slice balance</h2>
${sliceBalance(r)}
<h2>Evaluations</h2>${evaluations}
<h2>Generation runs</h2>${runs}
<h2>Label agreement of the evaluation sets</h2>
${agreementRows.length ? table(["dataset version", "labelers", "items", "observed", "Cohen's kappa", "Krippendorff's alpha"], agreementRows) : `<p class="muted">No evaluation set has labels from two labelers.</p>`}
<h2>Audit log</h2>
<p>Chain <span class="${r.audit.valid ? "PASSED" : "FAILED"}">${r.audit.valid ? "verified" : "BROKEN"}</span>: ${e(audit.checked)}</p>
${audit.checkpoint ? `<p class="muted"><code>${e(audit.checkpoint)}</code></p>` : ""}
<p class="muted">Generated ${e(r.generatedAt)} by ${e(r.generatedBy)} with provgraph.</p>
</body></html>
`;
}
