"""Logging in through the schema, in-process: tokens, one error for every bad credential, the rate limit, `me`."""

import asyncio
import statistics
import time

from arq.connections import ArqRedis

from network.accounts.ratelimit import MAX_FAILURES, WINDOW_S, failures_key
from network.accounts.viewer import viewer_for_token
from network.kit.global_id import from_global_id
from tests.accounts.conftest import PASSWORD, Api, Emails
from tests.accounts.operations import LOG_IN, ME, SIGN_UP


async def sign_up(api: Api, email: str) -> dict:
    payload = (await api(SIGN_UP, email=email, password=PASSWORD))["signUp"]
    assert payload["errors"] == []
    return payload


def codes(payload: dict) -> list[str]:
    return [error["code"] for error in payload["errors"]]


async def test_log_in_returns_a_token_that_resolves_to_the_account(api: Api, emails: Emails, tokens, db) -> None:
    account = (await sign_up(api, emails("me")))["account"]
    payload = (await api(LOG_IN, email=emails("ME"), password=PASSWORD))["logIn"]
    assert payload["errors"] == [] and payload["account"] == account
    viewer = await viewer_for_token(db, tokens, payload["token"])
    assert viewer.account_id == from_global_id(account["id"])[1] and viewer.role.value == "MEMBER"
    assert (await api(ME, viewer=viewer))["me"] == {k: account[k] for k in ("id", "email", "role")}


async def test_me_is_null_for_anonymous_callers(api: Api) -> None:
    assert (await api(ME))["me"] is None


async def test_wrong_password_and_unknown_email_give_the_same_error(api: Api, emails: Emails) -> None:
    await sign_up(api, emails("known"))
    wrong = (await api(LOG_IN, email=emails("known"), password=PASSWORD + "?"))["logIn"]
    unknown = (await api(LOG_IN, email=emails("nobody"), password=PASSWORD))["logIn"]
    assert wrong == unknown
    assert wrong["token"] is None and wrong["account"] is None
    assert wrong["errors"] == [
        {"field": None, "code": "INVALID_CREDENTIALS", "message": "The e-mail address or the password is wrong."}
    ]


async def test_an_unknown_email_costs_a_password_check_too(api: Api, emails: Emails) -> None:
    await sign_up(api, emails("timed"))

    async def duration(email: str) -> float:
        started = time.perf_counter()
        await api(LOG_IN, email=email, password=PASSWORD + "?")
        return time.perf_counter() - started

    known = statistics.median([await duration(emails("timed")) for _ in range(3)])
    unknown = statistics.median([await duration(emails("ghost")) for _ in range(3)])
    # A look-up alone takes a few milliseconds, an argon2 check tens: without the dummy check this ratio collapses.
    assert unknown > 0.5 * known, (known, unknown)


async def test_the_11th_attempt_after_10_failures_is_refused(api: Api, emails: Emails, queue: ArqRedis) -> None:
    email = emails("guessed")
    await sign_up(api, email)
    for attempt in range(MAX_FAILURES):
        failed = (await api(LOG_IN, email=email, password=f"wrong guess {attempt}"))["logIn"]
        assert codes(failed) == ["INVALID_CREDENTIALS"], attempt
    refused = (await api(LOG_IN, email=email, password=PASSWORD))["logIn"]  # even the right password
    assert codes(refused) == ["RATE_LIMITED"] and refused["token"] is None
    assert "15 minutes" in refused["errors"][0]["message"]
    assert 0 < await queue.ttl(failures_key(email)) <= WINDOW_S
    other = emails("bystander")
    await sign_up(api, other)
    assert codes((await api(LOG_IN, email=other, password=PASSWORD))["logIn"]) == []  # limited per address

    await queue.pexpire(failures_key(email), 1)  # the window passes
    await asyncio.sleep(0.05)
    assert codes((await api(LOG_IN, email=email, password=PASSWORD))["logIn"]) == []


async def test_a_successful_log_in_clears_the_failures(api: Api, emails: Emails, queue: ArqRedis) -> None:
    email = emails("forgetful")
    await sign_up(api, email)
    for _ in range(MAX_FAILURES - 1):
        await api(LOG_IN, email=email, password="not my password")
    assert codes((await api(LOG_IN, email=email, password=PASSWORD))["logIn"]) == []
    assert await queue.exists(failures_key(email)) == 0
    for _ in range(MAX_FAILURES - 1):
        assert codes((await api(LOG_IN, email=email, password="still not it"))["logIn"]) == ["INVALID_CREDENTIALS"]


async def test_failures_of_unknown_emails_are_limited_too(api: Api, emails: Emails) -> None:
    for _ in range(MAX_FAILURES):
        await api(LOG_IN, email=emails("probe"), password=PASSWORD)
    assert codes((await api(LOG_IN, email=emails("probe"), password=PASSWORD))["logIn"]) == ["RATE_LIMITED"]
