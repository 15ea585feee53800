"""`deleteMyAccount`: the subject, what it alone acts for and everything derived is gone from the whole graph:
its notifications, the questions it asked and what volunteers were sent about them, its name on answers."""

from email.message import EmailMessage
from typing import Any

from arq.connections import ArqRedis

from network.kit import freshness
from network.kit.authorisation import Role
from network.kit.database import Database
from network.kit.global_id import from_global_id
from network.mail.delivery import deliver
from network.outbox.models import NotificationKind
from network.outbox.repository import NotificationRow, Outbox
from network.settings import Settings
from network.transfer.service import import_document
from tests.authz.cast import ANSWER_QUESTION, CLAIM_QUESTION, Cast
from tests.authz.client import Client, cypher
from tests.privacy.graph import mentions, suggest
from tests.support.accounts import PASSWORD, Accounts, TestAccount
from tests.support.cleanup import Slugs
from tests.support.mail import MailSink

ERASE = (
    "mutation { deleteMyAccount { deleted profilesDeleted suggestionsDeleted questionsDeleted notificationsDeleted "
    "errors { code } } }"
)
REGISTER = (
    "mutation($party: String!, $event: String!) { registerForEvent(eventSlug: $event, partySlug: $party) "
    "{ errors { code } } }"
)
LOG_IN = (
    "mutation($email: String!, $password: String!) { logIn(email: $email, password: $password) "
    "{ token errors { code } } }"
)


def register(client: Client, account: TestAccount, party: str, event: str) -> None:
    assert client.data(REGISTER, account, party=party, event=event)["registerForEvent"] == {"errors": []}


async def node_ids(db: Database, slugs: Slugs) -> dict[str, str]:
    rows = await cypher(db, "MATCH (n) WHERE n.slug STARTS WITH $p RETURN n.slug AS slug, n.id AS id", p=slugs.prefix)
    return {row["slug"].removeprefix(f"{slugs.prefix}-"): row["id"] for row in rows}


async def links(db: Database, slugs: Slugs, accounts: Accounts) -> list[tuple[str, str, str]]:
    """Every relationship touching this test's nodes and suggestions: (from, type, to), by slug, email or kind;
    notifications are left to `notifications`."""
    rows = await cypher(
        db,
        "MATCH (n)-[r]->(m) WHERE any(x IN [n, m] WHERE x.slug STARTS WITH $p OR x.batch = $p "
        "OR x.email STARTS WITH $e) AND NOT m:Tool AND NOT m:Skill AND NOT m:District AND NOT n:Notification "
        "RETURN coalesce(n.slug, n.email, n.kind) AS a, type(r) AS type, coalesce(m.slug, m.email, m.kind) AS b",
        p=slugs.prefix,
        e=accounts.prefix,
    )
    short = {f"{slugs.prefix}-{name}": name for name in ("mine", "shared", "other", "mentor", "event")}
    return sorted((short.get(r["a"], r["a"]), r["type"], short.get(r["b"], r["b"])) for r in rows)


async def notifications(db: Database, accounts: Accounts) -> list[tuple[str, str, str]]:
    """Every notification to this test's accounts: (kind, to, status)."""
    rows = await cypher(
        db,
        "MATCH (n:Notification)-[:TO]->(a:Account) WHERE a.email STARTS WITH $e "
        "RETURN n.kind AS kind, a.email AS to, n.status AS status",
        e=accounts.prefix,
    )
    return sorted((r["kind"], r["to"], r["status"]) for r in rows)


async def test_erasure_leaves_nothing_of_the_member_and_keeps_what_others_act_for(
    accounts: Accounts, client: Client, slugs: Slugs, db: Database
) -> None:
    subject, partner = await accounts.make(Role.MEMBER, "subject"), await accounts.make(Role.MEMBER, "partner")
    volunteer, staff = await accounts.make(Role.VOLUNTEER, "mentor"), await accounts.make(Role.STAFF)
    cast = Cast(client, slugs)
    # The subject's own association carries its personal address as the contact, as small clubs' often do.
    cast.association(subject, "mine", contactEmail=subject.email, description=f"Kontakt: {subject.email}")
    cast.association(partner, "shared")
    cast.association(partner, "other")
    cast.volunteer(volunteer, "mentor")
    cast.event(staff)
    await cypher(
        db,
        "MATCH (a:Account {id: $id}), (n:Association {slug: $slug}) CREATE (a)-[:ACTS_FOR]->(n)",
        id=subject.id,
        slug=slugs("shared"),
    )
    register(client, subject, slugs("mine"), slugs("event"))
    register(client, subject, slugs("shared"), slugs("event"))
    await import_document(
        db, {"connections": [{"a": slugs("mine"), "b": slugs("other")}, {"a": slugs("shared"), "b": slugs("other")}]}
    )
    await cypher(
        db,
        "MATCH (v:Volunteer {slug: $v}), (a:Association {slug: $a}) CREATE (v)-[:MENTORS]->(a)",
        v=slugs("mentor"),
        a=slugs("mine"),
    )
    derived = [
        await suggest(db, slugs, "PEER", slugs("mine"), slugs("other")),
        await suggest(db, slugs, "PEER", slugs("other"), slugs("mine")),
        await suggest(db, slugs, "MENTORING", slugs("mine"), slugs("mentor")),
    ]
    await suggest(db, slugs, "PEER", slugs("other"), slugs("shared"))  # about the shared association: it stays
    ids = await node_ids(db, slugs)
    # Both sides heard of the suggestion that goes with the subject's association: the partner's notice goes too.
    suggested: list[NotificationRow] = [{"subject": derived[1], "to": [ids["other"], ids["mine"]]}]
    await db.write(lambda tx: Outbox(tx).to_parties(NotificationKind.PEER_SUGGESTED, "Suggestion", suggested))

    erased = client.data(ERASE, subject)["deleteMyAccount"]

    # Notifications: the registration confirmed to the subject (one per event and account), the suggestion to it and
    # to the partner.
    assert erased == {
        "deleted": True,
        "profilesDeleted": 1,
        "suggestionsDeleted": 3,
        "questionsDeleted": 0,
        "notificationsDeleted": 3,
        "errors": [],
    }
    needles = [subject.email, subject.id, ids["mine"], slugs("mine"), *derived]
    assert await mentions(db, needles) == [], "the erased subject is still in the graph"
    assert await links(db, slugs, accounts) == sorted(
        [
            (partner.email, "ACTS_FOR", "shared"),
            (partner.email, "ACTS_FOR", "other"),
            (volunteer.email, "ACTS_FOR", "mentor"),
            ("shared", "CONNECTED_WITH", "other"),
            ("shared", "REGISTERED", "event"),
            ("PEER", "FOR", "other"),
            ("PEER", "OF", "shared"),
        ]
    )
    assert await notifications(db, accounts) == [("REGISTRATION_CONFIRMED", partner.email, "PENDING")]
    dangling = await cypher(
        db,
        "MATCH (s:Suggestion {batch: $p}) WHERE NOT (s)-[:FOR]->() OR NOT (s)-[:OF]->() RETURN s.id AS id",
        p=slugs.prefix,
    )
    assert dangling == []
    event = client.data("query($s: String!) { event(slug: $s) { registeredCount } }", partner, s=slugs("event"))
    assert event == {"event": {"registeredCount": 1}}

    refused = client.post("{ me { email } }", subject)
    assert refused.status_code == 401 and "no longer exists" in refused.json()["detail"]
    logged_in = client.data(LOG_IN, email=subject.email, password=PASSWORD)["logIn"]
    assert logged_in == {"token": None, "errors": [{"code": "INVALID_CREDENTIALS"}]}


async def test_erasing_a_volunteer_removes_its_profile_mentoring_and_registrations(
    accounts: Accounts, client: Client, slugs: Slugs, db: Database
) -> None:
    subject, member, staff = (
        await accounts.make(Role.VOLUNTEER, "subject"),
        await accounts.make(Role.MEMBER),
        await accounts.make(Role.STAFF),
    )
    cast = Cast(client, slugs)
    cast.volunteer(subject, "mentor", contactEmail=subject.email)
    cast.association(member, "other")
    cast.event(staff)
    register(client, subject, slugs("mentor"), slugs("event"))
    register(client, member, slugs("other"), slugs("event"))
    await cypher(
        db,
        "MATCH (v:Volunteer {slug: $v}), (a:Association {slug: $a}) CREATE (v)-[:MENTORS]->(a)",
        v=slugs("mentor"),
        a=slugs("other"),
    )
    derived = [await suggest(db, slugs, "MENTORING", slugs("other"), slugs("mentor"))]
    ids = await node_ids(db, slugs)

    erased: dict[str, Any] = client.data(ERASE, subject)["deleteMyAccount"]

    assert erased == {
        "deleted": True,
        "profilesDeleted": 1,
        "suggestionsDeleted": 1,
        "questionsDeleted": 0,
        "notificationsDeleted": 1,
        "errors": [],
    }
    assert await mentions(db, [subject.email, subject.id, ids["mentor"], slugs("mentor"), *derived]) == []
    assert await links(db, slugs, accounts) == sorted(
        [(member.email, "ACTS_FOR", "other"), ("other", "REGISTERED", "event")]
    )
    assert await notifications(db, accounts) == [("REGISTRATION_CONFIRMED", member.email, "PENDING")]
    assert client.post("{ me { email } }", subject).status_code == 401
    again = client.post(ERASE, subject)
    assert again.status_code == 401  # the token died with the account: no second erasure, no error inside


async def test_erasure_removes_the_subjects_address_from_an_association_that_survives(
    accounts: Accounts, client: Client, slugs: Slugs, db: Database
) -> None:
    """A co-run club that kept the subject's personal address as its contact survives the erasure; the address
    must not (today `PrivacyRepository.erase` leaves the surviving association untouched)."""
    subject, partner = await accounts.make(Role.MEMBER, "subject"), await accounts.make(Role.MEMBER, "partner")
    Cast(client, slugs).association(partner, "shared", contactEmail=subject.email)
    await cypher(
        db,
        "MATCH (a:Account {id: $id}), (n:Association {slug: $slug}) CREATE (a)-[:ACTS_FOR]->(n)",
        id=subject.id,
        slug=slugs("shared"),
    )

    assert client.data(ERASE, subject)["deleteMyAccount"]["deleted"] is True

    assert await links(db, slugs, accounts) == [(partner.email, "ACTS_FOR", "shared")]
    assert await mentions(db, [subject.email, subject.id]) == [], "the erased subject's address is still stored"


def claim(client: Client, volunteer: TestAccount, question: str) -> None:
    assert client.data(CLAIM_QUESTION, volunteer, id=question)["claimQuestion"]["errors"] == []


def answer(client: Client, volunteer: TestAccount, question: str, text: str) -> None:
    claim(client, volunteer, question)
    assert client.data(ANSWER_QUESTION, volunteer, id=question, text=text)["answerQuestion"]["errors"] == []


def texts(message: EmailMessage) -> str:
    """The decoded text of every part of a mail (quoted-printable may break a slug over two lines)."""
    return "\n".join(part.get_content() for part in message.walk() if part.get_content_maintype() == "text")


async def test_erasing_an_asker_deletes_its_questions_and_what_volunteers_were_sent_about_them(
    accounts: Accounts, client: Client, slugs: Slugs, db: Database, signed_settings: Settings, mail_sink: MailSink
) -> None:
    subject, bystander = await accounts.make(Role.MEMBER, "subject"), await accounts.make(Role.MEMBER, "bystander")
    volunteer = await accounts.make(Role.VOLUNTEER, "helper")
    cast = Cast(client, slugs)
    cast.association(subject, "mine")
    cast.association(bystander, "club")
    cast.volunteer(volunteer, "helper")
    answered = await cast.question(db, subject, "answered", routed_to=["helper"])
    answer(client, volunteer, answered["id"], f"Mit einem Backup ({slugs('reply')})")
    await deliver(db, signed_settings)  # the first question's mail to the volunteer and the answer's are sent
    assert len(mail_sink.messages()) == 2
    pending = await cast.question(db, subject, "pending", routed_to=["helper"])  # its mail is not sent yet
    theirs = await cast.question(db, bystander, "theirs", routed_to=["helper"])
    mail_sink.clear()

    erased = client.data(ERASE, subject)["deleteMyAccount"]

    # Notifications: the answer to the subject, both questions' mails to the volunteer (one sent, one not).
    assert erased == {
        "deleted": True,
        "profilesDeleted": 1,
        "suggestionsDeleted": 0,
        "questionsDeleted": 2,
        "notificationsDeleted": 3,
        "errors": [],
    }
    question_ids = [from_global_id(q["id"])[1] for q in (answered, pending)]
    needles = [subject.email, subject.id, slugs("mine"), slugs("answered"), slugs("pending"), slugs("reply")]
    assert await mentions(db, [*needles, *question_ids]) == [], "the erased subject's questions are still stored"
    assert await notifications(db, accounts) == [("HELP_ROUTED", volunteer.email, "PENDING")]  # the bystander's
    mine = client.data("{ helpQuestionsForMe { nodes { id } } }", volunteer)["helpQuestionsForMe"]["nodes"]
    assert mine == [{"id": theirs["id"]}]
    gone = client.data("query($id: ID!) { helpQuestion(id: $id) { id } }", volunteer, id=pending["id"])
    assert gone == {"helpQuestion": None}

    await deliver(db, signed_settings)  # the erased question's mail never goes out; the bystander's does

    [mail] = mail_sink.wait_for(1, to=volunteer.email)
    assert slugs("theirs") in texts(mail)
    assert [m for m in mail_sink.messages() if slugs("pending") in texts(m)] == []


async def test_erasing_a_volunteer_frees_the_questions_it_claimed_and_keeps_its_answers_without_its_name(
    accounts: Accounts, client: Client, slugs: Slugs, db: Database, signed_settings: Settings, mail_sink: MailSink
) -> None:
    asker, subject = await accounts.make(Role.MEMBER, "asker"), await accounts.make(Role.VOLUNTEER, "subject")
    second = await accounts.make(Role.VOLUNTEER, "second")
    cast = Cast(client, slugs)
    cast.association(asker, "club")
    cast.volunteer(subject, "helper", contactEmail=subject.email)
    cast.volunteer(second, "second")
    claimed = await cast.question(db, asker, "claimed", routed_to=["helper", "second"])
    claim(client, subject, claimed["id"])
    answered = await cast.question(db, asker, "answered", routed_to=["helper"])
    answer(client, subject, answered["id"], "Mit einem Backup.")  # the asker's mail of it is still pending
    alone = await cast.question(db, asker, "alone", routed_to=["helper"])  # nobody else would see it
    helper_id = from_global_id(cast.subject["helper"]["id"])[1]

    erased = client.data(ERASE, subject)["deleteMyAccount"]

    # Notifications: the three questions' mails to the subject; the asker keeps the answer's.
    assert erased == {
        "deleted": True,
        "profilesDeleted": 1,
        "suggestionsDeleted": 0,
        "questionsDeleted": 0,
        "notificationsDeleted": 3,
        "errors": [],
    }
    # Its name was in the answer's notification to the asker, and the profile held its address and slug.
    assert await mentions(db, [subject.email, subject.id, helper_id, slugs("helper")]) == []
    assert await notifications(db, accounts) == [
        ("HELP_ANSWERED", asker.email, "PENDING"),
        ("HELP_ROUTED", second.email, "PENDING"),
    ]
    read = "query($id: ID!) { helpQuestion(id: $id) { status answer claimedBy answeredBy canClaim } }"
    assert client.data(read, asker, id=answered["id"])["helpQuestion"] == {
        "status": "ANSWERED",
        "answer": "Mit einem Backup.",
        "claimedBy": None,
        "answeredBy": None,
        "canClaim": False,
    }
    freed = client.data(read, second, id=claimed["id"])["helpQuestion"]
    assert freed == {"status": "OPEN", "answer": None, "claimedBy": None, "answeredBy": None, "canClaim": True}
    claim(client, second, claimed["id"])
    routing = "MATCH (q:HelpQuestion) WHERE q.id IN $ids RETURN q.id AS id, q.routedAt IS NULL AS unrouted"
    ids = {from_global_id(q["id"])[1]: name for name, q in (("claimed", claimed), ("alone", alone))}
    found = {ids[r["id"]]: r["unrouted"] for r in await cypher(db, routing, ids=list(ids))}
    assert found == {"claimed": False, "alone": True}  # the routing's catch-up finds others for the one left alone
    assert client.data(read, second, id=claimed["id"])["helpQuestion"]["claimedBy"] == f"Volunteer {slugs('second')}"

    await deliver(db, signed_settings)

    [mail] = mail_sink.wait_for(1, to=asker.email)
    assert "Jemand hat Ihre Frage beantwortet" in texts(mail) and "Mit einem Backup." in texts(mail)
    assert slugs("helper") not in texts(mail)


WRITE_REPORT = (
    "mutation($input: ExperienceReportInput!) { writeExperienceReport(input: $input) { report { id revision } "
    "errors { code } } }"
)


async def test_erasure_deletes_the_reports_the_subject_wrote_and_those_of_its_associations(
    accounts: Accounts, client: Client, slugs: Slugs, db: Database, job_queue: ArqRedis
) -> None:
    """Reports go with their author's account (the text is the author's own, even for an association that survives)
    and with the associations erased along with it; a partner's report on the shared association stays. The shared
    association lost an approved report, a matching input (REPORTED_ON): the change feed hears of it."""
    subject, partner = await accounts.make(Role.MEMBER, "subject"), await accounts.make(Role.MEMBER, "partner")
    cast = Cast(client, slugs)
    cast.association(subject, "mine")
    cast.association(partner, "shared")
    await cypher(
        db,
        "MATCH (a:Account {id: $id}), (n:Association {slug: $slug}) CREATE (a)-[:ACTS_FOR]->(n)",
        id=subject.id,
        slug=slugs("shared"),
    )

    def write(account: TestAccount, association: str, tool: str, text: str) -> str:
        given = {"association": slugs(association), "tool": tool, "rating": 4, "usedFor": text}
        payload = client.data(WRITE_REPORT, account, input=given)["writeExperienceReport"]
        assert payload["errors"] == []
        return str(payload["report"]["id"])

    write(subject, "mine", "nextcloud", f"Ablage ({slugs('own')})")
    write(subject, "shared", "etherpad", f"Protokolle ({slugs('written')})")
    write(partner, "shared", "hedgedoc", f"Notizen ({slugs('kept')})")
    # the partner rewrote the subject's report on a tool of the shared association: still the subject's text
    write(partner, "shared", "etherpad", f"Protokolle, neu ({slugs('rewritten')})")
    await cypher(db, "MATCH (r:ExperienceReport)<-[:REPORTED]-(:Association {slug: $s}) SET r.status = 'APPROVED'",
                 s=slugs("shared"))  # fmt: skip
    erase = "mutation { deleteMyAccount { deleted reportsDeleted errors { code } } }"
    await job_queue.delete(freshness.CHANGES)

    erased = client.data(erase, subject)["deleteMyAccount"]
    told = [entry[b"ids"].decode().split() for _, entry in await job_queue.xrange(freshness.CHANGES)]
    shared = (await cypher(db, "MATCH (n:Association {slug: $s}) RETURN n.id AS id", s=slugs("shared")))[0]["id"]
    assert told == [sorted([f"{freshness.ACCOUNT}{subject.id}", shared])]

    assert erased == {"deleted": True, "reportsDeleted": 2, "errors": []}
    needles = [subject.id, slugs("own"), slugs("written"), slugs("rewritten")]
    assert await mentions(db, needles) == [], "the erased subject's reports are still stored"
    left = await cypher(
        db,
        "MATCH (n:Association)-[:REPORTED]->(r:ExperienceReport) WHERE n.slug STARTS WITH $p "
        "RETURN n.slug AS association, r.usedFor AS text, COLLECT { MATCH (a:Account)-[:WROTE]->(r) RETURN a.id } "
        "AS authors",
        p=slugs.prefix,
    )
    assert left == [{"association": slugs("shared"), "text": f"Notizen ({slugs('kept')})", "authors": [partner.id]}]
