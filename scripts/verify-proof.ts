/**
 * Checks provgraph's audit proofs offline, without the server (npm run verify-proof -- ...):
 *
 *   checkpoint  <checkpoint.json> [--public-key <base64>]
 *   inclusion   <checkpoint.json> <proof.json> <event hash, hex>
 *   consistency <old-checkpoint.json> <new-checkpoint.json> <proof.json>
 *
 * <checkpoint.json> is what `auditCheckpoint` returned, <proof.json> what `auditInclusionProof`
 * or `auditConsistencyProof` returned (the bare object or a whole GraphQL response). Every check
 * also verifies the checkpoints' Ed25519 signatures; --public-key pins the key you trust (from
 * GET /audit/public-key). Exit code 0: valid; 1: invalid; 2: usage.
 */
import { createPublicKey, verify } from "node:crypto";
import { readFileSync } from "node:fs";
import { checkpointMessage } from "../src/domain/checkpoint.js";
import { leafHash, verifyConsistency, verifyInclusion } from "../src/domain/merkle.js";

interface Checkpoint {
  treeSize: number;
  rootHash: string;
  at: string;
  publicKey: string;
  signature: string;
}

/** The object itself, or the one inside a GraphQL response ({ data: { field: object } }). */
function load<T>(file: string): T {
  const json = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
  const data = json.data as Record<string, unknown> | undefined;
  return (data ? Object.values(data)[0] : json) as T;
}

const hex = (h: string) => Buffer.from(h, "hex");
const SPKI_ED25519 = Buffer.from("302a300506032b6570032100", "hex");

function signed(cp: Checkpoint, pinned: string | undefined): boolean {
  if (pinned && pinned !== cp.publicKey) return false;
  const key = createPublicKey({ key: Buffer.concat([SPKI_ED25519, Buffer.from(cp.publicKey, "base64")]), format: "der", type: "spki" });
  return verify(null, Buffer.from(checkpointMessage(cp.treeSize, cp.rootHash, cp.at), "utf8"), key, Buffer.from(cp.signature, "base64"));
}

function main(argv: string[]): number {
  const pinIndex = argv.indexOf("--public-key");
  const pinned = pinIndex >= 0 ? argv[pinIndex + 1] : undefined;
  const [command, ...files] = pinIndex >= 0 ? argv.filter((_, i) => i !== pinIndex && i !== pinIndex + 1) : argv;
  const report = (ok: boolean, what: string) => {
    console.log(`${ok ? "VALID" : "INVALID"}: ${what}`);
    return ok ? 0 : 1;
  };
  if (command === "checkpoint" && files.length === 1) {
    const cp = load<Checkpoint>(files[0]!);
    return report(signed(cp, pinned), `checkpoint of ${cp.treeSize} events, root ${cp.rootHash}`);
  }
  if (command === "inclusion" && files.length === 3) {
    const cp = load<Checkpoint>(files[0]!);
    const proof = load<{ leafIndex: number; treeSize: number; hashes: string[] }>(files[1]!);
    const ok =
      signed(cp, pinned) &&
      proof.treeSize === cp.treeSize &&
      verifyInclusion(proof.leafIndex, cp.treeSize, leafHash(hex(files[2]!)), proof.hashes.map(hex), hex(cp.rootHash));
    return report(ok, `event ${proof.leafIndex + 1} in the signed tree of ${cp.treeSize} events`);
  }
  if (command === "consistency" && files.length === 3) {
    const [older, newer] = [load<Checkpoint>(files[0]!), load<Checkpoint>(files[1]!)];
    const proof = load<{ fromSize: number; treeSize: number; hashes: string[] }>(files[2]!);
    const ok =
      signed(older, pinned) &&
      signed(newer, pinned) &&
      proof.fromSize === older.treeSize &&
      proof.treeSize === newer.treeSize &&
      verifyConsistency(older.treeSize, newer.treeSize, hex(older.rootHash), hex(newer.rootHash), proof.hashes.map(hex));
    return report(ok, `the log of ${newer.treeSize} events extends the one of ${older.treeSize}`);
  }
  console.error(
    "usage: verify-proof checkpoint <cp.json> | inclusion <cp.json> <proof.json> <event-hash> | consistency <old-cp.json> <new-cp.json> <proof.json> [--public-key <base64>]",
  );
  return 2;
}

process.exit(main(process.argv.slice(2)));
