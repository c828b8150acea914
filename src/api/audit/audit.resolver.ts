import { Arg, Authorized, Ctx, ID, Int, Query, Resolver } from "type-graphql";
import type { Context } from "../../server/context.js";
import { auditTrail, verifyAuditLog } from "../../services/audit-log.js";
import { AuditEventConnection } from "../common/page.type.js";
import { AuditVerification } from "./audit.type.js";

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
  @Query(() => AuditVerification, { description: "Re-hashes the whole chain from the first event and reports the first invalid one." })
  verifyAuditLog(@Ctx() ctx: Context) {
    return verifyAuditLog(ctx.executor);
  }
}
