import { Field, ID, Int, ObjectType } from "type-graphql";
import { DateTimeScalar } from "../scalars.js";

@ObjectType("AuditEvent", { description: "One entry of the append-only, hash-chained audit log." })
export class AuditEvent {
  @Field(() => Int, { description: "Position in the log, from 1, without gaps." })
  seq!: number;

  @Field(() => DateTimeScalar, { description: "When the write happened." })
  at!: string;

  @Field(() => String, { description: "The actor of the API key (anonymous in open development mode)." })
  actor!: string;

  @Field(() => String, { description: "The mutation's field name, e.g. ingestSamples." })
  action!: string;

  @Field(() => ID, { description: "The subject written." })
  subjectId!: string;

  @Field(() => String, { description: "SHA-256 of the RFC 8785 JSON of the subject's input." })
  payloadHash!: string;

  @Field(() => String, { description: "The previous event's hash (64 zeros for the first)." })
  prevHash!: string;

  @Field(() => String, { description: "sha256(prevHash + RFC 8785 JSON of {seq, at, actor, action, subjectId, payloadHash})." })
  hash!: string;
}

@ObjectType("AuditVerification", { description: "The result of re-hashing the whole audit chain." })
export class AuditVerification {
  @Field(() => Boolean, { description: "True when every event checks out and the chain ends at the head." })
  valid!: boolean;

  @Field(() => Int, { description: "Events checked." })
  checked!: number;

  @Field(() => Int, { nullable: true, description: "The first event that does not check out." })
  firstInvalidSeq?: number | null;

  @Field(() => String, { description: "The hash of the chain's head." })
  headHash!: string;
}

// The contract's own words: an auditor recomputes the root and checks the signature from them alone.
@ObjectType("AuditCheckpoint", {
  description: [
    "A signed statement of the audit log's Merkle tree at one size. Leaves are the events in seq",
    "order; leaf i's entry is the 32 bytes of event (i+1)'s `hash`; leaf hash = SHA-256(0x00 || entry),",
    "node hash = SHA-256(0x01 || left || right), as in RFC 9162. `rootHash` is lowercase hex.",
    "`signature` is base64 Ed25519 over the UTF-8 text",
    '"provgraph-checkpoint\\n" + treeSize + "\\n" + rootHash + "\\n" + at + "\\n" (at as returned);',
    "`publicKey` is the base64 raw 32-byte key; `keyId` the first 8 hex chars of SHA-256(raw key).",
  ].join("\n"),
})
export class AuditCheckpoint {
  @Field(() => Int, { description: "Events covered." })
  treeSize!: number;

  @Field(() => String, { description: "The Merkle root, lowercase hex." })
  rootHash!: string;

  @Field(() => DateTimeScalar, { description: "When the checkpoint was made." })
  at!: string;

  @Field(() => String, { description: "The first 8 hex characters of SHA-256(raw public key)." })
  keyId!: string;

  @Field(() => String, { description: "The raw 32-byte Ed25519 public key, base64." })
  publicKey!: string;

  @Field(() => String, { description: "The Ed25519 signature, base64." })
  signature!: string;
}

@ObjectType("AuditProof", {
  description: "An inclusion proof (leafIndex set) or a consistency proof: the audit path, hex hashes in RFC 9162 order.",
})
export class AuditProof {
  @Field(() => Int, { nullable: true, description: "The leaf proved (seq - 1), for an inclusion proof." })
  leafIndex?: number | null;

  @Field(() => Int, { description: "The tree size the proof is for." })
  treeSize!: number;

  @Field(() => Int, { nullable: true, description: "The older tree size, for a consistency proof." })
  fromSize?: number | null;

  @Field(() => [String], { description: "The proof's hashes, lowercase hex." })
  hashes!: string[];
}
