"""Fixtures of the mail tests: two associations with a peer suggestion between them and an account for each, events,
notifications written through the real outbox, and a small SMTP server of the test's own that refuses on cue."""

import datetime as dt
import json
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any, cast

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session

from network.kit.database import Database
from network.outbox.models import NotificationKind
from network.outbox.repository import NotificationRow, Outbox
from network.settings import Settings
from tests.support.accounts import Accounts, TestAccount
from tests.support.cleanup import Slugs
from tests.support.server import free_port

REASONS = [
    {"code": "SHARED_TOOL", "detail": "nextcloud", "weight": 0.4},
    {"code": "SAME_DISTRICT", "detail": "neukoelln", "weight": 0.2},
]


@dataclass
class World:
    """What one test wrote: two associations A and B, the accounts acting for them, a PEER suggestion FOR A OF B."""

    db: Database
    slugs: Slugs
    a: TestAccount
    b: TestAccount
    a_id: str
    b_id: str
    suggestion_id: str
    notifications: list[str] = field(default_factory=list)

    async def run(self, query: str, **parameters: Any) -> list[dict[str, Any]]:
        async with self.db.driver.session(database=self.db.name) as session:
            result = await session.run(query, parameters)
            return [record.data() async for record in result]

    async def notify(
        self,
        kind: NotificationKind,
        subject_label: str,
        subject: str,
        *,
        to_parties: list[str] | None = None,
        to_accounts: list[str] | None = None,
        stage: str = "",
        data: dict[str, Any] | None = None,
    ) -> list[str]:
        """Writes notifications through the outbox as a producer does; their ids."""
        row: NotificationRow = {"subject": subject, "to": to_parties or to_accounts or [], "stage": stage}
        if data is not None:
            row["data"] = data

        async def write(tx: Any) -> int:
            outbox = Outbox(tx)
            if to_parties is not None:
                return await outbox.to_parties(kind, subject_label, [row])
            return await outbox.to_accounts(kind, subject_label, [row])

        await self.db.write(write)
        found = await self.run(
            "MATCH (n:Notification {kind: $kind})-[:CONCERNS]->({id: $subject}) WHERE n.stage = $stage "
            "RETURN n.id AS id",
            kind=kind.value,
            subject=subject,
            stage=stage,
        )
        ids = [r["id"] for r in found if r["id"] not in self.notifications]  # the ones this call wrote
        self.notifications.extend(ids)
        return ids

    async def notification(self, notification_id: str) -> dict[str, Any]:
        [found] = await self.run("MATCH (n:Notification {id: $id}) RETURN n {.*} AS n", id=notification_id)
        return cast(dict[str, Any], found["n"])

    async def set_account(self, account: TestAccount, **values: Any) -> None:
        await self.run("MATCH (a:Account {id: $id}) SET a += $values", id=account.id, values=values)

    async def event(self, name: str, *, status: str = "SCHEDULED", starts_in_days: float = 5) -> str:
        event_id = str(uuid.uuid4())
        start = dt.datetime.now(dt.UTC) + dt.timedelta(days=starts_in_days)
        await self.run(
            "CREATE (e:Event {id: $id, slug: $slug, title: $title, startsAt: datetime($start), endsAt: datetime($end), "
            "format: 'ONLINE', visibility: 'PUBLIC', status: $status, outreachShare: 0.3, createdAt: datetime()})",
            id=event_id,
            slug=self.slugs(name),
            title=f"Kurs <{name}> & mehr",
            status=status,
            start=start.isoformat(),
            end=(start + dt.timedelta(hours=2)).isoformat(),
        )
        return event_id


@pytest.fixture
async def world(db: Database, accounts: Accounts, slugs: Slugs) -> AsyncIterator[World]:
    a, b = await accounts.make(name="a"), await accounts.make(name="b")
    a_id, b_id, suggestion_id = str(uuid.uuid4()), str(uuid.uuid4()), str(uuid.uuid4())
    made = World(db, slugs, a, b, a_id, b_id, suggestion_id)
    await made.run(
        "CREATE (x:Association {id: $a, slug: $aslug, name: 'Kiezchor Nord', visibility: 'PUBLIC', "
        "contactEmail: $acontact}), "
        "(y:Association {id: $b, slug: $bslug, name: 'Sportverein <Süd>', visibility: 'PUBLIC', "
        "contactEmail: $bcontact}) "
        "WITH x, y MATCH (aa:Account {id: $aacc}), (ba:Account {id: $bacc}) "
        "CREATE (aa)-[:ACTS_FOR]->(x), (ba)-[:ACTS_FOR]->(y) "
        "CREATE (x)<-[:FOR]-(:Suggestion {id: $sid, kind: 'PEER', pairKey: $sid, status: 'PROPOSED', acceptedBy: [], "
        "score: 1.0, reasons: $reasons, createdAt: datetime(), computedAt: datetime()})-[:OF]->(y)",
        a=a_id,
        b=b_id,
        aslug=slugs("a"),
        bslug=slugs("b"),
        acontact=f"contact-a-{a_id[:8]}@example.org",
        bcontact=f"contact-b-{b_id[:8]}@example.org",
        aacc=a.id,
        bacc=b.id,
        sid=suggestion_id,
        reasons=json.dumps(REASONS),
    )
    try:
        yield made
    finally:
        await made.run("MATCH (n:Notification) WHERE n.id IN $ids DETACH DELETE n", ids=made.notifications)
        await made.run("MATCH (s:Suggestion {id: $id}) DETACH DELETE s", id=suggestion_id)


@dataclass
class Received:
    envelope_to: list[str]
    message: EmailMessage


class Refusing:
    """An aiosmtpd handler: answers RCPT for an address containing `refuse` with 550, containing `later` with 451,
    and keeps every mail it accepted."""

    def __init__(self) -> None:
        self.received: list[Received] = []

    async def handle_RCPT(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, options: list[str]
    ) -> str:
        if "refuse" in address:
            return "550 5.1.1 <" + address + ">: no such mailbox"
        if "later" in address:
            return "451 4.3.0 mailbox busy, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        content = envelope.original_content or b""
        parsed = cast(EmailMessage, message_from_bytes(content, policy=policy.default))
        self.received.append(Received(list(envelope.rcpt_tos), parsed))
        return "250 Message accepted"

    def to(self, address: str) -> list[EmailMessage]:
        return [r.message for r in self.received if address in r.envelope_to]


@dataclass
class OwnServer:
    port: int
    handler: Refusing
    controller: Controller | None = None

    def start(self) -> None:
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    def settings(self, base: Settings, **overrides: Any) -> Settings:
        return base.model_copy(update={"smtp_port": self.port, **overrides})


@pytest.fixture
def own_server() -> Iterator[OwnServer]:
    """An SMTP server on a free port of the test's own, not started yet."""
    server = OwnServer(free_port(), Refusing())
    try:
        yield server
    finally:
        server.stop()
