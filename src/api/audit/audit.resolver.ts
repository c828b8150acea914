import { Arg, Authorized, Ctx, ID, Int, Query, Resolver } from "type-graphql";
import type { Context } from "../context.js";
import { auditTrail } from "../../services/audit-log.js";
import { verifyAuditLog } from "../../services/audit-verification.js";
import { auditCheckpoint, consistencyProof, inclusionProof } from "../../services/audit-proofs.js";
import { AuditEventConnection } from "../common/page.type.js";
import { Priced, PRICE } from "../common/priced.js";
import { AuditCheckpoint, AuditProof, AuditVerification } from "./audit.type.js";

@Resolver()
export class AuditResolver {
  @Authorized("auditor")
  @Query(() => AuditEventConnection, { description: "The audit log in ascending seq: all of it, or one subject's events." })
  auditTrail(
    @Ctx() ctx: Context,
    @Arg("subjectId", () => ID, { nullable: true, description: "Only the events of this subject." }) subjectId?: string,
    @Arg("first", () => Int, { nullable: true, description: "Page size: default 100, at most 500." }) first?: number,
    @Arg("after", () => String, { nullable: true, description: "The endCursor of the previous page." }) after?: string,
  ) {
    return auditTrail(ctx.executor, subjectId ?? null, { first, after });
  }

  @Authorized("auditor")
  @Priced(PRICE.REPORT)
  @Query(() => AuditVerification, { description: "Re-hashes the whole chain from the first event and reports the first invalid one." })
  verifyAuditLog(@Ctx() ctx: Context) {
    return verifyAuditLog(ctx.executor, ctx.signingKey);
  }

  @Authorized("auditor")
  @Query(() => AuditCheckpoint, {
    description: "A signed statement of the log's Merkle tree: every event committed before it was asked for.",
  })
  auditCheckpoint(@Ctx() ctx: Context) {
    return ctx.executor.read("auditCheckpoint", (run) => auditCheckpoint(run, ctx.signingKey));
  }

  @Authorized("auditor")
  @Query(() => AuditProof, { description: "Proof that event `seq` (leaf index seq - 1) is in the tree of size `treeSize`." })
  auditInclusionProof(
    @Arg("seq", () => Int, { description: "The event's seq." }) seq: number,
    @Arg("treeSize", () => Int, { description: "The size of the tree, e.g. a checkpoint's treeSize." }) treeSize: number,
    @Ctx() ctx: Context,
  ) {
    return ctx.executor.read("auditInclusionProof", (run) => inclusionProof(run, seq, treeSize));
  }

  @Authorized("auditor")
  @Query(() => AuditProof, { description: "Proof that the tree of size `fromSize` is a prefix of the tree of size `toSize`." })
  auditConsistencyProof(
    @Arg("fromSize", () => Int, { description: "The older size, e.g. an old checkpoint's treeSize." }) fromSize: number,
    @Arg("toSize", () => Int, { description: "The newer size." }) toSize: number,
    @Ctx() ctx: Context,
  ) {
    return ctx.executor.read("auditConsistencyProof", (run) => consistencyProof(run, fromSize, toSize));
  }
}
