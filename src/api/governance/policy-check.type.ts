import { Field, ID, Int, ObjectType } from "type-graphql";
import { CheckStatus } from "../enums.js";
import { DateTimeScalar, JSONScalar } from "../scalars.js";

@ObjectType("PolicyCheck", { description: "The verdict of one governance rule, with its evidence and violations." })
export class PolicyCheck {
  @Field(() => String, {
    description: "One of the readiness rules (EVAL_SETS_REAL, NO_LEAKAGE, ...) or PURPOSE_RESPECTED for a dataset version.",
  })
  rule!: string;

  @Field(() => CheckStatus, { description: "PASSED, FAILED or NOT_APPLICABLE." })
  status!: CheckStatus;

  @Field(() => String, { description: "One line a person understands." })
  detail!: string;

  @Field(() => Int, { description: "How many violations there are in all." })
  violationCount!: number;

  @Field(() => [String], { description: "The first 100 violating ids or descriptions." })
  violations!: string[];

  @Field(() => JSONScalar, { nullable: true, description: "Ids and counts the verdict rests on." })
  evidence?: unknown;
}

@ObjectType("ReadinessReport", { description: "The auditor's checklist for one model version: ready only if no check fails." })
export class ReadinessReport {
  @Field(() => ID, { description: "The model version." })
  modelVersionId!: string;

  @Field(() => Boolean, { description: "True when no check failed." })
  ready!: boolean;

  @Field(() => [PolicyCheck], { description: "The ten checks, in checklist order." })
  checks!: PolicyCheck[];

  @Field(() => DateTimeScalar, { description: "When the report was computed." })
  generatedAt!: string;
}
