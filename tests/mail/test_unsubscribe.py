"""One-click unsubscribe through the real HTTP app: the link of a delivered mail, a GET that changes nothing, a POST
(RFC 8058) that stops the mail without a log-in, and nothing learnt from an unknown or made-up token."""

from urllib.parse import urlsplit

import httpx

from network.kit.database import Database
from network.mail.delivery import deliver
from network.outbox.models import NotificationKind
from network.settings import Settings
from tests.mail.conftest import World
from tests.support.mail import MailSink
from tests.support.server import running_api


async def _frequency(world: World) -> str | None:
    [found] = await world.run("MATCH (a:Account {id: $id}) RETURN a.mailFrequency AS f", id=world.a.id)
    return found["f"]  # type: ignore[no-any-return]


async def test_the_link_of_a_mail_unsubscribes_on_post_only(
    db: Database, signed_settings: Settings, world: World, mail_sink: MailSink
) -> None:
    await world.notify(NotificationKind.PEER_SUGGESTED, "Suggestion", world.suggestion_id, to_parties=[world.a_id])
    await deliver(db, signed_settings)
    [mail] = mail_sink.wait_for(1, to=world.a.email)
    path = urlsplit(str(mail["List-Unsubscribe"]).strip("<>")).path

    with running_api(signed_settings) as base:
        async with httpx.AsyncClient(base_url=base, timeout=10) as http:
            shown = await http.get(path)
            shown_again = await http.get(path)
            assert await _frequency(world) is None  # a scanner following the link changes nothing
            posted = await http.post(path, data={"List-Unsubscribe": "One-Click"})
            frequency = await _frequency(world)
            posted_again = await http.post(path, data={"List-Unsubscribe": "One-Click"})

    assert shown.status_code == shown_again.status_code == 200
    assert '<form method="post">' in shown.text and "Keine E-Mails mehr" in shown.text
    assert shown.headers["referrer-policy"] == "no-referrer" and shown.headers["cache-control"] == "no-store"
    assert posted.status_code == posted_again.status_code == 200
    assert "Sie bekommen keine E-Mails mehr" in posted.text and "You will get no more e-mails" in posted.text
    assert frequency == "NEVER"
    for page in (shown, posted):
        assert world.a.email not in page.text and "Kiezchor" not in page.text

    await world.notify(NotificationKind.OTHER_ACCEPTED, "Suggestion", world.suggestion_id, to_parties=[world.a_id])
    counts = await deliver(db, signed_settings)
    assert counts.reasons.get("the account wants no mail") == 1
    assert len(mail_sink.wait_for(1, to=world.a.email)) == 1


async def test_unknown_and_made_up_tokens_are_not_found(signed_settings: Settings, world: World) -> None:
    unknown = "/mail/unsubscribe/" + "0" * 64
    with running_api(signed_settings) as base:
        async with httpx.AsyncClient(base_url=base, timeout=10) as http:
            answers = [
                await http.get(unknown),
                await http.post(unknown, data={"List-Unsubscribe": "One-Click"}),
                await http.get("/mail/unsubscribe/' OR 1=1 --"),
                await http.post("/mail/unsubscribe/" + "a" * 5000),
            ]
    assert [a.status_code for a in answers] == [404, 404, 404, 404]
    assert "Dieser Link ist nicht gültig" in answers[0].text
    assert await _frequency(world) is None
