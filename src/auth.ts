/**
 * Roles and API keys (PROVGRAPH_API_KEYS), for GraphQL (api/) and the HTTP routes (server/)
 * alike: the presented key is hashed and compared in constant time with every configured key's
 * SHA-256; the keys themselves are not kept. Roles nest: writer and auditor include reader,
 * admin includes everything.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import { DomainError } from "./domain/errors.js";

export type Role = "reader" | "writer" | "auditor" | "admin";
export const ROLES: readonly Role[] = ["reader", "writer", "auditor", "admin"];

export interface ApiKey {
  actor: string;
  roles: Role[];
  /** SHA-256 of the key: the key itself is never kept in memory after start-up. */
  keyHash: Buffer;
}

export function hashKey(key: string): Buffer {
  return createHash("sha256").update(key, "utf8").digest();
}

export interface Principal {
  actor: string;
  roles: ReadonlySet<Role>;
}

const IMPLIED: Record<Role, Role[]> = {
  reader: ["reader"],
  writer: ["reader", "writer"],
  auditor: ["reader", "auditor"],
  admin: ["reader", "writer", "auditor", "admin"],
};

const OPEN_MODE: Principal = { actor: "anonymous", roles: new Set(IMPLIED.admin) };

function rolesOf(roles: readonly Role[]): Set<Role> {
  return new Set(roles.flatMap((r) => IMPLIED[r]));
}

/** The principal of an `Authorization` header; UNAUTHENTICATED without a known key. */
export function authenticate(keys: readonly ApiKey[], header: string | undefined): Principal {
  if (keys.length === 0) return OPEN_MODE;
  const match = /^Bearer\s+(.+)$/i.exec(header ?? "");
  if (!match) throw new DomainError("UNAUTHENTICATED", "this API needs an API key: send 'Authorization: Bearer <key>'");
  const presented = hashKey(match[1]!.trim());
  let found: ApiKey | undefined;
  for (const key of keys) if (timingSafeEqual(presented, key.keyHash) && !found) found = key; // no early exit
  if (!found) throw new DomainError("UNAUTHENTICATED", "unknown API key");
  return { actor: found.actor, roles: rolesOf(found.roles) };
}

export function requireRole(principal: Principal, role: Role, what: string): void {
  if (!principal.roles.has(role)) {
    throw new DomainError("FORBIDDEN", `actor '${principal.actor}' may not ${what}: it needs the ${role} role`);
  }
}
