"""`exportMyData`: everything stored about the caller, private fields included, and nothing of anybody else: its
mail preferences (not the unsubscribe token), what it was notified of, the questions it asked and answered."""

import json
from typing import Any

from network.associations.records import exported_association
from network.kit.authorisation import Role
from network.kit.database import Database
from network.mail.delivery import deliver
from network.records.writes import current_record
from network.settings import Settings
from network.transfer.service import import_document
from network.volunteers.records import exported_volunteer
from tests.authz.cast import ANSWER_QUESTION, CLAIM_QUESTION, Cast
from tests.authz.client import Client, cypher
from tests.privacy.graph import suggest
from tests.support.accounts import Accounts, TestAccount
from tests.support.cleanup import Slugs
from tests.support.mail import MailSink

EXPORT = "mutation { exportMyData { data errors { code } } }"
REGISTER = (
    "mutation($party: String!, $event: String!) { registerForEvent(eventSlug: $event, partySlug: $party) "
    "{ errors { code } } }"
)


def exported(client: Client, account: TestAccount) -> dict[str, Any]:
    payload = client.data(EXPORT, account)["exportMyData"]
    assert payload["errors"] == []
    return payload["data"]  # type: ignore[no-any-return]


async def stored(db: Database, label: str, slug: str) -> dict[str, Any]:
    """The record as `network export` writes it: every stored field of the profile, private ones included."""
    async with db.driver.session(database=db.name) as session:
        record = await session.execute_read(lambda tx: current_record(tx, label, slug))
    assert record is not None
    return (exported_association if label == "Association" else exported_volunteer)(record)


def register(client: Client, account: TestAccount, party: str, event: str) -> None:
    assert client.data(REGISTER, account, party=party, event=event)["registerForEvent"] == {"errors": []}


async def test_a_member_gets_its_account_associations_registrations_and_suggestions(
    accounts: Accounts, client: Client, slugs: Slugs, db: Database
) -> None:
    member, other, staff = (
        await accounts.make(Role.MEMBER, "me"),
        await accounts.make(Role.MEMBER, "other"),
        await accounts.make(Role.STAFF),
    )
    cast = Cast(client, slugs)
    cast.association(member, "mine", visibility="MEMBERS", contactEmail="board@mine.example.org")
    cast.association(other, "shared")
    cast.association(other, "theirs", contactEmail="secret@theirs.example.org")
    cast.event(staff)
    await cypher(
        db,
        "MATCH (a:Account {id: $id}), (n:Association {slug: $slug}) CREATE (a)-[:ACTS_FOR]->(n)",
        id=member.id,
        slug=slugs("shared"),
    )
    register(client, member, slugs("mine"), slugs("event"))
    register(client, other, slugs("theirs"), slugs("event"))
    await import_document(db, {"connections": [{"a": slugs("mine"), "b": slugs("theirs")}]})
    await suggest(db, slugs, "PEER", slugs("mine"), slugs("theirs"))
    await suggest(db, slugs, "PEER", slugs("theirs"), slugs("shared"))
    async with db.driver.session(database=db.name) as session:  # an accepted introduction, as matching makes one
        await (
            await session.run(
                "MATCH (a:Association {slug: $a}), (b:Association {slug: $b}) CREATE (b)-[:CONNECTED_WITH]->(a)",
                a=slugs("mine"),
                b=slugs("theirs"),
            )
        ).consume()

    data = exported(client, member)

    assert set(data) == {
        "account",
        "mailPreferences",
        "associations",
        "volunteers",
        "connections",
        "registrations",
        "suggestions",
        "notifications",
        "questionsAsked",
        "questionsAnswered",
        "experienceReports",
    }
    assert {k: v for k, v in data["account"].items() if k != "createdAt"} == {
        "id": member.id,
        "email": member.email,
        "role": "MEMBER",
    }
    assert sorted(data["associations"], key=lambda a: a["slug"]) == [
        await stored(db, "Association", slugs("mine")),
        await stored(db, "Association", slugs("shared")),
    ]
    mine = next(a for a in data["associations"] if a["slug"] == slugs("mine"))
    assert mine["contactEmail"] == "board@mine.example.org" and mine["visibility"] == "MEMBERS"
    assert data["volunteers"] == []
    assert data["connections"] == [{"party": slugs("mine"), "connectedWith": slugs("theirs"), "kind": "PEER"}]
    assert [(r["party"], r["event"]) for r in data["registrations"]] == [(slugs("mine"), slugs("event"))]
    assert sorted((s["party"], s["kind"]) for s in data["suggestions"]) == [
        (slugs("mine"), "PEER"),
        (slugs("shared"), "PEER"),
    ]
    text = json.dumps(data)
    for secret in ("passwordHash", "$argon2", "tokenVersion", other.email, "secret@theirs.example.org", staff.email):
        assert secret not in text, secret


async def test_a_volunteer_gets_its_profile_and_registrations_only(
    accounts: Accounts, client: Client, slugs: Slugs, db: Database
) -> None:
    volunteer, other, member, staff = (
        await accounts.make(Role.VOLUNTEER, "me"),
        await accounts.make(Role.VOLUNTEER, "other"),
        await accounts.make(Role.MEMBER),
        await accounts.make(Role.STAFF),
    )
    cast = Cast(client, slugs)
    cast.volunteer(volunteer, "me", contactEmail="me@private.example.org", bio="Kann Nextcloud")
    cast.volunteer(other, "other", contactEmail="other@private.example.org")
    cast.association(member, "club")
    cast.event(staff)
    register(client, volunteer, slugs("me"), slugs("event"))
    register(client, other, slugs("other"), slugs("event"))
    await suggest(db, slugs, "MENTORING", slugs("club"), slugs("me"))

    data = exported(client, volunteer)

    assert data["account"]["email"] == volunteer.email and data["account"]["role"] == "VOLUNTEER"
    assert data["volunteers"] == [await stored(db, "Volunteer", slugs("me"))]
    assert data["volunteers"][0]["contactEmail"] == "me@private.example.org"
    assert data["associations"] == []
    assert [(r["party"], r["event"]) for r in data["registrations"]] == [(slugs("me"), slugs("event"))]
    assert [(s["party"], s["kind"]) for s in data["suggestions"]] == [(slugs("me"), "MENTORING")]
    text = json.dumps(data)
    for secret in (
        "passwordHash",
        "$argon2",
        other.email,
        "other@private.example.org",
        slugs("other"),
        member.email,
        f"{slugs('club')}@example.org",
    ):
        assert secret not in text, secret


async def test_an_account_acting_for_nothing_gets_its_account_alone(accounts: Accounts, client: Client) -> None:
    staff = await accounts.make(Role.STAFF)
    data = exported(client, staff)
    assert data["account"]["email"] == staff.email and data["account"]["role"] == "STAFF"
    assert data["associations"] == data["volunteers"] == data["registrations"] == data["suggestions"] == []
    assert data["notifications"] == data["questionsAsked"] == data["questionsAnswered"] == []
    assert data["experienceReports"] == []
    assert data["mailPreferences"] == {"frequency": "IMMEDIATE", "language": "de"}  # the defaults


SET_PREFERENCES = "mutation($input: MailPreferencesInput!) { setMailPreferences(input: $input) { errors { code } } }"


def answer(client: Client, volunteer: TestAccount, question: str, text: str) -> None:
    assert client.data(CLAIM_QUESTION, volunteer, id=question)["claimQuestion"]["errors"] == []
    assert client.data(ANSWER_QUESTION, volunteer, id=question, text=text)["answerQuestion"]["errors"] == []


async def test_an_asker_gets_its_mail_preferences_notifications_and_questions_and_a_volunteer_its_answers(
    accounts: Accounts, client: Client, slugs: Slugs, db: Database, signed_settings: Settings, mail_sink: MailSink
) -> None:
    asker, volunteer = await accounts.make(Role.MEMBER, "asker"), await accounts.make(Role.VOLUNTEER, "helper")
    other = await accounts.make(Role.MEMBER, "other")
    cast = Cast(client, slugs)
    cast.association(asker, "mine")
    cast.association(other, "theirs")
    cast.volunteer(volunteer, "helper")
    preferences = {"frequency": "WEEKLY", "language": "EN"}
    assert client.data(SET_PREFERENCES, asker, input=preferences)["setMailPreferences"] == {"errors": []}
    answered = await cast.question(db, asker, "answered", routed_to=["helper"])
    answer(client, volunteer, answered["id"], "Mit einem Backup.")
    await cast.question(db, asker, "open")
    await cast.question(db, other, "theirs", routed_to=["helper"])  # the volunteer's, not the asker's
    await deliver(db, signed_settings)  # the volunteer's two mails go out; the asker's waits for its weekly digest
    mail_sink.wait_for(2, to=volunteer.email)
    await cypher(db, "MATCH (a:Account {id: $id}) SET a.unsubscribeToken = $token", id=asker.id, token="ab" * 32)

    mine = exported(client, asker)

    assert mine["mailPreferences"] == {"frequency": "WEEKLY", "language": "en"}
    [told] = mine["notifications"]
    assert {k: v for k, v in told.items() if k != "createdAt"} == {
        "kind": "HELP_ANSWERED",
        "status": "PENDING",
        "data": {
            "question": answered["text"],
            "questionId": answered["id"],
            "language": "de",
            "about": {"kind": "tool", "slug": "nextcloud", "name": "Nextcloud"},
            "answer": "Mit einem Backup.",
            "answeredBy": f"Volunteer {slugs('helper')}",
        },
    }
    asked = [{k: v for k, v in q.items() if k not in ("askedAt", "answeredAt")} for q in mine["questionsAsked"]]
    about = {"kind": "tool", "slug": "nextcloud"}
    assert asked == [
        {
            "text": answered["text"],
            "status": "ANSWERED",
            "language": "de",
            "answer": "Mit einem Backup.",
            "about": about,
        },
        {"text": f"Wie sichere ich Nextcloud? ({slugs('open')})", "status": "OPEN", "language": "de", "about": about},
    ]
    assert "answeredAt" in mine["questionsAsked"][0] and "answeredAt" not in mine["questionsAsked"][1]
    assert mine["questionsAnswered"] == []
    text = json.dumps(mine)
    for secret in ("ab" * 32, "unsubscribeToken", volunteer.email, other.email, slugs("theirs")):
        assert secret not in text, secret

    theirs = exported(client, volunteer)

    assert theirs["mailPreferences"] == {"frequency": "IMMEDIATE", "language": "de"}
    routed = sorted(theirs["notifications"], key=lambda n: n["data"]["question"])
    assert [(n["kind"], n["status"], n["data"]["question"]) for n in routed] == [
        ("HELP_ROUTED", "SENT", answered["text"]),
        ("HELP_ROUTED", "SENT", f"Wie sichere ich Nextcloud? ({slugs('theirs')})"),
    ]
    assert all(n["sentAt"] >= n["createdAt"] for n in routed)
    assert routed[0]["data"]["askerName"] == f"Verein {slugs('mine')}"
    assert [{k: v for k, v in q.items() if k != "answeredAt"} for q in theirs["questionsAnswered"]] == [
        {"volunteer": slugs("helper"), "text": answered["text"], "answer": "Mit einem Backup.", "about": about}
    ]
    assert theirs["questionsAsked"] == []
    text = json.dumps(theirs)
    for secret in (asker.email, other.email, "ab" * 32):
        assert secret not in text, secret


WRITE_REPORT = (
    "mutation($input: ExperienceReportInput!) { writeExperienceReport(input: $input) { report { id } "
    "errors { code } } }"
)
REJECT_REPORT = (
    "mutation($id: ID!, $reason: String!) { rejectExperienceReport(id: $id, revision: 1, reason: $reason) "
    "{ errors { code } } }"
)


async def test_an_author_gets_the_experience_reports_it_wrote_with_staffs_reasons(
    accounts: Accounts, client: Client, slugs: Slugs
) -> None:
    author, other, staff = (
        await accounts.make(Role.MEMBER, "author"),
        await accounts.make(Role.MEMBER, "other"),
        await accounts.make(Role.STAFF),
    )
    cast = Cast(client, slugs)
    cast.association(author, "mine")
    cast.association(other, "theirs")
    report = {"tool": "etherpad", "rating": 2, "usedFor": "Protokolle", "replaced": "google-drive", "language": "EN"}
    written = client.data(WRITE_REPORT, author, input={"association": slugs("mine"), **report})
    client.data(WRITE_REPORT, other, input={"association": slugs("theirs"), **report})
    rejected = client.data(REJECT_REPORT, staff, id=written["writeExperienceReport"]["report"]["id"], reason="Zu kurz")
    assert rejected["rejectExperienceReport"]["errors"] == []

    [mine] = exported(client, author)["experienceReports"]

    assert {k: v for k, v in mine.items() if k not in ("createdAt", "submittedAt")} == {
        "association": slugs("mine"),
        "tool": "etherpad",
        "replaced": "google-drive",
        "rating": 2,
        "usedFor": "Protokolle",
        "wentWell": "",
        "wentBadly": "",
        "tips": "",
        "language": "en",
        "status": "REJECTED",
        "moderationReason": "Zu kurz",
    }
