"""Inputs found by hand that made the API fail (a 5xx or a masked "Unexpected error" with a traceback in the log),
sent over real HTTP: each must be refused as a trusted service does, with a 4xx or a typed GraphQL error that names
the problem."""

import json
from typing import Any

import httpx
import pytest

from network.kit.pagination import encode_cursor
from tests.fuzz.verdict import UNEXPECTED
from tests.support.accounts import PASSWORD, Accounts, TestAccount

JSON = {"Content-Type": "application/json"}
EVENTS_AFTER = "query($after: String) { events(after: $after) { totalCount nodes { slug } } }"
SEARCH = "query($text: String!) { search(text: $text) { score } }"
# Counted as 10 per list before, whatever `first` said, when `first` came as a float variable.
NESTED_LISTS = "query($n:Int){associations(first:$n){nodes{slug tools{tool{usedBy(first:$n){nodes{slug name}}}}}}}"
LOG_IN = "{alias}: logIn(email: {email}, password: {password}) {{ token errors {{ field code message }} }}"


def refusal(response: httpx.Response) -> list[dict[str, Any]]:
    """The errors of an answer that refused the request as it should: not a 5xx, not masked, data withheld."""
    assert response.status_code < 500, f"HTTP {response.status_code}: {response.text[:500]}"
    body = response.json()
    errors = body.get("errors") or []
    assert errors, f"HTTP {response.status_code} without errors: {response.text[:500]}"
    assert not any(UNEXPECTED in str(error.get("message")) for error in errors), response.text[:500]
    assert body.get("data") is None, response.text[:500]
    return list(errors)


def messages(response: httpx.Response) -> str:
    return " | ".join(str(error["message"]) for error in refusal(response))


def raw(http: httpx.Client, body: bytes) -> httpx.Response:
    return http.post("/graphql", content=body, headers=JSON)


def test_a_body_that_is_not_utf8_is_a_bad_request_saying_so(http: httpx.Client) -> None:
    body = b'{"query": "{ tools(category: \\"\xc3\x28\\") { slug } }", "variables": {"x": "\xff\xfe"}}'
    response = raw(http, body)
    assert response.status_code == 400
    assert "UTF-8" in messages(response)


def test_variables_nested_a_thousand_deep_are_a_bad_request_saying_so(http: httpx.Client) -> None:
    # Written by hand: json.dumps itself gives up on a value this deep.
    nested = '{"a": ' * 1000 + '"x"' + "}" * 1000
    query = json.dumps("query($f: AssociationFilterInput) { associations(filter: $f) { totalCount } }")
    response = raw(http, f'{{"query": {query}, "variables": {{"f": {nested}}}}}'.encode())
    assert 400 <= response.status_code < 500
    assert any(word in messages(response) for word in ("deep", "nest"))


@pytest.mark.parametrize(
    "key",
    ["--5", "--5|x", "12345678901234567890123|x", "-12345678901234567890123|x"],
    ids=["minus-minus-five", "minus-minus-five-and-slug", "23-digit-timestamp", "negative-23-digit-timestamp"],
)
def test_a_malformed_events_cursor_is_an_invalid_after(http: httpx.Client, key: str) -> None:
    response = http.post("/graphql", json={"query": EVENTS_AFTER, "variables": {"after": encode_cursor(key)}})
    [error] = refusal(response)
    assert error["extensions"]["field"] == "after", error
    assert error["extensions"]["code"] == "INVALID_INPUT", error


def test_a_search_text_of_thousands_of_word_parts_is_an_invalid_text(http: httpx.Client) -> None:
    # One "word" of comma-separated parts: each part is a Lucene clause, past its limit of 1,024.
    text = " ".join(",".join(f"p{word}x{part}" for part in range(120)) for word in range(20))
    [error] = refusal(http.post("/graphql", json={"query": SEARCH, "variables": {"text": text}}))
    assert error["extensions"]["field"] == "text", error


def test_a_short_search_text_of_many_word_parts_is_searched(http: httpx.Client) -> None:
    text = ",".join(f"{chr(97 + part % 26)}{part // 26}" for part in range(60))  # 60 terms in 179 characters
    response = http.post("/graphql", json={"query": SEARCH, "variables": {"text": text}})
    assert response.status_code == 200
    body = response.json()
    assert body.get("errors") is None, body
    assert isinstance(body["data"]["search"], list)


def test_first_as_a_float_variable_is_refused_like_the_same_int(http: httpx.Client) -> None:
    as_int, as_float = (
        messages(http.post("/graphql", json={"query": NESTED_LISTS, "variables": {"n": n}})) for n in (100, 100.0)
    )
    assert "cost" in as_int
    assert as_float == as_int


@pytest.fixture
async def owner(accounts: Accounts) -> TestAccount:
    return await accounts.make()


def test_eleven_aliased_log_ins_are_refused_and_lock_nobody_out(http: httpx.Client, owner: TestAccount) -> None:
    email = json.dumps(owner.email)
    aliased = " ".join(
        LOG_IN.format(alias=f"try{i}", email=email, password=json.dumps(f"wrong {i}")) for i in range(11)
    )
    assert "logIn" in messages(http.post("/graphql", json={"query": f"mutation {{ {aliased} }}"}))
    # The owner's right password still works afterwards.
    single = LOG_IN.format(alias="owner", email=email, password=json.dumps(PASSWORD))
    answer = http.post("/graphql", json={"query": f"mutation {{ {single} }}"})
    assert answer.status_code == 200, answer.text
    assert answer.json()["data"]["owner"]["token"], answer.text
