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

# A suggestion's fields as the inbox shows them, with the other side (`c`) as `candidate`: the stored reasons (as the
# FOR side sees them) and whether the candidate is that side, so a reader can turn them round as our API does.
_SUGGESTION = (
    "s {.id, .kind, .score, .status, .reasons, .computedAt, .acceptedBy, "
    "candidateIsFor: EXISTS { (s)-[:FOR]->(c) }, candidate: %s}"
)
_ASSOCIATION_CARD = (
    "c {.id, .slug, .name, .paidStaff, .contactEmail, "
    "district: COLLECT { MATCH (c)-[:LOCATED_IN]->(d:District) RETURN d {.slug, .name} }[0], "
    "needs: COLLECT { MATCH (c)-[r:NEEDS]->(k:Skill) RETURN {minLevel: r.minLevel, skill: k.slug} }}"
)
_VOLUNTEER_CARD = (
    "c {.id, .slug, .displayName, .remote, .hoursPerMonth, .contactEmail, "
    "district: COLLECT { MATCH (c)-[:AVAILABLE_IN]->(d:District) RETURN d {.slug, .name} }[0], "
    "skills: COLLECT { MATCH (c)-[r:OFFERS]->(k:Skill) RETURN {level: r.level, skill: k.slug} }}"
)


def _suggestions(party: str, kind: str, candidate: str, card: str, name: str) -> str:
    """A party's visible suggestions of one kind, best first, as a CALL that returns them as the list `name`."""
    return (
        f"CALL ({party}) {{ MATCH ({party})<-[:FOR|OF]-(s:Suggestion {{kind: '{kind}'}})-[:FOR|OF]->(c:{candidate}) "
        f"WHERE s.status IN ['PROPOSED', 'ACCEPTED'] AND c <> {party} "
        "WITH s, c ORDER BY s.score DESC, s.id LIMIT $first "
        f"RETURN collect({_SUGGESTION % card}) AS {name} }} "
    )


# The share of associations using each tool a reason names (the reasons are JSON text, as the matching writes it).
_SHARES = (
    "COLLECT { MATCH (t:Tool) WHERE any(x IN %s WHERE x.reasons CONTAINS ('\"detail\": \"' + t.slug + '\"')) "
    "RETURN {slug: t.slug, share: toFloat(COUNT { (t)<-[:USES]-(:Association) }) / total} } AS shares"
)

INBOX = (
    "MATCH (n:Association {slug: $slug}) WHERE n.visibility IN $visibilities "
    + _suggestions("n", "PEER", "Association", _ASSOCIATION_CARD, "peers")
    + _suggestions("n", "MENTORING", "Volunteer", _VOLUNTEER_CARD, "mentors")
    + "WITH n, peers, mentors, COUNT { (:Association) } AS total "
    "RETURN n {.id, .slug, .name} AS association, peers, mentors, " + _SHARES % "peers + mentors"
)

MENTEE = (
    "MATCH (n:Volunteer {slug: $slug}) "
    + _suggestions("n", "MENTORING", "Association", _ASSOCIATION_CARD, "mentees")
    + "WITH n, mentees, COUNT { (:Association) } AS total "
    "RETURN n {.id, .slug, .displayName} AS volunteer, mentees, " + _SHARES % "mentees"
)

# One side's accept, with our API's rules: only a proposed or accepted suggestion can be accepted; the sides that
# accepted stay sorted; the second side's accept connects the pair (peers) or makes the volunteer a mentor.
RESPOND = (
    "MATCH (p)<-[:FOR]-(s:Suggestion {id: $id})-[:OF]->(c) "
    "WHERE s.kind IN ['PEER', 'MENTORING'] AND s.status IN ['PROPOSED', 'ACCEPTED'] AND $side IN [p.id, c.id] "
    "WITH p, s, c, COLLECT { UNWIND coalesce(s.acceptedBy, []) + $side AS x RETURN DISTINCT x ORDER BY x } "
    "AS accepted "
    "WITH p, s, c, accepted, s.status = 'PROPOSED' AND p.id IN accepted AND c.id IN accepted AS introduced "
    "SET s.acceptedBy = accepted, s.answeredAt = datetime(), "
    "s.status = CASE WHEN introduced THEN 'ACCEPTED' ELSE s.status END "
    "FOREACH (_ IN CASE WHEN introduced AND s.kind = 'PEER' THEN [1] ELSE [] END | "
    "MERGE (p)-[r:CONNECTED_WITH]-(c) ON CREATE SET r.since = datetime()) "
    "FOREACH (_ IN CASE WHEN introduced AND s.kind = 'MENTORING' THEN [1] ELSE [] END | "
    "MERGE (c)-[r:MENTORS]->(p) ON CREATE SET r.since = datetime()) "
    "RETURN s {.id, .status} AS suggestion"
)

# Associations and volunteers with visible suggestions after the match (their inboxes are not empty), by slug.
ASSOCIATIONS_WITH_SUGGESTIONS = (
    "MATCH (n:Association) WHERE EXISTS { (n)<-[:FOR|OF]-(s:Suggestion) "
    "WHERE s.kind IN ['PEER', 'MENTORING'] AND s.status IN ['PROPOSED', 'ACCEPTED'] } "
    "RETURN n.id AS id, n.slug AS slug ORDER BY slug"
)
VOLUNTEERS_WITH_SUGGESTIONS = (
    "MATCH (n:Volunteer) WHERE EXISTS { (n)<-[:FOR|OF]-(s:Suggestion {kind: 'MENTORING'}) "
    "WHERE s.status IN ['PROPOSED', 'ACCEPTED'] } "
    "RETURN n.slug AS slug ORDER BY slug"
)
# Suggestions nobody answered yet, with the ids of both sides, in the order of the sides' slugs (a suggestion's own
# id is new in every match; the pairs are not).
UNANSWERED = (
    "MATCH (p)<-[:FOR]-(s:Suggestion)-[:OF]->(c) "
    "WHERE s.kind IN ['PEER', 'MENTORING'] AND s.status = 'PROPOSED' AND size(coalesce(s.acceptedBy, [])) = 0 "
    "RETURN s.id AS id, p.id AS party, c.id AS candidate ORDER BY p.slug, c.slug, s.kind"
)
