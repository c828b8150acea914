// Data assets, jobs and runs reported through OpenLineage (DOMAIN.md 9). Their ids are unique
// through :Entity like every other node; these serve the filters of Query.dataAssets.
CREATE INDEX data_asset_namespace IF NOT EXISTS FOR (a:DataAsset) ON (a.namespace);
CREATE INDEX data_asset_kind IF NOT EXISTS FOR (a:DataAsset) ON (a.kind);
