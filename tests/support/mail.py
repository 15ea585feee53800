"""`mail_sink`: the mails the session's local SMTP sink received, emptied at the start of each test.

    def test_sends(mail_sink):
        ...  # something that sends mail over SMTP_HOST:SMTP_PORT
        [mail] = mail_sink.wait_for(1, to="ada@example.org")
        assert mail["Subject"] == "..."

Every message is an `email.message.EmailMessage` (default policy) with the envelope in front of the mail's own
headers: `Return-Path: <sender>` and one `X-Envelope-To:` per recipient. Parsing costs about a millisecond a mail:
to wait for thousands, poll `count()`, which parses nothing.
"""

import time
from collections.abc import Iterator
from email.message import EmailMessage
from email.utils import getaddresses

import pytest

from network.settings import Settings
from network.stack.mail_sink import ENVELOPE_TO
from network.stack.mail_sink_reader import SinkMailbox, parse

POLL_S = 0.05
SHOWN = 20  # mails named when a wait fails


class MailSink:
    def __init__(self, box: SinkMailbox) -> None:
        self.box = box
        # A kept mail never changes, so each is parsed once: waiting for the last of thousands stays cheap.
        self._parsed: dict[str, EmailMessage] = {}

    def messages(self) -> list[EmailMessage]:
        """Every mail received since the test started, in the order they arrived."""
        messages = []
        for mail in self.box.kept():
            if mail.key not in self._parsed:
                try:
                    self._parsed[mail.key] = parse(mail.path.read_bytes())
                except FileNotFoundError:
                    continue  # deleted since the directory was read
            messages.append(self._parsed[mail.key])
        return messages

    def count(self) -> int:
        """How many mails arrived, without parsing any."""
        return self.box.count()

    def clear(self) -> int:
        self._parsed.clear()
        return self.box.clear()

    def wait_for(self, count: int | None = None, to: str | None = None, timeout: float = 10) -> list[EmailMessage]:
        """Waits until at least `count` mails (at least one without a count) arrived, only those to `to` counted when
        given (an envelope recipient or a To/Cc address, case-insensitive), and returns all of those.

        Fails the test with what did arrive when the time runs out."""
        if count is not None and count < 1:
            raise ValueError(f"count must be at least 1, not {count}; check `messages()` for no mail")
        wanted = 1 if count is None else count
        deadline = time.monotonic() + timeout
        while True:
            if to is None and self.count() < wanted and time.monotonic() < deadline:
                time.sleep(POLL_S)
                continue
            everything = self.messages()
            matching = [message for message in everything if to is None or addressed_to(message, to)]
            if len(matching) >= wanted:
                return matching
            if time.monotonic() >= deadline:
                seen = [(recipients(message), str(message["Subject"])) for message in everything[-SHOWN:]]
                whom = f" to {to}" if to else ""
                pytest.fail(
                    f"{len(matching)} of {wanted} mails{whom} arrived within {timeout} s; "
                    f"{len(everything)} received, the last ones: {seen}"
                )
            time.sleep(POLL_S)


def recipients(message: EmailMessage) -> list[str]:
    """The envelope recipients and the To/Cc addresses, lower-cased."""
    envelope = [str(value) for value in message.get_all(ENVELOPE_TO, [])]
    headers = [address for _, address in getaddresses([str(value) for value in message.get_all("To", [])])]
    copies = [address for _, address in getaddresses([str(value) for value in message.get_all("Cc", [])])]
    return sorted({address.lower() for address in envelope + headers + copies if address})


def addressed_to(message: EmailMessage, address: str) -> bool:
    return address.lower() in recipients(message)


@pytest.fixture
def mail_sink(live_stack: Settings) -> Iterator[MailSink]:
    sink = MailSink(SinkMailbox.of(live_stack))
    sink.clear()
    yield sink
