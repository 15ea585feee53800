"""Signing up through the schema, in-process: tokens, stored hashes, roles, duplicates and password rules."""

import datetime as dt

import pytest
from pydantic import ValidationError

from network.accounts.models import SignUpInput
from network.kit.global_id import from_global_id
from tests.accounts.conftest import PASSWORD, Api, Emails, graph_account
from tests.accounts.operations import SIGN_UP, SIGN_UP_AS


async def test_sign_up_returns_a_token_for_the_new_member(api: Api, emails: Emails, tokens, db) -> None:
    email = emails("New")
    before = dt.datetime.now(dt.UTC)
    payload = (await api(SIGN_UP, email=email.upper(), password=PASSWORD))["signUp"]
    assert payload["errors"] == []
    account = payload["account"]
    assert account["email"] == email.lower() and account["role"] == "MEMBER"
    type_name, account_id = from_global_id(account["id"])
    assert type_name == "Account"
    claims = tokens.verify(payload["token"])
    assert (claims.account_id, claims.role.value, claims.version) == (account_id, "MEMBER", 0)
    expires_at = dt.datetime.fromisoformat(payload["expiresAt"])
    assert dt.timedelta(minutes=719) < expires_at - before < dt.timedelta(minutes=721)
    stored = await graph_account(db, email.lower())
    assert stored is not None and stored["id"] == account_id and stored["tokenVersion"] == 0
    assert stored["passwordHash"].startswith("$argon2id$") and PASSWORD not in stored["passwordHash"]


async def test_sign_up_as_volunteer(api: Api, emails: Emails) -> None:
    payload = (await api(SIGN_UP_AS, email=emails("v"), password=PASSWORD, role="VOLUNTEER"))["signUp"]
    assert payload["errors"] == [] and payload["account"]["role"] == "VOLUNTEER"


async def test_staff_cannot_be_chosen_at_sign_up(api: Api, emails: Emails, db) -> None:
    result = await api.result(SIGN_UP_AS, email=emails("boss"), password=PASSWORD, role="STAFF")
    assert result.errors and "STAFF" in result.errors[0].message
    assert await graph_account(db, emails("boss")) is None
    with pytest.raises(ValidationError):  # nor past the schema, should a caller of the service try
        SignUpInput(email=emails("boss"), password=PASSWORD, role="STAFF")


async def test_a_taken_email_is_a_conflict_on_the_email_field(api: Api, emails: Emails) -> None:
    assert (await api(SIGN_UP, email=emails("twice"), password=PASSWORD))["signUp"]["errors"] == []
    again = (await api(SIGN_UP, email=emails("twice").upper(), password=PASSWORD + "!"))["signUp"]
    assert again["token"] is None and again["account"] is None
    assert [(e["field"], e["code"]) for e in again["errors"]] == [("email", "CONFLICT")]
    assert "already exists" in again["errors"][0]["message"]


@pytest.mark.parametrize("password", ["x" * 9, "y" * 257, " " * 3])
async def test_password_rules_name_the_field(api: Api, emails: Emails, db, password: str) -> None:
    payload = (await api(SIGN_UP, email=emails("short"), password=password))["signUp"]
    assert payload["token"] is None
    assert [(e["field"], e["code"]) for e in payload["errors"]] == [("password", "INVALID_INPUT")]
    assert payload["errors"][0]["message"] == "password: must be 10 to 256 characters long"
    assert await graph_account(db, emails("short")) is None


@pytest.mark.parametrize("length", [10, 256])
async def test_passwords_at_the_limits_are_taken_as_given(api: Api, emails: Emails, length: int) -> None:
    password = " " + "p" * (length - 2) + " "  # spaces at the ends belong to the password
    assert (await api(SIGN_UP, email=emails("edge"), password=password))["signUp"]["errors"] == []
    logged_in = (
        await api(
            "mutation($e: String!, $p: String!) { logIn(email: $e, password: $p) { errors { code } } }",
            e=emails("edge"),
            p=password.strip(),
        )
    )["logIn"]
    assert [e["code"] for e in logged_in["errors"]] == ["INVALID_CREDENTIALS"]


async def test_a_malformed_email_is_refused_on_its_field(api: Api, emails: Emails) -> None:
    payload = (await api(SIGN_UP, email="not-an-address", password=PASSWORD))["signUp"]
    assert [(e["field"], e["code"]) for e in payload["errors"]] == [("email", "INVALID_INPUT")]
    assert payload["errors"][0]["message"].startswith("email: ")
