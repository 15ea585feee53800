"""The rules of experience reports: writing one for an association, changing and deleting it, staff's moderation,
reading them as a viewer may, and staff's tips per tool.

An association has one report per tool: writing again rewrites it (its first author stays its author). Every new or
changed version waits for staff before anyone but its authors and staff sees it, so an approved report that is
changed disappears from the tool's page until staff approved the change; a change that changes nothing keeps the
status it had. Staff approve or reject the version they read (its `revision`), never a newer one they did not.
"""

import re
import uuid
from typing import Any

from neo4j import AsyncManagedTransaction

from network.kit.authorisation import (
    Viewer,
    may_moderate_reports,
    may_read_report,
    require_report_editor,
    require_report_moderator,
    require_report_remover,
    require_report_writer,
    require_tip_curator,
    require_verified,
)
from network.kit.database import Database
from network.kit.errors import Conflict, InvalidInput, NotFound
from network.kit.global_id import from_global_id, to_global_id
from network.kit.pagination import Page, is_cursor_datetime
from network.reports.models import RejectInput, ReportContent, ReportInput, ReportStatus, TipsInput
from network.reports.repository import Order, Position, Rating, ReportRepository, ReportRow, TipRow, ToolPage

KIND = "ExperienceReport"
MAX_PENDING_PER_AUTHOR = 20  # reports one account may have waiting for staff at once: staff's time is scarce
_CURSOR = re.compile(r"^(\d)\|(\d{4}-\d\d-\d\dT[0-9:.]+(?:Z|[+-]\d\d:\d\d)?)\|([0-9a-f-]{36})$")
START: Position = {"rating": None, "at": None, "id": None}


def global_id(report_id: str) -> str:
    return to_global_id(KIND, report_id)


def report_id(value: str, field: str = "id") -> str:
    kind, node_id = from_global_id(value)
    if kind != KIND:
        raise InvalidInput(f"'{value}' is not the id of an experience report", field=field)
    return node_id


def cursor_key(row: ReportRow) -> str:
    return f"{row['rating']}|{row['submittedAt'].iso_format()}|{row['id']}"


def position(key: str | None) -> Position:
    if key is None:
        return START
    match = _CURSOR.match(key)
    if match is None or not is_cursor_datetime(match.group(2)):
        raise InvalidInput("not a cursor of this list of experience reports", field="after")
    return {"rating": int(match.group(1)), "at": match.group(2), "id": match.group(3)}


def visible(viewer: Viewer, row: ReportRow) -> bool:
    association = row["association"]
    if association is None:
        return False
    return may_read_report(viewer, row["status"], association["id"], association["visibility"], row["authorId"])


# Writing


def _content(model: ReportContent) -> dict[str, Any]:
    """What a report says, in the graph's names (`replaced` as a slug)."""
    return model.model_dump(by_alias=True, mode="json", exclude={"association", "tool"})


async def _check_tools(repository: ReportRepository, tool: str, replaced: str | None) -> None:
    known = await repository.tool_ids([tool] + ([replaced] if replaced else []))
    if tool not in known:
        raise InvalidInput(f"No tool with slug '{tool}'.", field="tool")
    if replaced is not None and replaced not in known:
        raise InvalidInput(f"No tool with slug '{replaced}'.", field="replaced")
    if replaced == tool:
        raise InvalidInput("A tool does not replace itself; name the tool it replaced, or none.", field="replaced")


async def _save(
    tx: AsyncManagedTransaction, account_id: str, association_id: str, tool: str, content: dict[str, Any]
) -> ReportRow:
    """The association's report on the tool as `content` says, new or rewritten, waiting for staff."""
    repository = ReportRepository(tx)
    key = f"{association_id}:{tool}"
    if await repository.pending_by(account_id, key) >= MAX_PENDING_PER_AUTHOR:
        raise Conflict(
            f"You have {MAX_PENDING_PER_AUTHOR} experience reports waiting for staff; "
            "write more once some of them were approved."
        )
    replaced = content.pop("replaced")
    report, created = await repository.save(key, str(uuid.uuid4()), content)
    if created:
        await repository.link(report, account_id, association_id, tool)
    await repository.set_replaced(report, replaced)
    row = await repository.get(report)
    assert row is not None  # written in this very transaction
    return row


def _stored(row: ReportRow) -> dict[str, Any]:
    """What a stored report says, in the shape of `_content`."""
    return {
        "rating": row["rating"],
        "usedFor": row["usedFor"],
        "wentWell": row["wentWell"],
        "wentBadly": row["wentBadly"],
        "switchDuration": row["switchDuration"],
        "replaced": row["replaced"],
        "tips": row["tips"],
        "language": row["language"],
    }


def _unchanged(row: ReportRow, content: dict[str, Any]) -> bool:
    return _stored(row) == content


async def write(db: Database, viewer: Viewer, data: dict[str, Any]) -> ReportRow:
    """An account acting for an association writes its report on a tool (or rewrites the one it has)."""
    require_verified(viewer)
    model = ReportInput.model_validate(data)

    async def work(tx: AsyncManagedTransaction) -> ReportRow:
        repository = ReportRepository(tx)
        association = await repository.association(model.association)
        if association is None:
            raise NotFound(f"No association with slug '{model.association}'.", field="association")
        account_id = require_report_writer(viewer, association["id"])
        await _check_tools(repository, model.tool, model.replaced)
        content = _content(model)
        current = await repository.get_by_key(f"{association['id']}:{model.tool}")
        if current is not None and _unchanged(current, content):
            return current
        return await _save(tx, account_id, association["id"], model.tool, content)

    return await db.write(work)


async def _locked(repository: ReportRepository, viewer: Viewer, rid: str) -> ReportRow:
    """The report, locked for this transaction; NOT_FOUND also when the viewer may not see it."""
    row = await repository.get(rid) if await repository.lock(rid) else None
    if row is None or not visible(viewer, row):
        raise NotFound("No experience report with this id.", field="id")
    return row


def _association_id(row: ReportRow) -> str:
    association = row["association"]
    assert association is not None  # a report goes with its association
    return association["id"]


async def edit(db: Database, viewer: Viewer, gid: str, patch: dict[str, Any]) -> ReportRow:
    """Its author or an account acting for its association changes a report: fields left out stay, null clears."""
    rid = report_id(gid)
    require_verified(viewer)

    async def work(tx: AsyncManagedTransaction) -> ReportRow:
        repository = ReportRepository(tx)
        row = await _locked(repository, viewer, rid)
        account_id = require_report_editor(viewer, _association_id(row), row["authorId"])
        cleared = {
            name: "" if value is None and name in ("wentWell", "wentBadly", "tips") else value
            for name, value in patch.items()
        }
        model = ReportContent.model_validate({**_stored(row), **cleared})
        await _check_tools(repository, row["tool"], model.replaced)
        content = _content(model)
        if _unchanged(row, content):
            return row
        return await _save(tx, account_id, _association_id(row), row["tool"], content)

    return await db.write(work)


async def delete(db: Database, viewer: Viewer, gid: str) -> tuple[str, str]:
    """Deletes the report; its id and its association's."""
    rid = report_id(gid)
    require_verified(viewer)

    async def work(tx: AsyncManagedTransaction) -> tuple[str, str]:
        repository = ReportRepository(tx)
        row = await _locked(repository, viewer, rid)
        association = _association_id(row)
        require_report_remover(viewer, association, row["authorId"])
        await repository.delete(rid)
        return rid, association

    return await db.write(work)


async def _moderate(
    db: Database, viewer: Viewer, gid: str, revision: int, status: ReportStatus, reason: str | None
) -> ReportRow:
    rid = report_id(gid)
    require_report_moderator(viewer)

    async def work(tx: AsyncManagedTransaction) -> ReportRow:
        repository = ReportRepository(tx)
        row = await _locked(repository, viewer, rid)
        if row["revision"] != revision:
            raise Conflict(
                f"The report was changed since you read it (revision {row['revision']}, not {revision}); "
                "read it again before you decide.",
                field="revision",
            )
        if row["status"] == status and row["moderationReason"] == reason:
            return row
        await repository.moderate(rid, status.value, reason)
        return await _locked(repository, viewer, rid)

    return await db.write(work)


async def approve(db: Database, viewer: Viewer, gid: str, revision: int) -> ReportRow:
    """Staff approve the version they read: from now on everyone who sees its association sees it."""
    return await _moderate(db, viewer, gid, revision, ReportStatus.APPROVED, None)


async def reject(db: Database, viewer: Viewer, gid: str, revision: int, reason: str) -> ReportRow:
    """Staff reject a report (or take an approved one down) with a reason its authors read."""
    require_report_moderator(viewer)
    model = RejectInput.model_validate({"reason": reason})
    return await _moderate(db, viewer, gid, revision, ReportStatus.REJECTED, model.reason)


# Reading


async def get(db: Database, viewer: Viewer, gid: str) -> ReportRow | None:
    rid = report_id(gid)
    row = await db.read(lambda tx: ReportRepository(tx).get(rid))
    return row if row is not None and visible(viewer, row) else None


async def mine(db: Database, viewer: Viewer, first: int, after: str | None) -> tuple[Page[ReportRow], int]:
    """Reports the viewer wrote or that an association it acts for has, in every status, newest first."""
    at = position(after)
    if viewer.account_id is None or not viewer.signed_in:
        return Page.of([], first, after), 0
    account, parties = viewer.account_id, sorted(viewer.acts_for)
    rows, total = await db.read(lambda tx: ReportRepository(tx).of(account, parties, at, first + 1))
    return Page.of(rows, first, after), total


async def queue(db: Database, viewer: Viewer, first: int, after: str | None) -> tuple[Page[ReportRow], int]:
    """Staff's moderation queue, oldest first; empty for everyone else."""
    at = position(after)
    if not may_moderate_reports(viewer):
        return Page.of([], first, after), 0
    rows, total = await db.read(lambda tx: ReportRepository(tx).pending(at, first + 1))
    return Page.of(rows, first, after), total


async def on_tools(
    db: Database, viewer: Viewer, slugs: list[str], order: Order, first: int, after: str | None
) -> list[tuple[Page[ReportRow], int]]:
    """For each tool, a page of its approved reports that the viewer may see, and how many there are."""
    at = position(after)
    found: dict[str, ToolPage] = await db.read(
        lambda tx: ReportRepository(tx).on_tools(slugs, order, viewer.visibilities(), at, first + 1)
    )
    empty: ToolPage = {"rows": [], "total": 0}
    return [(Page.of(found.get(slug, empty)["rows"], first, after), found.get(slug, empty)["total"]) for slug in slugs]


async def ratings(db: Database, viewer: Viewer, slugs: list[str]) -> list[Rating]:
    found = await db.read(lambda tx: ReportRepository(tx).ratings(slugs, viewer.visibilities()))
    return [found.get(slug, {"average": None, "count": 0}) for slug in slugs]


# Tips


async def tips(db: Database, slugs: list[str]) -> list[list[TipRow]]:
    found = await db.read(lambda tx: ReportRepository(tx).tips(slugs))
    return [found.get(slug, []) for slug in slugs]


async def set_tips(db: Database, viewer: Viewer, data: dict[str, Any]) -> str:
    """Staff replace a tool's tips; returns its slug."""
    require_tip_curator(viewer)
    model = TipsInput.model_validate(data)
    rows: list[TipRow] = [
        {"text": tip.text, "language": tip.language, "position": number} for number, tip in enumerate(model.tips)
    ]

    async def work(tx: AsyncManagedTransaction) -> str:
        repository = ReportRepository(tx)
        if not await repository.tool_ids([model.tool]):
            raise NotFound(f"No tool with slug '{model.tool}'.", field="tool")
        await repository.set_tips(model.tool, rows)
        return model.tool

    return await db.write(work)
