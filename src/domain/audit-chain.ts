import { canonicalJson, LONE_SURROGATE, sha256Hex } from "./canonical-json.js";
import { badInput, quote } from "./errors.js";

export const GENESIS_HASH = "0".repeat(64);

/** The part of an audit event that its hash covers (DOMAIN.md 8). */
export interface CanonicalEvent {
  seq: number;
  at: string;
  actor: string;
  action: string;
  subjectId: string;
  payloadHash: string;
}

export interface AuditEventRecord extends CanonicalEvent {
  prevHash: string;
  hash: string;
}

export interface ChainHead {
  seq: number;
  hash: string;
}

/** hash = sha256(prevHash + RFC 8785 JSON of the canonical event), lowercase hex. */
export function eventHash(prevHash: string, event: CanonicalEvent): string {
  return sha256Hex(prevHash + canonicalEvent(event));
}

/**
 * The RFC 8785 JSON of the canonical event, written directly: its members are fixed, so their
 * order is too (action, actor, at, payloadHash, seq, subjectId: sorted by code unit), and for
 * strings and finite numbers the canonical form is JSON.stringify's. Every event of a batch and
 * of a verification is hashed this way; anything else (a tampered event holding another type,
 * a lone surrogate) goes through `canonicalJson`, to which this is equal (tested).
 */
export function canonicalEvent(event: CanonicalEvent): string {
  const { seq, at, actor, action, subjectId, payloadHash } = event;
  const strings = [action, actor, at, payloadHash, subjectId];
  if (!Number.isFinite(seq) || !strings.every((value) => typeof value === "string" && !LONE_SURROGATE.test(value)))
    return canonicalJson({ seq, at, actor, action, subjectId, payloadHash });
  const [a, b, c, d, e] = strings.map((value) => JSON.stringify(value));
  return `{"action":${a},"actor":${b},"at":${c},"payloadHash":${d},"seq":${seq},"subjectId":${e}}`;
}

/**
 * SHA-256 of the RFC 8785 JSON of a subject's input after GraphQL coercion, with null or
 * absent top-level fields left out, so a client holding its payload can match the event.
 */
export function payloadHash(input: object): string {
  // canonicalJson already leaves out undefined members; a copy only where a null must go too.
  const present = (
    Object.values(input).includes(null) ? Object.fromEntries(Object.entries(input).filter(([, v]) => v !== null)) : input
  ) as Record<string, unknown>;
  try {
    return sha256Hex(canonicalJson(present));
  } catch (error) {
    // The one refusal a client can cause after GraphQL coercion: name the field it is in.
    const field = Object.keys(present).find((key) => !wellFormed(present[key]));
    if (field === undefined) throw error;
    const named = typeof present.id === "string" && field !== "id" ? `${quote(present.id)}: ` : "";
    throw badInput(`${named}${field} holds a lone surrogate (half of a UTF-16 pair), which is not Unicode text`);
  }
}

/**
 * False when a string, key or member holds a lone surrogate: JSON can spell one ("\\ud800"),
 * but it has no UTF-8 form, so it can be neither hashed as RFC 8785 asks nor stored as sent.
 */
function wellFormed(value: unknown): boolean {
  if (typeof value === "string") return !LONE_SURROGATE.test(value);
  if (Array.isArray(value)) return value.every(wellFormed);
  if (value !== null && typeof value === "object")
    return Object.entries(value).every(([key, member]) => !LONE_SURROGATE.test(key) && wellFormed(member));
  return true;
}

/** Appends one event per subject after `head`, in order. */
export function chainEvents(
  head: ChainHead,
  at: string,
  actor: string,
  action: string,
  subjects: ReadonlyArray<{ subjectId: string; payloadHash: string }>,
): AuditEventRecord[] {
  let prev = head;
  return subjects.map(({ subjectId, payloadHash }) => {
    const event = { seq: prev.seq + 1, at, actor, action, subjectId, payloadHash };
    const record = { ...event, prevHash: prev.hash, hash: eventHash(prev.hash, event) };
    prev = record;
    return record;
  });
}

/**
 * Checks a chain read in ascending seq, one event at a time, so a million events need not
 * be held in memory, from the first event or from one verified before. The first event that breaks seq continuity, its link or its own hash
 * is the first invalid one.
 */
export class ChainVerifier {
  checked = 0;
  firstInvalidSeq: number | null = null;

  /** Starts after `prev`: the genesis, or an event verified before. */
  constructor(private prev: ChainHead = { seq: 0, hash: GENESIS_HASH }) {}

  /** Returns false once the chain is broken (later events are not checked). */
  add(event: AuditEventRecord): boolean {
    if (this.firstInvalidSeq !== null) return false;
    this.checked++;
    const expectedSeq = this.prev.seq + 1;
    if (event.seq !== expectedSeq || event.prevHash !== this.prev.hash || event.hash !== eventHash(event.prevHash, event)) {
      this.firstInvalidSeq = Math.min(event.seq, expectedSeq);
      return false;
    }
    this.prev = event;
    return true;
  }

  get headHash(): string {
    return this.prev.hash;
  }

  /** The seq of the last event that verified (or of the starting point). */
  get headSeq(): number {
    return this.prev.seq;
  }
}
