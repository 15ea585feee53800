"""The `insights` query on the real graph: staff only, unmet needs that a mentor meets, and a lone association that
cannot be picked out of its district."""

import json
from typing import Any

from network.insights.privacy import count_cell
from network.insights.repository import InsightsRepository
from network.kit.database import Database
from network.transfer.service import import_document
from tests.insights.conftest import associations_needing, cypher, district, skill, volunteer
from tests.support.accounts import Accounts, GraphQL
from tests.support.cleanup import Slugs
from tests.transfer.builders import make_association

CELL = "{ shown value suppressed }"
TABLE = f"{{ key title columns rows {CELL} coveredFrom coveredTo parties {CELL} partyKind note }}"
INSIGHTS = (
    f"{{ insights {{ minCount unmetNeeds {TABLE} toolAdoption {TABLE} toolAdoptionByMonth {TABLE} "
    f"suggestionFunnel {TABLE} "
    f"volunteerLoad {TABLE} eventReach {TABLE} peerExposure {TABLE} reasonAcceptance {TABLE} }} }}"
)


def _cells(table: dict[str, Any], *labels: str) -> list[list[dict[str, Any]]]:
    """The rows of `table` that start with `labels`, without those label cells."""
    rows = [row for row in table["rows"] if [cell["shown"] for cell in row[: len(labels)]] == list(labels)]
    return [row[len(labels) :] for row in rows]


async def test_only_staff_read_the_insights(accounts: Accounts, graphql: GraphQL) -> None:
    staff = await accounts.make("STAFF")
    shown = (await graphql(INSIGHTS, staff))["insights"]
    assert shown["minCount"] == 5
    keys = (
        "unmetNeeds",
        "toolAdoption",
        "toolAdoptionByMonth",
        "suggestionFunnel",
        "volunteerLoad",
        "eventReach",
        "peerExposure",
    )
    for key in (*keys, "reasonAcceptance"):
        table = shown[key]
        assert table["coveredTo"] is not None and table["partyKind"] in ("associations", "suggestions", "volunteers")
        assert all(len(row) == len(table["columns"]) for row in table["rows"]), key
    for role in ("MEMBER", "VOLUNTEER"):
        assert (await graphql(INSIGHTS, await accounts.make(role)))["insights"] is None, role
    assert (await graphql(INSIGHTS, None))["insights"] is None


async def test_the_only_association_of_a_district_with_a_need_cannot_be_picked_out(
    db: Database, own: Slugs, accounts: Accounts, graphql: GraphQL
) -> None:
    place, need = own("district"), own("skill")
    await district(db, place)
    await skill(db, need)
    await associations_needing(db, [own("lone")], place, need)
    staff = await accounts.make("STAFF")

    unmet = (await graphql(INSIGHTS, staff))["insights"]["unmetNeeds"]
    assert _cells(unmet, need, place) == [[{"shown": "<5", "value": None, "suppressed": True}]]
    # nothing else names the district: no total by district or skill to subtract from, and the party count is
    # every association of the graph, not those with a need
    naming = [[cell["shown"] for cell in row] for row in unmet["rows"] if place in {cell["shown"] for cell in row}]
    assert naming == [[need, place, "<5"]]
    [everyone] = await cypher(db, "MATCH (a:Association) RETURN count(a) AS n")
    assert unmet["parties"]["shown"] == count_cell(everyone["n"], 5).shown

    await associations_needing(db, [own(f"more{i}") for i in range(4)], place, need)
    unmet = (await graphql(INSIGHTS, staff))["insights"]["unmetNeeds"]
    assert _cells(unmet, need, place) == [[{"shown": "5", "value": 5, "suppressed": False}]]


async def test_a_need_is_met_once_a_mentor_offering_the_skill_is_suggested_or_assigned(
    db: Database, own: Slugs
) -> None:
    place, need = own("district"), own("skill")
    await district(db, place)
    await skill(db, need)
    clubs = [own(f"club{i}") for i in range(3)]
    await associations_needing(db, clubs, place, need)
    await volunteer(db, own("mentor"), need, hours=8)

    async def unmet() -> list[tuple[str, str, int]]:
        rows = await db.read(lambda tx: InsightsRepository(tx).unmet_needs())
        return [(r["skill"], r["district"], r["associations"]) for r in rows if r["district"] == place]

    assert await unmet() == [(need, place, 3)]
    await cypher(
        db,
        "MATCH (v:Volunteer {slug: $mentor}), (a:Association {slug: $club}) CREATE (v)-[:MENTORS]->(a)",
        mentor=own("mentor"),
        club=clubs[0],
    )
    for status, club in (("PROPOSED", clubs[1]), ("DECLINED", clubs[2])):  # a declined mentor meets no need
        await cypher(
            db,
            "MATCH (v:Volunteer {slug: $mentor}), (a:Association {slug: $club}) "
            "CREATE (a)<-[:FOR]-(:Suggestion {id: $id, kind: 'MENTORING', pairKey: $id, status: $status, "
            "acceptedBy: [], createdAt: datetime()})-[:OF]->(v)",
            mentor=own("mentor"),
            club=club,
            id=own(f"s-{club}"),
            status=status,
        )
    assert await unmet() == [(need, place, 1)]


async def test_the_funnel_and_the_load_count_in_the_database_what_the_graph_holds(db: Database, own: Slugs) -> None:
    need = own("skill")
    await skill(db, need)
    await cypher(db, "CREATE (:District {id: $d, slug: $d, name: $d})", d=own("district"))
    club = own("club")
    await associations_needing(db, [club], own("district"), need)
    mentors = [own(f"mentor{i}") for i in range(4)]
    load_before = await db.read(lambda tx: InsightsRepository(tx).volunteer_load())
    for mentor in mentors:
        await volunteer(db, mentor, need, hours=12)
    before = await db.read(lambda tx: InsightsRepository(tx).suggestion_funnel())
    # (status, accepted by, seen by): one seen and left open, two answered (so seen), one expired unseen
    answers = [
        ("PROPOSED", [], [club]),
        ("PROPOSED", [club], None),
        ("ACCEPTED", [club, mentors[2]], None),
        ("EXPIRED", [], None),
    ]
    for mentor, (status, accepted, seen) in zip(mentors, answers, strict=True):
        await cypher(
            db,
            "MATCH (v:Volunteer {slug: $mentor}), (a:Association {slug: $club}) "
            "CREATE (a)<-[:FOR]-(:Suggestion {id: $id, kind: 'MENTORING', pairKey: $id, status: $status, "
            "acceptedBy: $accepted, seenBy: $seen, createdAt: datetime()})-[:OF]->(v)",
            mentor=mentor,
            club=club,
            id=own(f"s-{mentor}"),
            status=status,
            accepted=accepted,
            seen=seen,
        )
    await cypher(
        db,
        "MATCH (v:Volunteer {slug: $m}), (a:Association {slug: $c}) CREATE (v)-[:MENTORS]->(a)",
        m=mentors[2],
        c=club,
    )

    after = await db.read(lambda tx: InsightsRepository(tx).suggestion_funnel())
    keys = ("proposed", "seen", "open", "acceptedByOne", "connected", "declined", "expired")

    def mentoring(rows: list[Any]) -> dict[str, int]:
        row = next((r for r in rows if r["kind"] == "MENTORING"), None)
        return {key: row[key] if row else 0 for key in keys}

    old, new = mentoring(before), mentoring(after)
    assert {key: new[key] - old[key] for key in keys} == {
        "proposed": 4, "seen": 3, "open": 2, "acceptedByOne": 2, "connected": 1, "declined": 0, "expired": 1,
    }  # fmt: skip
    assert next(r for r in after if r["kind"] == "MENTORING")["first"] is not None

    load_after = await db.read(lambda tx: InsightsRepository(tx).volunteer_load())

    def band(rows: list[Any]) -> dict[int, int]:
        return {r["load"]: r["volunteers"] for r in rows if r["band"] == 10}

    grown = {load: band(load_after).get(load, 0) - band(load_before).get(load, 0) for load in range(4)}
    assert grown == {0: 3, 1: 1, 2: 0, 3: 0}


async def test_event_reach_counts_invited_and_registered_associations_and_hides_a_lone_one(
    db: Database, own: Slugs, accounts: Accounts, graphql: GraphQL
) -> None:
    place, need, group = own("district"), own("skill"), own("group")
    await district(db, place)
    await skill(db, need)
    await cypher(db, "CREATE (:TargetGroup {id: $g, slug: $g, labelEn: $g})", g=group)
    invited = [own(f"invited{i}") for i in range(6)]
    await associations_needing(db, [*invited, own("lone")], place, need)
    await cypher(
        db,
        "MATCH (g:TargetGroup {slug: $group}), (a:Association) WHERE a.slug STARTS WITH $prefix "
        "CREATE (a)-[:SERVES]->(g)",
        group=group,
        prefix=own.prefix,
    )
    await cypher(
        db,
        "CREATE (e:Event {id: $event, slug: $event, title: $event, startsAt: datetime() + duration('P7D')}) "
        "WITH e MATCH (a:Association) WHERE a.slug IN $invited "
        "CREATE (e)<-[:FOR]-(:Suggestion {id: a.slug + '-invite', kind: 'EVENT_INVITE', pairKey: a.slug, "
        "status: 'PROPOSED', acceptedBy: []})-[:OF]->(a) "
        "WITH e, collect(a) AS invited MATCH (lone:Association {slug: $lone}) CREATE (lone)-[:REGISTERED]->(e)",
        event=own("event"),
        invited=invited,
        lone=own("lone"),
    )

    reach = (await graphql(INSIGHTS, await accounts.make("STAFF")))["insights"]["eventReach"]
    assert [[cell["shown"] for cell in row] for row in _cells(reach, place, group)] == [["6", "<5"]]
    assert reach["coveredFrom"] is not None and reach["coveredTo"] >= reach["coveredFrom"]


async def test_peer_slots_count_each_associations_ten_best_for_the_one_shown_in_them(db: Database, own: Slugs) -> None:
    group = own("group")
    await cypher(db, "CREATE (:TargetGroup {id: $g, slug: $g, labelEn: $g})", g=group)
    hub, others = own("hub"), [own(f"p{i}") for i in range(11)]
    await cypher(
        db,
        "UNWIND $slugs AS slug CREATE (:Association {id: slug, slug: slug, name: slug, visibility: 'PUBLIC'})",
        slugs=[hub, *others],
    )
    serving = [hub, *others[:4]]  # the hub and its four best peers serve the group
    await cypher(
        db,
        "MATCH (g:TargetGroup {slug: $group}), (a:Association) WHERE a.slug IN $serving CREATE (a)-[:SERVES]->(g)",
        group=group,
        serving=serving,
    )
    await cypher(  # eleven peers of the hub, the first the best; the hub shows ten, each peer shows the hub
        db,
        "MATCH (h:Association {slug: $hub}) UNWIND range(0, size($others) - 1) AS i "
        "MATCH (o:Association {slug: $others[i]}) "
        "CREATE (h)<-[:FOR]-(:Suggestion {id: o.slug + '-peer', kind: 'PEER', pairKey: o.slug, status: 'PROPOSED', "
        "score: 1.0 - i * 0.01, acceptedBy: []})-[:OF]->(o)",
        hub=hub,
        others=others,
    )

    def ours(rows: list[Any]) -> int | None:
        return next((row["count"] for row in rows if row["kind"] == "group" and row["label"] == group), None)

    assert ours(await db.read(lambda tx: InsightsRepository(tx).associations_counted())) == 5
    # the hub in its eleven peers' lists, and four of the hub's ten best serve the group
    assert ours(await db.read(lambda tx: InsightsRepository(tx).peer_slots())) == 11 + 4


async def test_acceptance_by_reason_counts_each_code_once_per_suggestion_in_any_place(db: Database, own: Slugs) -> None:
    codes = ["SHARED_TOOL", "REPORTED_ON", "SAME_DISTRICT"]
    clubs = [own(f"club{i}") for i in range(6)]
    await cypher(
        db, "UNWIND $slugs AS slug CREATE (:Association {id: slug, slug: slug, name: slug, visibility: 'PUBLIC'})",
        slugs=clubs,
    )  # fmt: skip
    before = await db.read(lambda tx: InsightsRepository(tx).reason_acceptance(codes))

    def reasons(*found: tuple[str, str | None]) -> str:
        return json.dumps([{"code": code, "detail": detail, "weight": 0.1} for code, detail in found])

    made = [
        ("PROPOSED", [], reasons(("SHARED_TOOL", "pretix"), ("SHARED_TOOL", "zoom"), ("REPORTED_ON", "pretix"))),
        ("PROPOSED", [clubs[1]], reasons(("SHARED_TOOL", "pretix"))),
        ("ACCEPTED", [clubs[2], clubs[3]], reasons(("REPORTED_ON", "nextcloud"))),
        ("DECLINED", [clubs[3]], reasons(("SAME_DISTRICT", "mitte"), ("REPORTED_ON", "pretix"))),
        ("EXPIRED", [], reasons(("SHARED_TOOL", "zoom"))),
    ]
    for i, (status, accepted, text) in enumerate(made):
        await cypher(
            db,
            "MATCH (a:Association {slug: $a}), (b:Association {slug: $b}) "
            "CREATE (a)<-[:FOR]-(:Suggestion {id: $id, kind: 'PEER', pairKey: $id, status: $status, "
            "acceptedBy: $accepted, reasons: $reasons, createdAt: datetime()})-[:OF]->(b)",
            a=clubs[i],
            b=clubs[i + 1],
            id=own(f"s{i}"),
            status=status,
            accepted=accepted,
            reasons=text,
        )
    after = await db.read(lambda tx: InsightsRepository(tx).reason_acceptance(codes))
    keys = ("carrying", "seen", "open", "acceptedByOne", "connected", "declined", "expired")

    def grown(code: str) -> list[int]:
        old = next((row for row in before if row["code"] == code), None)
        new = next(row for row in after if row["code"] == code)
        return [new[key] - (old[key] if old else 0) for key in keys]

    assert grown("REPORTED_ON") == [3, 2, 1, 2, 1, 1, 0]  # the one proposed with no answer, the connected, the declined
    assert grown("SHARED_TOOL") == [3, 1, 2, 1, 0, 0, 1]  # the first once, though it names two tools
    assert grown("SAME_DISTRICT") == [1, 1, 0, 1, 0, 1, 0]
    # seen: answered (accepted by a side, connected or declined); none was marked seen
    assert grown("") == [5, 3, 2, 3, 1, 1, 1]  # every suggestion with one of the codes, once


async def test_a_tool_keeps_when_it_was_first_recorded_and_adoption_counts_by_that_month(
    db: Database, own: Slugs
) -> None:
    """Saving a profile rewrites its tool list: a tool kept keeps its date, a new one is dated now."""
    club = own("club")
    before = await db.read(lambda tx: InsightsRepository(tx).tool_adoption_by_month())
    tools = [{"tool": "zoom"}, {"tool": "nextcloud"}]
    await import_document(db, {"associations": [make_association(club, tools=tools)]})
    await cypher(
        db,
        "MATCH (:Association {slug: $club})-[r:USES]->(:Tool {slug: 'zoom'}) "
        "SET r.addedAt = datetime('2025-03-14T10:00:00Z')",
        club=club,
    )
    # saved again: zoom stays, nextcloud goes, another open-source tool comes
    await import_document(
        db, {"associations": [make_association(club, tools=[{"tool": "zoom"}, {"tool": "bigbluebutton"}])]}
    )
    dated = await cypher(
        db,
        "MATCH (:Association {slug: $club})-[r:USES]->(t:Tool) "
        "RETURN t.slug AS tool, toString(r.addedAt) AS at, r.addedAt > datetime() - duration('PT1M') AS now "
        "ORDER BY tool",
        club=club,
    )
    assert [(row["tool"], row["now"]) for row in dated] == [("bigbluebutton", True), ("zoom", False)]
    assert dated[1]["at"].startswith("2025-03-14T10:00")

    after = await db.read(lambda tx: InsightsRepository(tx).tool_adoption_by_month())

    def grown(kind: str) -> dict[int, int]:
        old = {row["month"]: row["associations"] for row in before if row["kind"] == kind}
        new = {row["month"]: row["associations"] for row in after if row["kind"] == kind}
        return {m: new.get(m, 0) - old.get(m, 0) for m in set(old) | set(new) if new.get(m, 0) != old.get(m, 0)}

    assert grown("any") == {202503: 1}  # its first tool still in use: zoom, from March 2025
    [this_month] = grown("open")  # its first open-source one: bigbluebutton, just now
    [[month]] = [[row["month"]] for row in await cypher(db, "RETURN datetime().year * 100 + datetime().month AS month")]
    assert this_month == month
