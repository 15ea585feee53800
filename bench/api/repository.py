"""The Cypher of the API suite: the floor's statements (each operation as one statement sent straight through the
Python driver, returning the rows our API and the peer return) and the reads that draw the suite's inputs."""

PAGE = (
    "MATCH (n:Association {slug: $slug}) WHERE n.visibility IN $visibilities "
    "RETURN n {.slug, .name, .description, .members, .paidStaff, .languages, "
    "district: COLLECT { MATCH (n)-[:LOCATED_IN]->(d:District) RETURN d {.slug, .name} }[0], "
    "fields: COLLECT { MATCH (n)-[:ACTIVE_IN]->(f:Field) RETURN {slug: f.slug, label: f.labelDe} ORDER BY f.slug }, "
    "tools: COLLECT { MATCH (n)-[r:USES]->(t:Tool) "
    "RETURN {proficiency: r.proficiency, since: r.since, tool: t {.slug, .name, .openSource}} ORDER BY t.slug }, "
    "needs: COLLECT { MATCH (n)-[r:NEEDS]->(s:Skill) "
    "RETURN {minLevel: r.minLevel, priority: r.priority, skill: {slug: s.slug, label: s.labelDe}} "
    "ORDER BY r.priority, s.slug }, "
    "peerSuggestions: COLLECT { MATCH (n)<-[:FOR|OF]-(s:Suggestion {kind: 'PEER'})-[:FOR|OF]->(c:Association) "
    "WHERE s.status IN ['PROPOSED', 'ACCEPTED'] AND c <> n WITH s, c ORDER BY s.score DESC, s.id LIMIT 10 "
    "RETURN {score: s.score, reasons: s.reasons, candidate: c {.slug, .name}} }} AS association"
)

LIST = (
    "MATCH (:Tool {slug: $tools[0]})<-[:USES]-(n:Association) "
    "WHERE n.visibility = 'PUBLIC' AND all(t IN $tools WHERE EXISTS { (n)-[:USES]->(:Tool {slug: t}) }) "
    "AND EXISTS { (n)-[:LOCATED_IN]->(:District {slug: $district}) } "
    "WITH n ORDER BY n.slug LIMIT 21 "  # one more than a page says whether there is a next one
    "RETURN n {.slug, .name, tools: COLLECT { MATCH (n)-[r:USES]->(t:Tool) "
    "RETURN {proficiency: r.proficiency, tool: t {.slug, .name}} ORDER BY t.slug }} AS association"
)

SEARCH = (
    "CALL db.index.fulltext.queryNodes('party_text', $terms) YIELD node AS n, score "
    "WHERE n:Association AND n.visibility = 'PUBLIC' "
    "WITH n, score ORDER BY score DESC, n.slug LIMIT $first "
    "RETURN score, n {.slug, .name} AS association"
)

SET_TOOLS = (
    "MATCH (n:Association {slug: $slug}) "
    "CALL (n) { MATCH (n)-[r:USES]->(:Tool) DELETE r } "
    "CALL (n) { UNWIND $tools AS x MATCH (t:Tool {slug: x.tool}) "
    "CREATE (n)-[r:USES]->(t) SET r.proficiency = x.proficiency } "
    "SET n.updatedAt = datetime() "
    "RETURN n {.slug, tools: COLLECT { MATCH (n)-[r:USES]->(t:Tool) "
    "RETURN {proficiency: r.proficiency, tool: {slug: t.slug}} ORDER BY t.slug }} AS association"
)

# Public associations (what an anonymous client can see) with their tools, district and name, in slug order.
PUBLIC_ASSOCIATIONS = (
    "MATCH (n:Association) WHERE n.visibility = 'PUBLIC' "
    "RETURN n.slug AS slug, n.name AS name, "
    "COLLECT { MATCH (n)-[:USES]->(t:Tool) RETURN t.slug ORDER BY t.slug } AS tools, "
    "COLLECT { MATCH (n)-[:LOCATED_IN]->(d:District) RETURN d.slug }[0] AS district "
    "ORDER BY slug"
)
TOOL_SLUGS = "MATCH (t:Tool) RETURN t.slug AS slug ORDER BY slug"
