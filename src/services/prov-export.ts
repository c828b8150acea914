/** provExport (DOMAIN.md 10.1): the UPSTREAM lineage walk, written as a W3C PROV document. */
import { provDocument, type ProvDocument, type ProvNode } from "../exports/prov-document.js";
import { renderProv, type ProvFormat } from "../exports/render-prov.js";
import { findEntities } from "../store/entities.queries.js";
import type { Executor } from "../store/executor.js";
import { lineage } from "./lineage.js";

/** Labels whose PROV record needs more than the walk reads: activities' times, a labeler's kind. */
const DETAILED = new Set(["GenerationRun", "TrainingRun", "JobRun", "Labeler"]);

/**
 * An export is a file taken away, not a page of an answer: it may hold ten times the nodes a
 * `lineage` answer does (a model's upstream with a hundred thousand samples).
 */
export const PROV_MAX_LIMIT = 100_000;

const text = (value: unknown) => (typeof value === "string" ? value : null);

/** The document of everything upstream of `of`; `baseUrl` makes the `pg:` namespace (`<baseUrl>/id/`). */
export async function provExportDocument(
  executor: Executor,
  of: string,
  depth: number,
  limit: number,
  baseUrl: string,
): Promise<ProvDocument> {
  return executor.read("provExport", async (run) => {
    const walk = await lineage(run, of, "UPSTREAM", depth, limit, PROV_MAX_LIMIT);
    const details = await findEntities(
      run,
      walk.nodes.filter((n) => DETAILED.has(n.label)).map((n) => n.id),
    );
    const nodes: ProvNode[] = walk.nodes.map((n) => {
      const d = details.get(n.id);
      return {
        id: n.id,
        label: n.label,
        name: n.name,
        origin: n.origin,
        kind: text(d && "kind" in d ? d.kind : null),
        startedAt: text(d && "startedAt" in d ? d.startedAt : null),
        endedAt: text(d && "endedAt" in d ? d.endedAt : null),
      };
    });
    return provDocument(`${baseUrl}/id/`, walk.root, nodes, walk.edges, walk.truncated);
  });
}

export async function provExport(
  executor: Executor,
  of: string,
  depth: number,
  limit: number,
  format: ProvFormat,
  baseUrl: string,
): Promise<string> {
  return renderProv(await provExportDocument(executor, of, depth, limit, baseUrl), format);
}
