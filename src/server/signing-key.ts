/**
 * The Ed25519 key that signs audit checkpoints: PROVGRAPH_SIGNING_KEY (a PKCS#8 PEM, or the
 * base64 of a raw 32-byte seed), else `<data dir>/signing-key.pem`, generated on first start.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Config } from "../config.js";
import type { SigningKey } from "../domain/checkpoint.js";

// PKCS#8 DER prefix of an Ed25519 private key; the 32-byte seed follows (RFC 8410).
const ED25519_PKCS8_PREFIX = Buffer.from("302e020100300506032b657004220420", "hex");

function parse(text: string): KeyObject {
  if (text.includes("BEGIN")) return createPrivateKey(text);
  const seed = Buffer.from(text.trim(), "base64");
  if (seed.length !== 32) throw new Error("PROVGRAPH_SIGNING_KEY must be a PKCS#8 PEM or the base64 of a 32-byte Ed25519 seed");
  return createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]), format: "der", type: "pkcs8" });
}

export function loadSigningKey(config: Config, log: (msg: string) => void = () => {}): SigningKey {
  let privateKey: KeyObject;
  if (config.signingKey) privateKey = parse(config.signingKey);
  else {
    const file = join(config.dataDir, "signing-key.pem");
    if (!existsSync(file)) {
      mkdirSync(config.dataDir, { recursive: true });
      const { privateKey: generated } = generateKeyPairSync("ed25519");
      writeFileSync(file, generated.export({ type: "pkcs8", format: "pem" }), { mode: 0o600 });
      log(`generated an audit signing key in ${file}`);
    }
    privateKey = createPrivateKey(readFileSync(file, "utf8"));
  }
  if (privateKey.asymmetricKeyType !== "ed25519") throw new Error("the audit signing key must be an Ed25519 key");
  const raw = createPublicKey(privateKey).export({ format: "der", type: "spki" }).subarray(-32);
  return { privateKey, publicKey: raw.toString("base64"), keyId: createHash("sha256").update(raw).digest("hex").slice(0, 8) };
}
