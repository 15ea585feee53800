"""Mentoring suggestions: hard constraints, capacities on both sides, and the double opt-in that makes a mentor."""

from network.kit.authorisation import Role
from network.kit.database import Database
from network.suggestions.recompute import recompute_all
from tests.suggestions.conftest import cypher
from tests.suggestions.helpers import (
    MENTEES,
    MENTORS,
    RESPOND,
    VOLUNTEER_CONTACT,
    import_parties,
    own,
    slugs_of,
    volunteer,
)
from tests.support.accounts import Accounts, GraphQL
from tests.support.cleanup import Slugs
from tests.transfer.builders import make_association

GDPR = "gdpr-basics-for-associations"


async def test_mentoring_respects_hard_constraints_and_capacities(
    db: Database, slugs: Slugs, accounts: Accounts, graphql: GraphQL
) -> None:
    a1, a2 = slugs("a1"), slugs("a2")
    able, also_able = slugs("able"), slugs("also-able")
    too_low, no_language, too_far = slugs("low"), slugs("lang"), slugs("far")
    await import_parties(
        db,
        [make_association(a1), make_association(a2)],
        [
            volunteer(able, maxMentees=1),
            volunteer(also_able, maxMentees=1, skills=[{"skill": GDPR, "level": 6}]),
            volunteer(too_low, skills=[{"skill": GDPR, "level": 2}]),  # below the association's minLevel 3
            volunteer(no_language, languages=["fr"]),  # the associations speak German only
            volunteer(too_far, remote=False, district="spandau"),  # neither remote nor in Mitte
        ],
    )
    counts = await recompute_all(db)
    assert counts.mentoring >= 2
    staff = await accounts.make(Role.STAFF)

    mentors = {
        slug: (await graphql(MENTORS, staff, slug=slug))["association"]["mentorSuggestions"] for slug in (a1, a2)
    }
    assert all(len(found) == 1 for found in mentors.values())  # one mentor per association
    chosen = {found[0]["candidate"]["slug"] for found in mentors.values()}
    assert chosen == {able, also_able}  # each volunteer takes one mentee only (maxMentees 1)
    assert all(
        found[0]["kind"] == "MENTORING" and found[0]["reasons"][0]["code"] == "SKILL_MATCH"
        for found in mentors.values()
    )
    for slug in (too_low, no_language, too_far):
        assert (await graphql(MENTEES, staff, slug=slug))["volunteer"]["menteeSuggestions"] == []


async def test_both_accepting_makes_the_volunteer_a_mentor(
    db: Database, slugs: Slugs, accounts: Accounts, graphql: GraphQL
) -> None:
    a, v = slugs("a"), slugs("v")
    await import_parties(db, [make_association(a)], [volunteer(v)])
    await recompute_all(db)
    member, helper = await accounts.make(Role.MEMBER), await accounts.make(Role.VOLUNTEER)
    await own(db, member, a)
    await own(db, helper, v)
    seen = (await graphql(MENTEES, helper, slug=v))["volunteer"]["menteeSuggestions"]
    assert slugs_of(seen) == [a]
    assert (await graphql(VOLUNTEER_CONTACT, member, slug=v))["volunteer"]["contactEmail"] is None

    await graphql(RESPOND, helper, id=seen[0]["id"], accept=True)
    done = (await graphql(RESPOND, member, id=seen[0]["id"], accept=True))["respondToSuggestion"]
    assert done["errors"] == [] and done["suggestion"]["status"] == "ACCEPTED"

    assert (await graphql(VOLUNTEER_CONTACT, member, slug=v))["volunteer"]["contactEmail"] == f"{v}@example.org"
    mentors = await cypher(
        db, "MATCH (:Volunteer {slug: $v})-[r:MENTORS]->(:Association {slug: $a}) RETURN count(r) AS n", v=v, a=a
    )
    assert mentors == [{"n": 1}]
    await recompute_all(db)
    kept = (await graphql(MENTORS, member, slug=a))["association"]["mentorSuggestions"]
    assert [(s["candidate"]["slug"], s["status"]) for s in kept] == [(v, "ACCEPTED")]
