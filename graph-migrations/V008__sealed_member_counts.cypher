// What slice balance and the lineage picture read of a sealed version, stored when it is sealed
// (src/services/seal-version.ts) as JSON text: its members counted per (slice, origin),
// `sliceOriginCounts`, and per (generating run, origin), `memberCounts`. This counts them for
// the versions sealed before. Strings are written as JSON strings, escaping `\`, `"`, newline,
// carriage return and tab; a version whose slices, origins or run ids hold another control
// character is left without them, and the readers count its members when asked.
MATCH (v:DatasetVersion)
WHERE v.sealedAt IS NOT NULL AND (v.sliceOriginCounts IS NULL OR v.memberCounts IS NULL)
CALL (v) {
  MATCH (v)-[:CONTAINS]->(s:Sample)
  WITH s.slice AS slice, s.origin AS origin, count(*) AS count
  RETURN collect({key: ['slice', 'origin'], values: [slice, origin], count: count}) AS slices
}
CALL (v) {
  MATCH (v)-[:CONTAINS]->(s:Sample)
  OPTIONAL MATCH (s)-[:GENERATED_BY]->(r:GenerationRun)
  WITH r.id AS runId, s.origin AS origin, count(*) AS count
  RETURN collect({key: ['runId', 'origin'], values: [runId, origin], count: count}) AS members
}
WITH v, [rows IN [slices, members] |
  [row IN rows |
    '{' + reduce(text = '', i IN range(0, 1) | text + '"' + row.key[i] + '":' +
      CASE WHEN row.values[i] IS NULL THEN 'null'
           ELSE '"' + replace(replace(replace(replace(replace(row.values[i], '\\', '\\\\'), '"', '\\"'), '\n', '\\n'), '\r', '\\r'), '\t', '\\t') + '"'
      END + ',') + '"count":' + toString(row.count) + '}']] AS texts,
  [rows IN [slices, members] | [row IN rows | row.values]] AS strings
WHERE NOT any(x IN reduce(all = [], l IN strings | all + reduce(flat = [], values IN l | flat + values))
              WHERE x IS NOT NULL AND x =~ '(?s).*[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F].*')
SET v.sliceOriginCounts = '[' + reduce(text = '', t IN texts[0] | text + CASE WHEN text = '' THEN '' ELSE ',' END + t) + ']',
    v.memberCounts = '[' + reduce(text = '', t IN texts[1] | text + CASE WHEN text = '' THEN '' ELSE ',' END + t) + ']';
