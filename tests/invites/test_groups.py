"""formEventGroups and Event.groups: every registered party in exactly one group, sizes within one, experienced and
new parties mixed, re-forming replaces, the same registrations give the same groups; staff form, registrants read."""

from collections import Counter
from typing import Any

from network.kit.authorisation import Role
from network.kit.database import Database
from tests.invites.helpers import (
    FORM,
    GROUPS,
    REGISTER,
    create_event,
    cypher,
    established,
    helper,
    import_parties,
    own,
    small,
)
from tests.support.accounts import Accounts, GraphQL, TestAccount
from tests.support.cleanup import Slugs


async def form(graphql: GraphQL, account: TestAccount | None, event: str, size: int) -> dict[str, Any]:
    return (await graphql(FORM, account, slug=event, size=size))["formEventGroups"]  # type: ignore[no-any-return]


def members(groups: list[dict[str, Any]]) -> list[list[str]]:
    return [[m["slug"] for m in g["members"]] for g in groups]


def everyone(groups: list[dict[str, Any]]) -> list[str]:
    return [party for group in members(groups) for party in group]


async def stored_groups(db: Database, event: str) -> dict[str, int | None]:
    found = await cypher(
        db, "MATCH (p)-[r:REGISTERED]->(:Event {slug: $slug}) RETURN p.slug AS slug, r.group AS g", slug=event
    )
    return {r["slug"]: r["g"] for r in found}


async def registered_event(db: Database, slugs: Slugs, graphql: GraphQL, staff: TestAccount) -> tuple[str, set[str]]:
    """An event with three parties experienced in its topic (two associations, one volunteer) and four new ones."""
    experienced = [slugs("expert"), slugs("intermediate")]
    new = [slugs("beginner1"), slugs("beginner2"), slugs("zoom1"), slugs("zoom2")]
    await import_parties(
        db,
        [
            established(experienced[0]),
            established(experienced[1], proficiency="INTERMEDIATE"),
            small(new[0]),
            small(new[1]),
            small(new[2], tool="zoom"),
            small(new[3], tool="zoom"),
        ],
        [helper(slugs("helper"))],
    )
    event = await create_event(graphql, staff, slugs, "workshop")
    for party in [*experienced, slugs("helper"), *new]:
        assert (await graphql(REGISTER, staff, event=event, party=party))["registerForEvent"]["errors"] == []
    return event, {*experienced, slugs("helper")}


async def test_groups_cover_everyone_once_balanced_and_mixed(
    db: Database, slugs: Slugs, accounts: Accounts, graphql: GraphQL
) -> None:
    staff = await accounts.make(Role.STAFF)
    event, experienced = await registered_event(db, slugs, graphql, staff)

    formed = await form(graphql, staff, event, 3)
    assert formed["errors"] == [] and formed["event"] == {"slug": event}
    groups = members(formed["groups"])
    assert [g["number"] for g in formed["groups"]] == [1, 2, 3]
    everyone = [party for group in groups for party in group]
    assert len(everyone) == 7 and len(set(everyone)) == 7
    assert max(map(len, groups)) - min(map(len, groups)) <= 1 and max(map(len, groups)) <= 3
    assert all(len(set(g) & experienced) == 1 for g in groups)  # three experienced, three groups: one each
    assert members((await graphql(GROUPS, staff, slug=event))["event"]["groups"]) == groups


async def test_forming_again_replaces_the_groups_and_the_same_registrations_give_the_same(
    db: Database, slugs: Slugs, accounts: Accounts, graphql: GraphQL
) -> None:
    staff = await accounts.make(Role.STAFF)
    event, experienced = await registered_event(db, slugs, graphql, staff)
    await form(graphql, staff, event, 3)

    pairs = members((await form(graphql, staff, event, 2))["groups"])
    assert len(pairs) == 4 and sorted(map(len, pairs)) == [1, 2, 2, 2]
    assert sum(1 for g in pairs if set(g) & experienced and set(g) - experienced) == 3  # min(E, N-E, k, N-k)
    stored = await stored_groups(db, event)
    assert Counter(stored.values()) == Counter({1: 2, 2: 2, 3: 2, 4: 1})  # nothing left of the groups of three

    assert members((await form(graphql, staff, event, 2))["groups"]) == pairs
    assert await stored_groups(db, event) == stored

    late = slugs("late")
    await import_parties(db, [small(late)])
    assert (await graphql(REGISTER, staff, event=event, party=late))["registerForEvent"]["errors"] == []
    assert late not in everyone((await graphql(GROUPS, staff, slug=event))["event"]["groups"])
    assert late in everyone((await form(graphql, staff, event, 2))["groups"])


async def test_staff_form_groups_and_registered_parties_read_them(
    db: Database, slugs: Slugs, accounts: Accounts, graphql: GraphQL
) -> None:
    staff, member = await accounts.make(Role.STAFF), await accounts.make(Role.MEMBER, "registered")
    stranger = await accounts.make(Role.MEMBER, "stranger")
    event, _ = await registered_event(db, slugs, graphql, staff)
    await own(db, member, slugs("expert"))

    for caller in (member, None):
        refused = await form(graphql, caller, event, 3)
        assert refused["groups"] == [] and [e["code"] for e in refused["errors"]] == ["NOT_PERMITTED"]
    assert set((await stored_groups(db, event)).values()) == {None}  # nothing formed
    await form(graphql, staff, event, 3)

    assert len((await graphql(GROUPS, member, slug=event))["event"]["groups"]) == 3
    for reader in (stranger, None):
        assert (await graphql(GROUPS, reader, slug=event))["event"]["groups"] == []


async def test_bad_input_is_named(slugs: Slugs, accounts: Accounts, graphql: GraphQL) -> None:
    staff = await accounts.make(Role.STAFF)
    event = await create_event(graphql, staff, slugs, "empty")
    unknown = await form(graphql, staff, slugs("nowhere"), 3)
    assert [(e["field"], e["code"]) for e in unknown["errors"]] == [("eventSlug", "NOT_FOUND")]
    too_small = await form(graphql, staff, event, 1)
    assert [(e["field"], e["code"]) for e in too_small["errors"]] == [("size", "INVALID_INPUT")]
    nobody = await form(graphql, staff, event, 3)
    assert nobody == {"event": {"slug": event}, "groups": [], "errors": []}
