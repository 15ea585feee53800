"""Reading what the local mail sink kept: a list of mails, one mail with its text and HTML, and clearing all.

Used by `network mail ...`, the development page /dev/mail and the tests' `mail_sink` fixture. A mail's id is a
short digest of its Maildir key: easy to type, and nothing a caller sends is ever used as a path.
"""

import email
import email.policy
import hashlib
import os
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import EmailMessage
from email.parser import BytesHeaderParser
from pathlib import Path
from typing import TypedDict

from network.settings import Settings
from network.stack.mail_sink import ENVELOPE_FROM, ENVELOPE_TO, MailSinkPaths

MAIL_ID = re.compile(r"^[0-9a-f]{12}$")


class MailSummary(TypedDict):
    id: str
    received: datetime
    envelope_from: str
    envelope_to: list[str]
    sender: str  # the From: header
    to: str  # the To: header
    subject: str


@dataclass(frozen=True)
class MailBody:
    text: str | None
    html: str | None


class UnknownMail(LookupError):
    """No mail with that id is kept (never was, or cleared since)."""


def mail_id(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()[:12]


def check_mail_id(value: str) -> str:
    """The id in its one form, or ValueError naming what is wrong with it."""
    candidate = value.strip().lower()
    if not MAIL_ID.fullmatch(candidate):
        raise ValueError(f"mail id {value!r} is not 12 hexadecimal characters (as `network mail list` shows them)")
    return candidate


def parse(data: bytes) -> EmailMessage:
    message = email.message_from_bytes(data, policy=email.policy.default)
    assert isinstance(message, EmailMessage)  # the default policy makes EmailMessage objects
    return message


@dataclass(frozen=True, order=True)
class KeptMail:
    received: float  # the file's modification time: when it arrived
    key: str  # the Maildir key: the file name up to its `:` flags
    path: Path


class SinkMailbox:
    """The sink's Maildir, read with directory scans and plain file reads: `mailbox.Maildir` rescans the folder on
    every look-up, which makes reading thousands of mails quadratic. Each call reads afresh, so mails that arrive
    meanwhile show at the next call; a mail deleted meanwhile is skipped."""

    def __init__(self, maildir: Path) -> None:
        self.maildir = maildir

    @classmethod
    def of(cls, settings: Settings) -> "SinkMailbox":
        return cls(MailSinkPaths.of(settings).maildir)

    def kept(self) -> list[KeptMail]:
        """Every kept mail, oldest first (the key, which starts with the time, orders mails of one clock tick)."""
        kept = []
        for folder in ("new", "cur"):
            try:
                with os.scandir(self.maildir / folder) as entries:
                    for entry in entries:
                        if entry.name.startswith("."):
                            continue
                        try:
                            received = entry.stat().st_mtime
                        except FileNotFoundError:
                            continue
                        kept.append(KeptMail(received, entry.name.split(":", 1)[0], Path(entry.path)))
            except FileNotFoundError:
                continue  # the sink never ran here: no mails
        kept.sort()
        return kept

    def count(self) -> int:
        return len(self.kept())

    def summaries(self, limit: int | None = None) -> list[MailSummary]:
        """The newest `limit` mails (all without one), newest first; only their headers are parsed."""
        kept = self.kept()
        newest = kept[::-1] if limit is None else kept[: -limit - 1 : -1]
        summaries = []
        for mail in newest:
            try:
                with mail.path.open("rb") as file:
                    headers = BytesHeaderParser(policy=email.policy.default).parse(file)
            except FileNotFoundError:
                continue
            summaries.append(
                MailSummary(
                    id=mail_id(mail.key),
                    received=datetime.fromtimestamp(mail.received, UTC),
                    envelope_from=_header(headers, ENVELOPE_FROM).strip("<>"),
                    envelope_to=[str(value) for value in headers.get_all(ENVELOPE_TO, [])],
                    sender=_header(headers, "From"),
                    to=_header(headers, "To"),
                    subject=_header(headers, "Subject"),
                )
            )
        return summaries

    def raw(self, wanted_id: str) -> bytes:
        """The mail's bytes as kept (envelope headers first). Raises ValueError for a malformed id, UnknownMail."""
        wanted_id = check_mail_id(wanted_id)
        for mail in self.kept():
            if mail_id(mail.key) == wanted_id:
                try:
                    return mail.path.read_bytes()
                except FileNotFoundError:
                    break
        raise UnknownMail(f"no mail {wanted_id} is kept (`network mail list` shows those that are)")

    def message(self, wanted_id: str) -> EmailMessage:
        return parse(self.raw(wanted_id))

    def messages(self) -> list[EmailMessage]:
        """Every kept mail, parsed, in the order they arrived."""
        messages = []
        for mail in self.kept():
            try:
                messages.append(parse(mail.path.read_bytes()))
            except FileNotFoundError:
                continue
        return messages

    def clear(self) -> int:
        """Deletes every kept mail; says how many."""
        deleted = 0
        for mail in self.kept():
            try:
                mail.path.unlink()
                deleted += 1
            except FileNotFoundError:
                continue
        return deleted


def body(message: EmailMessage) -> MailBody:
    """The plain-text and the HTML version of a mail, each None when it has none."""
    return MailBody(text=_part(message, "plain"), html=_part(message, "html"))


def _part(message: EmailMessage, subtype: str) -> str | None:
    part = message.get_body(preferencelist=(subtype,))
    if part is None or part.get_content_subtype() != subtype:
        return None
    try:
        content = part.get_content()
    except (LookupError, UnicodeError, ValueError):
        # An unknown or wrong charset: show the bytes as well as they go rather than nothing.
        payload = part.get_payload(decode=True)
        content = payload.decode("utf-8", "replace") if isinstance(payload, bytes) else None
    # Mail travels with CRLF line ends; shown on a screen, a line ends with \n.
    return content.replace("\r\n", "\n") if isinstance(content, str) else None


def _header(headers: email.message.Message, name: str) -> str:
    value = headers.get(name)
    return "" if value is None else str(value)
