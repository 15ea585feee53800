"""The one-click unsubscribe link of every mail (RFC 8058), answered without a log-in: the token in the link is the
proof.

A GET only shows a page with a button: mail scanners and link previews open links, and must not unsubscribe anyone.
A POST unsubscribes (the account gets no mail but an event's cancellation); mail providers post
`List-Unsubscribe=One-Click` to it, the page's button posts the same. The pages say nothing about the account.
"""

from html import escape

from litestar import Controller, MediaType, Response, get, post
from litestar.datastructures import State
from litestar.params import FromPath
from litestar.status_codes import HTTP_200_OK, HTTP_404_NOT_FOUND

from network.mail import preferences

# The page is a form and nothing else; the token in its address must not travel on to a linked page (Referer).
_HEADERS = {
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
    "X-Robots-Tag": "noindex",
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
}
_STYLE = (
    "body{font-family:Arial,Helvetica,sans-serif;font-size:18px;line-height:1.5;max-width:36em;margin:2em auto;"
    "padding:0 1em;color:#1a1a1a}button{font-size:18px;padding:.6em 1.2em;background:#0b5394;color:#fff;"
    "border:none;border-radius:4px;cursor:pointer}button:focus{outline:3px solid #f90;outline-offset:2px}"
    "section+section{margin-top:2em;border-top:1px solid #ccc;padding-top:1em}"
)


def _page(title: str, body: str, status: int) -> Response[str]:
    html = (
        f'<!DOCTYPE html><html lang="de"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>{escape(title)}</title>'
        f"<style>{_STYLE}</style></head><body>{body}</body></html>"
    )
    return Response(html, status_code=status, media_type=MediaType.HTML, headers=_HEADERS)


def _not_found() -> Response[str]:
    return _page(
        "Link nicht gültig / Link not valid",
        "<section><h1>Dieser Link ist nicht gültig</h1><p>Prüfen Sie, ob Sie ihn ganz kopiert haben.</p></section>"
        '<section lang="en"><h1>This link is not valid</h1><p>Check that you copied all of it.</p></section>',
        HTTP_404_NOT_FOUND,
    )


class UnsubscribeController(Controller):
    path = "/mail/unsubscribe"

    @get("/{token:str}")
    async def confirm(self, state: State, token: FromPath[str]) -> Response[str]:
        if not await preferences.token_known(state.db, token):
            return _not_found()
        # the form posts to this same address: no token is repeated in the page
        return _page(
            "Keine E-Mails mehr / Stop e-mails",
            '<form method="post">'
            "<section><h1>Keine E-Mails mehr bekommen?</h1>"
            "<p>Wir schicken Ihnen dann keine E-Mails mehr, nur noch die Absage einer Veranstaltung.</p>"
            '<button type="submit" name="List-Unsubscribe" value="One-Click">Keine E-Mails mehr</button></section>'
            '<section lang="en"><h1>Stop getting e-mails?</h1>'
            "<p>We will then send you no more e-mails, except when an event is cancelled.</p>"
            '<button type="submit" name="List-Unsubscribe" value="One-Click">Stop e-mails</button></section>'
            "</form>",
            HTTP_200_OK,
        )

    @post("/{token:str}", status_code=HTTP_200_OK)
    async def unsubscribe(self, state: State, token: FromPath[str]) -> Response[str]:
        if not await preferences.unsubscribe(state.db, token):
            return _not_found()
        return _page(
            "Abgemeldet / Unsubscribed",
            "<section><h1>Sie bekommen keine E-Mails mehr</h1>"
            "<p>Nur wenn eine Veranstaltung abgesagt wird, schreiben wir Ihnen noch. Wenn Sie wieder E-Mails möchten, "
            "stellen Sie das nach dem Anmelden unter „Meine Daten“ ein.</p></section>"
            '<section lang="en"><h1>You will get no more e-mails</h1>'
            "<p>We will only write when an event is cancelled. If you want e-mails again, sign in and choose so "
            "under “My data”.</p></section>",
            HTTP_200_OK,
        )
