"""Delivering the outbox: notifications claimed in batches, checked against what they are about, rendered, sent
over one SMTP connection, and settled in small groups; digests collect an account's pending notifications in one mail.

Exactly once. A notification is claimed (SENDING, with a lease in `claimedUntil`) before its mail is sent, and
marked SENT once the SMTP server accepted the mail. Two runs never send the same notification: a claim checks the
notification again under its lock, and a run stops sending (and gives back the rest of its batch) before its lease
runs out. The one window for a second mail is between the server's accepting and the SENT mark committing: marks
are written in groups (`Marks`: at most MARK_EVERY mails, or MARK_WITHIN_S after the oldest, plus one write), so a
worker killed there, or a database that fails the write, leaves at most the last ten mails of a run SENDING; once
their lease ran out the next run sends them again, each with the Message-ID of the first (the notification's id),
which mail clients that de-duplicate by Message-ID show once.
"""

import datetime as dt
import time
from dataclasses import dataclass, field
from email.message import EmailMessage
from zoneinfo import ZoneInfo

import structlog

from network.kit.database import Database
from network.mail.currency import why_not_sent
from network.mail.reasons import Names
from network.mail.render import Sender, message, render, subject_of
from network.mail.repository import AccountMail, DeliveryRepository, MailRow, Outcome
from network.mail.retry import retry_delay_s
from network.mail.smtp import Mailer, SendResult
from network.mail.view import SETTINGS_PATH, TEMPLATES, Site, context, language_of, slugs_of, unsubscribe_link
from network.outbox.models import MailFrequency, NotificationKind, NotificationStatus
from network.settings import Settings

log = structlog.get_logger(__name__)
DIGEST_ACCOUNTS = 50  # accounts whose digests one claim takes
# Kinds of which several waiting for one account go out as one mail: a first recompute proposes dozens of peers at
# once, and a mail each would bury them. The others stay alone: they carry a contact, a reply thread, a
# cancellation or an answer of their own.
BUNDLED = frozenset(
    {
        NotificationKind.PEER_SUGGESTED,
        NotificationKind.MENTOR_SUGGESTED,
        NotificationKind.MENTEE_SUGGESTED,
        NotificationKind.SUGGESTION_REMINDER,
        NotificationKind.EVENT_INVITED,
        NotificationKind.OTHER_ACCEPTED,
    }
)
BUNDLE_MAX = 50  # notifications one mail lists at most; more wait for the next mail
BATCH_ROWS = 4  # a claim takes up to MAIL_BATCH_SIZE accounts and this many times MAIL_BATCH_SIZE notifications
# Outcomes of single mails are written in groups of at most this many, or this old (see `Marks`).
MARK_EVERY = 10
MARK_WITHIN_S = 0.1


def lease_s(settings: Settings) -> float:
    """How long a claim lasts: long enough for a batch on a working connection."""
    return max(120.0, 20 * settings.smtp_timeout_s)


def send_margin_s(settings: Settings) -> float:
    """A run sends no more once less than this is left of its lease: the longest one mail may take (connecting,
    the envelope, the data, each bounded by SMTP_TIMEOUT_S) plus the SENT mark."""
    return 6 * settings.smtp_timeout_s


@dataclass
class DeliveryCounts:
    sent: int = 0
    failed: int = 0  # refused for good or out of tries
    retrying: int = 0  # refused for now: tried again later
    skipped: int = 0
    released: int = 0  # claimed but not tried (the server went away, or the lease ran short): due again at once
    reasons: dict[str, int] = field(default_factory=dict)  # skipped and failed, by reason

    def count(self, outcome: Outcome) -> None:
        status = outcome["status"]
        if status == NotificationStatus.SENT:
            self.sent += 1
        elif status == NotificationStatus.PENDING:
            if outcome["tried"]:
                self.retrying += 1
            else:
                self.released += 1
        else:
            if status == NotificationStatus.FAILED:
                self.failed += 1
            else:
                self.skipped += 1
            reason = (outcome["error"] or "").split(":")[0]
            self.reasons[reason] = self.reasons.get(reason, 0) + 1


def _settled(row_id: str, status: NotificationStatus, error: str | None = None) -> Outcome:
    return {"id": row_id, "status": status.value, "error": error, "tried": 0}


def after_send(row_id: str, tries: int, result: SendResult, message_id: str, settings: Settings) -> Outcome:
    """How a notification ends after one try; `tries` counts the tries before it."""
    if result.accepted:
        return {
            "id": row_id,
            "status": NotificationStatus.SENT.value,
            "error": None,
            "messageId": message_id,
            "tried": 0,
        }
    if result.permanent:
        return {"id": row_id, "status": NotificationStatus.FAILED.value, "error": result.reason, "tried": 1}
    if tries + 1 >= settings.mail_max_tries:
        error = f"out of tries ({tries + 1}): {result.reason}"
        return {"id": row_id, "status": NotificationStatus.FAILED.value, "error": error, "tried": 1}
    delay_ms = int(retry_delay_s(tries + 1, settings.mail_retry_s) * 1000)
    return {
        "id": row_id,
        "status": NotificationStatus.PENDING.value,
        "error": result.reason,
        "tried": 1,
        "delayMs": delay_ms,
    }


async def _names(db: Database, rows: list[MailRow]) -> Names:
    slugs = slugs_of(rows)
    found = await db.read(
        lambda tx: DeliveryRepository(tx).labels(slugs["tools"], slugs["skills"], slugs["fields"], slugs["groups"])
    )
    return Names(
        tools=found["tools"],
        skills=found["skills"],
        fields=found["fields"],
        groups=found["targetGroups"],
        districts=found["districts"],
        tool_shares=found["toolShares"],
    )


async def _mails(db: Database, ids: list[str]) -> list[MailRow]:
    return await db.read(lambda tx: DeliveryRepository(tx).mails(ids))


def _site(settings: Settings) -> Site:
    return Site(settings.public_url, settings.jobs_timezone)


def notification_mail(row: MailRow, names: Names, settings: Settings, now: dt.datetime) -> EmailMessage:
    """The mail of one notification that should go out (see `why_not_sent`)."""
    account = row["account"]
    assert account is not None
    sender, site = Sender.of(settings), _site(settings)
    kind = NotificationKind(row["kind"])
    rendered = render(language_of(account), TEMPLATES[kind], context(row, names, site))
    return message(
        rendered,
        sender=sender,
        to=account,
        message_id=sender.message_id(row["id"]),
        unsubscribe_url=unsubscribe_link(site, account["unsubscribeToken"]),
        now=now,
        reply_to=sender.help_address if kind is NotificationKind.HELP_ROUTED else None,
    )


async def _settle(db: Database, outcomes: list[Outcome], counts: DeliveryCounts) -> None:
    if outcomes:
        await db.write(lambda tx: DeliveryRepository(tx).settle(outcomes))
        for outcome in outcomes:
            counts.count(outcome)


class Marks:
    """Outcomes written in small groups: at the latest after MARK_EVERY of them, or once the oldest waited
    MARK_WITHIN_S. Behind a real relay (tens of milliseconds a mail) that is nearly every mail; towards a fast local
    server, one write per ten mails instead of one per mail (a write costs about as much as sending one)."""

    def __init__(self, db: Database, counts: DeliveryCounts) -> None:
        self.db, self.counts = db, counts
        self.outcomes: list[Outcome] = []
        self.oldest = 0.0

    async def add(self, *outcomes: Outcome) -> None:
        if outcomes and not self.outcomes:
            self.oldest = time.monotonic()
        self.outcomes.extend(outcomes)
        if len(self.outcomes) >= MARK_EVERY:
            await self.write()
        else:
            await self.write_if_old()

    async def write_if_old(self) -> None:
        """Before a send that may stall: outcomes older than MARK_WITHIN_S do not wait for it."""
        if self.outcomes and time.monotonic() - self.oldest >= MARK_WITHIN_S:
            await self.write()

    async def write(self) -> None:
        outcomes, self.outcomes = self.outcomes, []
        await _settle(self.db, outcomes, self.counts)


def mail_units(rows: list[MailRow]) -> list[list[MailRow]]:
    """The mails `rows` make, in order: two or more of one account's BUNDLED kinds together in one mail, every
    other row alone."""
    units: list[list[MailRow]] = []
    bundles: dict[str, list[MailRow]] = {}
    for row in rows:
        account = row["account"]
        if account is not None and NotificationKind(row["kind"]) in BUNDLED:
            if account["id"] not in bundles:
                bundles[account["id"]] = []
                units.append(bundles[account["id"]])  # the unit fills as later rows of the account come
            bundles[account["id"]].append(row)
        else:
            units.append([row])
    return units


def unit_mail(unit: list[MailRow], names: Names, settings: Settings, now: dt.datetime) -> EmailMessage:
    """The mail of one unit (`mail_units`): a notification's own mail, or one listing several."""
    if len(unit) == 1:
        return notification_mail(unit[0], names, settings, now)
    account = unit[0]["account"]
    assert account is not None
    message_id = Sender.of(settings).bundle_id([row["id"] for row in unit])
    return digest_mail(account, unit, names, settings, MailFrequency.IMMEDIATE, message_id, now)


async def deliver(db: Database, settings: Settings) -> DeliveryCounts:
    """Sends every due notification of accounts that want mail at once, batch after batch, until none is due;
    several of one account's suggestions and invites waiting together go out as one mail. Stops early when the
    SMTP server cannot be reached (what is left is due again for the next run)."""
    counts = DeliveryCounts()
    marks = Marks(db, counts)
    lease, margin = lease_s(settings), send_margin_s(settings)
    sender = Sender.of(settings)
    size = settings.mail_batch_size
    async with Mailer(settings) as mailer:
        try:
            while True:
                claimed_at = time.monotonic()  # before the claim: the local deadline ends before the graph's
                ids = await db.write(
                    lambda tx: DeliveryRepository(tx).claim(size, BUNDLE_MAX, BATCH_ROWS * size, int(lease * 1000))
                )
                if not ids:
                    return counts
                rows = await _mails(db, ids)
                names = await _names(db, rows)
                now = dt.datetime.now(dt.UTC)
                current = []
                for row in rows:
                    skip = why_not_sent(row, now)
                    if skip is None:
                        current.append(row)
                    else:
                        await marks.add(_settled(row["id"], NotificationStatus.SKIPPED, skip))
                units = mail_units(current)
                for index, unit in enumerate(units):
                    if time.monotonic() - claimed_at > lease - margin:  # give the rest back; a new claim goes on
                        rest = [row for later in units[index:] for row in later]
                        await marks.add(*[_settled(r["id"], NotificationStatus.PENDING) for r in rest])
                        break
                    now = dt.datetime.now(dt.UTC)
                    try:
                        mail = unit_mail(unit, names, settings, now)
                    except Exception as error:  # a template bug: this mail can never be made, the rest can
                        log.error("mail not rendered", notification=unit[0]["id"], kind=unit[0]["kind"], exc_info=error)
                        reason = f"could not be rendered: {type(error).__name__}"
                        await marks.add(*[_settled(r["id"], NotificationStatus.FAILED, reason) for r in unit])
                        continue
                    await marks.write_if_old()
                    result = await mailer.send(mail, sender.address)
                    # The exactly-once window (see the module's docstring) opens: accepted, not yet marked SENT.
                    message_id = str(mail["Message-ID"])
                    await marks.add(*[after_send(r["id"], r["tries"], result, message_id, settings) for r in unit])
                    if result.connection_lost:
                        rest = [row for later in units[index + 1 :] for row in later]
                        await marks.add(*[_settled(r["id"], NotificationStatus.PENDING) for r in rest])
                        log.warning("SMTP server unreachable; delivery stops until the next run", reason=result.reason)
                        return counts
                await marks.write()  # before the next claim, which must not see this batch's claims as due
        finally:
            await marks.write()


def digest_period(frequency: MailFrequency, now: dt.datetime, timezone: str) -> str:
    """The day (2026-12-07) or ISO week (2026-W50) a digest covers, in the service's time zone: its Message-ID
    stays the same when the digest is tried again within that period."""
    local = now.astimezone(ZoneInfo(timezone))
    if frequency is MailFrequency.WEEKLY:
        year, week, _ = local.isocalendar()
        return f"{year}-W{week:02d}"
    return local.date().isoformat()


def digest_mail(
    account: AccountMail,
    rows: list[MailRow],
    names: Names,
    settings: Settings,
    frequency: MailFrequency,
    message_id: str,
    now: dt.datetime,
) -> EmailMessage:
    """One mail listing `rows` (each by its own mail's subject and main link): a digest, or (IMMEDIATE) several
    notifications that were waiting together."""
    sender, site = Sender.of(settings), _site(settings)
    language = language_of(account)
    items = []
    for row in rows:
        values = context(row, names, site)
        subject = subject_of(language, TEMPLATES[NotificationKind(row["kind"])], values)
        items.append({"subject": subject, "link": values["links"]["main"]})
    unsubscribe = unsubscribe_link(site, account["unsubscribeToken"])
    values = {
        "language": language,
        "frequency": frequency.value,
        "items": items,
        "links": {"settings": site.link(SETTINGS_PATH), "unsubscribe": unsubscribe, "home": site.link("/")},
    }
    return message(
        render(language, "digest", values),
        sender=sender,
        to=account,
        message_id=message_id,
        unsubscribe_url=unsubscribe,
        now=now,
    )


async def send_digests(db: Database, settings: Settings, frequency: MailFrequency) -> DeliveryCounts:
    """One mail per account that gets `frequency` digests and has due notifications, collecting all of them;
    what is no longer current is skipped. A digest refused for now puts its notifications back for a later try
    (the task tries again); stops early when the SMTP server cannot be reached."""
    if frequency not in (MailFrequency.DAILY, MailFrequency.WEEKLY):
        raise ValueError(f"digests are DAILY or WEEKLY, not {frequency}")
    counts = DeliveryCounts()
    lease, margin = lease_s(settings), send_margin_s(settings)
    sender = Sender.of(settings)
    period = digest_period(frequency, dt.datetime.now(dt.UTC), settings.jobs_timezone)
    async with Mailer(settings) as mailer:
        while True:
            claimed_at = time.monotonic()
            claims = await db.write(
                lambda tx: DeliveryRepository(tx).claim_digests(frequency.value, DIGEST_ACCOUNTS, int(lease * 1000))
            )
            if not claims:
                return counts
            for index, claim in enumerate(claims):
                if time.monotonic() - claimed_at > lease - margin:  # give the rest back; a new claim goes on
                    rest = [i for later in claims[index:] for i in later["ids"]]
                    await _settle(db, [_settled(i, NotificationStatus.PENDING) for i in rest], counts)
                    break
                rows = await _mails(db, claim["ids"])
                now = dt.datetime.now(dt.UTC)
                current, skipped = [], []
                for row in rows:
                    reason = why_not_sent(row, now)
                    if reason is None:
                        current.append(row)
                    else:
                        skipped.append(_settled(row["id"], NotificationStatus.SKIPPED, reason))
                await _settle(db, skipped, counts)
                account = current[0]["account"] if current else None
                if account is None:
                    continue
                message_id = sender.digest_id(account["id"], period)
                mail = digest_mail(account, current, await _names(db, current), settings, frequency, message_id, now)
                result = await mailer.send(mail, sender.address)
                message_id = str(mail["Message-ID"])
                outcomes = [after_send(r["id"], r["tries"], result, message_id, settings) for r in current]
                await _settle(db, outcomes, counts)
                if result.connection_lost:
                    rest = [i for later in claims[index + 1 :] for i in later["ids"]]
                    await _settle(db, [_settled(i, NotificationStatus.PENDING) for i in rest], counts)
                    log.warning("SMTP server unreachable; digests stop until the next try", reason=result.reason)
                    return counts


PRUNE_BATCH = 5000  # notifications one cleanup transaction deletes


async def prune_settled(db: Database, days: int) -> int:
    """Deletes settled notifications older than `days`, in bounded transactions; returns how many went."""
    deleted = 0
    while True:
        found = await db.write(lambda tx: DeliveryRepository(tx).prune(days, PRUNE_BATCH))
        deleted += found
        if found < PRUNE_BATCH:
            return deleted
