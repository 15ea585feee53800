"""/dev/mail: the mails the local SMTP sink kept, as pages, for development (served only with DEV_MAIL_PAGE on).

A mail's HTML is shown in a sandboxed iframe through `srcdoc`: it runs no script, submits no form and cannot reach
this page; the page's own Content-Security-Policy, which a srcdoc frame inherits, allows no script and no framed
page either. A link in it opens in a new tab, outside the sandbox, as a mail client would open it (to follow a
mail's unsubscribe or web client link). Everything taken from a mail is escaped.
"""

from html import escape

from litestar import Controller, Response, get
from litestar.datastructures import State
from litestar.params import FromPath
from litestar.status_codes import HTTP_400_BAD_REQUEST, HTTP_404_NOT_FOUND

from network.settings import Settings
from network.stack import mail_sink
from network.stack.mail_sink_reader import SinkMailbox, UnknownMail, body

LISTED = 200
# Only popups are allowed, and they escape the sandbox: a followed link is an ordinary page in its own tab.
FRAME_SANDBOX = "allow-popups allow-popups-to-escape-sandbox"
LINKS_OUTSIDE = '<base target="_blank">'
HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src data: http: https:; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}
STYLE = (
    "body{font:15px system-ui,sans-serif;margin:1.5rem;max-width:70rem}table{border-collapse:collapse;width:100%}"
    "td,th{text-align:left;padding:.3rem .6rem;border-bottom:1px solid #ddd;vertical-align:top}"
    ".headers th{width:11rem}pre{white-space:pre-wrap;background:#f6f6f6;padding:1rem}"
    "iframe{width:100%;height:40rem;border:1px solid #ccc}"
)


def _page(title: str, content: str, status_code: int = 200) -> Response[str]:
    document = (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title>'
        f"<style>{STYLE}</style></head><body>{content}</body></html>"
    )
    return Response(document, media_type="text/html; charset=utf-8", status_code=status_code, headers=HEADERS)


def _mailbox(settings: Settings) -> SinkMailbox | None:
    return SinkMailbox.of(settings) if mail_sink.wanted(settings) else None


class DevMailController(Controller):
    path = "/dev/mail"
    include_in_schema = False

    @get("/", sync_to_thread=True)
    def mails(self, state: State) -> Response[str]:
        box = _mailbox(state.settings)
        if box is None:
            return _page("Mails", "<p>SMTP does not go to the local sink: no mails are kept here.</p>")
        summaries = box.summaries(limit=LISTED)
        rows = "".join(
            f'<tr><td><a href="/dev/mail/{summary["id"]}">{escape(summary["subject"] or "(no subject)")}</a></td>'
            f"<td>{escape(summary['sender'] or summary['envelope_from'])}</td>"
            f"<td>{escape(', '.join(summary['envelope_to']) or summary['to'])}</td>"
            f"<td>{summary['received']:%Y-%m-%d %H:%M:%S} UTC</td></tr>"
            for summary in summaries
        )
        table = (
            f"<table><tr><th>subject</th><th>from</th><th>to (envelope)</th><th>received</th></tr>{rows}</table>"
            if summaries
            else "<p>No mails yet.</p>"
        )
        intro = f"<p>{len(summaries)} of {box.count()} mails, newest first. Reload for new ones.</p>"
        return _page("Mails", f"<h1>Mails kept by the local sink</h1>{intro}{table}")

    @get("/{mail_id:str}", sync_to_thread=True)
    def mail(self, state: State, mail_id: FromPath[str]) -> Response[str]:
        box = _mailbox(state.settings)
        if box is None:
            return _page("Mail", "<p>SMTP does not go to the local sink.</p>", HTTP_404_NOT_FOUND)
        try:
            message = box.message(mail_id)
        except ValueError as error:
            return _page("Mail", f"<p>{escape(str(error))}</p>", HTTP_400_BAD_REQUEST)
        except UnknownMail as error:
            return _page("Mail", f"<p>{escape(str(error))}</p>", HTTP_404_NOT_FOUND)
        headers = "".join(
            f"<tr><th>{escape(name)}</th><td>{escape(str(value))}</td></tr>"
            for name, value in message.items()
            if not name.lower().startswith("content-") and name.lower() != "mime-version"
        )
        parts = body(message)
        text = f"<pre>{escape(parts.text)}</pre>" if parts.text is not None else "<p>(no text part)</p>"
        html = "<p>(no HTML part)</p>"
        if parts.html is not None:
            document = escape(LINKS_OUTSIDE + parts.html)
            html = f'<iframe sandbox="{FRAME_SANDBOX}" title="HTML part" srcdoc="{document}"></iframe>'
        subject = str(message.get("Subject", "")) or "(no subject)"
        content = (
            f'<p><a href="/dev/mail">all mails</a></p><h1>{escape(subject)}</h1>'
            f'<table class="headers">{headers}</table><h2>Text</h2>{text}<h2>HTML</h2>{html}'
        )
        return _page(subject, content)
