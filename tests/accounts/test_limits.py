"""The log-in limits against hostile callers, in-process with a client address per caller: an attacker's failures
never refuse the owner's correct password, and rotating clients buys only a bounded number of guesses."""

import asyncio

from arq.connections import ArqRedis

from network.accounts import ratelimit
from network.accounts.ratelimit import (
    ADDRESS_LOCK,
    CLIENT_FAILURES,
    LOCKED_PAIR_FAILURES,
    PAIR_FAILURES,
    SIGN_UPS_PER_CLIENT,
    WINDOW_S,
    LogInKeys,
)
from tests.accounts.conftest import PASSWORD, Api, Emails, joined
from tests.accounts.operations import LOG_IN, SIGN_UP


def codes(payload: dict) -> list[str]:
    return [error["code"] for error in payload["errors"]]


async def log_in(api: Api, client: str, email: str, password: str) -> dict:
    api.client = client
    return (await api(LOG_IN, email=email, password=password))["logIn"]  # type: ignore[no-any-return]


async def forget(queue: ArqRedis, clients: list[str], email: str) -> None:
    for client in clients:
        await queue.delete(*LogInKeys.of(client, email).all)


async def test_a_client_failing_on_one_address_is_refused_for_it_and_told_when_to_return(
    api: Api, emails: Emails, queue: ArqRedis
) -> None:
    email, attacker = emails("target"), f"{emails.client}-attacker"
    await joined(api, email)
    try:
        for attempt in range(PAIR_FAILURES):
            assert codes(await log_in(api, attacker, email, f"guess {attempt}")) == ["INVALID_CREDENTIALS"]
        refused = await log_in(api, attacker, email, PASSWORD)  # even with the right password: it is the guesser
        assert codes(refused) == ["RATE_LIMITED"] and refused["token"] is None
        assert 0 < refused["retryAfterSeconds"] <= WINDOW_S
        assert "try again in 15 minutes" in refused["errors"][0]["message"]
        # the owner, from its own client, is not refused over the attacker's failures
        assert codes(await log_in(api, f"{emails.client}-owner", email, PASSWORD)) == []
    finally:
        await forget(queue, [attacker, f"{emails.client}-owner"], email)


async def test_the_aliased_lock_out_attack_no_longer_locks_the_owner_out(
    api: Api, emails: Emails, queue: ArqRedis
) -> None:
    """The reported attack: eleven aliased wrong log-ins in one request locked the owner out for 15 minutes."""
    email, attacker, owner = emails("victim"), f"{emails.client}-mallory", f"{emails.client}-owner"
    await joined(api, email)
    aliased = (
        "mutation($e: String!) { "
        + " ".join(f'a{i}: logIn(email: $e, password: "wrong guess {i}") {{ errors {{ code }} }}' for i in range(11))
        + " }"
    )
    try:
        api.client = attacker
        result = await api.result(aliased, e=email)
        if result.errors is None:  # the request may be refused as a whole (one log-in per request); if not, ...
            found = [error["code"] for payload in result.data.values() for error in payload["errors"]]
            assert found.count("INVALID_CREDENTIALS") == PAIR_FAILURES and "RATE_LIMITED" in found, found
        assert codes(await log_in(api, owner, email, PASSWORD)) == []  # ... either way the owner logs in
    finally:
        await forget(queue, [attacker, owner], email)


async def test_rotating_clients_buy_a_bounded_number_of_guesses_and_the_owner_still_passes(
    api: Api, emails: Emails, queue: ArqRedis
) -> None:
    email = emails("rotated")
    await joined(api, email)
    clients = [f"{emails.client}-bot{n}" for n in range(6)]
    owner = f"{emails.client}-owner"
    guesses = 0
    try:
        for client in clients:  # each client guesses until it is refused
            while codes(await log_in(api, client, email, f"guess {guesses}")) == ["INVALID_CREDENTIALS"]:
                guesses += 1
        # before the lock each client may fail PAIR_FAILURES times, after it LOCKED_PAIR_FAILURES at most
        assert guesses <= ADDRESS_LOCK + PAIR_FAILURES + (len(clients) - 1) * LOCKED_PAIR_FAILURES, guesses
        assert guesses < len(clients) * PAIR_FAILURES
        assert int(await queue.get(LogInKeys.of("", email).address) or 0) >= ADDRESS_LOCK  # the address is locked
        assert codes(await log_in(api, owner, email, PASSWORD)) == []  # and its owner passes
        # a new client that guesses wrong under the lock is refused after its allowance
        newcomer = f"{emails.client}-newcomer"
        for _ in range(LOCKED_PAIR_FAILURES):
            assert codes(await log_in(api, newcomer, email, "one more guess")) == ["INVALID_CREDENTIALS"]
        assert codes(await log_in(api, newcomer, email, PASSWORD)) == ["RATE_LIMITED"]
        clients.append(newcomer)
    finally:
        await forget(queue, [*clients, owner], email)


async def test_a_client_is_limited_across_addresses(api: Api, emails: Emails, queue: ArqRedis) -> None:
    spray = f"{emails.client}-spray"
    addresses = [emails(f"sprayed{n}") for n in range(CLIENT_FAILURES // 2 + 1)]
    try:
        failures = 0
        for address in addresses:
            for _ in range(2):
                if codes(await log_in(api, spray, address, "Winter2026!")) == ["INVALID_CREDENTIALS"]:
                    failures += 1
        assert failures == CLIENT_FAILURES
        refused = await log_in(api, spray, emails("another"), "Winter2026!")
        assert codes(refused) == ["RATE_LIMITED"] and "from your network" in refused["errors"][0]["message"]
    finally:
        for address in addresses:
            await forget(queue, [spray], address)


async def test_a_correct_password_forgets_the_clients_failures(api: Api, emails: Emails, queue: ArqRedis) -> None:
    email = emails("forgetful")
    await joined(api, email)
    client = emails.client
    for _ in range(PAIR_FAILURES - 1):
        await log_in(api, client, email, "not my password")
    assert codes(await log_in(api, client, email, PASSWORD)) == []
    assert await queue.exists(LogInKeys.of(client, email).pair) == 0
    for _ in range(PAIR_FAILURES - 1):
        assert codes(await log_in(api, client, email, "still not it")) == ["INVALID_CREDENTIALS"]


async def test_parallel_guesses_cannot_slip_past_the_limit(api: Api, emails: Emails, queue: ArqRedis) -> None:
    email, client = emails("raced"), f"{emails.client}-racer"
    await joined(api, email)
    api.client = client
    try:
        answers = await asyncio.gather(
            *(api(LOG_IN, email=email, password=f"parallel guess {n}") for n in range(3 * PAIR_FAILURES))
        )
        found = [codes(answer["logIn"]) for answer in answers]
        assert found.count(["INVALID_CREDENTIALS"]) == PAIR_FAILURES, found
        assert found.count(["RATE_LIMITED"]) + found.count(["BUSY"]) == 2 * PAIR_FAILURES, found
    finally:
        await forget(queue, [client], email)


async def test_the_window_passes(api: Api, emails: Emails, queue: ArqRedis) -> None:
    email = emails("patient")
    await joined(api, email)
    for _ in range(PAIR_FAILURES):
        await log_in(api, emails.client, email, "wrong and wrong")
    assert codes(await log_in(api, emails.client, email, PASSWORD)) == ["RATE_LIMITED"]
    await queue.pexpire(LogInKeys.of(emails.client, email).pair, 1)
    await asyncio.sleep(0.05)
    assert codes(await log_in(api, emails.client, email, PASSWORD)) == []


async def test_sign_ups_are_limited_per_client(api: Api, emails: Emails, queue: ArqRedis) -> None:
    for n in range(SIGN_UPS_PER_CLIENT):
        assert (await api(SIGN_UP, email=emails(f"bulk{n}"), password=PASSWORD))["signUp"]["ok"] is True
    refused = (await api(SIGN_UP, email=emails("one-too-many"), password=PASSWORD))["signUp"]
    assert refused["ok"] is False and codes(refused) == ["RATE_LIMITED"] and refused["retryAfterSeconds"] > 0
    api.client = f"{emails.client}-elsewhere"
    try:
        assert (await api(SIGN_UP, email=emails("elsewhere"), password=PASSWORD))["signUp"]["ok"] is True
    finally:
        await queue.delete(ratelimit.sign_up_key(api.client))


async def test_erasing_an_account_forgets_the_failures_against_it(api: Api, emails: Emails, queue: ArqRedis) -> None:
    email = emails("erased")
    await log_in(api, emails.client, email, "no such account")
    keys = LogInKeys.of(emails.client, email)
    assert await queue.exists(keys.pair, keys.address) == 2
    await ratelimit.clear(queue, email)
    assert await queue.exists(keys.pair, keys.address) == 0
