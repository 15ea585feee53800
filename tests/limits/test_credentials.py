"""At most one credential mutation per request, counted through aliases and fragments, on the real schema."""

import re

import pytest
from graphql import GraphQLError, parse, validate

from network.graphql.schema import build_schema
from network.kit.limits.credentials import CREDENTIAL_MUTATIONS, OneCredentialMutation
from tests.support.settings import make_settings

SCHEMA = build_schema(make_settings())._schema
LOG_IN = 'logIn(email: "someone@example.org", password: "wrong password") { token }'
CREDENTIAL_LIKE = re.compile(r"password|logIn|logOut|signUp|signIn|verif|token", re.IGNORECASE)
# Staff approving an account: no password or token is checked, and staff may approve several at once.
NOT_CREDENTIALS = {"verifyAccount"}
SIGN_UP = 'signUp(email: "new@example.org", password: "a long enough password") { ok }'


def ours(document: str) -> list[GraphQLError]:
    """The errors of this rule alone (graphql's own rules may add theirs for names the schema lacks)."""
    return validate(SCHEMA, parse(document), [OneCredentialMutation])


@pytest.mark.parametrize(
    "document",
    [
        f"mutation {{ {LOG_IN} }}",
        f"mutation {{ {SIGN_UP} }}",
        f"mutation {{ {LOG_IN} }} mutation Other {{ {SIGN_UP} }}",  # one per operation; one operation runs
        f"query {{ me {{ id }} }} mutation {{ {LOG_IN} }}",
        'mutation { a: createAssociation(input: {slug: "x"}) { errors { field } } }',
    ],
)
def test_one_credential_mutation_passes(document: str) -> None:
    assert ours(document) == []


@pytest.mark.parametrize(
    ("document", "names", "times"),
    [
        (f"mutation {{ a: {LOG_IN} b: {LOG_IN} }}", "logIn", 2),
        ("mutation { " + " ".join(f"a{i}: {LOG_IN}" for i in range(11)) + " }", "logIn", 11),
        (f"mutation {{ {LOG_IN} {SIGN_UP} }}", "logIn, signUp", 2),
        (f"mutation {{ a: {LOG_IN} ... on Mutation {{ b: {LOG_IN} }} }}", "logIn", 2),
        (f"mutation {{ ...F b: {SIGN_UP} }} fragment F on Mutation {{ a: {LOG_IN} }}", "logIn, signUp", 2),
        (f"mutation {{ ...F ...F }} fragment F on Mutation {{ {LOG_IN} }}", "logIn", 2),
        # names the schema may not have yet count all the same
        ('mutation { changePassword(old: "a", new: "b") { ok } resetPassword(token: "t") { ok } }', "", 2),
    ],
)
def test_more_than_one_is_refused_naming_them(document: str, names: str, times: int) -> None:
    errors = ours(document)
    assert len(errors) == 1
    assert f"asked {times} times" in errors[0].message
    assert errors[0].message.startswith("a request may carry only one credential mutation")
    if names:
        assert f"({names} asked" in errors[0].message


def test_the_list_names_every_credential_mutation_the_schema_has() -> None:
    # a credential mutation added later without joining the list would slip past the rule
    mutation = SCHEMA.mutation_type
    assert mutation is not None
    credential_like = {name for name in mutation.fields if CREDENTIAL_LIKE.search(name)} - NOT_CREDENTIALS
    assert {"logIn", "signUp"} <= credential_like <= CREDENTIAL_MUTATIONS
