import type { AuditorReport } from "../services/auditor-report.js";
import { pct } from "./escape.js";

/** At most `n` ids, then how many more. */
const some = (ids: readonly string[], n = 5) =>
  ids.length === 0 ? "none" : ids.slice(0, n).join(", ") + (ids.length > n ? ` and ${ids.length - n} more` : "");

export const ASSET_HEAD = ["asset", "kind", "origin", "basis", "synthetic upstream", "unknown upstream", "conflict"];
export const VIEW_HEAD = ["feature view", "origin", "features"];

/**
 * What a report says about the training assets (DOMAIN.md 9.2, 9.3), as plain text cells (the
 * HTML escapes them): one row per asset, and the feature composition in words and per view.
 */
export function assetsText(r: AuditorReport): { rows: string[][]; features: string | null; views: string[][] } {
  const rows = r.trainingAssets.map((a) => [
    a.id,
    a.kind,
    a.origin.syntheticRatio === null ? a.origin.origin : `${a.origin.origin} (${pct(a.origin.syntheticRatio)} synthetic)`,
    a.origin.basis,
    some(a.origin.syntheticUpstream),
    some(a.origin.unknownUpstream),
    a.origin.conflict ?? "none",
  ]);
  const f = r.featureComposition;
  const recorded = r.recordedFeatureComposition;
  return {
    rows,
    features: f
      ? `${f.total} features: ${f.real} real, ${f.synthetic} synthetic, ${f.mixed} mixed, ${f.unknown} unknown; synthetic feature share now ${pct(f.syntheticFeatureShare)}, recorded at registration ${recorded ? pct(recorded.syntheticFeatureShare) : "(none)"}.`
      : null,
    views: (f?.byFeatureView ?? []).map((v) => [v.featureView, v.origin, String(v.features)]),
  };
}

/** What the model version was trained on, as a list of ids: dataset versions, then assets. */
export const trainedOnIds = (r: AuditorReport) => [...r.model.trainedOn, ...r.trainingAssets.map((a) => a.id)];
