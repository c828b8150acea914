/** The lineage picture of any node (DOMAIN.md 10.4): gathered level by level, laid out, drawn. */
import { compareCodePoints } from "../domain/code-points.js";
import { notFound, quote } from "../domain/errors.js";
import { pictureGraph, type PictureNode, type SampleGroup } from "../exports/lineage-picture.js";
import { layOut, type LaidOutPicture } from "../exports/picture-layout.js";
import { renderLineageSvg } from "../exports/lineage-svg.js";
import { findEntities } from "../store/entities.queries.js";
import type { Run } from "../store/executor.js";
import { pictureNeighbours, pictureSampleCounts, type SampleCount } from "../store/picture.queries.js";
import { isRecordOf, type EntityRecord } from "../store/records.js";

/** Readable at this size; beyond it the picture says more lies upstream. */
const MAX_NODES = 60;
const MAX_LEVELS = 12;

/** Versions and runs are told apart by id; everything else by its name where it has one. */
const BY_ID = new Set(["DatasetVersion", "ModelVersion", "GenerationRun", "TrainingRun", "JobRun"]);
const titleOf = (label: string, name: unknown, id: string) => (!BY_ID.has(label) && typeof name === "string" && name !== "" ? name : id);

export async function lineagePicture(run: Run, id: string): Promise<LaidOutPicture> {
  const root = (await findEntities(run, [id])).get(id);
  if (!root) throw notFound(`${quote(id)} names nothing`);
  const nodes = new Map<string, PictureNode>([
    [id, { id, label: root.__typename, title: titleOf(root.__typename, "name" in root ? root.name : null, id), root: true }],
  ]);
  const structure: Array<[string, string]> = [];
  const groups: SampleGroup[] = [];
  let frontier = [id];
  let truncated = false;
  for (let level = 0; level < MAX_LEVELS && frontier.length > 0; level++) {
    const next: string[] = [];
    for (const n of await pictureNeighbours(run, frontier)) {
      if (!nodes.has(n.id)) {
        if (nodes.size >= MAX_NODES) {
          truncated = true;
          continue;
        }
        nodes.set(n.id, { id: n.id, label: n.label, title: titleOf(n.label, n.name, n.id), root: false });
        next.push(n.id);
      }
      structure.push([n.from, n.id]);
    }
    for (const c of await sampleCounts(run, frontier, nodes)) {
      if (c.runId !== null && !nodes.has(c.runId)) {
        if (nodes.size >= MAX_NODES) truncated = true;
        else {
          nodes.set(c.runId, { id: c.runId, label: "GenerationRun", title: c.runId, root: false });
          next.push(c.runId);
        }
      }
      groups.push({ into: c.node, type: c.type, runId: c.runId, origin: c.origin, count: c.count });
    }
    frontier = next;
  }
  return layOut(pictureGraph([...nodes.values()], structure, groups, truncated));
}

/**
 * The samples feeding the frontier's nodes: a sealed version's members as sealing counted them
 * (they never change), everything else counted now; in one order either way, so that a sealed
 * version and its unsealed twin are drawn alike.
 */
async function sampleCounts(run: Run, frontier: readonly string[], nodes: ReadonlyMap<string, PictureNode>): Promise<SampleCount[]> {
  const versions = frontier.filter((id) => nodes.get(id)?.label === "DatasetVersion");
  const found = versions.length > 0 ? await findEntities(run, versions) : new Map<string, EntityRecord>();
  const stored = (id: string) => {
    const version = found.get(id);
    return isRecordOf(version, "DatasetVersion") ? version.memberCounts : null;
  };
  const counted = frontier.filter((id) => !stored(id));
  return [
    ...frontier.flatMap((id) => (stored(id) ?? []).map((m) => ({ node: id, type: "CONTAINS", ...m }))),
    ...(counted.length > 0 ? await pictureSampleCounts(run, counted) : []),
  ].sort(
    (a, b) =>
      compareCodePoints(a.node, b.node) ||
      compareCodePoints(a.type, b.type) ||
      compareCodePoints(a.runId ?? "", b.runId ?? "") ||
      compareCodePoints(a.origin, b.origin),
  );
}

export async function lineageSvg(run: Run, id: string): Promise<string> {
  return renderLineageSvg(await lineagePicture(run, id), `Lineage of ${id}`);
}
