import { Field, ID, ObjectType } from "type-graphql";
import { NodeInterface } from "../node.type.js";
import { DateTimeScalar } from "../scalars.js";

@ObjectType("Job", {
  implements: NodeInterface,
  description: "A recurring process that reports OpenLineage: a dbt model, an Airflow task, a Feast definition.",
})
export class Job implements NodeInterface {
  /** Set by the store; `Node.resolveType` reads it. Not a GraphQL field. */
  declare readonly __typename: "Job";

  @Field(() => ID, { description: "job:<namespace>/<name>, or job:sha256:<hex> where that is over 256 characters." })
  id!: string;

  @Field(() => String, { description: "The OpenLineage job namespace." })
  namespace!: string;

  @Field(() => String, { description: "The OpenLineage job name." })
  name!: string;
}

@ObjectType("JobRun", { implements: NodeInterface, description: "One execution of a job." })
export class JobRun implements NodeInterface {
  /** Set by the store; `Node.resolveType` reads it. Not a GraphQL field. */
  declare readonly __typename: "JobRun";

  @Field(() => ID, { description: "The OpenLineage runId." })
  id!: string;

  @Field(() => DateTimeScalar, { nullable: true, description: "The earliest START event's time." })
  startedAt?: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: "The latest COMPLETE, FAIL or ABORT event's time." })
  endedAt?: string | null;
}
