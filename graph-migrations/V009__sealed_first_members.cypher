// The first 100 members by id of each generating run, stored when a version is sealed
// (src/services/seal-version.ts) as JSON text, `firstMembersByRun`: the purpose rules list a
// sealed version's first offending members from it. This stores it for the versions sealed
// before. Strings are escaped as in V008; a version whose run or sample ids hold another
// control character is left without it, and the rules read its members when asked.
MATCH (v:DatasetVersion)
WHERE v.sealedAt IS NOT NULL AND v.firstMembersByRun IS NULL
CALL (v) {
  MATCH (v)-[:CONTAINS]->(s:Sample)
  WHERE s.generationRunId IS NOT NULL
  WITH s.generationRunId AS runId, s.id AS id ORDER BY id
  WITH runId, collect(id)[..100] AS first
  RETURN collect({run: runId, first: first}) AS runs
}
WITH v, [r IN runs | [r.run] + r.first] AS runs
WHERE NOT any(x IN reduce(flat = [], ids IN runs | flat + ids) WHERE x =~ '(?s).*[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F].*')
WITH v, [ids IN runs |
  [x IN ids | '"' + replace(replace(replace(replace(replace(x, '\\', '\\\\'), '"', '\\"'), '\n', '\\n'), '\r', '\\r'), '\t', '\\t') + '"']] AS quoted
SET v.firstMembersByRun = '{' + reduce(text = '', ids IN quoted |
  text + CASE WHEN text = '' THEN '' ELSE ',' END + ids[0] + ':[' +
  reduce(list = '', id IN ids[1..] | list + CASE WHEN list = '' THEN '' ELSE ',' END + id) + ']') + '}';
