"""One inbound mail to the help address, decided: a volunteer's reply answers its question, a known account's new
mail asks one, automatic mail and loops are dropped with a log line, anything else is refused with a clear reason.

Whatever receives the mail (the SMTP receiver, or a mail server piping it to `network help receive --stdin`) says
"accepted" only after the outcome here, so an accepted mail is committed in the graph: a new question keeps the
mail's Message-ID, an answer keeps the reply's. A mail delivered again finds its Message-ID and changes nothing.
A database that cannot be reached is a temporary failure: the sending server keeps the mail and tries again.
"""

import hashlib
import re
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import getaddresses, parseaddr
from enum import StrEnum
from html.parser import HTMLParser

import structlog
from arq.connections import ArqRedis
from neo4j import AsyncManagedTransaction
from neo4j.exceptions import ConstraintError
from pydantic import ValidationError

from network.help import service
from network.help.models import QUESTION_MAX
from network.help.repository import HelpRepository, NotificationRef
from network.kit.database import Database
from network.kit.errors import Conflict, NetworkError, NotFound, NotPermitted, Unavailable
from network.outbox.models import NotificationKind
from network.settings import Settings

log = structlog.get_logger(__name__)
MAX_THREAD = 20  # of our own Message-IDs a reply refers to, the nearest this many are looked up
MAX_MESSAGE_ID = 250  # longer ids are replaced by the mail's hash (a stored property, not a place for megabytes)
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_MESSAGE_IDS = re.compile(r"<([^<>\s]{1,500})>")
_LANGUAGE = re.compile(r"^([A-Za-z]{2})(?:[-_][A-Za-z0-9]+)*$")
_SUBJECT_PREFIX = re.compile(r"^\s*((re|aw|wg|fwd?|antw)\s*:\s*)+", re.IGNORECASE)
# The line a mail program puts above the quoted mail: "On Mon, 7 Dec 2026, Anna <a@b> wrote:", "Am 07.12.2026
# um 10:00 schrieb Anna <a@b>:"; it may wrap over two lines.
_ATTRIBUTION_START = re.compile(r"^\s*(on|am)\s.+", re.IGNORECASE)
_ATTRIBUTION_END = re.compile(r"(wrote|schrieb)(\s.*)?:\s*$", re.IGNORECASE)
_ORIGINAL = re.compile(
    r"^\s*(-{2,}\s*(original message|ursprüngliche nachricht|original-nachricht)\s*-{2,}|_{20,})\s*$", re.IGNORECASE
)
_OUTLOOK_HEADER = re.compile(r"^\s*(from|von)\s*:\s*\S", re.IGNORECASE)
_OUTLOOK_NEXT = re.compile(r"^\s*(sent|gesendet|date|datum|to|an)\s*:", re.IGNORECASE)


class Verdict(StrEnum):
    ASKED = "ASKED"  # a new question
    ANSWERED = "ANSWERED"  # a reply answered its question
    DUPLICATE = "DUPLICATE"  # this mail was taken before: nothing new written
    DROPPED = "DROPPED"  # automatic mail or a loop: accepted and thrown away, never answered (no mail ping-pong)
    UNKNOWN_SENDER = "UNKNOWN_SENDER"
    REFUSED = "REFUSED"  # bad data: empty, malformed, not allowed; the sender learns why
    TOO_BIG = "TOO_BIG"
    UNAVAILABLE = "UNAVAILABLE"  # the database did not answer: try again later


# (SMTP reply code, enhanced status code, sendmail exit code) per verdict.
_CODES: dict[Verdict, tuple[int, str, int]] = {
    Verdict.ASKED: (250, "2.0.0", 0),
    Verdict.ANSWERED: (250, "2.0.0", 0),
    Verdict.DUPLICATE: (250, "2.0.0", 0),
    Verdict.DROPPED: (250, "2.0.0", 0),
    Verdict.UNKNOWN_SENDER: (550, "5.1.8", 67),  # EX_NOUSER
    Verdict.REFUSED: (550, "5.6.0", 65),  # EX_DATAERR
    Verdict.TOO_BIG: (552, "5.3.4", 65),
    Verdict.UNAVAILABLE: (451, "4.3.0", 75),  # EX_TEMPFAIL
}


@dataclass(frozen=True)
class Outcome:
    verdict: Verdict
    message: str  # for the sender: what happened, or what is wrong and what to do
    question_id: str | None = None

    @property
    def accepted(self) -> bool:
        return _CODES[self.verdict][0] == 250

    @property
    def smtp_reply(self) -> str:
        code, status, _ = _CODES[self.verdict]
        return f"{code} {status} {_one_line(self.message)}"

    @property
    def exit_code(self) -> int:
        """sendmail's convention for a delivery program: 0 ok, 65 bad data, 67 unknown user, 75 try again."""
        return _CODES[self.verdict][2]


def _one_line(text: str) -> str:
    return " ".join(text.split())[:400]


class Malformed(ValueError):
    """The bytes are not a mail this service can read."""


@dataclass(frozen=True)
class Mail:
    """What the decision needs of one mail."""

    sender: str  # the From address, lower case
    message_id: str  # its Message-ID, or `<sha256:...>` of the bytes when it has none (or an absurd one)
    threads: list[str] = field(default_factory=list)  # Message-IDs it replies to, the nearest first
    subject: str = ""
    body: str = ""
    language: str = "de"
    automatic: str | None = None  # why it is automatic mail, when it is


def address_of(value: str) -> str:
    return parseaddr(value)[1].strip().lower()


def read(raw: bytes, settings: Settings, envelope_sender: str | None = None) -> Mail:
    """Parses one mail; raises Malformed when it has no usable sender or its text cannot be decoded."""
    message = BytesParser(policy=policy.default).parsebytes(raw)
    assert isinstance(message, EmailMessage)  # policy.default makes EmailMessage objects
    try:
        senders = getaddresses([str(message.get("From", ""))])
        subject = str(message.get("Subject", "") or "")
        message_id = str(message.get("Message-ID", "") or "").strip()
        threads = _ids(str(message.get("In-Reply-To", "") or "")) + list(
            reversed(_ids(str(message.get("References", "") or "")))
        )
    except (ValueError, TypeError, IndexError) as error:  # a header the parser cannot make sense of
        raise Malformed(f"a header cannot be read ({type(error).__name__})") from error
    sender = next((address.lower() for _, address in senders if "@" in address), "")
    if not sender:
        raise Malformed("the mail has no sender address (From)")
    if not (message_id.startswith("<") and message_id.endswith(">")) or len(message_id) > MAX_MESSAGE_ID:
        message_id = f"<sha256:{hashlib.sha256(raw).hexdigest()}>"
    body, language = _body(message)
    return Mail(
        sender=sender,
        message_id=message_id,
        threads=list(dict.fromkeys(threads)),
        subject=" ".join(subject.split()),
        body=body,
        language=language,
        automatic=_automatic(message, sender, settings, envelope_sender),
    )


def _ids(header: str) -> list[str]:
    return [f"<{found}>" for found in _MESSAGE_IDS.findall(header)]


def _language(value: object) -> str | None:
    first = str(value or "").split(",")[0].strip()
    match = _LANGUAGE.match(first)
    return match.group(1).lower() if match else None


def _body(message: EmailMessage) -> tuple[str, str]:
    """The text of the mail (its plain part, else its HTML part as text) and its language ('de' if not said)."""
    language = _language(message.get("Content-Language"))
    part = message.get_body(preferencelist=("plain", "html"))
    if part is None:
        return "", language or "de"
    language = language or _language(part.get("Content-Language"))
    try:
        content = part.get_content()
    except (LookupError, UnicodeError, ValueError, AssertionError) as error:  # unknown charset, broken encoding
        raise Malformed(f"the text of the mail cannot be decoded ({type(error).__name__})") from error
    if not isinstance(content, str):
        raise Malformed("the text of the mail is not text")
    if part.get_content_subtype() == "html":
        content = html_text(content)
    return content.replace("\r\n", "\n").replace("\r", "\n"), language or "de"


class _Text(HTMLParser):
    BREAKS = frozenset({"br", "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "blockquote"})
    HIDDEN = frozenset({"script", "style", "head"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.HIDDEN:
            self.hidden += 1
        elif tag in self.BREAKS:
            self.parts.append("\n")
        if tag == "blockquote":
            self.parts.append("> ")  # quoted mail in HTML: dropped like '>' lines of plain text

    def handle_endtag(self, tag: str) -> None:
        if tag in self.HIDDEN:
            self.hidden = max(self.hidden - 1, 0)
        elif tag in self.BREAKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def html_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    parser.close()
    return "".join(parser.parts)


def _automatic(message: EmailMessage, sender: str, settings: Settings, envelope_sender: str | None) -> str | None:
    """Why a mail is automatic (an auto-reply, a bounce, a list) or our own coming back; None for a person's."""
    auto_submitted = str(message.get("Auto-Submitted", "") or "").split(";")[0].strip().lower()
    if auto_submitted and auto_submitted != "no":
        return f"Auto-Submitted: {auto_submitted}"
    precedence = str(message.get("Precedence", "") or "").strip().lower()
    if precedence in ("bulk", "junk", "list"):
        return f"Precedence: {precedence}"
    for header in ("X-Autoreply", "X-Autorespond", "List-Id"):
        if message.get(header) is not None:
            return f"{header} present"
    if message.get_content_type() == "multipart/report":
        return "a delivery or read report"
    if envelope_sender is not None and envelope_sender.strip("<> ") == "":
        return "a bounce (empty envelope sender)"
    if sender in (address_of(settings.mail_from), address_of(settings.mail_help_address)):
        return "our own mail came back (a loop)"
    return None


def strip_signature(text: str) -> str:
    """Cuts a signature (from the '-- ' line on) and trims the text."""
    lines = text.split("\n")
    for index, line in enumerate(lines):
        if line.rstrip() in ("--", "-- "):
            lines = lines[:index]
            break
    return "\n".join(lines).strip()


def strip_reply(text: str) -> str:
    """A reply's own text: quoted lines ('>'), the quoted mail below its attribution line ("On ... wrote:",
    "Am ... schrieb ...:") or an Original Message marker, and the signature are cut."""
    lines = text.split("\n")
    kept: list[str] = []
    for index, line in enumerate(lines):
        following = lines[index + 1] if index + 1 < len(lines) else ""
        if _ORIGINAL.match(line):
            break
        if _ATTRIBUTION_START.match(line) and (_ATTRIBUTION_END.search(line) or _ATTRIBUTION_END.search(following)):
            break
        if _OUTLOOK_HEADER.match(line) and _OUTLOOK_NEXT.match(following):
            break
        if line.lstrip().startswith(">"):
            continue
        kept.append(line)
    return strip_signature("\n".join(kept))


def question_text(mail: Mail) -> str:
    subject = _SUBJECT_PREFIX.sub("", mail.subject).strip()
    body = strip_signature(mail.body)
    return f"{subject}\n\n{body}".strip() if subject and body else (subject or body)


def _threaded(mail: Mail, settings: Settings) -> list[str]:
    """The notification ids of our own Message-IDs this mail replies to: `<{notification id}@{our domain}>`."""
    domain = address_of(settings.mail_from).rpartition("@")[2]
    found = []
    for message_id in mail.threads:
        local, _, host = message_id.strip("<>").rpartition("@")
        if host.lower() == domain and _UUID.match(local):
            found.append(local)
    return found


async def receive(
    db: Database, queue: ArqRedis, settings: Settings, raw: bytes, envelope_sender: str | None = None
) -> Outcome:
    """Decides one mail and commits what it asks or answers; the outcome says what to answer the sender."""
    if len(raw) > settings.inbound_max_bytes:
        return Outcome(Verdict.TOO_BIG, f"The mail is larger than {settings.inbound_max_bytes} bytes; send less.")
    try:
        mail = read(raw, settings, envelope_sender)
    except Malformed as error:
        return Outcome(Verdict.REFUSED, f"The mail cannot be read: {error}.")
    if mail.automatic is not None:
        log.info("help mail dropped", reason=mail.automatic, message_id=mail.message_id)
        return Outcome(Verdict.DROPPED, f"Not read: {mail.automatic}.")
    try:
        return await _decide(db, queue, settings, mail)
    except Unavailable as error:
        log.warning("help mail deferred: the database is unavailable", message_id=mail.message_id)
        return Outcome(Verdict.UNAVAILABLE, f"Try again later: {error}")


async def _decide(db: Database, queue: ArqRedis, settings: Settings, mail: Mail) -> Outcome:
    seen = await db.read(lambda tx: HelpRepository(tx).by_message_id(mail.message_id))
    if seen is not None:
        log.info("help mail dropped: received before", message_id=mail.message_id, question_id=seen)
        return Outcome(Verdict.DUPLICATE, "This mail was received before.", seen)
    threaded = _threaded(mail, settings)
    if threaded:
        found = await db.read(lambda tx: _first_notification(tx, threaded))
        if found is not None:
            return await _reply(db, queue, mail, found)
    return await _question(db, queue, mail)


async def _first_notification(tx: AsyncManagedTransaction, ids: list[str]) -> NotificationRef | None:
    """The nearest notification of ours that the mail replies to."""
    repository = HelpRepository(tx)
    for notification_id in ids[:MAX_THREAD]:
        found = await repository.notification(notification_id)
        if found is not None:
            return found
    return None


async def _reply(db: Database, queue: ArqRedis, mail: Mail, notification: NotificationRef) -> Outcome:
    question_id = notification["questionId"]
    if notification["kind"] != NotificationKind.HELP_ROUTED or question_id is None:
        return Outcome(
            Verdict.REFUSED,
            "Replies to this mail are not read. To ask a question, write a new mail (not a reply) to this address.",
        )
    if mail.sender != (notification["accountEmail"] or "").lower():
        return Outcome(
            Verdict.REFUSED, "Answers to a question are taken only from the address the question was sent to."
        )
    text = strip_reply(mail.body)
    if not text:
        return Outcome(Verdict.REFUSED, "The reply has no text of its own above the quoted question; write the answer.")
    account_id = notification["accountId"]
    assert account_id is not None  # it has an address, so it has an account
    try:
        answered = await service.answer_by_mail(db, queue, account_id, question_id, text, mail.message_id)
    except ValidationError as error:
        return Outcome(Verdict.REFUSED, _problems(error, "answer"))
    except (Conflict, NotPermitted, NotFound) as error:
        return Outcome(Verdict.REFUSED, str(error))
    if answered.duplicate:
        return Outcome(Verdict.DUPLICATE, "This answer was received before.", question_id)
    log.info("help question answered by mail", question_id=question_id, message_id=mail.message_id)
    return Outcome(Verdict.ANSWERED, "Thank you: the answer was sent to the person who asked.", question_id)


async def _question(db: Database, queue: ArqRedis, mail: Mail) -> Outcome:
    account = await db.read(lambda tx: HelpRepository(tx).account_by_email(mail.sender))
    if account is None:
        return Outcome(
            Verdict.UNKNOWN_SENDER,
            "This address has no account here. Sign up, or write from the address of your account.",
        )
    if not account["verified"]:
        return Outcome(Verdict.REFUSED, "Your account is not verified yet; staff verify new accounts first.")
    text = question_text(mail)
    if not text:
        return Outcome(Verdict.REFUSED, "The mail has no subject and no text: write your question.")
    if len(text) > QUESTION_MAX:
        return Outcome(Verdict.REFUSED, f"The question is {len(text)} characters long; at most {QUESTION_MAX}.")
    try:
        row = await service.ask_by_mail(db, queue, account["id"], text, mail.language, mail.message_id)
    except ConstraintError:  # the same mail, delivered twice at the same moment: the other delivery saved it
        return Outcome(Verdict.DUPLICATE, "This mail was received before.")
    except ValidationError as error:
        return Outcome(Verdict.REFUSED, _problems(error, "question"))
    except NetworkError as error:
        if isinstance(error, Unavailable):
            raise
        return Outcome(Verdict.REFUSED, str(error))
    log.info("help question asked by mail", question_id=row["id"], message_id=mail.message_id)
    return Outcome(Verdict.ASKED, "Thank you: your question goes to volunteers who know the subject.", row["id"])


def _problems(error: ValidationError, what: str) -> str:
    return f"The {what} " + "; ".join(p["msg"].removeprefix("Value error, ") for p in error.errors())
