"""Two members creating the same slug at the same moment: the unique constraint decides, exactly one wins.

Before, both checked that the slug was free, both merged by slug, and the later one overwrote the earlier.
"""

import asyncio
from typing import Any

from network.kit.authorisation import Role
from tests.associations.test_create_delete import create, new, problems
from tests.support.accounts import Accounts, GraphQL
from tests.support.cleanup import Slugs

RACERS = 12


async def test_concurrent_creations_of_one_slug_give_one_winner_and_conflicts(
    graphql: GraphQL, accounts: Accounts, slugs: Slugs, db
) -> None:
    slug = slugs("race")
    members = [await accounts.make(Role.MEMBER) for _ in range(RACERS)]
    payloads: list[dict[str, Any]] = await asyncio.gather(
        *(create(graphql, member, new(slug, name=f"Verein {i}", members=i + 1)) for i, member in enumerate(members))
    )
    winners = [i for i, payload in enumerate(payloads) if payload["association"] is not None]
    assert len(winners) == 1, [problems(payload) for payload in payloads]
    [winner] = winners
    losers = [payload for i, payload in enumerate(payloads) if i != winner]
    assert all(problems(payload) == [("slug", "CONFLICT")] for payload in losers), losers
    assert all(payload["association"] is None for payload in losers)

    # The winner's data is what is stored, once; only the winner acts for it.
    async with db.driver.session(database=db.name) as session:
        result = await session.run(
            "MATCH (n:Association {slug: $slug}) "
            "RETURN n.name AS name, n.members AS members, COLLECT { MATCH (a:Account)-[:ACTS_FOR]->(n) RETURN a.id } "
            "AS actors",
            slug=slug,
        )
        stored = [record.data() async for record in result]
    assert stored == [{"name": f"Verein {winner}", "members": winner + 1, "actors": [members[winner].id]}]


async def test_volunteer_profiles_and_events_share_the_guarded_creation(
    graphql: GraphQL, accounts: Accounts, slugs: Slugs, db
) -> None:
    # Both are created through the same write path as associations; a smaller race for each.
    from tests.events import test_mutations as events
    from tests.volunteers import test_mutations as volunteers

    volunteer_slug = slugs("v-race")
    people = [await accounts.make(Role.VOLUNTEER) for _ in range(4)]
    staff = await accounts.make(Role.STAFF)
    made = await asyncio.gather(
        *(
            volunteers.create(graphql, person, volunteers.new(volunteer_slug, displayName=f"P{i}"))
            for i, person in enumerate(people)
        ),
        *(events.create(graphql, staff, events.new(slugs, "e-race", title=f"E{i}")) for i in range(4)),
    )
    for outcomes, label, name in ((made[:4], "Volunteer", "displayName"), (made[4:], "Event", "title")):
        winners = [payload for payload in outcomes if not payload["errors"]]
        assert len(winners) == 1, outcomes
        assert sorted(problems(payload) for payload in outcomes) == [[], *[[("slug", "CONFLICT")]] * 3]
        key = "volunteer" if label == "Volunteer" else "event"
        async with db.driver.session(database=db.name) as session:
            result = await session.run(
                f"MATCH (n:{label}) WHERE n.slug IN $slugs RETURN n.{name} AS name",
                slugs=[volunteer_slug, slugs("e-race")],
            )
            stored = [record["name"] async for record in result]
        assert stored == [winners[0][key][name]]
