"""Delivery of the outbox against the real stack and real SMTP: the session's sink, or a server of the test's own
that refuses on cue."""

import asyncio
import re
from email.message import EmailMessage

from arq.connections import ArqRedis

from network.kit.database import Database
from network.mail.delivery import deliver, send_digests
from network.outbox.models import MailFrequency, NotificationKind
from network.outbox.wake import wake_delivery
from network.settings import Settings
from tests.mail.conftest import OwnServer, World
from tests.support.accounts import Accounts
from tests.support.mail import MailSink, addressed_to
from tests.support.worker import run_worker


def _text(mail: EmailMessage) -> str:
    body = mail.get_body(preferencelist=("plain",))
    assert body is not None
    return str(body.get_content())


def _html(mail: EmailMessage) -> str:
    body = mail.get_body(preferencelist=("html",))
    assert body is not None
    return str(body.get_content())


async def test_a_notification_is_sent_once_with_its_headers_in_the_accounts_language(
    db: Database, signed_settings: Settings, world: World, mail_sink: MailSink
) -> None:
    await world.set_account(world.b, language="en")
    ids = await world.notify(
        NotificationKind.PEER_SUGGESTED, "Suggestion", world.suggestion_id, to_parties=[world.a_id, world.b_id]
    )
    assert len(ids) == 2

    counts = await deliver(db, signed_settings)
    again = await deliver(db, signed_settings)

    [to_a] = mail_sink.wait_for(1, to=world.a.email)
    [to_b] = mail_sink.wait_for(1, to=world.b.email)
    assert counts.sent >= 2 and again.sent == 0
    assert to_a["Subject"] == "Ein Verein, der zu Ihnen passt: Sportverein <Süd>"
    assert to_b["Subject"] == "An association that fits you: Kiezchor Nord"
    assert to_a.get_content_type() == "multipart/alternative"
    assert "nutzt auch" in _text(to_a) and "ebenfalls in" in _text(to_a)
    assert "Sportverein &lt;Süd&gt;" in _html(to_a) and "Sportverein <Süd>" not in _html(to_a)
    assert "Why it fits" in _text(to_b) and "also uses" in _text(to_b)
    stored = {i: await world.notification(i) for i in ids}
    by_message = {str(mail["Message-ID"]): mail for mail in (to_a, to_b)}
    for notification_id, row in stored.items():
        assert row["status"] == "SENT" and row["messageId"] == f"<{notification_id}@localhost>"
        mail = by_message[row["messageId"]]
        assert mail["Auto-Submitted"] == "auto-generated"
        assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert re.fullmatch(r"<http://127\.0\.0\.1:8000/mail/unsubscribe/[0-9a-f]{64}>", str(mail["List-Unsubscribe"]))
        assert mail["Date"] is not None and mail["From"] == signed_settings.mail_from
        assert mail["Reply-To"] is None
    assert not any(re.search("contact-[ab]-", _text(m)) for m in (to_a, to_b))  # not introduced: no address


async def test_what_waits_together_for_one_account_goes_out_as_one_mail(
    db: Database, signed_settings: Settings, world: World, mail_sink: MailSink
) -> None:
    suggested = await world.notify(
        NotificationKind.PEER_SUGGESTED, "Suggestion", world.suggestion_id, to_parties=[world.a_id]
    )
    reminded = await world.notify(
        NotificationKind.SUGGESTION_REMINDER, "Suggestion", world.suggestion_id, to_parties=[world.a_id], stage="first"
    )
    event = await world.event("together")
    invited = await world.notify(NotificationKind.EVENT_INVITED, "Event", event, to_accounts=[world.a.id])
    cancelled_event = await world.event("off", status="CANCELLED")
    cancelled = await world.notify(NotificationKind.EVENT_CANCELLED, "Event", cancelled_event, to_accounts=[world.a.id])

    counts = await deliver(db, signed_settings)

    mails = mail_sink.wait_for(2, to=world.a.email)
    assert counts.sent >= 4  # others of the session may be due too
    [together] = [m for m in mails if str(m["Subject"]).startswith("Neu für Sie")]
    [alone] = [m for m in mails if m is not together]
    assert together["Subject"] == "Neu für Sie bei Gemeinsam digital: 3 Neuigkeiten"
    assert "Sportverein <Süd>" in _text(together) and "together" in _text(together)
    assert str(alone["Message-ID"]) == f"<{cancelled[0]}@localhost>"  # a cancellation keeps a mail of its own
    for notification_id in suggested + reminded + invited:
        assert (await world.notification(notification_id))["messageId"] == str(together["Message-ID"])


async def test_a_wake_runs_delivery_in_the_worker(
    signed_settings: Settings, world: World, mail_sink: MailSink, job_queue: ArqRedis
) -> None:
    [notification] = await world.notify(
        NotificationKind.OTHER_ACCEPTED, "Suggestion", world.suggestion_id, to_parties=[world.a_id]
    )
    assert await wake_delivery(job_queue)
    await run_worker(signed_settings)
    [mail] = mail_sink.wait_for(1, to=world.a.email)
    assert mail["Subject"] == "Sportverein <Süd> hat Ihrem Vorschlag zugesagt"
    assert (await world.notification(notification))["status"] == "SENT"


async def test_a_wake_without_redis_does_not_fail_the_caller(signed_settings: Settings) -> None:
    from network.app import open_queue

    gone = open_queue(signed_settings.model_copy(update={"redis_url": "redis://127.0.0.1:1/0"}))
    try:
        assert await wake_delivery(gone) is False
    finally:
        await gone.aclose()


async def test_never_skips_but_a_cancellation_still_goes(
    db: Database, signed_settings: Settings, world: World, mail_sink: MailSink
) -> None:
    await world.set_account(world.b, mailFrequency="NEVER")
    suggested = await world.notify(
        NotificationKind.PEER_SUGGESTED, "Suggestion", world.suggestion_id, to_parties=[world.a_id, world.b_id]
    )
    event = await world.event("cancelled", status="CANCELLED")
    [cancelled] = await world.notify(NotificationKind.EVENT_CANCELLED, "Event", event, to_accounts=[world.b.id])

    await deliver(db, signed_settings)

    mails_to_b = mail_sink.wait_for(1, to=world.b.email)
    mail_sink.wait_for(1, to=world.a.email)
    assert [str(m["Subject"]) for m in mails_to_b] == ["Abgesagt: Kurs <cancelled> & mehr"]
    assert "auch wenn Sie sonst keine E-Mails möchten" in _text(mails_to_b[0])
    assert (await world.notification(cancelled))["status"] == "SENT"
    statuses = {(await world.notification(i))["status"] for i in suggested}
    assert statuses == {"SENT", "SKIPPED"}
    skipped = [await world.notification(i) for i in suggested]
    assert [r["error"] for r in skipped if r["status"] == "SKIPPED"] == ["the account wants no mail"]


async def test_what_is_no_longer_current_is_skipped_with_the_reason(
    db: Database, signed_settings: Settings, world: World, mail_sink: MailSink
) -> None:
    [suggested] = await world.notify(
        NotificationKind.PEER_SUGGESTED, "Suggestion", world.suggestion_id, to_parties=[world.a_id]
    )
    event = await world.event("gone")
    [invited] = await world.notify(NotificationKind.EVENT_INVITED, "Event", event, to_accounts=[world.a.id])
    await world.run("MATCH (s:Suggestion {id: $id}) SET s.status = 'DECLINED'", id=world.suggestion_id)
    await world.run("MATCH (e:Event {id: $id}) DETACH DELETE e", id=event)

    counts = await deliver(db, signed_settings)

    assert counts.skipped >= 2
    assert (await world.notification(suggested))["error"] == "the suggestion is no longer open (DECLINED)"
    assert (await world.notification(invited))["error"] == "what it was about no longer exists"
    assert not [m for m in mail_sink.messages() if addressed_to(m, world.a.email)]


async def test_an_introduction_names_the_contact_only_to_connected_sides(
    db: Database, signed_settings: Settings, world: World, mail_sink: MailSink
) -> None:
    await world.run("MATCH (s:Suggestion {id: $id}) SET s.status = 'ACCEPTED'", id=world.suggestion_id)
    [first] = await world.notify(
        NotificationKind.INTRODUCED, "Suggestion", world.suggestion_id, to_parties=[world.a_id]
    )
    await deliver(db, signed_settings)  # not connected (yet): the API would not show the address
    [unconnected] = mail_sink.wait_for(1, to=world.a.email)
    assert "contact-b-" not in _text(unconnected) and "keine Kontaktadresse" in _text(unconnected)
    assert (await world.notification(first))["status"] == "SENT"

    await world.run(
        "MATCH (a:Association {id: $a}), (b:Association {id: $b}) CREATE (a)-[:CONNECTED_WITH]->(b)",
        a=world.a_id,
        b=world.b_id,
    )
    [second] = await world.notify(
        NotificationKind.INTRODUCED, "Suggestion", world.suggestion_id, to_parties=[world.b_id]
    )
    await deliver(db, signed_settings)
    [connected] = mail_sink.wait_for(1, to=world.b.email)
    assert f"contact-a-{world.a_id[:8]}@example.org" in _text(connected)
    assert f"mailto:contact-a-{world.a_id[:8]}@example.org" in _html(connected)
    assert (await world.notification(second))["status"] == "SENT"


async def test_a_digest_collects_what_is_pending(
    db: Database, signed_settings: Settings, world: World, mail_sink: MailSink
) -> None:
    await world.set_account(world.b, mailFrequency="DAILY")
    [suggested] = await world.notify(
        NotificationKind.PEER_SUGGESTED, "Suggestion", world.suggestion_id, to_parties=[world.b_id]
    )
    first, cancelled = await world.event("first"), await world.event("later-cancelled")
    [invited] = await world.notify(NotificationKind.EVENT_INVITED, "Event", first, to_accounts=[world.b.id])
    [stale] = await world.notify(NotificationKind.EVENT_INVITED, "Event", cancelled, to_accounts=[world.b.id])
    await world.run("MATCH (e:Event {id: $id}) SET e.status = 'CANCELLED'", id=cancelled)

    await deliver(db, signed_settings)  # a digest account gets nothing one by one
    assert (await world.notification(suggested))["status"] == "PENDING"
    counts = await send_digests(db, signed_settings, MailFrequency.DAILY)

    [digest] = mail_sink.wait_for(1, to=world.b.email)
    assert counts.sent >= 2
    assert str(digest["Subject"]) == "Ihr Tag bei Gemeinsam digital: 2 Neuigkeiten"
    text = _text(digest)
    assert "Ein Verein, der zu Ihnen passt: Kiezchor Nord" in text and "Einladung: Kurs <first> & mehr" in text
    assert "later-cancelled" not in text
    assert str(digest["Message-ID"]).startswith(f"<digest-{world.b.id}-")
    for notification_id in (suggested, invited):
        row = await world.notification(notification_id)
        assert row["status"] == "SENT" and row["messageId"] == str(digest["Message-ID"])
    assert (await world.notification(stale))["error"] == "the event was cancelled"
    assert (await send_digests(db, signed_settings, MailFrequency.DAILY)).sent == 0
    assert len([m for m in mail_sink.messages() if addressed_to(m, world.b.email)]) == 1


async def test_a_permanent_refusal_marks_failed_with_the_reason(
    db: Database, signed_settings: Settings, world: World, accounts: Accounts, own_server: OwnServer
) -> None:
    refused, fine = await accounts.make(name="refuse"), await accounts.make(name="fine")
    event = await world.event("refusal")
    ids = await world.notify(NotificationKind.REGISTRATION_CONFIRMED, "Event", event, to_accounts=[refused.id, fine.id])
    own_server.start()

    await deliver(db, own_server.settings(signed_settings))

    rows = {r["id"]: r for r in [await world.notification(i) for i in ids]}
    by_status = {r["status"]: r for r in rows.values()}
    assert set(by_status) == {"FAILED", "SENT"}
    assert by_status["FAILED"]["error"].startswith("recipient refused: 550")
    assert by_status["FAILED"]["tries"] == 1
    assert [str(m["Subject"]) for m in own_server.handler.to(fine.email)] == ["Angemeldet: Kurs <refusal> & mehr"]
    assert own_server.handler.to(refused.email) == []


async def test_a_temporary_refusal_is_retried_until_the_tries_run_out(
    db: Database, signed_settings: Settings, world: World, accounts: Accounts, own_server: OwnServer
) -> None:
    busy = await accounts.make(name="later")
    event = await world.event("busy")
    [notification] = await world.notify(NotificationKind.REGISTRATION_CONFIRMED, "Event", event, to_accounts=[busy.id])
    own_server.start()
    settings = own_server.settings(signed_settings, mail_retry_s=0.2, mail_max_tries=2)

    first = await deliver(db, settings)
    row = await world.notification(notification)
    assert first.retrying == 1 and row["status"] == "PENDING" and row["tries"] == 1
    assert row["error"].startswith("recipient refused: 451")
    assert (await deliver(db, settings)).retrying == 0  # not due yet: 0.2 s later
    await asyncio.sleep(0.3)
    await deliver(db, settings)
    row = await world.notification(notification)
    assert row["status"] == "FAILED" and row["tries"] == 2 and row["error"].startswith("out of tries (2): ")


async def test_a_server_that_is_down_then_up_gets_each_mail_once(
    db: Database, signed_settings: Settings, world: World, own_server: OwnServer
) -> None:
    ids = await world.notify(
        NotificationKind.PEER_SUGGESTED, "Suggestion", world.suggestion_id, to_parties=[world.a_id, world.b_id]
    )
    settings = own_server.settings(signed_settings, mail_retry_s=0.2)

    down = await deliver(db, settings)  # nothing listens on the port
    rows = [await world.notification(i) for i in ids]
    assert down.sent == 0 and down.retrying == 1
    assert sorted(r["tries"] for r in rows) == [0, 1]  # one tried, the rest given back untried
    assert {r["status"] for r in rows} == {"PENDING"}
    assert any(r.get("error", "").startswith("server unreachable") for r in rows)

    own_server.start()
    await asyncio.sleep(0.3)
    up = await deliver(db, settings)
    await deliver(db, settings)

    assert up.sent >= 2
    assert {(await world.notification(i))["status"] for i in ids} == {"SENT"}
    for account in (world.a, world.b):
        [mail] = own_server.handler.to(account.email)
        assert str(mail["Message-ID"]) in {f"<{i}@localhost>" for i in ids}


async def test_an_invite_suggestion_is_mailed_with_its_reasons_until_it_is_answered(
    db: Database, signed_settings: Settings, world: World, mail_sink: MailSink
) -> None:
    event = await world.event("invite")
    invite, answered = f"{event}|{world.a_id}", f"{event}|{world.b_id}"
    await world.run(
        "MATCH (e:Event {id: $event}), (a:Association {id: $a}), (b:Association {id: $b}) "
        "CREATE (e)<-[:FOR]-(:Suggestion {id: $invite, kind: 'EVENT_INVITE', pairKey: $invite, status: 'PROPOSED', "
        "reasons: $reasons, acceptedBy: []})-[:OF]->(a), "
        "(e)<-[:FOR]-(:Suggestion {id: $answered, kind: 'EVENT_INVITE', pairKey: $answered, status: 'DECLINED', "
        "reasons: '[]', acceptedBy: []})-[:OF]->(b)",
        event=event,
        a=world.a_id,
        b=world.b_id,
        invite=invite,
        answered=answered,
        reasons='[{"code": "USES_TOOL", "detail": "nextcloud", "weight": 0.5}]',
    )
    try:
        [open_invite] = await world.notify(
            NotificationKind.EVENT_INVITED, "Suggestion", invite, to_parties=[world.a_id]
        )
        [declined] = await world.notify(NotificationKind.EVENT_INVITED, "Suggestion", answered, to_parties=[world.b_id])
        await deliver(db, signed_settings)
        [mail] = mail_sink.wait_for(1, to=world.a.email)
        assert str(mail["Subject"]) == "Einladung: Kurs <invite> & mehr"
        assert "- Sie nutzen Nextcloud, um das es geht" in _text(mail)
        assert "/events/" in _text(mail)
        assert (await world.notification(open_invite))["status"] == "SENT"
        assert (await world.notification(declined))["error"] == "the invite is no longer open (DECLINED)"
    finally:
        await world.run("MATCH (s:Suggestion) WHERE s.id IN [$a, $b] DETACH DELETE s", a=invite, b=answered)


async def test_runs_at_the_same_time_send_each_mail_once(
    db: Database, signed_settings: Settings, world: World, accounts: Accounts, mail_sink: MailSink
) -> None:
    people = [await accounts.make(name=f"same-time-{i}") for i in range(8)]
    event = await world.event("same-time")
    ids = await world.notify(
        NotificationKind.REGISTRATION_CONFIRMED, "Event", event, to_accounts=[p.id for p in people]
    )
    small_batches = signed_settings.model_copy(update={"mail_batch_size": 2})

    runs = await asyncio.gather(*(deliver(db, small_batches) for _ in range(4)))

    assert sum(run.sent for run in runs) >= len(ids) == len(people)
    for person in people:
        assert len(mail_sink.wait_for(1, to=person.email)) == 1
    await asyncio.sleep(0.5)  # a second mail would have arrived by now
    assert [len([m for m in mail_sink.messages() if addressed_to(m, p.email)]) for p in people] == [1] * len(people)
    assert {(await world.notification(i))["status"] for i in ids} == {"SENT"}
