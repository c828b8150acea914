import { badInput, quote } from "./errors.js";

const MAX_ID_LENGTH = 256;
const MAX_BATCH = 10_000;

/** Ids are client-supplied, 1-256 characters, compared byte for byte (no trimming, no case folding). */
export function checkId(what: string, id: string): void {
  if (id.length < 1 || id.length > MAX_ID_LENGTH) {
    throw badInput(`${what} id ${quote(id)} must be 1-${MAX_ID_LENGTH} characters (it has ${id.length})`);
  }
}

/** A batch is 1..10,000 items; an empty batch is allowed and changes nothing. */
export function checkBatchSize(what: string, size: number): void {
  if (size > MAX_BATCH) throw badInput(`a batch holds at most ${MAX_BATCH} ${what}; this one has ${size}`);
}

/** Refuses a batch that names the same id twice: which of the two would be the truth? */
export function checkDistinct(what: string, ids: readonly string[]): void {
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) throw badInput(`${what} ${quote(id)} appears more than once in the batch`);
    seen.add(id);
  }
}
