"""Reminders: of a suggestion a side has not answered, first and last by its age, once each, before it expires; of an
event to its registered parties shortly before it starts, once, never for a cancelled or past one."""

import datetime as dt

from arq.connections import ArqRedis

from jobs.tasks import reminders
from network.kit.authorisation import Role
from network.kit.database import Database
from network.kit.global_id import to_global_id
from network.reminders.service import write_reminders
from network.settings import Settings
from network.suggestions.recompute import recompute_all
from tests.events.builders import CANCEL
from tests.invites.helpers import create_event, established
from tests.notifications.helpers import (
    cypher,
    expected,
    forget_wakes,
    notes,
    ordered,
    own,
    queued_wakes,
    suggestion_between,
)
from tests.suggestions.helpers import RESPOND, import_parties, peer
from tests.support.accounts import Accounts, GraphQL, TestAccount
from tests.support.cleanup import Slugs

REMINDER = "SUGGESTION_REMINDER"


async def proposed_days_ago(db: Database, suggestion: str, days: float) -> None:
    await cypher(
        db,
        "MATCH (s:Suggestion {id: $id}) SET s.createdAt = datetime() - duration({seconds: $seconds})",
        id=suggestion,
        seconds=int(days * 86_400),
    )


async def two_peers(db: Database, slugs: Slugs, accounts: Accounts) -> tuple[str, TestAccount, TestAccount]:
    """A PROPOSED peer suggestion between two associations with one account each."""
    a, b = slugs("a"), slugs("b")
    await import_parties(db, [peer(a), peer(b)])
    a1, b1 = await accounts.make(Role.MEMBER, "a"), await accounts.make(Role.MEMBER, "b")
    await own(db, a1, a)
    await own(db, b1, b)
    await recompute_all(db)
    return await suggestion_between(db, "PEER", a, b), a1, b1


async def test_a_suggestion_is_reminded_first_and_last_by_its_age_once_each(
    db: Database, slugs: Slugs, accounts: Accounts, settings: Settings
) -> None:
    ab, a1, b1 = await two_peers(db, slugs, accounts)
    await proposed_days_ago(db, ab, settings.reminder_first_days - 0.5)
    await write_reminders(db, settings)
    assert await notes(db, accounts, REMINDER) == []  # too young

    first = expected(REMINDER, ab, [a1, b1], "first")
    for _ in range(2):
        await proposed_days_ago(db, ab, settings.reminder_first_days + 0.5)
        await write_reminders(db, settings)
        assert await notes(db, accounts, REMINDER) == ordered(first)

    last = expected(REMINDER, ab, [a1, b1], "last")
    for _ in range(2):
        await proposed_days_ago(db, ab, settings.reminder_last_days + 0.5)
        await write_reminders(db, settings)
        assert await notes(db, accounts, REMINDER) == ordered(first + last)


async def test_a_suggestion_first_found_past_the_last_age_gets_only_the_last_reminder(
    db: Database, slugs: Slugs, accounts: Accounts, settings: Settings
) -> None:
    ab, a1, b1 = await two_peers(db, slugs, accounts)
    await proposed_days_ago(db, ab, settings.reminder_last_days + 1)
    counts = await write_reminders(db, settings)
    assert counts.suggestions >= 1 and counts.notifications >= 2
    assert await notes(db, accounts, REMINDER) == ordered(expected(REMINDER, ab, [a1, b1], "last"))
    await write_reminders(db, settings)
    assert await notes(db, accounts, REMINDER) == ordered(expected(REMINDER, ab, [a1, b1], "last"))


async def test_no_reminder_once_expired_nor_to_a_side_that_answered(
    db: Database, slugs: Slugs, accounts: Accounts, graphql: GraphQL, settings: Settings
) -> None:
    ab, a1, b1 = await two_peers(db, slugs, accounts)
    await proposed_days_ago(db, ab, settings.suggestion_expiry_days + 0.5)  # overdue, not yet marked EXPIRED
    await write_reminders(db, settings)
    assert await notes(db, accounts, REMINDER) == []

    answer = (await graphql(RESPOND, a1, id=to_global_id("Suggestion", ab), accept=True))["respondToSuggestion"]
    assert answer["errors"] == []
    await proposed_days_ago(db, ab, settings.reminder_first_days + 0.5)
    await write_reminders(db, settings)
    assert await notes(db, accounts, REMINDER) == expected(REMINDER, ab, [b1], "first")  # a answered already

    declined = (await graphql(RESPOND, b1, id=to_global_id("Suggestion", ab), accept=False))["respondToSuggestion"]
    assert declined["errors"] == []
    await proposed_days_ago(db, ab, settings.reminder_last_days + 0.5)
    await write_reminders(db, settings)
    assert await notes(db, accounts, REMINDER) == expected(REMINDER, ab, [b1], "first")  # declined: no last one


async def event_soon(
    db: Database, graphql: GraphQL, staff: TestAccount, slugs: Slugs, name: str, starts_in_days: float
) -> tuple[str, str]:
    """An event starting `starts_in_days` from now (negative: in the past); its slug and id."""
    starts = dt.datetime.now(dt.UTC) + dt.timedelta(days=starts_in_days)
    slug = await create_event(
        graphql,
        staff,
        slugs,
        name,
        startsAt=(starts + dt.timedelta(days=30)).isoformat(),  # registration is open until it starts
        endsAt=(starts + dt.timedelta(days=30, hours=2)).isoformat(),
    )
    await cypher(
        db,
        "MATCH (e:Event {slug: $slug}) SET e.startsAt = datetime($starts), e.endsAt = datetime($ends)",
        slug=slug,
        starts=starts.isoformat(),
        ends=(starts + dt.timedelta(hours=2)).isoformat(),
    )
    [row] = await cypher(db, "MATCH (e:Event {slug: $slug}) RETURN e.id AS id", slug=slug)
    return slug, str(row["id"])


async def registered_days_ago(db: Database, event: str, days: float) -> None:
    await cypher(
        db,
        "MATCH (:Event {slug: $slug})<-[r:REGISTERED]-() SET r.at = datetime() - duration({seconds: $seconds})",
        slug=event,
        seconds=int(days * 86_400),
    )


async def test_registered_parties_are_reminded_of_an_event_once_before_it_starts(
    db: Database, slugs: Slugs, accounts: Accounts, graphql: GraphQL, settings: Settings
) -> None:
    a, b = slugs("a"), slugs("b")
    await import_parties(db, [established(a), established(b)])
    staff, a1, a2, b1 = (
        await accounts.make(Role.STAFF),
        await accounts.make(),
        await accounts.make(),
        await accounts.make(),
    )
    for owner, party in ((a1, a), (a2, a), (b1, b)):
        await own(db, owner, party)
    days = settings.event_reminder_days
    soon, soon_id = await event_soon(db, graphql, staff, slugs, "soon", days - 0.5)
    later, _ = await event_soon(db, graphql, staff, slugs, "later", days + 1)
    cancelled, _ = await event_soon(db, graphql, staff, slugs, "cancelled", days - 0.5)
    past, _ = await event_soon(db, graphql, staff, slugs, "past", -0.1)
    late, _ = await event_soon(db, graphql, staff, slugs, "late", days - 0.5)
    for event in (soon, later, cancelled, past, late):
        await cypher(
            db,
            "MATCH (e:Event {slug: $event}), (p:Association) WHERE p.slug IN [$a, $b] "
            "CREATE (p)-[:REGISTERED {at: datetime()}]->(e)",
            event=event,
            a=a,
            b=b,
        )
        if event != late:  # registered a while ago; `late` only now, when its confirmation says enough
            await registered_days_ago(db, event, days + 3)
    assert (await graphql(CANCEL, staff, slug=cancelled))["cancelEvent"]["errors"] == []

    for _ in range(2):
        await write_reminders(db, settings)
        assert await notes(db, accounts, "EVENT_REMINDER") == ordered(expected("EVENT_REMINDER", soon_id, [a1, a2, b1]))


async def test_the_hourly_task_writes_what_is_due_and_wakes_the_delivery(
    db: Database, slugs: Slugs, accounts: Accounts, settings: Settings, job_queue: ArqRedis
) -> None:
    ab, a1, b1 = await two_peers(db, slugs, accounts)
    await proposed_days_ago(db, ab, settings.reminder_first_days + 0.5)
    await forget_wakes(job_queue)
    ctx = {"db": db, "settings": settings, "redis": job_queue}

    counts = await reminders.reminders(ctx)
    assert counts["suggestions"] >= 1 and counts["notifications"] >= 2
    assert await notes(db, accounts, REMINDER) == ordered(expected(REMINDER, ab, [a1, b1], "first"))
    assert len(await queued_wakes(job_queue)) == 1
    await forget_wakes(job_queue)

    assert (await reminders.reminders(ctx))["notifications"] == 0  # nothing due any more: nothing to wake for
    assert await queued_wakes(job_queue) == []
