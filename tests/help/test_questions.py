"""Asking over GraphQL, routing in the worker, claiming (first claim wins) and answering, on the real stack."""

import asyncio
import json
from typing import Any

from arq.connections import ArqRedis
from arq.constants import job_key_prefix

from network.help import service
from network.kit import tasks
from network.kit.database import Database
from network.kit.global_id import from_global_id
from network.settings import Settings
from tests.help.conftest import ANSWER, ASK, CLAIM, SKILL, TOOL, HelpCast, cypher
from tests.support.accounts import GraphQL
from tests.support.worker import run_worker


async def _errors(graphql: GraphQL, account: Any, **question: Any) -> list[dict[str, Any]]:
    data = await graphql(ASK, account, input=question)
    assert data["askQuestion"]["question"] is None
    return data["askQuestion"]["errors"]  # type: ignore[no-any-return]


async def test_a_member_asks_and_the_route_job_is_queued(cast: HelpCast, job_queue: ArqRedis) -> None:
    asker = await cast.asker()
    question = await cast.ask(asker, tool=TOOL, language="en")
    assert question["status"] == "OPEN"
    assert question["language"] == "en"
    assert question["about"] == {"kind": "TOOL", "slug": TOOL, "name": "Nextcloud"}
    assert question["askerName"] == "Verein asker"
    assert question["byMail"] is False
    question_id = from_global_id(question["id"])[1]
    assert await job_queue.exists(job_key_prefix + f"{tasks.HELP_ROUTE}:{question_id}")


async def test_bad_questions_are_refused_naming_the_field(cast: HelpCast, graphql: GraphQL, db: Database) -> None:
    asker = await cast.asker()
    cases: list[tuple[dict[str, Any], str, str]] = [
        ({"text": "   "}, "text", "must not be empty"),
        ({"text": "x" * 5001}, "text", "5000"),
        ({"text": "Hilfe?", "tool": "no-such-tool"}, "tool", "No tool with slug 'no-such-tool'"),
        ({"text": "Hilfe?", "skill": "no-such-skill"}, "skill", "No skill with slug 'no-such-skill'"),
        ({"text": "Hilfe?", "tool": TOOL, "skill": SKILL}, "skill", "one tool or one skill"),
        ({"text": "Hilfe?", "language": "deutsch"}, "language", "pattern"),
        ({"text": "Hilfe?", "tool": "Not A Slug"}, "tool", "pattern"),
    ]
    for given, field, words in cases:
        errors = await _errors(graphql, asker, **given)
        assert [e["field"] for e in errors] == [field], (given, errors)
        assert errors[0]["code"] == "INVALID_INPUT"
        assert words in errors[0]["message"], (given, errors)
    asked = await cypher(db, "MATCH (:Account {id: $id})-[:ASKED]->(q) RETURN count(q) AS n", id=asker.id)
    assert asked == [{"n": 0}]  # nothing half-written


async def test_anonymous_and_unverified_callers_cannot_ask(cast: HelpCast, graphql: GraphQL) -> None:
    unverified = await cast.accounts.make("MEMBER", "new", verified=False)
    for caller in (None, unverified):
        errors = await _errors(graphql, caller, text="Hilfe?")
        assert [e["code"] for e in errors] == ["NOT_PERMITTED"]


async def test_an_asker_may_have_only_so_many_open_questions(cast: HelpCast, graphql: GraphQL) -> None:
    asker = await cast.asker()
    for number in range(service.MAX_OPEN_PER_ASKER):
        await cast.ask(asker, text=f"Frage {number}")
    errors = await _errors(graphql, asker, text="Noch eine")
    assert [e["code"] for e in errors] == ["CONFLICT"]


async def _routed(
    cast: HelpCast, settings: Settings, *, worker: bool = False, **question: Any
) -> tuple[Any, dict[str, Any], list[Any]]:
    """An asker, four volunteers who know the tool (one of them least), a question routed (by the real worker)."""
    asker = await cast.asker()
    volunteers = [
        await cast.volunteer("expert", tool="EXPERT", languages=("de", "en"), hours=20),
        await cast.volunteer("inter", tool="INTERMEDIATE", hours=20),
        await cast.volunteer("begin", tool="BEGINNER", hours=20),
        await cast.volunteer("english", tool="BEGINNER", languages=("en",), hours=1),
    ]
    question = await cast.ask(asker, tool=TOOL, **question)
    if worker:
        await run_worker(settings)
    else:
        await service.route(cast.graphql.db, from_global_id(question["id"])[1])
    return asker, question, volunteers


async def test_the_route_job_writes_three_routes_and_notifications_once(
    cast: HelpCast, settings: Settings, db: Database
) -> None:
    asker, question, volunteers = await _routed(cast, settings, worker=True)
    question_id = from_global_id(question["id"])[1]
    routes = await cypher(
        db,
        "MATCH (q:HelpQuestion {id: $id})-[r:ROUTED_TO]->(v:Volunteer) "
        "RETURN v.id AS volunteer, r.rank AS rank, r.score AS score, r.reasons AS reasons ORDER BY r.rank",
        id=question_id,
    )
    expected = [cast.volunteer_ids[v.id] for v in volunteers[:3]]
    assert [r["volunteer"] for r in routes] == expected
    assert [r["rank"] for r in routes] == [1, 2, 3]
    assert routes[0]["score"] > routes[1]["score"] > routes[2]["score"]
    assert json.loads(routes[0]["reasons"])[0] == {"code": "KNOWS_TOOL", "detail": f"{TOOL}:EXPERT", "weight": 0.5}

    notes = await cypher(
        db,
        "MATCH (n:Notification {kind: 'HELP_ROUTED'})-[:CONCERNS]->(:HelpQuestion {id: $id}) "
        "MATCH (n)-[:TO]->(a:Account) RETURN a.id AS account, n.data AS data, n.status AS status",
        id=question_id,
    )
    assert sorted(n["account"] for n in notes) == sorted(v.id for v in volunteers[:3])
    data = json.loads(next(n["data"] for n in notes if n["account"] == volunteers[0].id))
    assert data["question"] == "Wie teile ich einen Ordner?"
    assert data["about"] == {"kind": "tool", "slug": TOOL, "name": "Nextcloud"}
    assert data["askerName"] == "Verein asker"
    assert data["questionId"] == question["id"]
    assert data["reasons"][0]["code"] == "KNOWS_TOOL"
    assert asker.email not in json.dumps(data)  # the asker's address never reaches a volunteer

    assert await service.route(db, question_id) == []  # delivered twice: routed once
    again = await cypher(db, "MATCH (:HelpQuestion {id: $id})-[r:ROUTED_TO]->() RETURN count(r) AS n", id=question_id)
    assert again == [{"n": 3}]


async def test_two_volunteers_claim_at_once_and_one_wins(cast: HelpCast, settings: Settings, graphql: GraphQL) -> None:
    _, question, volunteers = await _routed(cast, settings)
    first, second = volunteers[0], volunteers[1]
    results = await asyncio.gather(graphql(CLAIM, first, id=question["id"]), graphql(CLAIM, second, id=question["id"]))
    payloads = [r["claimQuestion"] for r in results]
    winners = [p for p in payloads if not p["errors"]]
    losers = [p for p in payloads if p["errors"]]
    assert len(winners) == 1 and len(losers) == 1, payloads
    assert winners[0]["question"]["status"] == "CLAIMED"
    assert winners[0]["question"]["canAnswer"] is True
    assert losers[0]["errors"][0]["code"] == "CONFLICT"
    assert "claimed this question first" in losers[0]["errors"][0]["message"]


async def test_the_claimer_answers_and_the_asker_gets_help_answered(
    cast: HelpCast, settings: Settings, graphql: GraphQL, db: Database
) -> None:
    asker, question, volunteers = await _routed(cast, settings)
    claimer, other, outsider = volunteers[0], volunteers[1], volunteers[3]

    early = (await graphql(ANSWER, claimer, id=question["id"], text="Zu früh"))["answerQuestion"]
    assert [e["code"] for e in early["errors"]] == ["CONFLICT"]  # claim first
    assert (await graphql(CLAIM, claimer, id=question["id"]))["claimQuestion"]["errors"] == []
    again = (await graphql(CLAIM, claimer, id=question["id"]))["claimQuestion"]
    assert again["errors"] == [] and again["question"]["status"] == "CLAIMED"  # claiming twice is one claim
    refused = (await graphql(ANSWER, other, id=question["id"], text="Ich auch"))["answerQuestion"]
    assert [e["code"] for e in refused["errors"]] == ["CONFLICT"]
    not_routed = (await graphql(ANSWER, outsider, id=question["id"], text="Ich?"))["answerQuestion"]
    assert [e["code"] for e in not_routed["errors"]] == ["NOT_PERMITTED"]
    empty = (await graphql(ANSWER, claimer, id=question["id"], text=" "))["answerQuestion"]
    assert [(e["field"], e["code"]) for e in empty["errors"]] == [("text", "INVALID_INPUT")]

    done = (await graphql(ANSWER, claimer, id=question["id"], text="Rechtsklick, Teilen."))["answerQuestion"]
    assert done["errors"] == []
    assert done["question"]["status"] == "ANSWERED"
    assert done["question"]["answer"] == "Rechtsklick, Teilen."
    assert done["question"]["answeredBy"] == "Volunteer expert"

    notes = await cypher(
        db,
        "MATCH (n:Notification {kind: 'HELP_ANSWERED'})-[:TO]->(a:Account) "
        "MATCH (n)-[:CONCERNS]->(:HelpQuestion {id: $id}) RETURN a.id AS account, n.data AS data",
        id=from_global_id(question["id"])[1],
    )
    assert [n["account"] for n in notes] == [asker.id]
    data = json.loads(notes[0]["data"])
    assert data["answer"] == "Rechtsklick, Teilen."
    assert data["answeredBy"] == "Volunteer expert"
    assert data["question"] == "Wie teile ich einen Ordner?"
    assert data["about"]["slug"] == TOOL

    late = (await graphql(CLAIM, other, id=question["id"]))["claimQuestion"]
    assert [e["code"] for e in late["errors"]] == ["CONFLICT"]


async def test_a_bad_id_is_refused_on_the_id_field(cast: HelpCast, graphql: GraphQL) -> None:
    volunteer = await cast.volunteer("v")
    for bad in ("not an id", "RXZlbnQ6eA"):  # garbage, and the id of an event
        payload = (await graphql(CLAIM, volunteer, id=bad))["claimQuestion"]
        assert [(e["field"], e["code"]) for e in payload["errors"]] == [("id", "INVALID_INPUT")]


async def test_a_volunteer_who_asks_is_not_routed_its_own_question(cast: HelpCast, db: Database) -> None:
    asking = await cast.volunteer("asking", tool="EXPERT", languages=("de", "en"), hours=40)
    other = await cast.volunteer("other", tool="BEGINNER", hours=1)
    question = await cast.ask(asking, tool=TOOL)
    routes = await service.route(db, from_global_id(question["id"])[1])
    routed = [r.volunteer_id for r in routes]
    assert cast.volunteer_ids[other.id] in routed
    assert cast.volunteer_ids[asking.id] not in routed


async def test_a_question_whose_claimer_was_deleted_can_be_claimed_again(
    cast: HelpCast, settings: Settings, graphql: GraphQL, db: Database
) -> None:
    _, question, volunteers = await _routed(cast, settings)
    first, second = volunteers[0], volunteers[1]
    assert (await graphql(CLAIM, first, id=question["id"]))["claimQuestion"]["errors"] == []
    await cypher(db, "MATCH (v:Volunteer {id: $id}) DETACH DELETE v", id=cast.volunteer_ids[first.id])
    taken = (await graphql(CLAIM, second, id=question["id"]))["claimQuestion"]
    assert taken["errors"] == []
    assert taken["question"]["claimedBy"] == "Volunteer inter"
