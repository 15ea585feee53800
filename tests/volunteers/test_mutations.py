"""createVolunteerProfile (one per volunteer account) and updateVolunteerProfile: rules, partial changes, errors."""

from typing import Any

import pytest

from network.kit.authorisation import Role
from network.kit.global_id import to_global_id
from tests.associations.builders import make_volunteer, seed, stored
from tests.support.accounts import Accounts, GraphQL, TestAccount
from tests.support.cleanup import Slugs
from tests.volunteers.builders import CREATE, UPDATE, VOLUNTEER


def new(slug: str, **overrides: Any) -> dict[str, Any]:
    """A valid CreateVolunteerProfileInput."""
    return {
        "slug": slug,
        "displayName": "Grace",
        "bio": "Server und Sicherheit",
        "languages": ["de", "en"],
        "district": "neukoelln",
        "remote": True,
        "hoursPerMonth": 10,
        "maxMentees": 3,
        "skills": [{"skill": "it-security-basics", "level": 6}],
        "tools": [{"tool": "nextcloud", "proficiency": "EXPERT"}],
        "contactEmail": "grace@example.org",
        **overrides,
    }


async def create(graphql: GraphQL, account: TestAccount | None, data: dict[str, Any]) -> dict[str, Any]:
    return (await graphql(CREATE, account, input=data))["createVolunteerProfile"]  # type: ignore[no-any-return]


async def update(graphql: GraphQL, account: TestAccount | None, slug: str, **changes: Any) -> dict[str, Any]:
    return (await graphql(UPDATE, account, slug=slug, input=changes))["updateVolunteerProfile"]  # type: ignore[no-any-return]


def problems(payload: dict[str, Any]) -> list[tuple[str | None, str]]:
    return [(error["field"], error["code"]) for error in payload["errors"]]


async def test_a_volunteer_creates_a_profile_and_acts_for_it(
    graphql: GraphQL, accounts: Accounts, slugs: Slugs, db
) -> None:
    volunteer = await accounts.make(Role.VOLUNTEER)
    payload = await create(graphql, volunteer, new(slugs("grace")))
    assert payload["errors"] == []
    made = payload["volunteer"]
    node = await stored(db, "Volunteer", slugs("grace"))
    assert (
        made["id"] == to_global_id("Volunteer", node["id"])
        and node["id"] in (await accounts.viewer(volunteer)).acts_for
    )
    assert (made["displayName"], made["remote"], made["maxMentees"], made["contactEmail"], made["canEdit"]) == (
        "Grace",
        True,
        3,
        "grace@example.org",
        True,
    )
    assert made["skills"] == [{"skill": {"slug": "it-security-basics"}, "level": 6}]
    assert node["links"] == ["AVAILABLE_IN:neukoelln", "KNOWS:nextcloud", "OFFERS:it-security-basics"]


async def test_a_second_profile_of_one_volunteer_is_a_conflict(
    graphql: GraphQL, accounts: Accounts, slugs: Slugs, db
) -> None:
    volunteer = await accounts.make(Role.VOLUNTEER)
    assert (await create(graphql, volunteer, new(slugs("first"))))["errors"] == []
    payload = await create(graphql, volunteer, new(slugs("second")))
    assert payload["volunteer"] is None and [e["code"] for e in payload["errors"]] == ["CONFLICT"]
    assert "updateVolunteerProfile" in payload["errors"][0]["message"]
    assert await stored(db, "Volunteer", slugs("second")) is None


async def test_staff_may_create_several_profiles(graphql: GraphQL, accounts: Accounts, slugs: Slugs) -> None:
    staff = await accounts.make(Role.STAFF)
    for name in ("one", "two"):
        assert (await create(graphql, staff, new(slugs(name))))["errors"] == []
    assert (await accounts.viewer(staff)).acts_for == frozenset()


@pytest.mark.parametrize("role", [None, Role.MEMBER])
async def test_anonymous_callers_and_members_may_not_create(
    graphql: GraphQL, accounts: Accounts, slugs: Slugs, db, role: Role | None
) -> None:
    account = None if role is None else await accounts.make(role)
    payload = await create(graphql, account, new(slugs("refused")))
    assert payload["volunteer"] is None and problems(payload) == [(None, "NOT_PERMITTED")]
    assert await stored(db, "Volunteer", slugs("refused")) is None


async def test_a_taken_slug_is_a_conflict(graphql: GraphQL, accounts: Accounts, slugs: Slugs, db) -> None:
    await seed(db, volunteers=[make_volunteer(slugs("taken"))])
    before = await stored(db, "Volunteer", slugs("taken"))
    volunteer = await accounts.make(Role.VOLUNTEER)
    payload = await create(graphql, volunteer, new(slugs("taken")))
    assert [e["code"] for e in payload["errors"]] == ["CONFLICT"]
    assert f"'{slugs('taken')}' exists already" in payload["errors"][0]["message"]
    assert await stored(db, "Volunteer", slugs("taken")) == before
    assert (await accounts.viewer(volunteer)).acts_for == frozenset()  # no link to somebody else's profile


async def test_unknown_catalogue_slugs_are_named_and_nothing_is_written(
    graphql: GraphQL, accounts: Accounts, slugs: Slugs, db
) -> None:
    volunteer = await accounts.make(Role.VOLUNTEER)
    payload = await create(
        graphql,
        volunteer,
        new(
            slugs("bad"),
            district="atlantis",
            tools=[{"tool": "abacus"}],
            skills=[{"skill": "green-it", "level": 2}, {"skill": "telepathy", "level": 2}],
        ),
    )
    assert [(e["field"], e["code"], e["message"]) for e in payload["errors"]] == [
        ("district", "INVALID_INPUT", "district: unknown district 'atlantis'"),
        ("skills[1].skill", "INVALID_INPUT", "skills[1].skill: unknown skill 'telepathy'"),
        ("tools[0].tool", "INVALID_INPUT", "tools[0].tool: unknown tool 'abacus'"),
    ]
    assert await stored(db, "Volunteer", slugs("bad")) is None
    assert (await create(graphql, volunteer, new(slugs("good"))))["errors"] == []  # the failed try left no link


@pytest.mark.parametrize("level", [0, 9])
async def test_a_level_out_of_range_names_the_field_and_the_range(
    graphql: GraphQL, accounts: Accounts, slugs: Slugs, db, level: int
) -> None:
    payload = await create(
        graphql, await accounts.make(Role.VOLUNTEER), new(slugs("lvl"), skills=[{"skill": "green-it", "level": level}])
    )
    assert problems(payload) == [("skills[0].level", "INVALID_INPUT")]
    message = payload["errors"][0]["message"].removeprefix("skills[0].level: ")
    assert "1" in message and "8" in message
    assert await stored(db, "Volunteer", slugs("lvl")) is None


@pytest.mark.parametrize(
    "change, field",
    [
        ({"maxMentees": 21}, "maxMentees"),
        ({"hoursPerMonth": -1}, "hoursPerMonth"),
        ({"displayName": ""}, "displayName"),
        ({"languages": ["DE"]}, "languages[0]"),
    ],
)
async def test_invalid_values_name_their_field(
    graphql: GraphQL, accounts: Accounts, slugs: Slugs, change: dict[str, Any], field: str
) -> None:
    payload = await create(graphql, await accounts.make(Role.VOLUNTEER), {**new(slugs("invalid")), **change})
    assert payload["volunteer"] is None and problems(payload) == [(field, "INVALID_INPUT")]


async def test_an_update_changes_only_the_given_fields(graphql: GraphQL, accounts: Accounts, slugs: Slugs) -> None:
    volunteer = await accounts.make(Role.VOLUNTEER)
    before = (await create(graphql, volunteer, new(slugs("me"))))["volunteer"]
    payload = await update(
        graphql,
        volunteer,
        slugs("me"),
        bio="Jetzt auch Green IT",
        remote=False,
        skills=[{"skill": "green-it", "level": 4}],
    )
    assert payload["errors"] == []
    assert payload["volunteer"] == {
        **before,
        "bio": "Jetzt auch Green IT",
        "remote": False,
        "skills": [{"skill": {"slug": "green-it"}, "level": 4}],
    }
    cleared = await update(graphql, volunteer, slugs("me"), bio=None, district=None, hoursPerMonth=None)
    assert cleared["errors"] == []
    assert cleared["volunteer"] == {**payload["volunteer"], "bio": None, "district": None, "hoursPerMonth": None}


async def test_a_bad_update_writes_nothing(graphql: GraphQL, accounts: Accounts, slugs: Slugs, db) -> None:
    volunteer = await accounts.make(Role.VOLUNTEER)
    await create(graphql, volunteer, new(slugs("me")))
    before = await stored(db, "Volunteer", slugs("me"))
    payload = await update(graphql, volunteer, slugs("me"), bio="changed", tools=[{"tool": "abacus"}])
    assert [(e["field"], e["message"]) for e in payload["errors"]] == [
        ("tools[0].tool", "tools[0].tool: unknown tool 'abacus'")
    ]
    assert await stored(db, "Volunteer", slugs("me")) == before


async def test_only_the_volunteer_and_staff_may_update(graphql: GraphQL, accounts: Accounts, slugs: Slugs, db) -> None:
    await create(graphql, await accounts.make(Role.VOLUNTEER), new(slugs("me")))
    before = await stored(db, "Volunteer", slugs("me"))
    for account in (None, await accounts.make(Role.VOLUNTEER), await accounts.make(Role.MEMBER)):
        payload = await update(graphql, account, slugs("me"), bio="hijacked")
        assert payload["volunteer"] is None and problems(payload) == [(None, "NOT_PERMITTED")]
    assert await stored(db, "Volunteer", slugs("me")) == before
    by_staff = await update(graphql, await accounts.make(Role.STAFF), slugs("me"), maxMentees=0)
    assert by_staff["errors"] == [] and by_staff["volunteer"]["maxMentees"] == 0


async def test_updating_an_unknown_profile_is_not_found(graphql: GraphQL, accounts: Accounts, slugs: Slugs) -> None:
    payload = await update(graphql, await accounts.make(Role.STAFF), slugs("nobody"), bio="x")
    assert problems(payload) == [(None, "NOT_FOUND")]
    found = await graphql(VOLUNTEER, await accounts.make(Role.STAFF), slug=slugs("nobody"))
    assert found["volunteer"] is None
