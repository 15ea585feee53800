"""Cypher of suggestions: what a recompute reads and writes, what parties read, and how they answer."""

from collections.abc import Collection
from typing import Any, Literal, NotRequired, TypedDict, cast

from neo4j import AsyncManagedTransaction
from neo4j.time import DateTime

from network.associations.repository import PROFILE as ASSOCIATION_PROFILE
from network.associations.repository import AssociationProfile
from network.associations.repository import profile_showing as association_showing
from network.suggestions.diff import ANSWERED, SETTLED
from network.suggestions.models import ProposalWrite
from network.volunteers.repository import PROFILE as VOLUNTEER_PROFILE
from network.volunteers.repository import VolunteerProfile
from network.volunteers.repository import profile_showing as volunteer_showing

# Suggestions a party still sees: a declined pair is gone for both sides.
VISIBLE = "['PROPOSED', 'ACCEPTED']"
# Pairs answered for good or left unanswered too long: no run proposes them again.
CLOSED = "['DECLINED', 'EXPIRED']"
CANDIDATE_PROFILE = {"Association": ASSOCIATION_PROFILE, "Volunteer": VOLUNTEER_PROFILE}
CANDIDATE_SHOWING = {"Association": association_showing, "Volunteer": volunteer_showing}
FIELDS = ".id, .kind, .score, .status, .reasons, .computedAt, .algorithmVersion, .acceptedBy, .seenBy"
UNDATED_FIELDS = ".id, .kind, .score, .status, .reasons, .algorithmVersion, .acceptedBy, .seenBy"
# Reasons are stored as the FOR side sees them; shown to the other side, their direction turns round.
CANDIDATE_IS_FOR = "candidateIsFor: EXISTS { (s)-[:FOR]->(n) }"


# A party's language codes (two letters each) as one string, each code followed by a space: a list per party would
# cost the driver and the garbage collector far more.
LANGUAGES = "reduce(codes = '', code IN coalesce(n.languages, []) | codes + code + ' ')"
# Per side, each link the matching reads: relationship -> (catalogue label, values it carries with the stand-in
# for a missing property; collect() would drop a null and shift the lists).
LINKS = {
    "Association": {
        "USES": ("Tool", {"proficiency": "coalesce(r.proficiency, '')"}),
        "NEEDS": ("Skill", {"minLevel": "coalesce(r.minLevel, 1)", "priority": "coalesce(r.priority, 2)"}),
        "ACTIVE_IN": ("Field", {}),
        "SERVES": ("TargetGroup", {}),
        "LOCATED_IN": ("District", {}),
        "CONSIDERS": ("Tool", {}),
        "REPORTED": ("Tool", {}),  # through an approved experience report: see PATHS
    },
    "Volunteer": {
        "KNOWS": ("Tool", {"proficiency": "coalesce(r.proficiency, '')"}),
        "OFFERS": ("Skill", {"level": "coalesce(r.level, 0)"}),
        "AVAILABLE_IN": ("District", {}),
    },
}
# Links that are paths, not one relationship: only an approved report counts (REPORTED_ON, matching/peer_features.py)
PATHS = {"REPORTED": "-[:REPORTED]->(:ExperienceReport {status: 'APPROVED'})-[:ABOUT]->"}
# The names of the values links carry (the keys of LINKS' value dicts)
LinkValue = Literal["proficiency", "minLevel", "priority", "level"]
# The vocabulary read: the slugs of each catalogue list (tools, skills, fields, targetGroups), sorted
CatalogueSlugs = dict[str, list[str]]


class AssociationColumns(TypedDict):
    """A page of associations (`MatchingInputs.associations`): one list per column, one item per association."""

    node: list[int]  # internal ids
    id: list[str]
    paidStaff: list[int]
    languages: list[str]  # see LANGUAGES


class VolunteerColumns(TypedDict):
    """A page of volunteers (`MatchingInputs.volunteers`): one list per column, one item per volunteer."""

    node: list[int]  # internal ids
    id: list[str]
    remote: list[bool]
    languages: list[str]  # see LANGUAGES
    hours: list[int]
    maxMentees: list[int]


class LinkColumns(TypedDict):
    """Links of one relationship (`MatchingInputs.links`): one item per catalogue entry, with the internal ids of
    the nodes linked to it and, for each value the links carry (LINKS says which), the values in the same order."""

    slug: list[str]
    node: list[list[int]]
    proficiency: NotRequired[list[list[str]]]  # USES, KNOWS
    minLevel: NotRequired[list[list[int]]]  # NEEDS
    priority: NotRequired[list[list[int]]]  # NEEDS
    level: NotRequired[list[list[int]]]  # OFFERS


class ExcludedPairs(TypedDict):
    """Pairs no run may propose (`MatchingInputs.excluded_pairs`)."""

    connected: list[list[str]]  # [association id, association id], the lower id first
    mentoring: list[list[str]]  # [association id, volunteer id]
    peerClosed: list[str]  # pair keys of declined or expired suggestions
    mentoringClosed: list[str]
    peerAnswers: list[list[Any]]  # [pair key, taken up]: every answered peer suggestion


class MentoringState(TypedDict):
    """The mentoring side of some parties (`MatchingInputs.mentoring_state`)."""

    associations: list[str]
    volunteers: list[str]
    mentorships: list[list[str]]  # [association id, volunteer id]
    closed: list[list[str]]  # [association id, volunteer id] of a declined or expired mentoring suggestion


class SuggestionRow(TypedDict):
    """A suggestion as one side sees it: FIELDS, and the other side (the candidate) with its profile."""

    id: str
    kind: str  # a SuggestionKind value
    score: float
    status: str  # a SuggestionStatus value
    reasons: str  # JSON: a list of {code, detail, weight, direction}, strongest first
    computedAt: DateTime
    algorithmVersion: str
    acceptedBy: list[str]  # ids of the sides that accepted
    seenBy: NotRequired[list[str] | None]  # ids of the sides that marked it seen (None before any did)
    candidateLabel: str  # Association or Volunteer: which profile `candidate` is
    candidateIsFor: NotRequired[bool]  # the candidate is the side the reasons were computed for (not for invites)
    candidate: AssociationProfile | VolunteerProfile


class SuggestionParties(TypedDict):
    """A suggestion to answer (`SuggestionRepository.parties`): its state and the ids and label of both sides."""

    kind: str  # a SuggestionKind value
    status: str  # a SuggestionStatus value
    acceptedBy: list[str]
    party: str  # FOR: the party it was made for (an event for an invite)
    candidate: str  # OF: the other side
    candidateLabel: str


class CreatedSuggestion(TypedDict):
    """A suggestion a run created (`SuggestionWrites.create`): its id and the ids of both sides."""

    id: str
    party: str  # FOR
    candidate: str  # OF


class SuggestionSides(TypedDict):
    """A suggestion's kind and the ids of both sides (`SuggestionRepository.sides`)."""

    kind: str
    party: str
    candidate: str


class FoundSides(SuggestionSides):
    """The sides of one of several suggestions asked for by id (`SuggestionRepository.sides_of`)."""

    id: str


class SeenMark(TypedDict):
    """A suggestion to mark seen (`SuggestionRepository.mark_seen`) and the sides that saw it."""

    id: str
    sides: list[str]


class MatchingInputs:
    """Reads everything the matching core needs, each as one record of a few long parallel lists (the driver
    decodes one long list far faster than as many records).

    Nodes come with their internal id, by which the links name them: an integer costs the database and the driver
    far less than the id property read once per link. A deleted node's internal id can be reused, so these ids never
    outlive one load.
    """

    def __init__(self, tx: AsyncManagedTransaction) -> None:
        self.tx = tx

    async def vocabulary(self) -> CatalogueSlugs:
        record = await (
            await self.tx.run(
                "RETURN COLLECT { MATCH (t:Tool) RETURN t.slug ORDER BY t.slug } AS tools, "
                "COLLECT { MATCH (s:Skill) RETURN s.slug ORDER BY s.slug } AS skills, "
                "COLLECT { MATCH (f:Field) RETURN f.slug ORDER BY f.slug } AS fields, "
                "COLLECT { MATCH (g:TargetGroup) RETURN g.slug ORDER BY g.slug } AS targetGroups"
            )
        ).single()
        return record.data() if record else {}

    async def associations(self, after: str, limit: int) -> AssociationColumns:
        """A page of associations in id order, after `after`: `node` (internal ids), `id`, `paidStaff`,
        `languages` (see LANGUAGES)."""
        found = await self._single(
            "MATCH (n:Association) WHERE n.id > $after WITH n ORDER BY n.id LIMIT $limit "
            "RETURN collect(id(n)) AS node, collect(n.id) AS id, collect(coalesce(n.paidStaff, 0)) AS paidStaff, "
            f"collect({LANGUAGES}) AS languages",
            after=after,
            limit=limit,
        )
        return cast(AssociationColumns, found)

    async def volunteers(self, after: str, limit: int, default_max_mentees: int) -> VolunteerColumns:
        """A page of volunteers in id order, after `after`: `node` (internal ids), `id`, `remote`, `languages`
        (see LANGUAGES), `hours`, `maxMentees`."""
        found = await self._single(
            "MATCH (n:Volunteer) WHERE n.id > $after WITH n ORDER BY n.id LIMIT $limit "
            "RETURN collect(id(n)) AS node, collect(n.id) AS id, collect(coalesce(n.remote, false)) AS remote, "
            f"collect({LANGUAGES}) AS languages, collect(coalesce(n.hoursPerMonth, 0)) AS hours, "
            "collect(coalesce(n.maxMentees, $default)) AS maxMentees",
            after=after,
            limit=limit,
            default=default_max_mentees,
        )
        return cast(VolunteerColumns, found)

    async def associations_of(self, ids: list[str]) -> AssociationColumns:
        """The associations of `ids` that exist, in id order, as `associations` reads them."""
        found = await self._single(
            "UNWIND $ids AS wanted MATCH (n:Association {id: wanted}) WITH n ORDER BY n.id "
            "RETURN collect(id(n)) AS node, collect(n.id) AS id, collect(coalesce(n.paidStaff, 0)) AS paidStaff, "
            f"collect({LANGUAGES}) AS languages",
            ids=sorted(set(ids)),
        )
        return cast(AssociationColumns, found)

    async def links(
        self, label: str, relationship: str, slugs: list[str] | None, nodes: list[int] | None = None
    ) -> LinkColumns:
        """The `relationship` links of `label` nodes to the catalogue entries `slugs` (None: to all), grouped by entry:
        `slug` per entry, and per entry the internal ids of the linked nodes (`node`) and each value the links carry
        (see LINKS); `nodes`: of these nodes (internal ids) only. The nodes' label is not checked here (a check per
        link costs): the caller keeps only the links of the nodes its `label` read returned."""
        target, values = LINKS[label][relationship]  # fixed names, never a caller's value
        per_entry = "".join(f", collect({read}) AS {name}" for name, read in values.items())
        entries = "".join(f", collect({name}) AS {name}" for name in values)
        step = PATHS.get(relationship, f"-[r:{relationship}]->")
        if nodes is None:
            links = f"MATCH (t:{target}) WHERE $slugs IS NULL OR t.slug IN $slugs MATCH (n){step}(t) "
        else:  # from the few nodes, not from every catalogue entry's many links
            links = f"MATCH (n) WHERE id(n) IN $nodes MATCH (n){step}(t:{target}) "
        found = await self._single(
            f"{links}WITH t, collect(id(n)) AS node{per_entry} "
            f"RETURN collect(t.slug) AS slug, collect(node) AS node{entries}",
            slugs=slugs,
            nodes=nodes,
        )
        return cast(LinkColumns, found)

    async def volunteers_of(self, ids: list[str], default_max_mentees: int) -> VolunteerColumns:
        """The volunteers of `ids` that exist, in id order, as `volunteers` reads them."""
        found = await self._single(
            "UNWIND $ids AS wanted MATCH (n:Volunteer {id: wanted}) WITH n ORDER BY n.id "
            "RETURN collect(id(n)) AS node, collect(n.id) AS id, collect(coalesce(n.remote, false)) AS remote, "
            f"collect({LANGUAGES}) AS languages, collect(coalesce(n.hoursPerMonth, 0)) AS hours, "
            "collect(coalesce(n.maxMentees, $default)) AS maxMentees",
            ids=sorted(set(ids)),
            default=default_max_mentees,
        )
        return cast(VolunteerColumns, found)

    async def volunteer_ids(self) -> list[str]:
        found = await self._single("MATCH (n:Volunteer) RETURN collect(n.id) AS ids")
        return [str(key) for key in found.get("ids", [])]

    async def mentoring_state(self, ids: list[str]) -> MentoringState:
        """The mentoring side of the parties among `ids` and of the mentoring suggestions among them: which
        associations and volunteers those are, their mentorships, and their declined or expired mentoring pairs
        (as `excluded_pairs` reads them)."""
        found = await self._single(
            "CALL { UNWIND $ids AS wanted MATCH (n:Association {id: wanted}) RETURN n "
            "UNION UNWIND $ids AS wanted MATCH (n:Volunteer {id: wanted}) RETURN n "
            "UNION UNWIND $ids AS wanted MATCH (:Suggestion {id: wanted, kind: 'MENTORING'})-[:FOR|OF]->(n) "
            "RETURN n } "
            "WITH collect(n) AS parties "
            "RETURN [n IN parties WHERE n:Association | n.id] AS associations, "
            "[n IN parties WHERE n:Volunteer | n.id] AS volunteers, "
            # each party's own relationships, expanded from it: never a scan of every mentorship or suggestion
            "COLLECT { UNWIND parties AS n MATCH (n)-[:MENTORS]-(m) "
            "RETURN DISTINCT CASE WHEN n:Association THEN [n.id, m.id] ELSE [m.id, n.id] END } AS mentorships, "
            "COLLECT { UNWIND parties AS n MATCH (n)<-[:FOR|OF]-(s:Suggestion {kind: 'MENTORING'}) "
            f"WHERE s.status IN {CLOSED} MATCH (a:Association)<-[:FOR]-(s)-[:OF]->(v:Volunteer) "
            "RETURN DISTINCT [a.id, v.id] } AS closed",
            ids=sorted(set(ids)),
        )
        return cast(MentoringState, found)

    async def association_ids(self) -> list[str]:
        found = await self._single("MATCH (n:Association) RETURN collect(n.id) AS ids")
        return [str(key) for key in found.get("ids", [])]

    async def peer_pairs(self, suggestion_ids: list[str]) -> list[list[Any]]:
        """[association id, association id, excluded] of the peer suggestions among `suggestion_ids`: excluded when
        the pair is connected or the suggestion declined or expired (as `excluded_pairs` reads them)."""
        found = await self._single(
            "RETURN COLLECT { UNWIND $ids AS wanted MATCH (a:Association)<-[:FOR]-(s:Suggestion "
            "{id: wanted, kind: 'PEER'})-[:OF]->(b:Association) "
            f"RETURN [a.id, b.id, s.status IN {CLOSED} OR EXISTS {{ (a)-[:CONNECTED_WITH]-(b) }}] }} AS pairs",
            ids=sorted(set(suggestion_ids)),
        )
        return list(found.get("pairs", []))

    async def _single(self, query: str, **parameters: Any) -> dict[str, Any]:
        record = await (await self.tx.run(query, parameters)).single()
        # not record.data(): that copies each of the long lists item by item
        return dict(zip(record.keys(), record, strict=True)) if record else {}

    async def excluded_pairs(self) -> ExcludedPairs:
        """Pairs no run may propose again: existing connections and mentorships, and every declined or expired
        pair."""
        record = await (
            await self.tx.run(
                "RETURN COLLECT { MATCH (a:Association)-[:CONNECTED_WITH]-(b:Association) WHERE a.id < b.id "
                "RETURN [a.id, b.id] } AS connected, "
                "COLLECT { MATCH (v:Volunteer)-[:MENTORS]->(a:Association) RETURN [a.id, v.id] } AS mentoring, "
                f"COLLECT {{ MATCH (s:Suggestion {{kind: 'PEER'}}) WHERE s.status IN {CLOSED} RETURN s.pairKey }} "
                "AS peerClosed, "
                f"COLLECT {{ MATCH (s:Suggestion {{kind: 'MENTORING'}}) WHERE s.status IN {CLOSED} RETURN s.pairKey }} "
                "AS mentoringClosed, "
                # answers train the peer weights: taken up by a side (even if it later expired), or declined/expired
                "COLLECT { MATCH (s:Suggestion {kind: 'PEER'}) "
                "WITH s, s.status = 'ACCEPTED' OR size(coalesce(s.acceptedBy, [])) > 0 AS yes "
                f"WHERE yes OR s.status IN {CLOSED} RETURN [s.pairKey, yes] }} AS peerAnswers"
            )
        ).single()
        return cast(ExcludedPairs, record.data() if record else {})


class SuggestionWrites:
    """What a run reads of the stored suggestions and the writes it makes; every write takes a batch of rows."""

    def __init__(self, tx: AsyncManagedTransaction) -> None:
        self.tx = tx

    async def stored(self, kind: str, after: str, limit: int) -> tuple[list[str], list[str]]:
        """A page of the stored suggestions of `kind` in pair-key order, as pair keys and their codes (`diff.py`):
        two long lists, which the driver decodes far faster than a record or a list per suggestion."""
        record = await (
            await self.tx.run(
                "MATCH (s:Suggestion {kind: $kind}) WHERE s.pairKey > $after "
                "WITH s ORDER BY s.kind, s.pairKey LIMIT $limit "  # the order of the (kind, pairKey) index: no sort
                f"WITH s.pairKey AS key, CASE WHEN s.status <> 'PROPOSED' THEN '{SETTLED}' + s.status "
                f"WHEN size(coalesce(s.acceptedBy, [])) > 0 THEN '{ANSWERED}' + coalesce(s.digest, '') "
                "ELSE coalesce(s.digest, '') END AS code "
                "RETURN collect(key) AS keys, collect(code) AS codes",
                kind=kind,
                after=after,
                limit=limit,
            )
        ).single()
        return (list(record["keys"]), list(record["codes"])) if record else ([], [])

    async def stored_of(self, kind: str, pair_keys: list[str]) -> dict[str, str]:
        """The codes (`diff.py`) of the stored suggestions of `kind` among `pair_keys`, by pair key."""
        record = await (
            await self.tx.run(
                "UNWIND $keys AS key MATCH (s:Suggestion {kind: $kind, pairKey: key}) "
                f"WITH key, CASE WHEN s.status <> 'PROPOSED' THEN '{SETTLED}' + s.status "
                f"WHEN size(coalesce(s.acceptedBy, [])) > 0 THEN '{ANSWERED}' + coalesce(s.digest, '') "
                "ELSE coalesce(s.digest, '') END AS code "
                "RETURN collect(key) AS keys, collect(code) AS codes",
                kind=kind,
                keys=sorted(set(pair_keys)),
            )
        ).single()
        return dict(zip(record["keys"], record["codes"], strict=True)) if record else {}

    async def create(
        self, kind: str, candidate_label: str, rows: list[ProposalWrite], version: str
    ) -> list[CreatedSuggestion]:
        """New pairs, PROPOSED, FOR the party and OF the candidate; a party deleted meanwhile skips its row. Returns
        the suggestions created (one record of them: a record per row costs the driver more)."""
        assert candidate_label in CANDIDATE_PROFILE  # a fixed label, never a caller's value
        record = await (
            await self.tx.run(
                "UNWIND $rows AS row "
                f"MATCH (p:Association {{id: row.forId}}), (c:{candidate_label} {{id: row.ofId}}) "
                "CREATE (p)<-[:FOR]-(s:Suggestion {id: randomUUID(), kind: $kind, pairKey: row.pairKey, "
                "status: 'PROPOSED', acceptedBy: [], createdAt: datetime(), computedAt: datetime(), "
                "score: row.score, reasons: row.reasons, digest: row.digest, algorithmVersion: $version})-[:OF]->(c) "
                "RETURN collect({id: s.id, party: row.forId, candidate: row.ofId}) AS created",
                rows=rows,
                kind=kind,
                version=version,
            )
        ).single()
        return list(record["created"]) if record else []

    async def rescore(self, kind: str, rows: list[ProposalWrite], version: str) -> int:
        """New score and reasons for pairs, as long as they are still PROPOSED."""
        record = await (
            await self.tx.run(
                "UNWIND $rows AS row MATCH (s:Suggestion {kind: $kind, pairKey: row.pairKey}) "
                "WHERE s.status = 'PROPOSED' "
                "SET s.score = row.score, s.reasons = row.reasons, s.digest = row.digest, s.computedAt = datetime(), "
                "s.algorithmVersion = $version RETURN count(s) AS n",
                kind=kind,
                rows=rows,
                version=version,
            )
        ).single()
        return int(record["n"]) if record else 0

    async def delete_unanswered(self, kind: str, pair_keys: list[str]) -> int:
        """Deletes pairs that are still PROPOSED and that no side accepted (an answer may have come in since the
        run read them)."""
        record = await (
            await self.tx.run(
                "UNWIND $keys AS key MATCH (s:Suggestion {kind: $kind, pairKey: key}) "
                # Locked before the check, as an answer locks it: checked unlocked, an answer committed in between
                # would be deleted with the pair (read committed re-checks nothing when the delete gets its lock).
                "SET s._lock = true REMOVE s._lock "
                "WITH s WHERE s.status = 'PROPOSED' AND size(coalesce(s.acceptedBy, [])) = 0 "
                "DETACH DELETE s RETURN count(*) AS n",
                kind=kind,
                keys=pair_keys,
            )
        ).single()
        return int(record["n"]) if record else 0

    async def expire(self, kinds: list[str], days: int, limit: int) -> list[tuple[str, str]]:
        """Marks up to `limit` PROPOSED suggestions of `kinds` first proposed more than `days` ago EXPIRED; returns
        the kind and pair key of each."""
        record = await (
            await self.tx.run(
                "WITH datetime() - duration({days: $days}) AS cutoff "
                "UNWIND $kinds AS kind MATCH (s:Suggestion {kind: kind, status: 'PROPOSED'}) "
                "WHERE s.createdAt < cutoff WITH s LIMIT $limit "
                "SET s.status = 'EXPIRED', s.expiredAt = datetime() RETURN collect([s.kind, s.pairKey]) AS keys",
                kinds=kinds,
                days=days,
                limit=limit,
            )
        ).single()
        return [(kind, key) for kind, key in record["keys"]] if record else []


class SuggestionRepository:
    """What parties read and answer."""

    def __init__(self, tx: AsyncManagedTransaction) -> None:
        self.tx = tx

    async def for_parties(
        self,
        label: str,
        kind: str,
        candidate_label: str,
        ids: list[str],
        first: int,
        shown: Collection[str] | None = None,
    ) -> dict[str, list[SuggestionRow]]:
        """Per party id: its visible suggestions of `kind`, best first, each with the other side's profile.

        `shown`: what a GraphQL selection reads (None: everything), `computedAt` and the candidate's fields under
        `candidate.`; the candidate's id and district always come (its reasons and answers read them).
        """
        assert label in CANDIDATE_PROFILE and candidate_label in CANDIDATE_PROFILE
        if shown is None:
            fields, profile = FIELDS, CANDIDATE_PROFILE[candidate_label]
        else:
            fields = FIELDS if "computedAt" in shown else UNDATED_FIELDS
            of_candidate = {name.removeprefix("candidate.") for name in shown if name.startswith("candidate.")}
            profile = CANDIDATE_SHOWING[candidate_label]({*of_candidate, "district"})
        result = await self.tx.run(
            f"UNWIND $ids AS pid MATCH (p:{label} {{id: pid}}) "
            "CALL (p) { "
            f"MATCH (p)<-[:FOR|OF]-(s:Suggestion {{kind: $kind}})-[:FOR|OF]->(n:{candidate_label}) "
            f"WHERE s.status IN {VISIBLE} AND n <> p "
            "WITH s, n ORDER BY s.score DESC, s.id LIMIT $first "
            f"RETURN collect(s {{{fields}, candidateLabel: $candidate, {CANDIDATE_IS_FOR}, candidate: "
            f"{profile}}}) AS rows }} "
            "RETURN pid, rows",
            ids=ids,
            kind=kind,
            candidate=candidate_label,
            first=first,
        )
        return {record["pid"]: record["rows"] async for record in result}

    async def parties(self, suggestion_id: str) -> SuggestionParties | None:
        """The suggestion with the ids and labels of both sides, locked for the answer that follows."""
        record = await (
            await self.tx.run(
                "MATCH (p)<-[:FOR]-(s:Suggestion {id: $id})-[:OF]->(c) SET s._lock = true REMOVE s._lock "
                "RETURN s.kind AS kind, s.status AS status, coalesce(s.acceptedBy, []) AS acceptedBy, "
                "p.id AS party, c.id AS candidate, labels(c)[0] AS candidateLabel",
                id=suggestion_id,
            )
        ).single()
        return cast(SuggestionParties, record.data()) if record else None

    async def sides(self, suggestion_id: str) -> SuggestionSides | None:
        """Kind and the ids of both sides, read only (for `node(id)`)."""
        record = await (
            await self.tx.run(
                "MATCH (p)<-[:FOR]-(s:Suggestion {id: $id})-[:OF]->(c) "
                "RETURN s.kind AS kind, p.id AS party, c.id AS candidate",
                id=suggestion_id,
            )
        ).single()
        return cast(SuggestionSides, record.data()) if record else None

    async def sides_of(self, suggestion_ids: list[str]) -> list[FoundSides]:
        """Kind and sides of each suggestion of `suggestion_ids` that exists."""
        result = await self.tx.run(
            "UNWIND $ids AS id MATCH (p)<-[:FOR]-(s:Suggestion {id: id})-[:OF]->(c) "
            "RETURN s.id AS id, s.kind AS kind, p.id AS party, c.id AS candidate",
            ids=suggestion_ids,
        )
        return [cast(FoundSides, record.data()) async for record in result]

    async def mark_seen(self, marks: list[SeenMark]) -> int:
        """Adds the sides to each suggestion's seenBy (once each; the first time also sets seenAt); returns how many
        suggestions a side saw for the first time."""
        record = await (
            await self.tx.run(
                # locked before reading seenBy, so two sides marking at once both stay in it
                "UNWIND $marks AS mark MATCH (s:Suggestion {id: mark.id}) SET s._lock = true REMOVE s._lock "
                "WITH s, [side IN mark.sides WHERE NOT side IN coalesce(s.seenBy, [])] AS new WHERE size(new) > 0 "
                "SET s.seenBy = coalesce(s.seenBy, []) + new, s.seenAt = coalesce(s.seenAt, datetime()) "
                "RETURN count(s) AS n",
                marks=marks,
            )
        ).single()
        return int(record["n"]) if record else 0

    async def set_answer(self, suggestion_id: str, status: str, accepted_by: list[str]) -> None:
        await self.tx.run(
            "MATCH (s:Suggestion {id: $id}) SET s.status = $status, s.acceptedBy = $acceptedBy, "
            "s.answeredAt = datetime()",
            id=suggestion_id,
            status=status,
            acceptedBy=accepted_by,
        )

    async def connect_peers(self, a: str, b: str) -> None:
        await self.tx.run(
            "MATCH (a:Association {id: $a}), (b:Association {id: $b}) WHERE NOT (a)-[:CONNECTED_WITH]-(b) "
            "CREATE (a)-[:CONNECTED_WITH {since: datetime()}]->(b)",
            a=a,
            b=b,
        )

    async def connect_mentor(self, association: str, volunteer: str) -> None:
        await self.tx.run(
            "MATCH (v:Volunteer {id: $v}), (a:Association {id: $a}) MERGE (v)-[r:MENTORS]->(a) "
            "ON CREATE SET r.since = datetime()",
            v=volunteer,
            a=association,
        )

    async def one(self, suggestion_id: str, party: str) -> SuggestionRow | None:
        """The suggestion as `party` sees it (the candidate is the other side)."""
        record = await (
            await self.tx.run(
                "MATCH (s:Suggestion {id: $id})-[:FOR|OF]->(n) WHERE n.id <> $party "
                "RETURN labels(n)[0] AS label, n.id AS candidate",
                id=suggestion_id,
                party=party,
            )
        ).single()
        if record is None:
            return None
        label = record["label"]
        assert label in CANDIDATE_PROFILE
        found = await (
            await self.tx.run(
                f"MATCH (s:Suggestion {{id: $id}}), (n:{label} {{id: $candidate}}) "
                f"RETURN s {{{FIELDS}, candidateLabel: $label, {CANDIDATE_IS_FOR}, "
                f"candidate: {CANDIDATE_PROFILE[label]}}} AS row",
                id=suggestion_id,
                candidate=record["candidate"],
                label=label,
            )
        ).single()
        return found["row"] if found else None
