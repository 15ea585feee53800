"""Ours, the floor and the official GraphQL library (the peer) answer the API suite's operations with the same rows,
on a tiny data set in a fresh bench stack. Installs the peer's npm packages when they are missing."""

from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from neo4j import Driver, GraphDatabase

from bench.api import answers
from bench.api.inputs import Inputs
from bench.api.peer import peer_process
from bench.api.prepare import inputs_and_token, load_graph
from bench.data import dataset_file
from bench.services import api_server
from bench.stack import fresh
from network.settings import Settings
from network.stack import stack
from tests.bench.conftest import TINY

SAMPLES = 10
EVERY_HIT = 100  # more than a tiny data set has: the whole hit list is compared, not a cut through equal scores


@dataclass(frozen=True)
class Sides:
    settings: Settings
    ours: httpx.Client
    peer: httpx.Client
    driver: Driver
    token: str
    inputs: Inputs

    def floor(self, operation: str, item: Any, first: int = 10) -> Any:
        return answers.floor(self.driver, self.settings.neo4j_database, operation, item, first)


@pytest.fixture(scope="module")
def sides(bench_settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sides]:
    data_file = dataset_file(tmp_path_factory.mktemp("api-data"), TINY, 7)
    started = fresh(bench_settings)
    try:
        load_graph(bench_settings, data_file)
        inputs, token = inputs_and_token(bench_settings, seed=3)
        auth = (bench_settings.neo4j_user, bench_settings.neo4j_password.get_secret_value())
        with ExitStack() as running:
            ours = running.enter_context(api_server(bench_settings))
            peer = running.enter_context(peer_process(bench_settings, tmp_path_factory.mktemp("peer") / "peer.log"))
            yield Sides(
                bench_settings,
                running.enter_context(httpx.Client(base_url=ours, timeout=30)),
                running.enter_context(httpx.Client(base_url=peer, timeout=30)),
                running.enter_context(GraphDatabase.driver(bench_settings.neo4j_uri, auth=auth)),
                token,
                inputs,
            )
    finally:
        stack.down(bench_settings, started)


@pytest.mark.timeout(600)
def test_association_pages_agree_with_suggestions_and_reasons(sides: Sides) -> None:
    slugs = list(dict.fromkeys(sides.inputs.page_slugs))[:SAMPLES]
    with_suggestions = 0
    for slug in slugs:
        mine = answers.ours(sides.ours, sides.token, "page", slug)
        assert mine is not None and mine["slug"] == slug and mine["tools"] and mine["district"]
        assert answers.peer(sides.peer, "page", slug) == mine
        assert sides.floor("page", slug) == mine
        with_suggestions += bool(mine["suggestions"])
        assert all(reasons for *_, reasons in mine["suggestions"])  # every suggestion says why
    assert with_suggestions >= SAMPLES // 2  # the comparison covers peer suggestions, not only empty lists


@pytest.mark.timeout(300)
def test_filtered_lists_agree_and_find_the_association_they_were_drawn_from(sides: Sides) -> None:
    for tool1, tool2, district in sides.inputs.list_filters[:SAMPLES]:
        mine = answers.ours(sides.ours, sides.token, "list", (tool1, tool2, district))
        assert mine["associations"], (tool1, tool2, district)
        for _, _, tools in mine["associations"]:
            assert {tool1, tool2} <= {slug for slug, _, _ in tools}
        assert answers.peer(sides.peer, "list", (tool1, tool2, district)) == mine
        assert sides.floor("list", (tool1, tool2, district)) == mine


@pytest.mark.timeout(300)
def test_full_text_search_finds_the_same_hits_in_the_same_order(sides: Sides) -> None:
    for word in sides.inputs.search_words[:SAMPLES]:
        mine = answers.ours(sides.ours, sides.token, "search", word, first=EVERY_HIT)
        assert mine and len(mine) < EVERY_HIT, word
        assert [score for _, score in mine] == sorted((score for _, score in mine), reverse=True)
        assert answers.peer(sides.peer, "search", word, first=EVERY_HIT) == mine
        assert sides.floor("search", word, first=EVERY_HIT) == mine


@pytest.mark.timeout(300)
def test_association_inboxes_agree_card_by_card(sides: Sides) -> None:
    slugs = list(dict.fromkeys(sides.inputs.inbox_slugs))[:SAMPLES]
    peers = mentors = shares = 0
    for slug in slugs:
        mine = answers.ours(sides.ours, sides.token, "inbox", slug)
        assert mine is not None and mine["slug"] == slug and (mine["peers"] or mine["mentors"]), slug
        assert answers.peer(sides.peer, "inbox", slug) == mine
        assert sides.floor("inbox", slug) == mine
        peers += len(mine["peers"])
        mentors += len(mine["mentors"])
        cards = mine["peers"] + mine["mentors"]
        assert all(card[6] for card in cards)  # every suggestion says why
        shares += sum(share is not None for card in cards for _, _, share, _ in card[6])
    assert peers and mentors and shares  # both lists and the tools' shares are compared, not only empty lists
    assert not set(slugs) & set(sides.inputs.answering)


@pytest.mark.timeout(300)
def test_volunteer_inboxes_agree_card_by_card(sides: Sides) -> None:
    for slug in list(dict.fromkeys(sides.inputs.mentee_slugs))[:SAMPLES]:
        mine = answers.ours(sides.ours, sides.token, "mentee", slug)
        assert mine is not None and mine["slug"] == slug and mine["mentees"], slug
        assert all(card[7][0] == "Association" for card in mine["mentees"])
        assert answers.peer(sides.peer, "mentee", slug) == mine
        assert sides.floor("mentee", slug) == mine


@pytest.mark.timeout(300)
def test_our_inboxes_show_the_candidates_needs_and_skills(sides: Sides) -> None:
    # a candidate profile's skill subquery once named its skill `s`, the suggestion's name, and found none
    shown = [answers.ours(sides.ours, sides.token, "inbox", slug) for slug in dict.fromkeys(sides.inputs.inbox_slugs)]
    cards = [card for inbox in shown if inbox for card in inbox["mentors"]]
    assert cards and any(card[7][-1] for card in cards), "no mentor candidate showed a skill"


@pytest.mark.timeout(300)
def test_the_tools_mutation_writes_the_same_through_our_api_and_the_floor(sides: Sides) -> None:
    slug, tools = sides.inputs.tool_sets[0]
    expected = {"slug": slug, "tools": sorted((t["tool"], t["proficiency"]) for t in tools)}
    assert answers.ours(sides.ours, sides.token, "set_tools", (slug, tools)) == expected
    page = answers.ours(sides.ours, sides.token, "page", slug)
    assert [(t[0], t[3]) for t in page["tools"]] == expected["tools"]
    changed = [{**t, "proficiency": "EXPERT"} for t in tools]
    assert sides.floor("set_tools", (slug, changed)) == {
        **expected,
        "tools": [(t, "EXPERT") for t, _ in expected["tools"]],
    }
    assert answers.peer(sides.peer, "page", slug) == answers.ours(sides.ours, sides.token, "page", slug)


@pytest.mark.timeout(300)
def test_accepting_again_is_no_error_and_answers_the_same_through_our_api_and_the_floor(sides: Sides) -> None:
    to_answer: dict[str, set[str]] = {}  # answering side -> its suggestions the load accepts
    for suggestion, side in sides.inputs.answers:
        to_answer.setdefault(side, set()).add(suggestion)
    # a suggestion of the load that its answering association's inbox shows
    inboxes = [answers.ours(sides.ours, sides.token, "inbox", slug) for slug in sides.inputs.answering]
    slug, side, card = next(
        (inbox["slug"], inbox["id"], card)
        for inbox in inboxes
        for card in inbox["peers"] + inbox["mentors"]
        if card[0] in to_answer.get(inbox["id"], set())
    )
    assert card[3] == "PROPOSED" and card[4] is False
    for _ in range(2):  # the load repeats each accept: the second changes nothing and is no error
        assert answers.ours(sides.ours, sides.token, "respond", (card[0], side)) == (card[0], "PROPOSED")
        assert sides.floor("respond", (card[0], side)) == (card[0], "PROPOSED")
    mine = answers.ours(sides.ours, sides.token, "inbox", slug)
    [answered] = [c for c in mine["peers"] + mine["mentors"] if c[0] == card[0]]
    assert answered[3] == "PROPOSED" and answered[4] is True  # accepted by the reader, waiting for the other side
    assert answers.peer(sides.peer, "inbox", slug) == mine
    assert sides.floor("inbox", slug) == mine
