/** Ids of the nodes OpenLineage names (DOMAIN.md 9.1 "Ids"). */
import { sha256Hex } from "./canonical-json.js";
import { obj } from "./json-access.js";

export interface Named {
  id: string;
  namespace: string;
  name: string;
}

const MAX_ID = 256;

/** `<prefix>:<namespace>/<name>`, or `<prefix>:sha256:<hex>` where that is over 256 characters. */
function nodeId(prefix: "asset" | "job", namespace: string, name: string): string {
  const plain = `${prefix}:${namespace}/${name}`;
  return plain.length <= MAX_ID ? plain : `${prefix}:sha256:${sha256Hex(`${namespace}/${name}`)}`;
}

export const assetId = (namespace: string, name: string) => nodeId("asset", namespace, name);
export const jobId = (namespace: string, name: string) => nodeId("job", namespace, name);

/** The id, namespace and name of an OpenLineage dataset or job. */
export const named = (prefix: "asset" | "job", v: unknown): Named => {
  const { namespace, name } = obj(v) as { namespace: string; name: string };
  return { id: nodeId(prefix, namespace, name), namespace, name };
};
