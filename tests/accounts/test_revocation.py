"""Revoking tokens: logging out, changing the password (limited like a log-in), staff resetting it."""

from arq.connections import ArqRedis

from network.accounts.ratelimit import PAIR_FAILURES, LogInKeys
from network.accounts.tokens import TokenSigner
from network.accounts.viewer import viewer_for_token
from network.kit.authorisation import ANONYMOUS
from network.kit.database import Database
from tests.accounts.conftest import PASSWORD, Api, Emails, graph_account, joined
from tests.accounts.operations import CHANGE_PASSWORD, LOG_IN, LOG_OUT

NEW_PASSWORD = "a new and better passphrase"


def codes(payload: dict) -> list[tuple[str | None, str]]:
    return [(error["field"], error["code"]) for error in payload["errors"]]


async def revoked(db: Database, tokens: TokenSigner, token: str) -> bool:
    try:
        await viewer_for_token(db, tokens, token)
    except Exception as error:
        assert "revoked" in str(error)
        return True
    return False


async def test_log_out_revokes_every_token_of_the_account(
    api: Api, emails: Emails, db: Database, tokens: TokenSigner
) -> None:
    first = (await joined(api, emails("out")))["token"]
    second = (await api(LOG_IN, email=emails("out"), password=PASSWORD))["logIn"]["token"]  # another device
    viewer = await viewer_for_token(db, tokens, first)
    assert (await api(LOG_OUT, viewer=viewer))["logOut"] == {"ok": True, "errors": []}
    assert await revoked(db, tokens, first) and await revoked(db, tokens, second)
    again = (await api(LOG_IN, email=emails("out"), password=PASSWORD))["logIn"]
    assert not await revoked(db, tokens, again["token"])  # logging in again works


async def test_log_out_needs_a_signed_in_caller(api: Api) -> None:
    payload = (await api(LOG_OUT, viewer=ANONYMOUS))["logOut"]
    assert payload["ok"] is False and codes(payload) == [(None, "NOT_PERMITTED")]


async def test_change_password_revokes_older_tokens_and_returns_a_fresh_one(
    api: Api, emails: Emails, db: Database, tokens: TokenSigner
) -> None:
    old = (await joined(api, emails("changer")))["token"]
    viewer = await viewer_for_token(db, tokens, old)
    changed = (await api(CHANGE_PASSWORD, viewer=viewer, current=PASSWORD, new=NEW_PASSWORD))["changePassword"]
    assert changed["errors"] == [] and changed["account"]["email"] == emails("changer")
    assert await revoked(db, tokens, old) and not await revoked(db, tokens, changed["token"])
    assert tokens.verify(changed["token"]).version == 1
    assert (await api(LOG_IN, email=emails("changer"), password=PASSWORD))["logIn"]["token"] is None
    assert (await api(LOG_IN, email=emails("changer"), password=NEW_PASSWORD))["logIn"]["errors"] == []


async def test_change_password_checks_the_current_one_and_the_rules(
    api: Api, emails: Emails, db: Database, tokens: TokenSigner, queue: ArqRedis
) -> None:
    token = (await joined(api, emails("careful")))["token"]
    viewer = await viewer_for_token(db, tokens, token)
    before = await graph_account(db, emails("careful"))

    async def change(current: str, new: str) -> dict:
        return (await api(CHANGE_PASSWORD, viewer=viewer, current=current, new=new))["changePassword"]  # type: ignore[no-any-return]

    assert codes(await change(PASSWORD, "short")) == [("newPassword", "INVALID_INPUT")]
    assert codes(await change(PASSWORD, PASSWORD)) == [("newPassword", "INVALID_INPUT")]
    assert codes(await change("not the password", NEW_PASSWORD)) == [("currentPassword", "INVALID_CREDENTIALS")]
    assert await graph_account(db, emails("careful")) == before and not await revoked(db, tokens, token)
    # a stolen token cannot be used to guess the current password: the log-in limits apply
    for _ in range(PAIR_FAILURES - 1):
        await change("another guess", NEW_PASSWORD)
    limited = await change(PASSWORD, NEW_PASSWORD)
    assert codes(limited) == [(None, "RATE_LIMITED")] and limited["retryAfterSeconds"] > 0
    await queue.delete(*LogInKeys.of(emails.client, emails("careful")).all)


async def test_change_password_needs_a_signed_in_caller(api: Api) -> None:
    payload = (await api(CHANGE_PASSWORD, viewer=ANONYMOUS, current=PASSWORD, new=NEW_PASSWORD))["changePassword"]
    assert codes(payload) == [(None, "NOT_PERMITTED")] and payload["token"] is None
