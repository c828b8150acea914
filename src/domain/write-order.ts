/** Something recorded at a time, with the audit seq of its write where known. */
export interface Recorded {
  createdAt: string;
  auditSeq?: number;
}

/**
 * Does `candidate` supersede `kept` as the latest record: a later createdAt, or the same one and
 * not an earlier write by auditSeq (without seqs, the later of the two in the input wins).
 */
export function supersedes(candidate: Recorded, kept: Recorded | undefined): boolean {
  if (!kept) return true;
  if (candidate.createdAt !== kept.createdAt) return candidate.createdAt > kept.createdAt;
  return !(typeof kept.auditSeq === "number" && typeof candidate.auditSeq === "number" && candidate.auditSeq < kept.auditSeq);
}
