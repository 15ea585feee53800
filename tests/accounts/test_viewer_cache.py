"""The API's viewers by token: a burst with one token reads its account once, a mutation on the same process
forgets them all, and a change made elsewhere (another API process, a script) applies within the cache's time."""

import asyncio
import time
from collections.abc import Iterator

import httpx
import pytest

from network.accounts import service
from network.accounts.tokens import TokenSigner
from network.accounts.viewer import ViewerCache
from network.kit.authorisation import ANONYMOUS, Role, Viewer
from network.kit.database import Database
from network.settings import Settings
from tests.accounts.conftest import Emails
from tests.accounts.operations import LOG_OUT, ME
from tests.accounts.test_http import post, sign_up
from tests.support.server import running_api

CACHED_S = 3.0


@pytest.fixture(scope="module")
def base(auth_settings: Settings, db: Database) -> Iterator[str]:
    settings = auth_settings.model_copy(update={"trusted_proxies": ["127.0.0.1"], "viewer_cache_s": CACHED_S})
    with running_api(settings) as url:
        yield url


def me(base: str, token: str) -> httpx.Response:
    return post(base, ME, token=token)


def test_an_entry_lives_for_its_time_and_the_oldest_goes_first() -> None:
    cache = ViewerCache(ttl_s=0.2, max_entries=2)
    staff = Viewer(account_id="a", role=Role.STAFF)
    cache.put("one", staff)
    cache.put("two", ANONYMOUS)
    assert cache.get("one") == staff  # now the most recently used
    cache.put("three", ANONYMOUS)
    assert cache.get("two") is None and cache.get("one") == staff and cache.get("three") == ANONYMOUS
    time.sleep(0.25)
    assert cache.get("one") is None and cache.get("three") is None


def test_a_cache_of_no_time_keeps_nothing() -> None:
    cache = ViewerCache(ttl_s=0)
    cache.put("one", ANONYMOUS)
    assert cache.get("one") is None


def test_a_log_out_on_the_same_process_applies_at_once(base: str, emails: Emails) -> None:
    token = sign_up(base, emails("cached-out"))["token"]
    assert me(base, token).json()["data"]["me"]["email"] == emails("cached-out")  # now cached
    assert post(base, LOG_OUT, token=token).json()["data"]["logOut"]["ok"] is True
    refused = me(base, token)
    assert refused.status_code == 401 and "revoked" in refused.json()["detail"]


async def test_a_revocation_made_elsewhere_applies_within_the_cache_time(
    base: str, emails: Emails, db: Database, tokens: TokenSigner
) -> None:
    token = sign_up(base, emails("cached-elsewhere"))["token"]
    assert me(base, token).status_code == 200  # read and cached
    await service.log_out(db, tokens.verify(token).account_id)  # as another API process would
    revoked_at = time.monotonic()
    still = me(base, token)
    if time.monotonic() - revoked_at < CACHED_S * 0.8:  # the cached viewer answered: no read of the account
        assert still.status_code == 200
    await asyncio.sleep(max(0.0, revoked_at + CACHED_S + 0.2 - time.monotonic()))
    refused = me(base, token)
    assert refused.status_code == 401 and "revoked" in refused.json()["detail"]
