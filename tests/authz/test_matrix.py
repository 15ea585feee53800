"""Who may do what: every mutation and every private field against five callers, over HTTP with bearer tokens.

Callers: anonymous (no header); member (a MEMBER acting for nothing of the subject); owner (whoever created the
subject: the member of the association, the volunteer of the profile; events have no owner, so there it is the
member whose association takes part); volunteer (a VOLUNTEER with a profile of its own); staff (made by the
accounts service, as the CLI does); unverified (a MEMBER as signing up leaves it, before staff verify it: it reads
as anonymous callers do and changes nothing but its own account). Each cell is its own test with its own subjects.
"""

import re
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from graphql import FieldNode, OperationDefinitionNode, parse

from network.accounts.tokens import TokenSigner
from network.graphql.schema import build_schema
from network.kit.authorisation import SIGN_IN, UNVERIFIED, Role
from network.kit.database import Database
from network.kit.pagination import encode_cursor
from tests.authz.cast import CALLERS, CREATE_VOLUNTEER, Cast, created, starts_at, volunteer_input
from tests.authz.client import Client, cypher, snapshot
from tests.authz.operations import MUTATIONS, Mutation
from tests.support.accounts import Accounts, TestAccount
from tests.support.cleanup import Slugs
from tests.support.settings import make_settings

OK, NP, CONFLICT, NF = "allowed", "NOT_PERMITTED", "CONFLICT", "NOT_FOUND"
AUTH = "sign in first"  # NOT_PERMITTED, with the message that asks for a bearer token
VERIFY = "verify first"  # NOT_PERMITTED, with the message that says staff verify new accounts
NULL, VALUE, HIDDEN, LISTED, EMPTY = "null", "the value", "not listed", "listed", "empty"

MUTATION_MATRIX: dict[str, tuple[str, str, str, str, str, str]] = {
    # operation                anonymous member owner     volunteer staff unverified
    "createAssociation": (AUTH, OK, OK, NP, OK, VERIFY),
    "updateAssociation": (AUTH, NP, OK, NP, OK, NP),
    "setAssociationTools": (AUTH, NP, OK, NP, OK, NP),
    "setAssociationNeeds": (AUTH, NP, OK, NP, OK, NP),
    "deleteAssociation": (AUTH, NP, OK, NP, OK, NP),
    "createVolunteerProfile": (AUTH, NP, CONFLICT, OK, OK, VERIFY),  # the owner has its one profile already
    "updateVolunteerProfile": (AUTH, NP, OK, NP, OK, NP),
    "createEvent": (AUTH, NP, NP, NP, OK, NP),
    "updateEvent": (AUTH, NP, NP, NP, OK, NP),
    "cancelEvent": (AUTH, NP, NP, NP, OK, NP),
    "registerForEvent": (AUTH, NP, OK, NP, OK, NP),  # registers the owner's association
    "formEventGroups": (AUTH, NP, NP, NP, OK, NP),
    "messageEventParticipants": (AUTH, NP, NP, NP, OK, NP),  # to those registered: the owner's association
    "exportMyData": (AUTH, OK, OK, OK, OK, OK),  # each gets its own data only
    "deleteMyAccount": (AUTH, OK, OK, OK, OK, OK),  # erases the caller, nobody else
    "respondToSuggestion": (AUTH, NP, OK, NP, NP, NP),  # the parties answer; staff only read
    "markSuggestionsSeen": (AUTH, NP, OK, NP, NP, NP),  # a party's own look; staff's reading is not the party's
    "recomputeSuggestions": (AUTH, NP, NP, NP, OK, NP),
    # Questions: the owner asked one, routed to the volunteer's profile. Who may not see it learns nothing of it.
    "askQuestion": (AUTH, OK, OK, OK, OK, VERIFY),
    "claimQuestion": (AUTH, NP, NP, OK, NP, VERIFY),  # the volunteers it was routed to; staff only read
    "answerQuestion": (AUTH, NP, NP, OK, NP, VERIFY),  # the volunteer who claimed it
    "closeQuestion": (NF, NF, OK, NP, OK, NF),  # the asker withdraws it, staff close it
    "setMailPreferences": (AUTH, OK, OK, OK, OK, OK),  # each its own account's
    # Experience reports: the owner's association's report on a tool, written by the owner (approved where the
    # operation needs it, so every caller sees it). Staff moderate and curate tips, but write and change no reports.
    "writeExperienceReport": (AUTH, NP, OK, NP, NP, VERIFY),
    "editExperienceReport": (AUTH, NP, OK, NP, NP, VERIFY),
    "deleteExperienceReport": (AUTH, NP, OK, NP, OK, VERIFY),
    "approveExperienceReport": (AUTH, NP, NP, NP, OK, NP),
    "rejectExperienceReport": (AUTH, NP, NP, NP, OK, NP),
    "setToolTips": (AUTH, NP, NP, NP, OK, NP),
}

READ_MATRIX: dict[str, tuple[str, str, str, str, str, str]] = {
    # what is read (the association is PUBLIC)            anonymous member  owner   volunteer staff  unverified
    "Association.contactEmail": (NULL, NULL, VALUE, NULL, VALUE, NULL),
    "Volunteer.contactEmail": (HIDDEN, NULL, VALUE, NULL, VALUE, HIDDEN),
    "MEMBERS association": (HIDDEN, LISTED, LISTED, LISTED, LISTED, HIDDEN),
    "MEMBERS event": (HIDDEN, LISTED, LISTED, LISTED, LISTED, HIDDEN),
    "volunteer profile": (HIDDEN, LISTED, LISTED, LISTED, LISTED, HIDDEN),
}

QUESTION_READ_MATRIX: dict[str, tuple[str, str, str, str, str, str]] = {
    # the owner's question, routed to the volunteer's profile  anonymous member owner volunteer staff unverified
    "helpQuestion": (HIDDEN, HIDDEN, LISTED, LISTED, LISTED, HIDDEN),  # by id and with node(id)
    "myHelpQuestions": (HIDDEN, HIDDEN, LISTED, HIDDEN, HIDDEN, HIDDEN),
    "helpQuestionsForMe": (HIDDEN, HIDDEN, HIDDEN, LISTED, HIDDEN, HIDDEN),
    "helpQuestions": (HIDDEN, HIDDEN, HIDDEN, HIDDEN, LISTED, HIDDEN),
    "helpQuestionCounts": (NULL, NULL, NULL, NULL, VALUE, NULL),
    "HelpQuestion.routes": (HIDDEN, HIDDEN, EMPTY, EMPTY, VALUE, HIDDEN),  # who else it went to, and why
    "HelpQuestion.yourRoute": (HIDDEN, HIDDEN, NULL, VALUE, NULL, HIDDEN),
    "mailPreferences": (NULL, VALUE, VALUE, VALUE, VALUE, VALUE),  # each its own
}


def cells(matrix: dict[str, tuple[str, ...]]) -> list[Any]:
    return [
        pytest.param(name, caller, outcome, id=f"{name}-{caller}-{outcome}".replace(" ", "_"))
        for name, outcomes in matrix.items()
        for caller, outcome in zip(CALLERS, outcomes, strict=True)
    ]


@pytest.fixture(scope="module")
async def regulars(db: Database, signer: TokenSigner, client: Client) -> AsyncIterator[dict[str, TestAccount]]:
    """The member, volunteer and staff callers, shared by the cells whose operation leaves them as they are."""
    made, module_slugs = Accounts(db, signer), Slugs()
    cast = {
        "member": await made.make(Role.MEMBER, "member"),
        "volunteer": await made.make(Role.VOLUNTEER, "vol"),
        "staff": await made.make(Role.STAFF, "staff"),
        "unverified": await made.make(Role.MEMBER, "unverified", verified=False),
    }
    created(client, cast["volunteer"], CREATE_VOLUNTEER, "volunteer", volunteer_input(module_slugs("own")))
    yield cast
    await made.remove()
    async with db.driver.session(database=db.name) as session:
        await (
            await session.run("MATCH (n) WHERE n.slug STARTS WITH $p DETACH DELETE n", p=module_slugs.prefix)
        ).consume()


async def cast_for(
    subject: str,
    fresh: tuple[str, ...],
    regulars: dict[str, TestAccount],
    accounts: Accounts,
    client: Client,
    slugs: Slugs,
) -> Cast:
    cast = Cast(client, slugs, {"anonymous": None})
    roles = {"member": Role.MEMBER, "volunteer": Role.VOLUNTEER, "staff": Role.STAFF}
    for name, role in roles.items():
        cast.callers[name] = await accounts.make(role, name) if name in fresh else regulars[name]
    if "unverified" in fresh:
        cast.callers["unverified"] = await accounts.make(Role.MEMBER, "unverified", verified=False)
    else:
        cast.callers["unverified"] = regulars["unverified"]
    if subject == "volunteer":
        cast.callers["owner"] = await accounts.make(Role.VOLUNTEER, "owner")
        cast.volunteer(cast.callers["owner"])
    else:
        cast.callers["owner"] = await accounts.make(Role.MEMBER, "owner")
        cast.association(cast.callers["owner"], visibility="MEMBERS" if subject == "members-only" else "PUBLIC")
    return cast


def send(
    client: Client, mutation: Mutation, operation: str, account: TestAccount | None, variables: dict[str, Any]
) -> dict[str, Any]:
    """The mutation's payload; for one without a payload, its object under `key` and its GraphQL errors (200 all
    the same) in the payload's shape."""
    if mutation.payload:
        return client.data(mutation.query, account, **variables)[operation]  # type: ignore[no-any-return]
    response = client.post(mutation.query, account, **variables)
    assert response.status_code == 200, response.text
    body = response.json()
    errors = [{"code": error["extensions"]["code"], "message": error["message"]} for error in body.get("errors", [])]
    return {mutation.key: (body["data"] or {}).get(operation), "errors": errors}


@pytest.mark.parametrize(("operation", "caller", "outcome"), cells(MUTATION_MATRIX))
async def test_mutation(
    operation: str,
    caller: str,
    outcome: str,
    regulars: dict[str, TestAccount],
    accounts: Accounts,
    client: Client,
    slugs: Slugs,
    db: Database,
) -> None:
    mutation = MUTATIONS[operation]
    cast = await cast_for(mutation.subject, mutation.fresh, regulars, accounts, client, slugs)
    if mutation.event:
        cast.event(regulars["staff"])
    if mutation.registered:
        registered = client.data(REGISTER, cast["owner"], event=slugs("event"), party=slugs("assoc"))
        assert registered["registerForEvent"] == {"errors": []}
    if mutation.suggestion:
        await cast.suggestion(db, regulars["staff"])
    if mutation.question:
        await cast.routed_question(db, claimed=mutation.question == "claimed")
    if mutation.report:
        cast.report(regulars["staff"], approved=mutation.report == "approved")
    before = await snapshot(db, slugs.prefix, cast.account_ids)

    payload = send(client, mutation, operation, cast[caller], mutation.variables(cast))

    if outcome == OK:
        assert payload["errors"] == [], payload
        await mutation.effect(db, cast, caller, payload)
    else:
        assert [error["code"] for error in payload["errors"]] == [NP if outcome in (AUTH, VERIFY) else outcome], payload
        assert outcome != AUTH or payload["errors"][0]["message"] == SIGN_IN, payload
        assert outcome != VERIFY or payload["errors"][0]["message"] == UNVERIFIED, payload
        assert payload[mutation.key] in (None, False, 0), payload
        assert await snapshot(db, slugs.prefix, cast.account_ids) == before, "a refused mutation changed the graph"


# Every path to an association or volunteer: by slug, by global id, in a list, from a tool, in search results.
ASSOCIATION_READS = (
    "query($slug: String!, $id: ID!, $after: String!, $text: String!) {"
    " association(slug: $slug) { slug contactEmail }"
    " node(id: $id) { ... on Association { slug contactEmail } }"
    " associations(first: 3, after: $after) { nodes { slug contactEmail } }"
    " tools { slug usedBy(first: 3, after: $after) { nodes { slug contactEmail } } }"
    " search(text: $text, first: 5) { party { ... on Association { slug contactEmail } } } }"
)
VOLUNTEER_READS = (
    "query($slug: String!, $id: ID!, $text: String!) { volunteer(slug: $slug) { slug contactEmail }"
    " node(id: $id) { ... on Volunteer { slug contactEmail } }"
    " search(text: $text, first: 5) { party { ... on Volunteer { slug contactEmail } } } }"
)
VOLUNTEER_LIST = "query($after: String!) { volunteers(first: 3, after: $after) { nodes { slug contactEmail } } }"
EVENT_READS = (
    "query($slug: String!, $id: ID!, $at: DateTime!) { event(slug: $slug) { slug }"
    " node(id: $id) { ... on Event { slug } }"
    " events(filter: {startsFrom: $at, startsUntil: $at}) { nodes { slug } } }"
)
REGISTER = (
    "mutation($event: String!, $party: String!) { registerForEvent(eventSlug: $event, partySlug: $party) "
    "{ errors { code } } }"
)


def _find(slug: str, shown: list[dict[str, Any]]) -> dict[str, Any] | None:
    found = [item for item in shown if item.get("slug") == slug]
    assert len(found) <= 1, shown
    return found[0] if found else None


def read_associations(client: Client, cast: Cast, caller: str) -> list[Any]:
    """The association as each path shows it to the caller; None where it is not shown."""
    subject = cast.subject["assoc"]
    data = client.data(
        ASSOCIATION_READS,
        cast[caller],
        slug=subject["slug"],
        id=subject["id"],
        after=encode_cursor(cast.slugs.prefix),
        text=cast.slugs.prefix,
    )
    used_by = next(tool["usedBy"]["nodes"] for tool in data["tools"] if tool["slug"] == "nextcloud")
    return [
        data["association"],
        data["node"],
        _find(subject["slug"], data["associations"]["nodes"]),
        _find(subject["slug"], used_by),
        _find(subject["slug"], [hit["party"] for hit in data["search"]]),
    ]


def read_volunteers(client: Client, cast: Cast, caller: str) -> list[Any]:
    subject, account = cast.subject["vol"], cast[caller]
    data = client.data(VOLUNTEER_READS, account, slug=subject["slug"], id=subject["id"], text=cast.slugs.prefix)
    response = client.post(VOLUNTEER_LIST, account, after=encode_cursor(cast.slugs.prefix)).json()
    if account is None:  # the list itself is refused to anonymous callers, with a reason
        assert response["data"] is None and "signed-in users only" in response["errors"][0]["message"]
        listed = None
    elif caller == "unverified":  # and to unverified accounts, with theirs
        assert response["data"] is None and response["errors"][0]["message"] == UNVERIFIED
        listed = None
    else:
        listed = _find(subject["slug"], response["data"]["volunteers"]["nodes"])
    return [data["volunteer"], data["node"], listed, _find(subject["slug"], [hit["party"] for hit in data["search"]])]


def read_events(client: Client, cast: Cast, caller: str) -> list[Any]:
    subject = cast.subject["event"]
    data = client.data(
        EVENT_READS, cast[caller], slug=subject["slug"], id=subject["id"], at=starts_at(cast.slugs.prefix).isoformat()
    )
    return [data["event"], data["node"], _find(subject["slug"], data["events"]["nodes"])]


@pytest.mark.parametrize(("field", "caller", "outcome"), cells(READ_MATRIX))
async def test_read(
    field: str,
    caller: str,
    outcome: str,
    regulars: dict[str, TestAccount],
    accounts: Accounts,
    client: Client,
    slugs: Slugs,
) -> None:
    subject = {
        "Volunteer.contactEmail": "volunteer",
        "volunteer profile": "volunteer",
        "MEMBERS association": "members-only",
    }.get(field, "association")
    cast = await cast_for(subject, (), regulars, accounts, client, slugs)
    if field == "MEMBERS event":
        cast.event(regulars["staff"], visibility="MEMBERS")
        owner = cast["owner"]
        assert client.data(REGISTER, owner, event=slugs("event"), party=slugs("assoc"))["registerForEvent"] == {
            "errors": []
        }
        seen = read_events(client, cast, caller)
    elif subject == "volunteer":
        seen = read_volunteers(client, cast, caller)
    else:
        seen = read_associations(client, cast, caller)

    if outcome == HIDDEN:
        assert seen == [None] * len(seen)
        return
    assert all(shown is not None for shown in seen), seen
    if outcome != LISTED:
        email = f"{slugs('vol' if subject == 'volunteer' else 'assoc')}@example.org"
        assert [shown["contactEmail"] for shown in seen] == [email if outcome == VALUE else None] * len(seen), seen


QUESTION = "id routes { rank } yourRoute { rank }"
QUESTION_READS = f"query($id: ID!) {{ helpQuestion(id: $id) {{ {QUESTION} }} }}"
QUESTION_NODE = "query($id: ID!) { node(id: $id) { ... on HelpQuestion { id } } }"
QUESTION_LISTS = (
    "{ myHelpQuestions(first: 20) { nodes { id } } helpQuestionsForMe(first: 20) { nodes { id } }"
    " helpQuestions(first: 20) { nodes { id } } helpQuestionCounts { open claimed answered closed unanswered }"
    " mailPreferences { frequency language } }"
)


def _listed(question: str, nodes: list[dict[str, Any]]) -> dict[str, Any] | None:
    return next((node for node in nodes if node["id"] == question), None)


@pytest.mark.parametrize(("field", "caller", "outcome"), cells(QUESTION_READ_MATRIX))
async def test_question_read(
    field: str,
    caller: str,
    outcome: str,
    regulars: dict[str, TestAccount],
    accounts: Accounts,
    client: Client,
    slugs: Slugs,
    db: Database,
) -> None:
    cast = await cast_for("association", (), regulars, accounts, client, slugs)
    question = (await cast.routed_question(db))["id"]
    owner, account = cast["owner"], cast[caller]
    assert owner is not None
    await cypher(db, "MATCH (a:Account {id: $id}) SET a.mailFrequency = 'WEEKLY', a.language = 'en'", id=owner.id)
    one = client.data(QUESTION_READS, account, id=question)
    lists = client.data(QUESTION_LISTS, account)

    if field == "helpQuestion":
        seen = [one["helpQuestion"], client.data(QUESTION_NODE, account, id=question)["node"]]
    elif field.startswith("HelpQuestion."):
        seen = [one["helpQuestion"]]
    elif field == "helpQuestionCounts":
        seen = [lists["helpQuestionCounts"]]
    elif field == "mailPreferences":
        seen = [lists["mailPreferences"]]
    else:
        seen = [_listed(question, lists[field]["nodes"])]

    if outcome in (HIDDEN, NULL) and not field.startswith("HelpQuestion."):
        assert seen == [None] * len(seen), seen
        return
    if outcome == HIDDEN:
        assert seen == [None], seen
        return
    assert all(shown is not None for shown in seen), seen
    if field == "HelpQuestion.routes":
        assert seen[0]["routes"] == ([{"rank": 1}] if outcome == VALUE else []), seen
    elif field == "HelpQuestion.yourRoute":
        assert seen[0]["yourRoute"] == ({"rank": 1} if outcome == VALUE else None), seen
    elif field == "helpQuestionCounts":
        assert seen[0]["open"] >= 1, seen  # this test's question at least
    elif field == "mailPreferences":
        assert account is not None
        [stored] = await cypher(
            db,
            "MATCH (a:Account {id: $id}) RETURN coalesce(a.mailFrequency, 'IMMEDIATE') AS frequency, "
            "toUpper(coalesce(a.language, 'de')) AS language",
            id=account.id,
        )
        assert seen == [stored], seen
        assert caller != "owner" or stored == {"frequency": "WEEKLY", "language": "EN"}
    else:
        assert [shown["id"] for shown in seen] == [question] * len(seen), seen


def _fields(document: str) -> set[str]:
    """The root fields an operation document asks for."""
    [operation] = parse(document).definitions
    assert isinstance(operation, OperationDefinitionNode)
    return {
        selection.name.value for selection in operation.selection_set.selections if isinstance(selection, FieldNode)
    }


# Operations whose authorisation is tested elsewhere, with the file that tests it.
ELSEWHERE = {
    "signUp": "tests/accounts/test_http.py",
    "logIn": "tests/accounts/test_http.py",
    "logOut": "tests/accounts/test_revocation.py",
    "changePassword": "tests/accounts/test_revocation.py",
    "verifyAccount": "tests/accounts/test_verification.py",
    "me": "tests/authz/test_tokens.py",
    "jobRun": "tests/suggestions/test_jobs.py",
    "suggestionsChanged": "tests/suggestions/test_changes_subscription.py",  # over a WebSocket
    "peerWeights": "tests/suggestions/test_peer_weights.py",
    "insights": "tests/insights/test_insights.py",  # staff only, null for everyone else
    "tools": "tests/catalogue/test_queries.py",  # the catalogue is public
    "toolCategories": "tests/catalogue/test_queries.py",
    "skills": "tests/catalogue/test_queries.py",
    "districts": "tests/catalogue/test_queries.py",
    "fields": "tests/catalogue/test_queries.py",
    "targetGroups": "tests/catalogue/test_queries.py",
    "experienceReport": "tests/reports/test_moderation.py",  # pending: its association and staff; approved: all
    "myExperienceReports": "tests/reports/test_moderation.py",
    "experienceReportModerationQueue": "tests/reports/test_moderation.py",
    "searchExperienceReports": "tests/search/test_report_search.py",
}


def test_every_operation_is_in_a_matrix_or_tested_elsewhere() -> None:
    """A new query, mutation or subscription gets its row (or a named test elsewhere) before it ships."""
    schema = build_schema(make_settings())._schema
    assert schema.query_type is not None and schema.mutation_type is not None and schema.subscription_type is not None
    operations = set(schema.query_type.fields) | set(schema.mutation_type.fields) | set(schema.subscription_type.fields)
    documents = [
        *(ASSOCIATION_READS, VOLUNTEER_READS, VOLUNTEER_LIST, EVENT_READS),
        *(QUESTION_READS, QUESTION_NODE, QUESTION_LISTS),
    ]
    read = set().union(*(_fields(document) for document in documents))
    mutated = set(MUTATION_MATRIX) | {field for mutation in MUTATIONS.values() for field in _fields(mutation.query)}
    assert set(MUTATION_MATRIX) == set(MUTATIONS)
    assert sorted(operations - read - mutated - set(ELSEWHERE)) == [], "operations without a row in the matrix"
    assert sorted(set(ELSEWHERE) - operations) == [], "ELSEWHERE names operations the schema no longer has"
    root = Path(__file__).resolve().parents[2]
    for operation, path in ELSEWHERE.items():
        assert re.search(rf"\b{operation}\b", (root / path).read_text(encoding="utf-8")), (operation, path)
