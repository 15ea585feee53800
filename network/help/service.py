"""The rules of technical questions: asking, routing to the best-fitting volunteers, claiming, answering, reading.

Each call is one transaction. A question's write lock is taken before its state is read, so two volunteers claiming
at once, or a reply arriving twice at once, are decided one after the other: the first claim wins. Notifications
are written in the same transaction (the outbox); the route job and delivery are woken only after the commit.
"""

import re
import uuid
from dataclasses import dataclass
from typing import Any

import structlog
from arq.connections import ArqRedis
from neo4j import AsyncManagedTransaction

from network.help.models import AnswerInput, AskInput, QuestionStatus
from network.help.repository import HelpRepository, QuestionFilter, QuestionRow
from network.help.routing import Candidate, Route, Topic, rank_volunteers
from network.kit import tasks
from network.kit.authorisation import (
    Viewer,
    may_read_help_question,
    require_help_closer,
    require_help_routed,
    require_verified,
)
from network.kit.database import Database
from network.kit.errors import Conflict, InvalidInput, NotFound, NotPermitted
from network.kit.global_id import from_global_id, to_global_id
from network.kit.pagination import Page, is_cursor_datetime
from network.outbox.models import NotificationKind
from network.outbox.repository import Outbox
from network.outbox.wake import wake_delivery

log = structlog.get_logger(__name__)
KIND = "HelpQuestion"
MAX_OPEN_PER_ASKER = 10  # open or claimed questions one account may have at once: volunteers' time is scarce
UNROUTED_AFTER_S = 60.0  # an open question not routed this long after it was asked lost its job: the cron routes it
UNROUTED_BATCH = 100
_CURSOR = re.compile(r"^(\d{4}-\d\d-\d\dT[0-9:.]+(?:Z|[+-]\d\d:\d\d)?)\|([0-9a-f-]{36})$")


def global_id(question_id: str) -> str:
    return to_global_id(KIND, question_id)


def question_id(value: str, field: str = "id") -> str:
    kind, node_id = from_global_id(value)
    if kind != KIND:
        raise InvalidInput(f"'{value}' is not the id of a question", field=field)
    return node_id


def cursor_key(row: QuestionRow) -> str:
    return f"{row['askedAt'].iso_format()}|{row['id']}"


def parse_cursor_key(key: str | None) -> tuple[str, str] | None:
    if key is None:
        return None
    match = _CURSOR.match(key)
    if match is None or not is_cursor_datetime(match.group(1)):
        raise InvalidInput("not a cursor of this list of questions", field="after")
    return match.group(1), match.group(2)


# Asking


async def ask(db: Database, queue: ArqRedis, viewer: Viewer, data: dict[str, Any]) -> QuestionRow:
    """A signed-in account asks; the question is routed in the worker once it is saved."""
    account_id = require_verified(viewer)
    model = AskInput.model_validate(data)
    row = await db.write(lambda tx: _create(tx, account_id, model, None, "api"))
    await schedule_route(queue, row["id"])
    return row


async def ask_by_mail(
    db: Database, queue: ArqRedis, account_id: str, text: str, language: str, message_id: str
) -> QuestionRow:
    """A question from a mail of a known account; the mail's Message-ID is kept, so a second delivery adds none."""
    model = AskInput.model_validate({"text": text, "language": language})
    row = await db.write(lambda tx: _create(tx, account_id, model, message_id, "mail"))
    await schedule_route(queue, row["id"])
    return row


async def _create(
    tx: AsyncManagedTransaction, account_id: str, model: AskInput, message_id: str | None, via: str
) -> QuestionRow:
    repository = HelpRepository(tx)
    topic: tuple[str, str] | None = None
    if model.tool is not None:
        if not await repository.topic_exists("Tool", model.tool):
            raise InvalidInput(f"No tool with slug '{model.tool}'.", field="tool")
        topic = ("Tool", model.tool)
    if model.skill is not None:
        if not await repository.topic_exists("Skill", model.skill):
            raise InvalidInput(f"No skill with slug '{model.skill}'.", field="skill")
        topic = ("Skill", model.skill)
    if await repository.open_questions_of(account_id) >= MAX_OPEN_PER_ASKER:
        raise Conflict(
            f"You have {MAX_OPEN_PER_ASKER} questions waiting for an answer; "
            "close one (closeQuestion) or wait for an answer before you ask more."
        )
    new_id = str(uuid.uuid4())
    await repository.create(new_id, account_id, model.text, model.language, topic, message_id, via)
    row = await repository.get(new_id)
    assert row is not None  # written in this very transaction
    return row


async def schedule_route(queue: ArqRedis, question_id: str) -> None:
    """Enqueues the routing of a saved question; a failure is logged, and the worker's cron routes it later."""
    try:
        await queue.enqueue_job(tasks.HELP_ROUTE, question_id, _job_id=f"{tasks.HELP_ROUTE}:{question_id}")
    except Exception as error:  # Redis away: the question is saved, `unrouted` finds it within minutes
        log.warning("help question not routed yet", question_id=question_id, error=f"{type(error).__name__}")


# Routing (the worker)


async def route(db: Database, question_id: str) -> list[Route]:
    """Ranks the volunteers for an open question never routed, writes the best three with HELP_ROUTED
    notifications, all in one transaction. A question routed already is left alone (a job delivered twice)."""

    async def work(tx: AsyncManagedTransaction) -> list[Route]:
        repository = HelpRepository(tx)
        if not await repository.lock(question_id):
            return []
        row = await repository.get(question_id)
        if row is None or row["status"] != QuestionStatus.OPEN or row.get("routedAt") is not None:
            return []
        about = row["about"]
        topic = Topic(kind="tool" if about["kind"] == "tool" else "skill", slug=about["slug"]) if about else None
        candidates = [
            Candidate(
                id=c["id"],
                languages=tuple(c["languages"] or ()),
                hours_per_month=c["hoursPerMonth"],
                skill_level=c["level"],
                tool_proficiency=c["proficiency"],
                open_claims=c["openClaims"],
            )
            for c in await repository.candidates(question_id, about, row["language"])
        ]
        routes = rank_volunteers(topic, row["language"], candidates)
        await repository.write_routes(question_id, routes)
        if routes:
            await Outbox(tx).to_parties(
                NotificationKind.HELP_ROUTED,
                KIND,
                [{"subject": question_id, "to": [r.volunteer_id], "data": routed_data(row, r)} for r in routes],
            )
        return routes

    return await db.write(work)


async def unrouted(db: Database) -> list[str]:
    """Open questions whose route job was lost (Redis away when they were asked)."""
    return await db.read(lambda tx: HelpRepository(tx).unrouted(UNROUTED_AFTER_S, UNROUTED_BATCH))


def routed_data(row: QuestionRow, route: Route) -> dict[str, Any]:
    """What a HELP_ROUTED mail says (see models.py): the question, why this volunteer, the asker's name only."""
    return {
        "question": row["text"],
        "questionId": global_id(row["id"]),
        "language": row["language"],
        "about": dict(row["about"]) if row["about"] else None,
        "reasons": [reason.as_data() for reason in route.reasons],
        "askerName": row["askerName"],
    }


def answered_data(row: QuestionRow, answer: str, answered_by: str) -> dict[str, Any]:
    return {
        "question": row["text"],
        "questionId": global_id(row["id"]),
        "language": row["language"],
        "about": dict(row["about"]) if row["about"] else None,
        "answer": answer,
        "answeredBy": answered_by,
    }


# Claiming and answering


def _claimable(row: QuestionRow) -> bool:
    """Open, or claimed by a volunteer profile deleted since (its CLAIMED link went with it)."""
    status = row["status"]
    return status == QuestionStatus.OPEN or (status == QuestionStatus.CLAIMED and row["claimedBy"] is None)


def _refuse_taken(row: QuestionRow, volunteer_id: str) -> None:
    """Conflict unless the question can be claimed, or is claimed by this volunteer."""
    status = row["status"]
    claimed = row["claimedBy"]
    if status == QuestionStatus.CLAIMED and claimed is not None and claimed["id"] != volunteer_id:
        raise Conflict("Another volunteer claimed this question first.")
    if status == QuestionStatus.ANSWERED:
        raise Conflict("This question is answered already.")
    if status == QuestionStatus.CLOSED:
        raise Conflict("This question was closed without an answer.")


async def _locked(repository: HelpRepository, question_id: str) -> QuestionRow:
    if not await repository.lock(question_id):
        raise NotFound("No question with this id.", field="id")
    row = await repository.get(question_id)
    assert row is not None  # locked just now
    return row


async def claim(db: Database, viewer: Viewer, gid: str) -> QuestionRow:
    """A volunteer the question was routed to takes it on; the first claim wins, a second one is a CONFLICT."""
    qid = question_id(gid)

    async def work(tx: AsyncManagedTransaction) -> QuestionRow:
        repository = HelpRepository(tx)
        row = await _locked(repository, qid)
        volunteer = require_help_routed(viewer, await repository.routed_volunteer(qid, sorted(viewer.acts_for)))
        _refuse_taken(row, volunteer)
        if _claimable(row):
            await repository.claim(qid, volunteer)
            row = await _locked(repository, qid)
        return row

    return await db.write(work)


async def answer(db: Database, redis: ArqRedis, viewer: Viewer, gid: str, text: str) -> QuestionRow:
    """The volunteer who claimed the question answers it; the asker gets the answer by mail."""
    qid = question_id(gid)
    model = AnswerInput.model_validate({"text": text})

    async def work(tx: AsyncManagedTransaction) -> QuestionRow:
        repository = HelpRepository(tx)
        row = await _locked(repository, qid)
        volunteer = require_help_routed(viewer, await repository.routed_volunteer(qid, sorted(viewer.acts_for)))
        _refuse_taken(row, volunteer)
        if _claimable(row):
            raise Conflict("Claim the question first (claimQuestion), so no other volunteer answers it too.")
        return await _answer(tx, row, volunteer, model.text, None)

    row = await db.write(work)
    await wake_delivery(redis)
    return row


@dataclass(frozen=True)
class MailAnswer:
    row: QuestionRow
    duplicate: bool  # this very mail answered the question before: nothing was written


async def answer_by_mail(
    db: Database, redis: ArqRedis, account_id: str, qid: str, text: str, message_id: str
) -> MailAnswer:
    """A routed volunteer's reply: claims the question if it is open and answers it, in one transaction. The reply
    delivered again finds its Message-ID on the question and changes nothing."""
    model = AnswerInput.model_validate({"text": text})

    async def work(tx: AsyncManagedTransaction) -> MailAnswer:
        repository = HelpRepository(tx)
        row = await _locked(repository, qid)
        if await repository.by_message_id(message_id) == qid:
            return MailAnswer(row, duplicate=True)
        volunteer = await repository.routed_volunteer(qid, await repository.acts_for(account_id))
        if volunteer is None:
            raise NotPermitted("This question was not sent to a volunteer profile of this address's account.")
        _refuse_taken(row, volunteer)
        if _claimable(row):
            await repository.claim(qid, volunteer)
        return MailAnswer(await _answer(tx, row, volunteer, model.text, message_id), duplicate=False)

    found = await db.write(work)
    if not found.duplicate:
        await wake_delivery(redis)
    return found


async def _answer(
    tx: AsyncManagedTransaction, row: QuestionRow, volunteer: str, text: str, message_id: str | None
) -> QuestionRow:
    repository = HelpRepository(tx)
    await repository.answer(row["id"], volunteer, text, message_id)
    name = next((r["name"] for r in row["routes"] if r["volunteerId"] == volunteer), "")
    if row["askerId"] is not None:
        await Outbox(tx).to_accounts(
            NotificationKind.HELP_ANSWERED,
            KIND,
            [{"subject": row["id"], "to": [row["askerId"]], "data": answered_data(row, text, name)}],
        )
    answered = await repository.get(row["id"])
    assert answered is not None
    return answered


async def close(db: Database, viewer: Viewer, gid: str) -> QuestionRow:
    """The asker withdraws a question, or staff close it; an answered question stays answered."""
    qid = question_id(gid)

    async def work(tx: AsyncManagedTransaction) -> QuestionRow:
        repository = HelpRepository(tx)
        row = await _locked(repository, qid)
        if not may_read_help_question(viewer, row["askerId"], [r["volunteerId"] for r in row["routes"]]):
            raise NotFound("No question with this id.", field="id")
        require_help_closer(viewer, row["askerId"])
        if row["status"] in (QuestionStatus.ANSWERED, QuestionStatus.CLOSED):
            raise Conflict(f"This question is {row['status'].lower()} already.")
        await repository.close(qid)
        return await _locked(repository, qid)

    return await db.write(work)


# Reading


def visible(viewer: Viewer, row: QuestionRow) -> bool:
    return may_read_help_question(viewer, row["askerId"], [r["volunteerId"] for r in row["routes"]])


async def get(db: Database, viewer: Viewer, gid: str) -> QuestionRow | None:
    """A question by its global id; None when there is none or the viewer may not see it."""
    qid = question_id(gid)
    row = await db.read(lambda tx: HelpRepository(tx).get(qid))
    return row if row is not None and visible(viewer, row) else None


async def asked(db: Database, viewer: Viewer, first: int, after: str | None) -> tuple[Page[QuestionRow], int]:
    """The viewer's own questions, newest first."""
    position = parse_cursor_key(after)
    if viewer.account_id is None:
        return Page.of([], first, after), 0
    account = viewer.account_id
    rows, total = await db.read(lambda tx: HelpRepository(tx).asked_by(account, position, first + 1))
    return Page.of(rows, first, after), total


async def routed(
    db: Database, viewer: Viewer, statuses: list[str] | None, first: int, after: str | None
) -> tuple[Page[QuestionRow], int]:
    """Questions sent to the volunteer profile the viewer acts for, newest first."""
    position = parse_cursor_key(after)
    if not viewer.signed_in or not viewer.acts_for:
        return Page.of([], first, after), 0
    parties = sorted(viewer.acts_for)
    rows, total = await db.read(lambda tx: HelpRepository(tx).routed_to(parties, statuses, position, first + 1))
    return Page.of(rows, first, after), total


async def listed(
    db: Database, viewer: Viewer, f: QuestionFilter, first: int, after: str | None
) -> tuple[Page[QuestionRow], int]:
    """Staff's list of every question by status and topic; empty for everyone else."""
    position = parse_cursor_key(after)
    if not viewer.is_staff:
        return Page.of([], first, after), 0
    rows, total = await db.read(lambda tx: HelpRepository(tx).filtered(f, position, first + 1))
    return Page.of(rows, first, after), total


async def counts(db: Database, viewer: Viewer, days: int) -> dict[str, int] | None:
    """Questions per status and unanswered after `days` days, for staff; None for everyone else."""
    if not viewer.is_staff:
        return None
    return await db.read(lambda tx: HelpRepository(tx).counts(days))
