/** Reading JSON that a schema has checked the shape of, without casts at every step. */
export type Json = Record<string, unknown>;
export const obj = (v: unknown): Json => (v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Json) : {});
export const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
export const text = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
export const texts = (v: unknown): string[] => list(v).filter((x): x is string => typeof x === "string");
