"""Logging in through the schema, in-process: tokens, one error for every bad credential, `me`."""

import statistics
import time

from network.accounts.viewer import viewer_for_token
from network.kit.global_id import from_global_id
from tests.accounts.conftest import PASSWORD, Api, Emails, joined
from tests.accounts.operations import LOG_IN, ME


async def test_log_in_returns_a_token_that_resolves_to_the_account(api: Api, emails: Emails, tokens, db) -> None:
    account = (await joined(api, emails("me")))["account"]
    payload = (await api(LOG_IN, email=emails("ME"), password=PASSWORD))["logIn"]
    assert payload["errors"] == [] and payload["account"] == account and payload["retryAfterSeconds"] is None
    viewer = await viewer_for_token(db, tokens, payload["token"])
    assert viewer.account_id == from_global_id(account["id"])[1] and viewer.role.value == "MEMBER"
    assert (await api(ME, viewer=viewer))["me"] == {k: account[k] for k in ("id", "email", "role")}


async def test_me_is_null_for_anonymous_callers(api: Api) -> None:
    assert (await api(ME))["me"] is None


async def test_wrong_password_and_unknown_email_give_the_same_error(api: Api, emails: Emails) -> None:
    await joined(api, emails("known"))
    wrong = (await api(LOG_IN, email=emails("known"), password=PASSWORD + "?"))["logIn"]
    unknown = (await api(LOG_IN, email=emails("nobody"), password=PASSWORD))["logIn"]
    assert wrong == unknown
    assert wrong["token"] is None and wrong["account"] is None
    assert wrong["errors"] == [
        {"field": None, "code": "INVALID_CREDENTIALS", "message": "The e-mail address or the password is wrong."}
    ]


async def test_an_unknown_email_costs_a_password_check_too(api: Api, emails: Emails) -> None:
    await joined(api, emails("timed"))

    async def duration(email: str) -> float:
        started = time.perf_counter()
        await api(LOG_IN, email=email, password=PASSWORD + "?")
        return time.perf_counter() - started

    # interleaved, so that a moment of load on a shared machine slows both sides alike
    pairs = [(await duration(emails("timed")), await duration(emails("ghost"))) for _ in range(7)]
    known = statistics.median(pair[0] for pair in pairs)
    unknown = statistics.median(pair[1] for pair in pairs)
    # A look-up alone takes a few milliseconds, an argon2 check tens: without the dummy check this ratio collapses.
    assert unknown > 0.5 * known, (known, unknown)
