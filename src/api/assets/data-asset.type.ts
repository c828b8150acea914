import { Field, Float, ID, Int, ObjectType } from "type-graphql";
import { NodeInterface } from "../node.type.js";
import { DateTimeScalar, JSONScalar } from "../scalars.js";
import { AssetKind, AssetOriginClass, DeclaredOrigin, OriginBasis } from "./asset-enums.js";

@ObjectType("AssetField", { description: "A field (column, feature) of a data asset, from its schema facet." })
export class AssetField {
  @Field(() => String, { description: "The field's name." })
  name!: string;

  @Field(() => String, { nullable: true, description: "Its type, as the producer names it." })
  type?: string | null;

  @Field(() => String, { nullable: true, description: "Its description." })
  description?: string | null;
}

@ObjectType("DataAsset", {
  implements: NodeInterface,
  description: "A table, file, topic, feature view, feature service or feature-store source, named as OpenLineage names datasets.",
})
export class DataAsset implements NodeInterface {
  /** Set by the store; `Node.resolveType` reads it. Not a GraphQL field. */
  declare readonly __typename: "DataAsset";

  @Field(() => ID, { description: "asset:<namespace>/<name>, or asset:sha256:<hex> where that is over 256 characters." })
  id!: string;

  @Field(() => String, { description: "The OpenLineage dataset namespace." })
  namespace!: string;

  @Field(() => String, { description: "The OpenLineage dataset name." })
  name!: string;

  @Field(() => AssetKind, { description: "What it is, from the latest facets that say." })
  kind!: AssetKind;

  @Field(() => String, { nullable: true, description: "From the documentation facet." })
  description?: string | null;

  @Field(() => JSONScalar, { nullable: true, description: "Tags from OpenLineage's and Feast's tag facets, as a map." })
  tags?: unknown;

  @Field(() => Int, { nullable: true, description: "FEATURE_VIEW: its TTL in seconds." })
  ttlSeconds?: number | null;

  @Field(() => Boolean, { nullable: true, description: "FEATURE_VIEW: whether it is served online." })
  online?: boolean | null;
}

@ObjectType("OriginDeclaration", { description: "Someone's statement of what an asset holds; all are kept, the latest counts." })
export class OriginDeclaration {
  @Field(() => DeclaredOrigin, { description: "What it holds." })
  origin!: DeclaredOrigin;

  @Field(() => String, { nullable: true, description: "Why, in words." })
  note?: string | null;

  @Field(() => String, { description: "The actor of the key that declared it." })
  actor!: string;

  @Field(() => DateTimeScalar, { description: "When: the event time of a provgraph_origin facet, the write time of declareAssetOrigin." })
  at!: string;
}

@ObjectType("AssetOrigin", { description: "What a table, file or feature view holds, and why provgraph says so (DOMAIN.md 9.2)." })
export class AssetOrigin {
  @Field(() => AssetOriginClass, { description: "The origin class." })
  origin!: AssetOriginClass;

  @Field(() => OriginBasis, { description: "The basis for it." })
  basis!: OriginBasis;

  @Field(() => Float, { nullable: true, description: "Set where the basis is SAMPLES: the latest sealed version's synthetic ratio." })
  syntheticRatio?: number | null;

  @Field(() => String, {
    nullable: true,
    description: "A DECLARED REAL asset whose computed origin is SYNTHETIC or MIXED: names the first synthetic root.",
  })
  conflict?: string | null;
}

@ObjectType("FeatureViewOrigin", { description: "One feature view's share of a feature composition." })
export class FeatureViewOrigin {
  @Field(() => AssetOriginClass, { description: "The view's origin class." })
  origin!: AssetOriginClass;

  @Field(() => Int, { description: "How many of the features are attributed to it." })
  features!: number;
}

@ObjectType("FeatureComposition", {
  description: "Features of a feature service (or of a model's training assets) by the origin of their feature view.",
})
export class FeatureComposition {
  @Field(() => Int, { description: "Distinct features." })
  total!: number;

  @Field(() => Int, { description: "Features of REAL views." })
  real!: number;

  @Field(() => Int, { description: "Features of SYNTHETIC views." })
  synthetic!: number;

  @Field(() => Int, { description: "Features of MIXED views." })
  mixed!: number;

  @Field(() => Int, { description: "Features of UNKNOWN views, or of no known view." })
  unknown!: number;

  @Field(() => Float, { description: "(synthetic + mixed) / total; 0 when total is 0." })
  syntheticFeatureShare!: number;

  @Field(() => [FeatureViewOrigin], { description: "One row per feature view." })
  byFeatureView!: FeatureViewOrigin[];
}
