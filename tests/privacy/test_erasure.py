"""`deleteMyAccount`: the subject, what it alone acts for and everything derived is gone from the whole graph."""

from typing import Any

from network.kit.authorisation import Role
from network.kit.database import Database
from network.transfer.service import import_document
from tests.authz.cast import Cast
from tests.authz.client import Client, cypher
from tests.privacy.graph import mentions, suggest
from tests.support.accounts import PASSWORD, Accounts, TestAccount
from tests.support.cleanup import Slugs

ERASE = "mutation { deleteMyAccount { deleted profilesDeleted suggestionsDeleted errors { code } } }"
REGISTER = (
    "mutation($party: String!, $event: String!) { registerForEvent(eventSlug: $event, partySlug: $party) "
    "{ errors { code } } }"
)
LOG_IN = (
    "mutation($email: String!, $password: String!) { logIn(email: $email, password: $password) "
    "{ token errors { code } } }"
)


def register(client: Client, account: TestAccount, party: str, event: str) -> None:
    assert client.data(REGISTER, account, party=party, event=event)["registerForEvent"] == {"errors": []}


async def node_ids(db: Database, slugs: Slugs) -> dict[str, str]:
    rows = await cypher(db, "MATCH (n) WHERE n.slug STARTS WITH $p RETURN n.slug AS slug, n.id AS id", p=slugs.prefix)
    return {row["slug"].removeprefix(f"{slugs.prefix}-"): row["id"] for row in rows}


async def links(db: Database, slugs: Slugs, accounts: Accounts) -> list[tuple[str, str, str]]:
    """Every relationship touching this test's nodes and suggestions: (from, type, to), by slug, email or kind."""
    rows = await cypher(
        db,
        "MATCH (n)-[r]->(m) WHERE any(x IN [n, m] WHERE x.slug STARTS WITH $p OR x.batch = $p "
        "OR x.email STARTS WITH $e) AND NOT m:Tool AND NOT m:Skill AND NOT m:District "
        "RETURN coalesce(n.slug, n.email, n.kind) AS a, type(r) AS type, coalesce(m.slug, m.email, m.kind) AS b",
        p=slugs.prefix,
        e=accounts.prefix,
    )
    short = {f"{slugs.prefix}-{name}": name for name in ("mine", "shared", "other", "mentor", "event")}
    return sorted((short.get(r["a"], r["a"]), r["type"], short.get(r["b"], r["b"])) for r in rows)


async def test_erasure_leaves_nothing_of_the_member_and_keeps_what_others_act_for(
    accounts: Accounts, client: Client, slugs: Slugs, db: Database
) -> None:
    subject, partner = await accounts.make(Role.MEMBER, "subject"), await accounts.make(Role.MEMBER, "partner")
    volunteer, staff = await accounts.make(Role.VOLUNTEER, "mentor"), await accounts.make(Role.STAFF)
    cast = Cast(client, slugs)
    # The subject's own association carries its personal address as the contact, as small clubs' often do.
    cast.association(subject, "mine", contactEmail=subject.email, description=f"Kontakt: {subject.email}")
    cast.association(partner, "shared")
    cast.association(partner, "other")
    cast.volunteer(volunteer, "mentor")
    cast.event(staff)
    await cypher(
        db,
        "MATCH (a:Account {id: $id}), (n:Association {slug: $slug}) CREATE (a)-[:ACTS_FOR]->(n)",
        id=subject.id,
        slug=slugs("shared"),
    )
    register(client, subject, slugs("mine"), slugs("event"))
    register(client, subject, slugs("shared"), slugs("event"))
    await import_document(
        db, {"connections": [{"a": slugs("mine"), "b": slugs("other")}, {"a": slugs("shared"), "b": slugs("other")}]}
    )
    await cypher(
        db,
        "MATCH (v:Volunteer {slug: $v}), (a:Association {slug: $a}) CREATE (v)-[:MENTORS]->(a)",
        v=slugs("mentor"),
        a=slugs("mine"),
    )
    derived = [
        await suggest(db, slugs, "PEER", slugs("mine"), slugs("other")),
        await suggest(db, slugs, "PEER", slugs("other"), slugs("mine")),
        await suggest(db, slugs, "MENTORING", slugs("mine"), slugs("mentor")),
    ]
    await suggest(db, slugs, "PEER", slugs("other"), slugs("shared"))  # about the shared association: it stays
    ids = await node_ids(db, slugs)

    erased = client.data(ERASE, subject)["deleteMyAccount"]

    assert erased == {"deleted": True, "profilesDeleted": 1, "suggestionsDeleted": 3, "errors": []}
    needles = [subject.email, subject.id, ids["mine"], slugs("mine"), *derived]
    assert await mentions(db, needles) == [], "the erased subject is still in the graph"
    assert await links(db, slugs, accounts) == sorted(
        [
            (partner.email, "ACTS_FOR", "shared"),
            (partner.email, "ACTS_FOR", "other"),
            (volunteer.email, "ACTS_FOR", "mentor"),
            ("shared", "CONNECTED_WITH", "other"),
            ("shared", "REGISTERED", "event"),
            ("PEER", "FOR", "other"),
            ("PEER", "OF", "shared"),
        ]
    )
    dangling = await cypher(
        db,
        "MATCH (s:Suggestion {batch: $p}) WHERE NOT (s)-[:FOR]->() OR NOT (s)-[:OF]->() RETURN s.id AS id",
        p=slugs.prefix,
    )
    assert dangling == []
    event = client.data("query($s: String!) { event(slug: $s) { registeredCount } }", partner, s=slugs("event"))
    assert event == {"event": {"registeredCount": 1}}

    refused = client.post("{ me { email } }", subject)
    assert refused.status_code == 401 and "no longer exists" in refused.json()["detail"]
    logged_in = client.data(LOG_IN, email=subject.email, password=PASSWORD)["logIn"]
    assert logged_in == {"token": None, "errors": [{"code": "INVALID_CREDENTIALS"}]}


async def test_erasing_a_volunteer_removes_its_profile_mentoring_and_registrations(
    accounts: Accounts, client: Client, slugs: Slugs, db: Database
) -> None:
    subject, member, staff = (
        await accounts.make(Role.VOLUNTEER, "subject"),
        await accounts.make(Role.MEMBER),
        await accounts.make(Role.STAFF),
    )
    cast = Cast(client, slugs)
    cast.volunteer(subject, "mentor", contactEmail=subject.email)
    cast.association(member, "other")
    cast.event(staff)
    register(client, subject, slugs("mentor"), slugs("event"))
    register(client, member, slugs("other"), slugs("event"))
    await cypher(
        db,
        "MATCH (v:Volunteer {slug: $v}), (a:Association {slug: $a}) CREATE (v)-[:MENTORS]->(a)",
        v=slugs("mentor"),
        a=slugs("other"),
    )
    derived = [await suggest(db, slugs, "MENTORING", slugs("other"), slugs("mentor"))]
    ids = await node_ids(db, slugs)

    erased: dict[str, Any] = client.data(ERASE, subject)["deleteMyAccount"]

    assert erased == {"deleted": True, "profilesDeleted": 1, "suggestionsDeleted": 1, "errors": []}
    assert await mentions(db, [subject.email, subject.id, ids["mentor"], slugs("mentor"), *derived]) == []
    assert await links(db, slugs, accounts) == sorted(
        [(member.email, "ACTS_FOR", "other"), ("other", "REGISTERED", "event")]
    )
    assert client.post("{ me { email } }", subject).status_code == 401
    again = client.post(ERASE, subject)
    assert again.status_code == 401  # the token died with the account: no second erasure, no error inside


async def test_erasure_removes_the_subjects_address_from_an_association_that_survives(
    accounts: Accounts, client: Client, slugs: Slugs, db: Database
) -> None:
    """A co-run club that kept the subject's personal address as its contact survives the erasure; the address
    must not (today `PrivacyRepository.erase` leaves the surviving association untouched)."""
    subject, partner = await accounts.make(Role.MEMBER, "subject"), await accounts.make(Role.MEMBER, "partner")
    Cast(client, slugs).association(partner, "shared", contactEmail=subject.email)
    await cypher(
        db,
        "MATCH (a:Account {id: $id}), (n:Association {slug: $slug}) CREATE (a)-[:ACTS_FOR]->(n)",
        id=subject.id,
        slug=slugs("shared"),
    )

    assert client.data(ERASE, subject)["deleteMyAccount"]["deleted"] is True

    assert await links(db, slugs, accounts) == [(partner.email, "ACTS_FOR", "shared")]
    assert await mentions(db, [subject.email, subject.id]) == [], "the erased subject's address is still stored"
