"""`suggestionsChanged` over a real WebSocket against the real server: the live applier's and the full run's writes
tell the parties whose suggestions they changed, and nobody else; only those who may read a party's suggestions
may watch them; a subscription that ends leaves nothing subscribed in Redis."""

from typing import Any

import httpx
import pytest
from arq.connections import ArqRedis
from websockets.exceptions import ConnectionClosed

from jobs.live import LiveApplier
from network.app import SUBSCRIPTIONS_PER_CONNECTION
from network.kit import freshness
from network.kit.authorisation import Role
from network.kit.database import Database
from network.kit.global_id import to_global_id
from network.settings import Settings
from network.suggestions.changes_feed import CHANNEL, ChangesFeed
from network.suggestions.live import LiveHolder
from network.suggestions.models import SuggestionKind
from network.suggestions.recompute import recompute_all
from tests.jobs.worker_process import until
from tests.suggestions.helpers import PEERS, RESPOND, association_id, crowd, import_parties, own, peer, uses_tool
from tests.support.accounts import Accounts, TestAccount
from tests.support.cleanup import Slugs
from tests.support.server import running_api
from tests.support.websocket import GraphQLSocket, graphql_socket
from tests.transfer.builders import make_association

WATCH = "subscription($party: ID!) { suggestionsChanged(party: $party) { party kinds at } }"
STREAMED = 'multipart/mixed;subscriptionSpec="1.0"'  # strawberry would stream a subscription over HTTP with it
QUIET_S = 1.5  # how long a subscription that must stay silent is listened to after the others were told


def _signed_in(account: TestAccount) -> dict[str, str]:
    return {"Authorization": f"Bearer {account.token}"}


async def _watchers(redis: ArqRedis, party_id: str) -> int:
    """Redis connections subscribed to the party's channel (the API's pub/sub connection, or none)."""
    return int(dict(await redis.pubsub_numsub(CHANNEL + party_id))[(CHANNEL + party_id).encode()])


async def _watching(socket: GraphQLSocket, operation_id: str, party_id: str, redis: ArqRedis) -> None:
    """Subscribes and waits until the server listens on the party's channel (it subscribes as the stream starts)."""
    before = await _watchers(redis, party_id)
    await socket.subscribe(operation_id, WATCH, party=to_global_id("Association", party_id))
    if before == 0:
        await until(lambda: _watchers_at_least(redis, party_id, 1), 10, "the API listening on the party's channel")


async def _watchers_at_least(redis: ArqRedis, party_id: str, count: int) -> bool:
    return await _watchers(redis, party_id) >= count


def _event(message: dict[str, Any], operation_id: str) -> dict[str, Any]:
    assert message["type"] == "next" and message["id"] == operation_id, message
    assert "errors" not in message["payload"], message
    event: dict[str, Any] = message["payload"]["data"]["suggestionsChanged"]
    return event


def _refusal(message: dict[str, Any], operation_id: str) -> dict[str, Any]:
    assert message["type"] == "error" and message["id"] == operation_id, message
    assert len(message["payload"]) == 1, message
    error: dict[str, Any] = message["payload"][0]
    return error


async def test_a_member_is_told_when_the_live_applier_changes_its_peers_and_a_bystander_is_not(
    db: Database, slugs: Slugs, accounts: Accounts, feed: ArqRedis, signed_settings: Settings
) -> None:
    a, b, c, bystander = slugs("a"), slugs("b"), slugs("c"), slugs("bystander")
    unlike_a = {"district": "spandau", "fields": ["sport"], "targetGroups": ["young-people"]}
    tools = [{"tool": "zoom", "proficiency": "INTERMEDIATE"}]
    await import_parties(
        db, [peer(a), peer(b), peer(c, district="mitte"), make_association(bystander, **unlike_a, tools=tools)]
    )
    await import_parties(db, crowd(slugs))
    await recompute_all(db, refit=True)
    owner, staff = await accounts.make(Role.MEMBER), await accounts.make(Role.STAFF)
    await own(db, owner, a)
    a_id, bystander_id = await association_id(db, a), await association_id(db, bystander)
    live = LiveApplier(db, feed, signed_settings, LiveHolder())
    await freshness.parties_changed(feed, 3600, [a_id])
    assert await live.step(block_ms=10) == 1  # builds the state: a full run that finds nothing to write

    with running_api(signed_settings) as base:
        async with (
            graphql_socket(base, {"Authorization": f"Bearer {owner.token}"}) as mine,
            graphql_socket(base, {"Authorization": f"Bearer {staff.token}"}) as staffs,
        ):
            await _watching(mine, "a", a_id, feed)
            await _watching(staffs, "bystander", bystander_id, feed)
            assert await mine.received_within(0.5) == []  # building the state wrote nothing: nothing told

            # a and c take up the same niche tool: the applier re-scores the pairs with them
            for slug in (a, c):
                await uses_tool(db, slug, "pretix")
            await freshness.parties_changed(feed, 3600, [a_id, await association_id(db, c)])
            assert await live.step(block_ms=10) == 1

            event = _event(await mine.receive(10), "a")
            assert event["party"] == to_global_id("Association", a_id)
            assert event["kinds"] == [SuggestionKind.PEER.value]
            assert event["at"]
            assert await staffs.received_within(QUIET_S) == []  # the bystander's lists did not move


async def test_anonymous_and_unauthorised_callers_are_refused_naming_the_party_and_never_listen(
    db: Database, slugs: Slugs, accounts: Accounts, job_queue: ArqRedis, signed_settings: Settings
) -> None:
    a, other = slugs("a"), slugs("other")
    await import_parties(db, [peer(a), peer(other)])
    owner, stranger = await accounts.make(Role.MEMBER), await accounts.make(Role.MEMBER)
    await own(db, owner, a)
    await own(db, stranger, other)
    a_id = await association_id(db, a)
    party = to_global_id("Association", a_id)

    with running_api(signed_settings) as base:
        async with (
            graphql_socket(base) as anonymous,
            graphql_socket(base, {"Authorization": f"Bearer {stranger.token}"}) as strangers,
            graphql_socket(base, headers=_signed_in(stranger)) as by_header,
        ):
            await anonymous.subscribe("1", WATCH, party=party)
            error = _refusal(await anonymous.receive(10), "1")
            assert error["message"].startswith("party: Sign in first"), error
            assert error["extensions"]["code"] == "NOT_PERMITTED"

            await strangers.subscribe("1", WATCH, party=party)
            error = _refusal(await strangers.receive(10), "1")
            assert error["message"].startswith("party: Only the party itself"), error
            assert error["extensions"] == {"code": "NOT_PERMITTED", "field": "party"}

            await by_header.subscribe("1", WATCH, party=party)  # the token of the handshake's header counts too
            assert _refusal(await by_header.receive(10), "1")["message"].startswith("party: Only the party itself")

            await strangers.subscribe("2", WATCH, party=to_global_id("Tool", "zoom"))
            error = _refusal(await strangers.receive(10), "2")
            assert error["extensions"] == {"code": "INVALID_INPUT", "field": "party"}, error

            assert await _watchers(job_queue, a_id) == 0  # nothing listens for the refused
            assert await ChangesFeed(job_queue).published(SuggestionKind.PEER, [a_id]) == 1
            for socket in (anonymous, strangers, by_header):
                assert await socket.received_within(0.5) == []

        async with httpx.AsyncClient(base_url=base, timeout=10, headers=_signed_in(owner)) as http:
            request = {"query": WATCH, "variables": {"party": party}}
            plain = await http.post("/graphql", json=request)
            streamed = await http.post("/graphql", json=request, headers={"Accept": STREAMED})
            by_get = await http.get("/graphql", params={"query": WATCH}, headers={"Accept": STREAMED})
        for answer in (plain, streamed):  # over HTTP a subscription would escape the WebSocket's limits
            assert (answer.status_code, answer.text) == (400, "subscriptions are not allowed when using POST")
        assert by_get.status_code >= 400 and '"kinds"' not in by_get.text, by_get.text

        with pytest.raises(ConnectionClosed) as closed:  # a bad token refuses the connection, as HTTP answers 401
            async with graphql_socket(base, {"Authorization": "Bearer not-a-token"}):
                pass
        assert closed.value.rcvd is not None and closed.value.rcvd.code == 4403


async def test_a_full_run_tells_every_watcher_over_one_redis_subscription_which_ends_with_the_last(
    db: Database, slugs: Slugs, accounts: Accounts, job_queue: ArqRedis, signed_settings: Settings
) -> None:
    a, b = slugs("a"), slugs("b")
    await import_parties(db, [peer(a), peer(b), *crowd(slugs)])
    await recompute_all(db, refit=True)
    owner = await accounts.make(Role.MEMBER)
    await own(db, owner, a)
    a_id = await association_id(db, a)
    init = {"Authorization": f"Bearer {owner.token}"}

    with running_api(signed_settings) as base:
        async with graphql_socket(base, init) as first, graphql_socket(base, init) as second:
            await _watching(first, "a", a_id, job_queue)
            await _watching(second, "a", a_id, job_queue)
            assert await _watchers(job_queue, a_id) == 1  # two subscriptions, one Redis subscription

            await uses_tool(db, a, "pretix")  # shared with nobody: only the scores of a's pairs change
            counts = await recompute_all(db, feed=ChangesFeed(job_queue))
            assert counts.updated > 0
            for socket in (first, second):
                assert SuggestionKind.PEER.value in _event(await socket.receive(10), "a")["kinds"]

            await first.send({"id": "a", "type": "complete"})  # one unsubscribes; the other still listens
            assert await first.received_within(0.5) == []
            assert await _watchers(job_queue, a_id) == 1
        # both connections closed: the API leaves the channel
        await until(lambda: _watchers_none(job_queue, a_id), 10, "the API leaving the party's channel")


async def _watchers_none(redis: ArqRedis, party_id: str) -> bool:
    return await _watchers(redis, party_id) == 0


async def test_an_answer_tells_the_other_side_watching_its_suggestions(
    db: Database, slugs: Slugs, accounts: Accounts, job_queue: ArqRedis, signed_settings: Settings
) -> None:
    a, b = slugs("a"), slugs("b")
    await import_parties(db, [peer(a), peer(b), *crowd(slugs)])
    await recompute_all(db, refit=True)
    owner_a, owner_b = await accounts.make(Role.MEMBER, "a"), await accounts.make(Role.MEMBER, "b")
    await own(db, owner_a, a)
    await own(db, owner_b, b)
    b_id = await association_id(db, b)

    with running_api(signed_settings) as base:
        async with graphql_socket(base, _signed_in(owner_b)) as theirs, httpx.AsyncClient(base_url=base) as http:
            await _watching(theirs, "b", b_id, job_queue)
            found = await http.post(
                "/graphql", json={"query": PEERS, "variables": {"slug": a}}, headers=_signed_in(owner_a)
            )
            suggestion = next(
                s for s in found.json()["data"]["association"]["peerSuggestions"] if s["candidate"]["slug"] == b
            )
            answered = await http.post(
                "/graphql",
                json={"query": RESPOND, "variables": {"id": suggestion["id"], "accept": True}},
                headers=_signed_in(owner_a),
            )
            assert answered.json()["data"]["respondToSuggestion"]["errors"] == []
            event = _event(await theirs.receive(10), "b")
            assert event["party"] == to_global_id("Association", b_id) and event["kinds"] == ["PEER"]


async def test_one_connection_carries_a_bounded_number_of_subscriptions(
    db: Database, slugs: Slugs, accounts: Accounts, job_queue: ArqRedis, signed_settings: Settings
) -> None:
    a = slugs("a")
    await import_parties(db, [peer(a)])
    owner = await accounts.make(Role.MEMBER)
    await own(db, owner, a)
    a_id = await association_id(db, a)

    with running_api(signed_settings) as base:
        async with graphql_socket(base, {"Authorization": f"Bearer {owner.token}"}) as socket:
            for number in range(SUBSCRIPTIONS_PER_CONNECTION):
                await _watching(socket, str(number), a_id, job_queue)
            await socket.subscribe("one too many", WATCH, party=to_global_id("Association", a_id))
            error = _refusal(await socket.receive(10), "one too many")
            assert error["message"] == "Subscription limit reached"
            await ChangesFeed(job_queue).published(SuggestionKind.MENTORING, [a_id])
            told = await socket.received_within(2)
            assert sorted(message["id"] for message in told) == sorted(map(str, range(SUBSCRIPTIONS_PER_CONNECTION)))
            assert all(_event(message, message["id"])["kinds"] == ["MENTORING"] for message in told)


async def test_the_socket_carries_subscriptions_only(
    db: Database, slugs: Slugs, accounts: Accounts, signed_settings: Settings
) -> None:
    """Queries and mutations go over HTTP, where the request limits and the response size cap apply."""
    a = slugs("a")
    await import_parties(db, [peer(a)])
    owner = await accounts.make(Role.MEMBER)
    await own(db, owner, a)
    with running_api(signed_settings) as base:
        async with graphql_socket(base, {"Authorization": f"Bearer {owner.token}"}) as socket:
            await socket.subscribe("q", "query($slug: String!) { association(slug: $slug) { slug } }", slug=a)
            error = _refusal(await socket.receive(10), "q")
            assert "not allowed" in error["message"], error
            await socket.subscribe("m", "mutation { logOut { errors { code } } }")
            assert "not allowed" in _refusal(await socket.receive(10), "m")["message"]


async def test_a_log_out_ends_the_subscription_before_the_next_event(
    db: Database, slugs: Slugs, accounts: Accounts, job_queue: ArqRedis, signed_settings: Settings
) -> None:
    a = slugs("a")
    await import_parties(db, [peer(a)])
    owner = await accounts.make(Role.MEMBER)
    await own(db, owner, a)
    a_id = await association_id(db, a)
    with running_api(signed_settings) as base:
        async with graphql_socket(base, _signed_in(owner)) as socket:
            await _watching(socket, "a", a_id, job_queue)
            await ChangesFeed(job_queue).published(SuggestionKind.PEER, [a_id])
            assert _event(await socket.receive(10), "a")["kinds"] == ["PEER"]

            async with httpx.AsyncClient(base_url=base, headers=_signed_in(owner)) as client:
                response = await client.post("/graphql", json={"query": "mutation { logOut { errors { code } } }"})
            assert response.json()["data"]["logOut"]["errors"] == []
            await ChangesFeed(job_queue).published(SuggestionKind.PEER, [a_id])
            ended = await socket.receive(10)  # an error in the stream comes as its last result, then it completes
            assert ended["type"] == "next" and ended["payload"]["data"] is None, ended
            [error] = ended["payload"]["errors"]
            assert error["message"].startswith("party: The sign-in ended"), error
            assert error["extensions"]["code"] == "NOT_PERMITTED"
            assert (await socket.receive(10))["type"] == "complete"
