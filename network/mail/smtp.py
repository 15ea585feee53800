"""Sending over SMTP (aiosmtplib): one connection for a batch, and every failure sorted into temporary or
permanent.

Temporary: the server could not be reached, the connection was lost or stalled, authentication or the sender was
refused (the service's own setup, fixed by an operator), or any 4xx answer. The mail is tried again later.
Permanent: a 5xx answer to this mail's recipient or to its content. The mail is never tried again.
"""

from dataclasses import dataclass
from email import policy
from email.message import EmailMessage
from types import TracebackType

import aiosmtplib

from network.settings import Settings


@dataclass(frozen=True)
class SendResult:
    """What became of one mail: accepted, or refused with the reason; `connection_lost`: the server is away, so
    the rest of a batch would fail the same way."""

    accepted: bool
    permanent: bool = False
    reason: str = ""
    connection_lost: bool = False


ACCEPTED = SendResult(accepted=True)
# Lines up to SMTP's limit: folded at 78, a header with one long word (the unsubscribe URL in List-Unsubscribe) would
# be written as RFC 2047 encoded words, which no mail client reads as a URL.
WIRE = policy.SMTP.clone(max_line_length=998)


def _reply(code: int, message: str) -> str:
    return f"{code} {' '.join(message.split())}"[:500]


def classify(error: BaseException) -> SendResult:
    """The result of a send that raised `error`."""
    if isinstance(error, aiosmtplib.SMTPRecipientsRefused):
        codes = [refused.code for refused in error.recipients]
        reason = "; ".join(_reply(refused.code, refused.message) for refused in error.recipients) or str(error)
        permanent = bool(codes) and all(500 <= code < 600 for code in codes)
        return SendResult(accepted=False, permanent=permanent, reason=f"recipient refused: {reason}")
    if isinstance(error, aiosmtplib.SMTPDataError):
        permanent = 500 <= error.code < 600
        return SendResult(
            accepted=False, permanent=permanent, reason=f"message refused: {_reply(error.code, error.message)}"
        )
    if isinstance(error, aiosmtplib.SMTPSenderRefused):  # MAIL_FROM refused: the setup's fault, not the recipient's
        return SendResult(accepted=False, reason=f"sender refused: {_reply(error.code, error.message)}")
    if isinstance(error, aiosmtplib.SMTPAuthenticationError):
        return SendResult(
            accepted=False, reason=f"authentication failed: {_reply(error.code, error.message)}", connection_lost=True
        )
    if isinstance(error, aiosmtplib.SMTPResponseException):
        return SendResult(accepted=False, reason=f"refused: {_reply(error.code, error.message)}")
    # connection refused or lost, a timeout, TLS that failed: the server is away for now
    text = f"{type(error).__name__}: {error}"[:500]
    return SendResult(accepted=False, reason=f"server unreachable: {text}", connection_lost=True)


class Mailer:
    """An SMTP client that connects on the first mail and keeps the connection for the rest of a batch; after a
    failure it connects afresh for the next mail."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._client: aiosmtplib.SMTP | None = None

    def _new_client(self) -> aiosmtplib.SMTP:
        s = self.settings
        return aiosmtplib.SMTP(
            hostname=s.smtp_host,
            port=s.smtp_port,
            username=s.smtp_username or None,
            password=s.smtp_password.get_secret_value() if s.smtp_password else None,
            timeout=s.smtp_timeout_s,
            use_tls=s.smtp_security == "tls",
            # False, not None: a local sink without TLS must not be upgraded because it offers STARTTLS
            start_tls=s.smtp_security == "starttls",
        )

    async def send(self, mail: EmailMessage, sender: str) -> SendResult:
        """Sends `mail` to its To address with `sender` as the envelope sender."""
        try:
            if self._client is None or not self._client.is_connected:
                self._client = self._new_client()
                await self._client.connect()
            await self._client.sendmail(sender, [str(mail["To"])], mail.as_bytes(policy=WIRE))
        except (TimeoutError, aiosmtplib.SMTPException, OSError) as error:
            await self.close()
            return classify(error)
        return ACCEPTED

    async def close(self) -> None:
        client, self._client = self._client, None
        if client is None or not client.is_connected:
            return
        try:
            await client.quit()
        except (TimeoutError, aiosmtplib.SMTPException, OSError):
            client.close()

    async def __aenter__(self) -> "Mailer":
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        await self.close()
