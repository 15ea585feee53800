"""Mail preferences over GraphQL: each account reads and changes its own, bad input is named, and signing up
chooses the language of the mails from the start."""

from typing import Any, cast

from network.catalogue.cache import CatalogueCache
from network.kit.authorisation import ANONYMOUS
from network.kit.context import Context
from tests.mail.conftest import World
from tests.support.accounts import PASSWORD, Accounts, GraphQL

PREFERENCES = "{ mailPreferences { frequency language } }"
SET = (
    "mutation($input: MailPreferencesInput!) { setMailPreferences(input: $input) { "
    "mailPreferences { frequency language } errors { field code message } } }"
)


async def test_an_account_reads_and_changes_its_own_preferences(graphql: GraphQL, world: World) -> None:
    assert (await graphql(PREFERENCES, world.a))["mailPreferences"] == {"frequency": "IMMEDIATE", "language": "DE"}

    weekly = (await graphql(SET, world.a, input={"frequency": "WEEKLY"}))["setMailPreferences"]
    english = (await graphql(SET, world.a, input={"language": "EN"}))["setMailPreferences"]

    assert weekly == {"mailPreferences": {"frequency": "WEEKLY", "language": "DE"}, "errors": []}
    assert english == {"mailPreferences": {"frequency": "WEEKLY", "language": "EN"}, "errors": []}
    [stored] = await world.run(
        "MATCH (a:Account) WHERE a.id IN [$a, $b] RETURN collect([a.id, a.mailFrequency, a.language]) AS rows",
        a=world.a.id,
        b=world.b.id,
    )
    assert sorted(stored["rows"]) == sorted([[world.a.id, "WEEKLY", "en"], [world.b.id, None, "de"]])
    assert (await graphql(PREFERENCES, world.b))["mailPreferences"] == {"frequency": "IMMEDIATE", "language": "DE"}


async def test_nothing_to_change_is_an_error_on_the_input(graphql: GraphQL, world: World) -> None:
    found = (await graphql(SET, world.a, input={}))["setMailPreferences"]
    assert found["mailPreferences"] is None
    assert found["errors"] == [
        {"field": "input", "code": "INVALID_INPUT", "message": "give frequency, language or both"}
    ]
    unknown = await graphql.error(SET, world.a, input={"frequency": "SOMETIMES"})
    assert "SOMETIMES" in unknown and "MailFrequency" in unknown


async def test_anonymous_callers_have_no_preferences_and_change_none(graphql: GraphQL, world: World) -> None:
    assert (await graphql(PREFERENCES))["mailPreferences"] is None
    refused = (await graphql(SET, input={"frequency": "NEVER"}))["setMailPreferences"]
    assert refused["mailPreferences"] is None and [e["code"] for e in refused["errors"]] == ["NOT_PERMITTED"]


async def test_signing_up_sets_the_language_of_the_mails(graphql: GraphQL, accounts: Accounts, world: World) -> None:
    sign_up = (
        "mutation($email: String!, $password: String!, $language: MailLanguage!) "
        "{ signUp(email: $email, password: $password, language: $language) { ok errors { field code message } } }"
    )
    plain = "mutation($email: String!, $password: String!) { signUp(email: $email, password: $password) { ok } }"
    english, german = f"{accounts.prefix}-english@example.org", f"{accounts.prefix}-german@example.org"

    async def run(query: str, **variables: object) -> dict[str, Any]:
        # a client of this test's own: sign-ups are limited per client, and in-process calls share one
        context = Context(
            db=graphql.db,
            queue=graphql.queue,
            settings=graphql.settings,
            catalogue=CatalogueCache(graphql.db),
            viewer=ANONYMOUS,
            tokens=accounts.signer,
            client=f"client-{accounts.prefix}",
        )
        result = await graphql.schema.execute(query, variable_values=variables, context_value=context)
        assert result.errors is None and result.data is not None, result.errors
        return cast(dict[str, Any], result.data["signUp"])

    assert (await run(sign_up, email=english, password=PASSWORD, language="EN")) == {"ok": True, "errors": []}
    assert (await run(plain, email=german, password=PASSWORD))["ok"]
    [found] = await world.run(
        "MATCH (a:Account) WHERE a.email IN [$en, $de] RETURN collect([a.email, a.language]) AS rows",
        en=english,
        de=german,
    )
    assert sorted(found["rows"]) == sorted([[english, "en"], [german, "de"]])
