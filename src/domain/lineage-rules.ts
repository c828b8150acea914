import { badInput, DomainError, quote } from "./errors.js";
import type { Origin } from "./model.js";

export interface SampleDraft {
  id: string;
  origin: Origin;
  generationRunId?: string | null;
  derivedFromIds?: readonly string[] | null;
}

/** DOMAIN.md 8 "Origins and edges": which runs and sources each origin needs. */
export function checkOrigin(sample: SampleDraft): void {
  const who = `sample ${quote(sample.id)}`;
  const sources = sample.derivedFromIds ?? [];
  switch (sample.origin) {
    case "REAL":
      if (sample.generationRunId)
        throw badInput(`${who} is REAL but names generationRunId ${quote(sample.generationRunId)}: real data has no generation run`);
      break;
    case "SYNTHETIC":
      if (!sample.generationRunId) throw badInput(`${who} is SYNTHETIC but names no generationRunId`);
      break;
    case "AUGMENTED":
      if (!sample.generationRunId) throw badInput(`${who} is AUGMENTED but names no generationRunId`);
      if (sources.length === 0)
        throw badInput(`${who} is AUGMENTED but names no derivedFromIds: an augmentation transforms an existing sample`);
      break;
    default: {
      const never: never = sample.origin;
      throw badInput(`${who} has unknown origin ${String(never)}`);
    }
  }
  if (sources.includes(sample.id)) throw new DomainError("LINEAGE_CYCLE", `${who} names itself in derivedFromIds`);
  if (new Set(sources).size !== sources.length) throw badInput(`${who} names the same derivedFromIds entry twice`);
}

/**
 * Refuses a batch whose DERIVED_FROM edges close a cycle. Stored samples can only point at
 * samples that existed before them, so a cycle can only run through samples of one batch:
 * checking the batch is checking the graph. Iterative DFS, O(samples + edges).
 */
export function checkAcyclic(samples: readonly SampleDraft[]): void {
  const sources = new Map(samples.map((s) => [s.id, s.derivedFromIds ?? []]));
  const state = new Map<string, "open" | "done">();
  for (const start of sources.keys()) {
    if (state.has(start)) continue;
    const path: string[] = [];
    const stack: Array<{ id: string; next: number }> = [{ id: start, next: 0 }];
    state.set(start, "open");
    path.push(start);
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const edges = sources.get(top.id)!;
      if (top.next < edges.length) {
        const to = edges[top.next++]!;
        if (!sources.has(to)) continue;
        if (state.get(to) === "open") {
          const cycle = [...path.slice(path.indexOf(to)), to].map(quote).join(" -> ");
          throw new DomainError("LINEAGE_CYCLE", `DERIVED_FROM would close a cycle: ${cycle}`);
        }
        if (state.get(to) === undefined) {
          state.set(to, "open");
          path.push(to);
          stack.push({ id: to, next: 0 });
        }
      } else {
        state.set(top.id, "done");
        path.pop();
        stack.pop();
      }
    }
  }
}

/**
 * Generation depth (DOMAIN.md 2) of every new sample of a batch. REAL = 0; a generated sample is
 * 1 + the deepest of its run's inputs (`runInputDepth`: seeds and the generator's training
 * data) and its sources, stored or in the batch. The batch must be acyclic.
 */
export function generationDepths(
  samples: readonly SampleDraft[],
  storedDepth: (id: string) => number,
  runInputDepth: (runId: string) => number,
): Map<string, number> {
  const byId = new Map(samples.map((s) => [s.id, s]));
  const depth = new Map<string, number>();
  const sourceDepth = (src: string) => (byId.has(src) ? depth.get(src) : storedDepth(src));
  // Iterative post-order walk: an in-batch chain may be 10,000 samples long.
  for (const root of samples) {
    const stack = [root];
    while (stack.length > 0) {
      const s = stack[stack.length - 1]!;
      if (depth.has(s.id)) {
        stack.pop();
        continue;
      }
      const pending = s.origin === "REAL" ? [] : (s.derivedFromIds ?? []).filter((src) => byId.has(src) && !depth.has(src));
      if (pending.length > 0) {
        stack.push(...pending.map((src) => byId.get(src)!));
        continue;
      }
      const inputs =
        s.origin === "REAL" ? -1 : Math.max(runInputDepth(s.generationRunId!), ...(s.derivedFromIds ?? []).map((src) => sourceDepth(src)!));
      depth.set(s.id, inputs + 1);
      stack.pop();
    }
  }
  return depth;
}
