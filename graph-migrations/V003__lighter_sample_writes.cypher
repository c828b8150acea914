// Every sample paid for two extra indexes at ingest. Pages of samples walk the entity_id
// index (in id order, filtered by label) instead, and the origin filter is applied on the way.
DROP INDEX sample_id IF EXISTS;
DROP INDEX sample_origin IF EXISTS;
