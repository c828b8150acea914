/** The executable schema, built from the type-graphql classes (code first). */
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from "graphql";
import { buildSchema, type AuthChecker, type ClassType } from "type-graphql";
import { requireRole, type Role } from "../auth.js";
import type { Context } from "./context.js";
import { DatasetAssetsResolver, ModelVersionAssetsResolver, TrainingRunAssetsResolver } from "./assets/asset-links.resolver.js";
import { AssetOriginResolver, DataAssetResolver, FeatureViewOriginResolver } from "./assets/assets.resolver.js";
import { JobResolver, JobRunResolver } from "./assets/jobs.resolver.js";
import { AuditResolver } from "./audit/audit.resolver.js";
import { ReportResolver } from "./audit/report.resolver.js";
import { DatasetResolver, DatasetVersionResolver } from "./datasets/datasets.resolver.js";
import { ExportsResolver } from "./exports/exports.resolver.js";
import { GenerationRunResolver, GeneratorResolver } from "./generation/generation.resolver.js";
import { GovernanceQueryResolver, ModelVersionReadinessResolver } from "./governance/governance-queries.resolver.js";
import { ReviewResolver, ValidationCheckResolver } from "./governance/governance.resolver.js";
import { LineageResolver } from "./lineage/lineage.resolver.js";
import { EvaluationResolver, ModelResolver, ModelVersionResolver, TrainingRunResolver } from "./models/models.resolver.js";
import { connectionResolvers, NodeResolver } from "./node.resolver.js";
import { LabelerResolver, LabelResolver, SampleResolver } from "./samples/samples.resolver.js";
import { DateTimeScalar } from "./scalars.js";

/** Roles nest (auth.ts); a refusal names the field and the role it needs. */
const authChecker: AuthChecker<Context, Role> = ({ context, info }, roles) => {
  for (const role of roles) requireRole(context.principal, role, `use ${info.parentType.name}.${info.fieldName}`);
  return true;
};

const RESOLVERS = [
  SampleResolver,
  LabelResolver,
  LabelerResolver,
  GeneratorResolver,
  GenerationRunResolver,
  DatasetResolver,
  DatasetVersionResolver,
  ModelResolver,
  ModelVersionResolver,
  TrainingRunResolver,
  EvaluationResolver,
  ValidationCheckResolver,
  ReviewResolver,
  GovernanceQueryResolver,
  ModelVersionReadinessResolver,
  LineageResolver,
  AuditResolver,
  ReportResolver,
  ExportsResolver,
  DataAssetResolver,
  AssetOriginResolver,
  FeatureViewOriginResolver,
  JobResolver,
  JobRunResolver,
  DatasetAssetsResolver,
  TrainingRunAssetsResolver,
  ModelVersionAssetsResolver,
  NodeResolver,
  ...connectionResolvers,
] as const;

export async function createSchema(): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: RESOLVERS as unknown as [ClassType, ...ClassType[]],
    authChecker,
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
    validate: false,
  });
  schema.getQueryType()!.description = "Reads: entities by id, pages, provenance, composition, governance and the audit log.";
  schema.getMutationType()!.description = "Writes: idempotent, all-or-nothing, each recorded in the audit log.";
  return schema;
}

/** The committed SDL: a header, then the schema sorted by name (independent of module load order). */
export function printEmittedSchema(schema: GraphQLSchema): string {
  return `# Emitted from the type-graphql classes by \`npm run schema\`; do not edit by hand.\n# A test fails when this file is stale.\n\n${printSchema(lexicographicSortSchema(schema))}\n`;
}
