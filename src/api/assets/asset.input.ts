import { Field, InputType } from "type-graphql";
import { DeclaredOrigin } from "./asset-enums.js";

@InputType("AssetRefInput", { description: "A data asset by its OpenLineage namespace and name." })
export class AssetRefInput {
  @Field(() => String, { description: "The dataset namespace, e.g. duckdb:///warehouse/tickets.duckdb." })
  namespace!: string;

  @Field(() => String, { description: "The dataset name, e.g. tickets.main.stg_real." })
  name!: string;
}

@InputType("AssetOriginInput", { description: "A declaration of what an asset holds." })
export class AssetOriginInput {
  @Field(() => AssetRefInput, { description: "The asset; created when provgraph has not heard of it yet." })
  asset!: AssetRefInput;

  @Field(() => DeclaredOrigin, { description: "What it holds." })
  origin!: DeclaredOrigin;

  @Field(() => String, { nullable: true, description: "Why, in words." })
  note?: string | null;
}
