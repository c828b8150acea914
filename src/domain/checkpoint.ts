/** The text an audit checkpoint's Ed25519 signature covers (API.graphql, AuditCheckpoint). */
export function checkpointMessage(treeSize: number, rootHash: string, at: string): string {
  return `provgraph-checkpoint\n${treeSize}\n${rootHash}\n${at}\n`;
}
