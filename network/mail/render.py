"""Mails from the templates: plain text and HTML (multipart/alternative) with the headers every mail carries.

Templates live in `templates/<language>/<name>.txt` and `.html`; each extends its language's layout (the footer:
why this mail came, how to change how often, the one-click unsubscribe link). HTML templates escape everything
they are given (autoescape), plain text ones nothing.
"""

import datetime as dt
import hashlib
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import format_datetime, parseaddr
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, Template, select_autoescape

from network.mail.repository import AccountMail
from network.settings import Settings

TEMPLATES_DIR = Path(__file__).parent / "templates"
_ENVIRONMENT = Environment(
    loader=FileSystemLoader(TEMPLATES_DIR),
    autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=False, default=False),
    undefined=StrictUndefined,  # a value a template names but the view lacks is a bug, not an empty line
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)


@dataclass(frozen=True)
class Sender:
    """What the settings say about a mail's sender."""

    from_header: str  # MAIL_FROM as written: "Community Network <network@example.org>"
    help_address: str

    @classmethod
    def of(cls, settings: Settings) -> "Sender":
        return cls(settings.mail_from, settings.mail_help_address)

    @property
    def address(self) -> str:
        return parseaddr(self.from_header)[1]

    @property
    def domain(self) -> str:
        return self.address.rpartition("@")[2] or "localhost"

    def message_id(self, notification_id: str) -> str:
        """Stable: a mail sent again after a crash carries the id of the first try."""
        return f"<{notification_id}@{self.domain}>"

    def digest_id(self, account_id: str, period: str) -> str:
        return f"<digest-{account_id}-{period}@{self.domain}>"

    def bundle_id(self, notification_ids: list[str]) -> str:
        """Of a mail listing several notifications: the same notifications give the same id."""
        digest = hashlib.sha256(" ".join(sorted(notification_ids)).encode()).hexdigest()[:32]
        return f"<bundle-{digest}@{self.domain}>"


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str
    html: str


def _template(language: str, name: str, extension: str) -> Template:
    return _ENVIRONMENT.get_template(f"{language}/{name}.{extension}")


def subject_of(language: str, name: str, values: dict[str, Any]) -> str:
    """The subject line of template `name` (its `subject` block), on one line."""
    template = _template(language, name, "txt")
    text = "".join(template.blocks["subject"](template.new_context(values)))
    return " ".join(text.split())


def render(language: str, name: str, values: dict[str, Any]) -> Rendered:
    subject = subject_of(language, name, values)
    return Rendered(
        subject=subject,
        text=_template(language, name, "txt").render(values),
        html=_template(language, name, "html").render({**values, "subject": subject}),
    )


def message(
    rendered: Rendered,
    *,
    sender: Sender,
    to: AccountMail,
    message_id: str,
    unsubscribe_url: str,
    now: dt.datetime,
    reply_to: str | None = None,
) -> EmailMessage:
    """The mail as it goes out: text and HTML as alternatives, one-click unsubscribe (RFC 8058), marked as
    automatic (RFC 3834) so that auto-replies stay away."""
    mail = EmailMessage()
    mail["From"] = sender.from_header
    mail["To"] = to["email"]
    mail["Subject"] = rendered.subject
    mail["Date"] = format_datetime(now)
    mail["Message-ID"] = message_id
    mail["List-Unsubscribe"] = f"<{unsubscribe_url}>"
    mail["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    mail["Auto-Submitted"] = "auto-generated"
    if reply_to:
        mail["Reply-To"] = reply_to
    mail.set_content(rendered.text)
    mail.add_alternative(rendered.html, subtype="html")
    return mail
