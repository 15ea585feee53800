"""The help receiver over a real SMTP conversation (aiosmtplib against network/help/receiver.py started here), and
the pipe hand-off `network help receive --stdin` as a mail server would run it."""

import asyncio
import json
import os
import socket
import subprocess
import sys
import uuid
from collections.abc import AsyncIterator
from email.message import EmailMessage
from typing import Any

import aiosmtplib
import pytest
from arq.connections import ArqRedis
from arq.constants import job_key_prefix

from network.help import receiver, service
from network.kit import tasks
from network.kit.database import Database, open_driver
from network.kit.global_id import from_global_id
from network.settings import Settings
from tests.help.conftest import TOOL, HelpCast, cypher
from tests.support.accounts import TestAccount

DOMAIN = "help.test"
HELP = f"help@{DOMAIN}"


@pytest.fixture(scope="module")
def mail_settings(signed_settings: Settings) -> Settings:
    return signed_settings.model_copy(
        update={
            "mail_from": f"Community Network <network@{DOMAIN}>",
            "mail_help_address": HELP,
            "inbound_max_bytes": 20_000,
        }
    )


@pytest.fixture
async def smtp(db: Database, job_queue: ArqRedis, mail_settings: Settings) -> AsyncIterator[receiver.Receiver]:
    running = await receiver.start(db, job_queue, mail_settings, "127.0.0.1", 0)
    yield running
    await running.close()


def mail(sender: str, body: str, *, subject: str = "", message_id: str | None = None, **headers: str) -> bytes:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = HELP
    message["Subject"] = subject
    message["Message-ID"] = message_id or f"<{uuid.uuid4()}@example.org>"
    message.set_content(body)
    for name, value in headers.items():
        message[name.replace("_", "-")] = value
    return message.as_bytes()


async def send(running: receiver.Receiver, raw: bytes, sender: str = "someone@example.org") -> tuple[int, str]:
    """The server's answer to DATA (or to the first command it refused), as a sending server would get it."""
    async with aiosmtplib.SMTP(hostname=running.host, port=running.port, start_tls=False) as client:
        await client.mail(sender)
        await client.rcpt(HELP)
        try:
            response = await client.data(raw)
        except aiosmtplib.SMTPResponseException as error:
            return error.code, error.message
        return response.code, response.message


async def _routed(cast: HelpCast, db: Database) -> tuple[TestAccount, TestAccount, str, str]:
    """An asker's question routed to one volunteer; the id of the question and of the volunteer's HELP_ROUTED."""
    asker = await cast.asker()
    volunteer = await cast.volunteer("helper", tool="EXPERT", hours=20)
    question = await cast.ask(asker, tool=TOOL)
    question_id = from_global_id(question["id"])[1]
    await service.route(db, question_id)
    found = await cypher(
        db,
        "MATCH (n:Notification {kind: 'HELP_ROUTED'})-[:TO]->(:Account {id: $account}) RETURN n.id AS id",
        account=volunteer.id,
    )
    assert len(found) == 1
    return asker, volunteer, question_id, found[0]["id"]


async def _question(db: Database, question_id: str) -> dict[str, Any]:
    rows = await cypher(
        db,
        "MATCH (q:HelpQuestion {id: $id}) RETURN q.status AS status, q.answer AS answer, "
        "COUNT { (q)<-[:ANSWERED]-() } AS answers, "
        "COUNT { (:Notification {kind: 'HELP_ANSWERED'})-[:CONCERNS]->(q) } AS told",
        id=question_id,
    )
    return rows[0]


async def test_a_reply_threads_to_its_question_and_answers_it_once(
    cast: HelpCast, db: Database, smtp: receiver.Receiver
) -> None:
    asker, volunteer, question_id, notification_id = await _routed(cast, db)
    reply = mail(
        volunteer.email.upper(),  # addresses compare without case
        "Rechtsklick, dann Teilen.\n\nAm 7.12.2026 schrieb Community Network <help@help.test>:\n> Wie teile ich?",
        subject="Re: Eine Frage",
        In_Reply_To=f"<{notification_id}@{DOMAIN}>",
        References=f"<other@example.org> <{notification_id}@{DOMAIN}>",
    )
    code, message = await send(smtp, reply)
    assert code == 250, message
    answered = await _question(db, question_id)
    assert answered == {"status": "ANSWERED", "answer": "Rechtsklick, dann Teilen.", "answers": 1, "told": 1}
    told = await cypher(
        db,
        "MATCH (n:Notification {kind: 'HELP_ANSWERED'})-[:TO]->(a:Account) WHERE (n)-[:CONCERNS]->(:HelpQuestion "
        "{id: $id}) RETURN a.id AS account, n.data AS data",
        id=question_id,
    )
    assert told[0]["account"] == asker.id
    assert json.loads(told[0]["data"])["answeredBy"] == "Volunteer helper"

    code, message = await send(smtp, reply)  # the same mail delivered again
    assert code == 250, message
    assert await _question(db, question_id) == answered


async def test_a_reply_from_another_address_or_to_another_mail_is_refused(
    cast: HelpCast, db: Database, smtp: receiver.Receiver
) -> None:
    asker, _, question_id, notification_id = await _routed(cast, db)
    forged = mail(asker.email, "Ich antworte mir selbst.", In_Reply_To=f"<{notification_id}@{DOMAIN}>")
    code, message = await send(smtp, forged)
    assert code == 550
    assert "only from the address the question was sent to" in message
    assert (await _question(db, question_id))["status"] == "OPEN"


async def test_a_new_mail_from_a_known_account_asks_a_question_once(
    cast: HelpCast, db: Database, job_queue: ArqRedis, smtp: receiver.Receiver
) -> None:
    asker = await cast.asker()
    raw = mail(asker.email, "Wie richte ich Nextcloud ein?\n-- \nAnna", subject="Nextcloud", Content_Language="en")
    for _ in range(2):
        code, message = await send(smtp, raw)
        assert code == 250, message
    rows = await cypher(
        db,
        "MATCH (:Account {id: $id})-[:ASKED]->(q:HelpQuestion) RETURN q.id AS id, q.text AS text, "
        "q.language AS language, q.via AS via, q.messageId AS messageId",
        id=asker.id,
    )
    assert len(rows) == 1
    assert rows[0]["text"] == "Nextcloud\n\nWie richte ich Nextcloud ein?"
    assert rows[0]["language"] == "en" and rows[0]["via"] == "mail"
    assert rows[0]["messageId"].endswith("@example.org>")
    assert await job_queue.exists(job_key_prefix + f"{tasks.HELP_ROUTE}:{rows[0]['id']}")


async def test_bad_mail_gets_a_clear_refusal(cast: HelpCast, db: Database, smtp: receiver.Receiver) -> None:
    asker = await cast.asker()
    code, message = await send(smtp, mail("stranger@example.org", "Hallo?", subject="Frage"))
    assert (code, "no account" in message) == (550, True)
    code, message = await send(smtp, mail(asker.email, "\n-- \nAnna"))
    assert (code, "no subject and no text" in message) == (550, True)
    code, message = await send(smtp, b"Subject: no sender\r\n\r\nbody\r\n")
    assert (code, "no sender address" in message) == (550, True)
    code, message = await send(smtp, mail(asker.email, "x" * 30_000, subject="Riesig"))
    assert code == 552, message
    asked = await cypher(db, "MATCH (:Account {id: $id})-[:ASKED]->(q) RETURN count(q) AS n", id=asker.id)
    assert asked == [{"n": 0}]


async def test_only_the_help_address_receives(smtp: receiver.Receiver) -> None:
    async with aiosmtplib.SMTP(hostname=smtp.host, port=smtp.port, start_tls=False) as client:
        await client.mail("someone@example.org")
        with pytest.raises(aiosmtplib.SMTPRecipientRefused) as refused:
            await client.rcpt("postmaster@example.org")
    assert refused.value.code == 550


async def test_auto_replies_and_loops_are_dropped_without_an_answer(
    cast: HelpCast, db: Database, smtp: receiver.Receiver
) -> None:
    asker = await cast.asker()
    for headers in (
        {"Auto_Submitted": "auto-replied"},
        {"Precedence": "bulk"},
        {"X_Autoreply": "yes"},
        {"List_Id": "<list.example.org>"},
    ):
        code, message = await send(smtp, mail(asker.email, "Ich bin im Urlaub.", subject="Abwesend", **headers))
        assert code == 250, (headers, message)
    code, _ = await send(smtp, mail(f"network@{DOMAIN}", "Unsere eigene Mail", subject="Schleife"))
    assert code == 250
    bounce_code, _ = await send(smtp, mail(asker.email, "Unzustellbar", subject="Bounce"), sender="")
    assert bounce_code == 250
    asked = await cypher(db, "MATCH (:Account {id: $id})-[:ASKED]->(q) RETURN count(q) AS n", id=asker.id)
    assert asked == [{"n": 0}]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def test_an_unreachable_database_answers_451_so_the_sender_retries(
    job_queue: ArqRedis, mail_settings: Settings
) -> None:
    # A database of its own on a port where nothing listens: the shared test Neo4j keeps running for the others.
    down = mail_settings.model_copy(
        update={"neo4j_uri": f"bolt://127.0.0.1:{_free_port()}", "neo4j_query_timeout_s": 2.0}
    )
    driver = open_driver(down)
    running = await receiver.start(Database.from_settings(driver, down), job_queue, down, "127.0.0.1", 0)
    try:
        code, message = await send(running, mail("anna@example.org", "Hallo?", subject="Frage"))
    finally:
        await running.close()
        await driver.close()
    assert code == 451, message
    assert "Try again later" in message


def _pipe(settings: Settings, raw: bytes) -> subprocess.CompletedProcess[bytes]:
    env = {
        **os.environ,
        "NEO4J_URI": settings.neo4j_uri,
        "REDIS_URL": settings.redis_url,
        "MAIL_FROM": settings.mail_from,
        "MAIL_HELP_ADDRESS": settings.mail_help_address,
        "INBOUND_MAX_BYTES": str(settings.inbound_max_bytes),
        "LOG_LEVEL": "WARNING",
    }
    command = [sys.executable, "-m", "network.cli.main", "help", "receive", "--stdin"]
    return subprocess.run(command, input=raw, env=env, capture_output=True, timeout=60, check=False)


async def test_the_pipe_hand_off_exits_as_sendmail_expects(
    cast: HelpCast, db: Database, mail_settings: Settings
) -> None:
    asker = await cast.asker()
    taken = _pipe(mail_settings, mail(asker.email, "Per Pipe gefragt.", subject="Pipe"))
    assert taken.returncode == 0, taken.stderr
    unknown = _pipe(mail_settings, mail("stranger@example.org", "Hallo?", subject="Frage"))
    assert unknown.returncode == 67
    assert b"no account" in unknown.stderr
    big = _pipe(mail_settings, mail(asker.email, "x" * 30_000, subject="Riesig"))
    assert big.returncode == 65
    assert b"larger than" in big.stderr
    asked = await cypher(db, "MATCH (:Account {id: $id})-[:ASKED]->(q) RETURN q.text AS text", id=asker.id)
    assert asked == [{"text": "Pipe\n\nPer Pipe gefragt."}]


async def test_one_mail_delivered_twice_at_the_same_moment_is_taken_once(
    cast: HelpCast, db: Database, smtp: receiver.Receiver
) -> None:
    asker, volunteer, question_id, notification_id = await _routed(cast, db)
    reply = mail(volunteer.email, "Gleichzeitig.", In_Reply_To=f"<{notification_id}@{DOMAIN}>")
    new = mail(asker.email, "Zweimal gleichzeitig?", subject="Doppelt")
    answers = await asyncio.gather(send(smtp, reply), send(smtp, reply), send(smtp, new), send(smtp, new))
    assert [code for code, _ in answers] == [250, 250, 250, 250], answers
    assert await _question(db, question_id) == {
        "status": "ANSWERED",
        "answer": "Gleichzeitig.",
        "answers": 1,
        "told": 1,
    }
    asked = await cypher(
        db,
        "MATCH (:Account {id: $id})-[:ASKED]->(q {text: 'Doppelt\\n\\nZweimal gleichzeitig?'}) RETURN count(q) AS n",
        id=asker.id,
    )
    assert asked == [{"n": 1}]
