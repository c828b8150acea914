import { badInput, notFound, quote } from "../domain/errors.js";
import type { Run } from "../store/executor.js";
import {
  FOLDED_LEVELS,
  FOLDED_ROWS,
  lineageStep,
  lineageWalk,
  type Direction,
  type StepRow,
  type WalkProps,
} from "../store/lineage.queries.js";

export interface LineageNode {
  id: string;
  label: string;
  name: string | null;
  origin: string | null;
  distance: number;
}

export interface LineageEdge {
  from: string;
  to: string;
  type: string;
}

export interface LineageGraph {
  root: string;
  nodes: LineageNode[];
  edges: LineageEdge[];
  truncated: boolean;
}

const MAX_DEPTH = 100;
/** The most nodes a `lineage` answer holds; an export may ask for more (`maxLimit`). */
export const MAX_LIMIT = 10_000;

/** The values given, those present joined by a space; null when none is. */
const text = (...values: Array<string | null>) => values.filter((v) => v !== null && v !== "").join(" ") || null;

/** A readable name for a node, from what its type has. */
function nameOf(label: string, p: WalkProps): string | null {
  switch (label) {
    case "Sample":
      return text(p.kind, p.slice);
    case "GenerationRun":
      return text(p.purpose);
    case "Label":
      return text(p.value);
    case "ValidationCheck":
      return text(p.kind, p.metric);
    case "Review":
      return text(p.decision);
    case "DatasetVersion":
    case "ModelVersion":
      return text(p.version);
    default:
      return text(p.name, p.version);
  }
}

/**
 * Breadth-first walk from `rootId`; a node's distance is the level it was first reached at (the
 * shortest). One query reads the root and the first levels (up to FOLDED_LEVELS, while they are
 * small); any further or bigger level is one query, and nodes with nothing to follow end the walk without
 * another. Each level is bounded in the database. `truncated` is true exactly when a node
 * reachable within `depth` was left out for `limit` (the root counts).
 */
export async function lineage(
  run: Run,
  rootId: string,
  direction: Direction,
  depth: number,
  limit: number,
  maxLimit = MAX_LIMIT,
): Promise<LineageGraph> {
  if (!Number.isInteger(depth) || depth < 0 || depth > MAX_DEPTH) throw badInput(`depth must be between 0 and ${MAX_DEPTH}; got ${depth}`);
  if (!Number.isInteger(limit) || limit < 1 || limit > maxLimit) throw badInput(`limit must be between 1 and ${maxLimit}; got ${limit}`);
  // Enough rows to fill the room the limit leaves and show it is exceeded, were each row a new
  // node, and one more per frontier node; when every row asked for came back without settling
  // the level (edges to known nodes), the level is asked again for more. The first query asks a
  // level for no more than a level from the root needs, nor more than FOLDED_ROWS.
  const budget = (room: number, frontier: number) => room + 1 + frontier;
  const folded = Math.min(depth, FOLDED_LEVELS);
  const foldedRows = Math.min(budget(limit, 1), FOLDED_ROWS);
  const first = await lineageWalk(run, direction, rootId, folded, depth > folded, foldedRows);
  if (!first) throw notFound(`${quote(rootId)} names nothing`);
  const { root } = first;

  const nodes = new Map<string, LineageNode>([
    [rootId, { id: rootId, label: root.label, name: nameOf(root.label, root.props), origin: root.props.origin, distance: 0 }],
  ]);
  const edges = new Map<string, LineageEdge>();
  let frontier = [rootId]; // level 1 is in `first`, empty for a container root
  let truncated = false;

  for (let level = 1; level <= depth && frontier.length > 0 && !truncated; level++) {
    const room = limit - nodes.size;
    let want = level <= first.levels.length ? foldedRows : budget(room, frontier.length);
    let rows = level <= first.levels.length ? first.levels[level - 1]! : await lineageStep(run, direction, frontier, want);
    while (rows.length >= want && countNew(rows, nodes) <= room)
      rows = await lineageStep(run, direction, frontier, (want = Math.max(4 * want, budget(room, frontier.length))));
    const next: string[] = [];
    for (const row of rows) {
      if (!nodes.has(row.id)) {
        if (nodes.size >= limit) {
          truncated = true;
          continue;
        }
        nodes.set(row.id, {
          id: row.id,
          label: row.label,
          name: nameOf(row.label, row.props),
          origin: row.props.origin,
          distance: level,
        });
        if (row.onward) next.push(row.id);
      }
      const edge = row.out ? { from: row.source, to: row.id, type: row.type } : { from: row.id, to: row.source, type: row.type };
      edges.set(`${edge.from}\u0000${edge.type}\u0000${edge.to}`, edge);
    }
    frontier = next;
  }
  return { root: rootId, nodes: [...nodes.values()], edges: [...edges.values()], truncated };
}

function countNew(rows: readonly StepRow[], known: ReadonlyMap<string, unknown>): number {
  return new Set(rows.filter((r) => !known.has(r.id)).map((r) => r.id)).size;
}

/** Everything downstream of `id` (at any distance) that a fault in it taints. */
export function impact(run: Run, id: string, limit: number): Promise<LineageGraph> {
  return lineage(run, id, "DOWNSTREAM", MAX_DEPTH, limit);
}
