"""volunteer(slug) and volunteers: private persons, shown to signed-in users only; contact data to few."""

import pytest

from network.kit.authorisation import Role
from network.kit.global_id import from_global_id
from tests.associations.builders import make_volunteer, seed, slugs_of, stored
from tests.support.accounts import Accounts, GraphQL
from tests.support.cleanup import Slugs
from tests.volunteers.builders import CREATE, VOLUNTEER, VOLUNTEERS


async def test_a_signed_in_user_sees_the_profile_as_imported(
    graphql: GraphQL, accounts: Accounts, slugs: Slugs, db
) -> None:
    await seed(
        db,
        volunteers=[
            make_volunteer(
                slugs("ada"),
                displayName="Ada",
                bio="Nextcloud und Datenschutz",
                languages=["de", "en"],
                district="friedrichshain-kreuzberg",
                remote=False,
                hoursPerMonth=8,
                maxMentees=3,
                skills=[{"skill": "green-it", "level": 3}, {"skill": "nextcloud-administration", "level": 6}],
                tools=[{"tool": "zoom", "proficiency": "BEGINNER"}, {"tool": "nextcloud", "proficiency": "EXPERT"}],
            )
        ],
    )
    found = (await graphql(VOLUNTEER, await accounts.make(Role.MEMBER), slug=slugs("ada")))["volunteer"]
    assert from_global_id(found["id"]) == ("Volunteer", (await stored(db, "Volunteer", slugs("ada")))["id"])
    assert {
        key: found[key]
        for key in ("displayName", "bio", "languages", "remote", "hoursPerMonth", "maxMentees", "district")
    } == {
        "displayName": "Ada",
        "bio": "Nextcloud und Datenschutz",
        "languages": ["de", "en"],
        "remote": False,
        "hoursPerMonth": 8,
        "maxMentees": 3,
        "district": {"slug": "friedrichshain-kreuzberg"},
    }
    assert found["skills"] == [
        {"skill": {"slug": "nextcloud-administration"}, "level": 6},
        {"skill": {"slug": "green-it"}, "level": 3},
    ]  # highest level first
    assert found["tools"] == [
        {"tool": {"slug": "nextcloud"}, "proficiency": "EXPERT"},
        {"tool": {"slug": "zoom"}, "proficiency": "BEGINNER"},
    ]


async def test_anonymous_callers_get_null_for_one_volunteer(graphql: GraphQL, slugs: Slugs, db) -> None:
    await seed(db, volunteers=[make_volunteer(slugs("hidden"))])
    assert (await graphql(VOLUNTEER, slug=slugs("hidden")))["volunteer"] is None


async def test_anonymous_callers_get_an_error_naming_sign_in_for_the_list(graphql: GraphQL, slugs: Slugs, db) -> None:
    await seed(db, volunteers=[make_volunteer(slugs("hidden"))])
    result = await graphql.result(VOLUNTEERS, filter={"text": slugs.prefix})
    assert result.data is None and len(result.errors) == 1
    assert "signed-in users only" in result.errors[0].message and "bearer token" in result.errors[0].message


@pytest.mark.parametrize("role", [Role.MEMBER, Role.VOLUNTEER, Role.STAFF])
async def test_every_signed_in_role_lists_volunteers(
    graphql: GraphQL, accounts: Accounts, slugs: Slugs, db, role: Role
) -> None:
    await seed(db, volunteers=[make_volunteer(slugs("b")), make_volunteer(slugs("a"))])
    listed = (await graphql(VOLUNTEERS, await accounts.make(role), filter={"text": slugs.prefix}))["volunteers"]
    assert slugs_of(listed) == [slugs("a"), slugs("b")] and listed["totalCount"] == 2


async def test_an_unknown_slug_is_null(graphql: GraphQL, accounts: Accounts, slugs: Slugs) -> None:
    assert (await graphql(VOLUNTEER, await accounts.make(Role.STAFF), slug=slugs("nobody")))["volunteer"] is None


async def test_contact_email_and_can_edit_only_for_the_volunteer_and_staff(
    graphql: GraphQL, accounts: Accounts, slugs: Slugs
) -> None:
    owner = await accounts.make(Role.VOLUNTEER)
    created = (
        await graphql(CREATE, owner, input={"slug": slugs("me"), "displayName": "Me", "contactEmail": "me@example.org"})
    )["createVolunteerProfile"]
    assert created["errors"] == []
    seen = {}
    for name, role in (("member", Role.MEMBER), ("volunteer", Role.VOLUNTEER), ("staff", Role.STAFF)):
        found = (await graphql(VOLUNTEER, await accounts.make(role), slug=slugs("me")))["volunteer"]
        seen[name] = (found["contactEmail"], found["canEdit"])
    found = (await graphql(VOLUNTEER, owner, slug=slugs("me")))["volunteer"]
    seen["owner"] = (found["contactEmail"], found["canEdit"])
    assert seen == {
        "member": (None, False),
        "volunteer": (None, False),
        "staff": ("me@example.org", True),
        "owner": ("me@example.org", True),
    }


async def test_volunteers_page_with_cursors(graphql: GraphQL, accounts: Accounts, slugs: Slugs, db) -> None:
    names = ["e", "c", "a", "d", "b"]
    await seed(db, volunteers=[make_volunteer(slugs(name)) for name in names])
    member = await accounts.make(Role.MEMBER)
    seen, after, infos = [], None, []
    while True:
        page = (await graphql(VOLUNTEERS, member, filter={"text": slugs.prefix}, first=2, after=after))["volunteers"]
        seen += slugs_of(page)
        infos.append((page["pageInfo"]["hasPreviousPage"], page["pageInfo"]["hasNextPage"], page["totalCount"]))
        assert page["pageInfo"]["endCursor"] == page["edges"][-1]["cursor"]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert seen == sorted(slugs(name) for name in names)
    assert infos == [(False, True, 5), (True, True, 5), (True, False, 5)]


@pytest.mark.parametrize(
    "arguments, message",
    [
        ({"first": 0}, "first must be between 1 and 100, got 0"),
        ({"first": 101}, "first must be between 1 and 100"),
        ({"after": "zzz"}, "after"),
    ],
)
async def test_bad_page_arguments_are_errors_naming_them(
    graphql: GraphQL, accounts: Accounts, arguments: dict[str, object], message: str
) -> None:
    assert message in await graphql.error(VOLUNTEERS, await accounts.make(Role.MEMBER), **arguments)
