"""association(slug): the profile as stored, who sees MEMBERS associations, and who sees private fields."""

from network.kit.authorisation import Role
from network.kit.global_id import from_global_id
from tests.associations.builders import ASSOCIATION, ASSOCIATIONS, make_association, seed, slugs_of, stored
from tests.support.accounts import Accounts, GraphQL
from tests.support.cleanup import Slugs


async def test_an_association_shows_its_profile_as_imported(graphql: GraphQL, slugs: Slugs, db) -> None:
    slug = slugs("full")
    await seed(
        db,
        associations=[
            make_association(
                slug,
                description="Rudern auf der Spree",
                members=120,
                paidStaff=2,
                languages=["de", "tr"],
                fields=["sport", "youth-work-adult-education"],
                targetGroups=["young-people"],
                district="pankow",
                tools=[
                    {"tool": "nextcloud", "proficiency": "EXPERT", "since": "2021-02-03"},
                    {"tool": "zoom", "proficiency": "BEGINNER"},
                ],
                considers=["jitsi-meet"],
                needs=[
                    {"skill": "it-security-basics", "minLevel": 4, "priority": 1},
                    {"skill": "green-it", "minLevel": 2, "priority": 3},
                ],
            )
        ],
    )
    found = (await graphql(ASSOCIATION, slug=slug))["association"]
    assert from_global_id(found["id"]) == ("Association", (await stored(db, "Association", slug))["id"])
    assert (found["name"], found["description"], found["members"], found["paidStaff"]) == (
        f"Verein {slug}",
        "Rudern auf der Spree",
        120,
        2,
    )
    assert found["languages"] == ["de", "tr"] and found["visibility"] == "PUBLIC"
    assert found["district"] == {"slug": "pankow"}
    assert found["fields"] == [{"slug": "sport"}, {"slug": "youth-work-adult-education"}]
    assert found["targetGroups"] == [{"slug": "young-people"}]
    assert found["tools"] == [
        {"tool": {"slug": "nextcloud"}, "proficiency": "EXPERT", "since": "2021-02-03"},
        {"tool": {"slug": "zoom"}, "proficiency": "BEGINNER", "since": None},
    ]
    assert found["considers"] == [{"slug": "jitsi-meet"}]
    assert found["needs"] == [
        {"skill": {"slug": "it-security-basics"}, "minLevel": 4, "priority": 1},
        {"skill": {"slug": "green-it"}, "minLevel": 2, "priority": 3},
    ]


async def test_an_unknown_slug_is_null(graphql: GraphQL, slugs: Slugs) -> None:
    assert (await graphql(ASSOCIATION, slug=slugs("nobody")))["association"] is None


async def test_members_associations_are_hidden_from_anonymous_callers_only(
    graphql: GraphQL, accounts: Accounts, slugs: Slugs, db
) -> None:
    await seed(
        db, associations=[make_association(slugs("open")), make_association(slugs("closed"), visibility="MEMBERS")]
    )
    member, volunteer = await accounts.make(Role.MEMBER), await accounts.make(Role.VOLUNTEER)
    assert (await graphql(ASSOCIATION, slug=slugs("closed")))["association"] is None
    listed = (await graphql(ASSOCIATIONS, filter={"text": slugs.prefix}))["associations"]
    assert slugs_of(listed) == [slugs("open")] and listed["totalCount"] == 1
    for account in (member, volunteer):
        found = (await graphql(ASSOCIATION, account, slug=slugs("closed")))["association"]
        assert found["slug"] == slugs("closed") and found["visibility"] == "MEMBERS"
        listed = (await graphql(ASSOCIATIONS, account, filter={"text": slugs.prefix}))["associations"]
        assert slugs_of(listed) == [slugs("closed"), slugs("open")] and listed["totalCount"] == 2


async def test_contact_email_and_can_edit_only_for_those_acting_for_it_and_staff(
    graphql: GraphQL, accounts: Accounts, slugs: Slugs, db
) -> None:
    await seed(db, associations=[make_association(slugs("theirs"))])
    owner, other, staff = (
        await accounts.make(Role.MEMBER),
        await accounts.make(Role.MEMBER),
        await accounts.make(Role.STAFF),
    )
    created = await graphql(
        "mutation($i: CreateAssociationInput!) { createAssociation(input: $i) { errors { code } } }",
        owner,
        i={"slug": slugs("mine"), "name": "Mine", "contactEmail": "Board@Example.org"},
    )
    assert created["createAssociation"]["errors"] == []
    seen = {}
    for name, account in (("anonymous", None), ("owner", owner), ("other", other), ("staff", staff)):
        found = (await graphql(ASSOCIATION, account, slug=slugs("mine")))["association"]
        seen[name] = (found["contactEmail"], found["canEdit"])
    assert seen == {
        "anonymous": (None, False),
        "owner": ("board@example.org", True),
        "other": (None, False),
        "staff": ("board@example.org", True),
    }
    theirs = (await graphql(ASSOCIATION, owner, slug=slugs("theirs")))["association"]
    assert (theirs["contactEmail"], theirs["canEdit"]) == (None, False)
