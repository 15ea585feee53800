"""The fuzz stage's judgement of an answer, on answers made by hand: it must catch each kind of failure and pass the
refusals a trusted API gives."""

import httpx
import pytest

from tests.fuzz.server_log import UNRAISABLE
from tests.fuzz.verdict import Finding, problem

MASKED = {"data": None, "errors": [{"message": "Unexpected error (request id 1a2b); logged.", "path": ["x"]}]}
TYPED = {"data": None, "errors": [{"message": "first: must be at most 100", "extensions": {"code": "INVALID_INPUT"}}]}


@pytest.mark.parametrize(
    ("response", "log", "expected"),
    [
        (httpx.Response(500, text="Internal Server Error"), [], "HTTP 500"),
        (httpx.Response(503, json={"errors": [{"message": "unavailable"}]}), [], "HTTP 503"),
        (httpx.Response(200, json=MASKED), [], "Unexpected error at ['x']"),
        (httpx.Response(200, text="<html>oops</html>"), [], "HTTP 200 with a body that is not JSON"),
        (httpx.Response(200, json={"data": {"x": 1}}), [f"{UNRAISABLE} Exception ignored in: <coroutine>"], "an excep"),
    ],
    ids=["500", "503", "masked", "not-json", "unraisable"],
)
def test_each_kind_of_failure_is_caught(response: httpx.Response, log: list[str], expected: str) -> None:
    found = problem(response, log)
    assert found is not None and found.startswith(expected), found


@pytest.mark.parametrize(
    "response",
    [
        httpx.Response(200, json={"data": {"tools": []}}),
        httpx.Response(200, json=TYPED),
        httpx.Response(400, json={"data": None, "errors": [{"message": "the request body is not valid UTF-8"}]}),
        httpx.Response(429, json={"errors": [{"message": "too many log-ins; retry in 30 s"}]}),
    ],
    ids=["data", "typed-error", "bad-request", "too-many"],
)
def test_answers_and_refusals_pass(response: httpx.Response) -> None:
    assert problem(response, ["warning database slow"]) is None


def test_one_failure_met_with_other_inputs_and_request_ids_is_reported_once() -> None:
    def finding(document: str, request_id: str) -> Finding:
        line = f"error unexpected error in a resolver request_id={request_id} | ValueError: bad at a.py:3"
        return Finding("Query.events", "anonymous", "Unexpected error", document, "{}", (line,))

    first, second = finding('{ events(after: "x") { totalCount } }', "1a"), finding("{ events { totalCount } }", "2b")
    assert first.key == second.key
    assert "curl" in first.report() and "events(after:" in first.report()
