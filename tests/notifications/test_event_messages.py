"""Staff write to those who take part in an event: by mail, as each account's settings say; only staff, only to an
event that is not cancelled, and the message must say something."""

from network.kit.authorisation import Role
from network.kit.database import Database
from network.mail.delivery import deliver
from network.settings import Settings
from tests.events.builders import CANCEL
from tests.invites.helpers import create_event, established, import_parties
from tests.notifications.helpers import cypher, own
from tests.notifications.test_events import register
from tests.support.accounts import Accounts, GraphQL
from tests.support.cleanup import Slugs
from tests.support.mail import MailSink

MESSAGE = (
    "mutation($slug: String!, $input: EventMessageInput!) { messageEventParticipants(slug: $slug, input: $input) "
    "{ recipients errors { field code message } } }"
)


async def test_staff_write_to_those_who_take_part_as_their_settings_say(
    db: Database, slugs: Slugs, accounts: Accounts, graphql: GraphQL, settings: Settings, mail_sink: MailSink
) -> None:
    a, b, c = slugs("a"), slugs("b"), slugs("c")
    await import_parties(db, [established(a), established(b), established(c)])
    staff, a1, b1, c1 = (
        await accounts.make(Role.STAFF),
        await accounts.make(),
        await accounts.make(),
        await accounts.make(),
    )
    for owner, party in ((a1, a), (b1, b), (c1, c)):
        await own(db, owner, party)
    event = await create_event(graphql, staff, slugs, "meetup")
    assert await register(graphql, a1, event, a) == []
    assert await register(graphql, b1, event, b) == []  # c takes no part
    await cypher(db, "MATCH (x:Account {id: $id}) SET x.mailFrequency = 'NEVER'", id=b1.id)
    text = {"subject": "Raum geändert", "text": "Wir treffen uns in Raum 2.\nBitte <Ausweis> mitbringen."}

    sent = (await graphql(MESSAGE, staff, slug=event, input=text))["messageEventParticipants"]
    await deliver(db, settings)

    assert sent == {"recipients": 2, "errors": []}
    mails = mail_sink.wait_for(2, to=a1.email)  # the confirmation of the registration, and the message
    [mail] = [m for m in mails if str(m["Subject"]).endswith(": Raum geändert")]
    body = mail.get_body(preferencelist=("plain",))
    html = mail.get_body(preferencelist=("html",))
    assert body is not None and html is not None
    assert "Wir treffen uns in Raum 2.\r\nBitte <Ausweis> mitbringen." in str(body.get_content())  # CRLF on the wire
    assert "&lt;Ausweis&gt;" in str(html.get_content())
    assert not [m for m in mail_sink.messages() if b1.email in str(m["To"]) or c1.email in str(m["To"])]
    [skipped] = await cypher(
        db,
        "MATCH (n:Notification {kind: 'EVENT_MESSAGE'})-[:TO]->(:Account {id: $id}) RETURN n.status AS status",
        id=b1.id,
    )
    assert skipped == {"status": "SKIPPED"}  # b wants no mail: only a cancellation would still reach it


async def test_only_staff_write_and_only_something_to_an_event_not_cancelled(
    db: Database, slugs: Slugs, accounts: Accounts, graphql: GraphQL
) -> None:
    a = slugs("a")
    await import_parties(db, [established(a)])
    staff, a1 = await accounts.make(Role.STAFF), await accounts.make()
    await own(db, a1, a)
    event = await create_event(graphql, staff, slugs, "meetup")
    text = {"subject": "Hallo", "text": "Bis bald"}

    by_member = (await graphql(MESSAGE, a1, slug=event, input=text))["messageEventParticipants"]
    empty = await graphql(MESSAGE, staff, slug=event, input={"subject": "Hallo", "text": "  "})
    unknown = (await graphql(MESSAGE, staff, slug=slugs("nothing"), input=text))["messageEventParticipants"]
    assert (await graphql(CANCEL, staff, slug=event))["cancelEvent"]["errors"] == []
    cancelled = (await graphql(MESSAGE, staff, slug=event, input=text))["messageEventParticipants"]

    assert [e["code"] for e in by_member["errors"]] == ["NOT_PERMITTED"]
    assert [(e["field"], e["code"]) for e in empty["messageEventParticipants"]["errors"]] == [("text", "INVALID_INPUT")]
    assert [(e["field"], e["code"]) for e in unknown["errors"]] == [("slug", "NOT_FOUND")]
    assert [(e["field"], e["code"]) for e in cancelled["errors"]] == [("slug", "CONFLICT")]
    found = await cypher(
        db, "MATCH (n:Notification {kind: 'EVENT_MESSAGE'})-[:TO]->(:Account {id: $id}) RETURN n", id=a1.id
    )
    assert found == []
