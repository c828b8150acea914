// The marker the origin walk rests on (src/store/asset-origin.queries.ts): true on exactly the
// assets with an origin of their own (a declaration, a generating run among their writers, a
// sealed dataset materialised as them).
MATCH (a:DataAsset)
WHERE EXISTS { (a)-[:DECLARED]->(:OriginDeclaration) }
   OR EXISTS { (a)-[:WRITTEN_BY]->(:JobRun)-[:IS_GENERATION]->(:GenerationRun) }
   OR EXISTS { (a)<-[:MATERIALIZED_AS]-(:Dataset)<-[:VERSION_OF]-(v:DatasetVersion) WHERE v.sealedAt IS NOT NULL }
SET a.hasOwnOrigin = true;
