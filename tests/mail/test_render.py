"""Rendering without the stack: every kind in both languages, reasons in plain words, HTML escaped, headers."""

import datetime as dt
import json

import pytest

from network.mail.delivery import digest_mail, digest_period, mail_units, notification_mail
from network.mail.render import Sender
from network.mail.view import TEMPLATES
from network.outbox.models import MailFrequency, NotificationKind
from tests.mail.rows import NAMES, account, event, row, suggestion
from tests.support.settings import make_settings

SETTINGS = make_settings(mail_from="Gemeinsam digital <netz@example.org>", public_url="https://netz.example.org/")
NOW = dt.datetime(2026, 12, 6, 12, 0, tzinfo=dt.UTC)
HELP_DATA = {
    "question": "Wie richte ich <script>alert(1)</script> ein?\nDanke!",
    "questionId": "HelpQuestion:1",
    "language": "de",
    "about": {"kind": "tool", "slug": "nextcloud", "name": "Nextcloud"},
    "reasons": [
        {"code": "SKILL_MATCH", "detail": "newsletter:5"},
        {"code": "KNOWS_TOOL", "detail": "nextcloud:EXPERT"},
    ],
    "askerName": "Kiezchor & Co",
    "answer": "So geht's: <b>fett</b>",
    "answeredBy": "Ada",
}


def _parts(kind: NotificationKind) -> dict[str, object]:
    if kind.name.startswith("HELP"):
        return {"subject": "HelpQuestion", "data": json.dumps(HELP_DATA)}
    if kind.name.startswith(("EVENT", "REGISTRATION")):
        return {"subject": "Event", "event": event()}
    return {"suggestion": suggestion(contact="chor@example.org"), "stage": "last"}


def _bodies(mail: object) -> tuple[str, str]:
    from email.message import EmailMessage

    assert isinstance(mail, EmailMessage)
    text, html = mail.get_body(("plain",)), mail.get_body(("html",))
    assert text is not None and html is not None
    return str(text.get_content()), str(html.get_content())


@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize("kind", list(NotificationKind))
def test_every_kind_renders_in_both_languages_with_its_footer(kind: NotificationKind, language: str) -> None:
    mail = notification_mail(row(kind.value, language, **_parts(kind)), NAMES, SETTINGS, NOW)
    text, html = _bodies(mail)
    assert mail.get_content_type() == "multipart/alternative"
    assert mail["Message-ID"] == "<11111111-2222-3333-4444-555555555555@example.org>"
    unsubscribe = "https://netz.example.org/mail/unsubscribe/" + "ab" * 32
    assert mail["List-Unsubscribe"] == f"<{unsubscribe}>"
    assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert mail["Auto-Submitted"] == "auto-generated"
    assert mail["To"] == "reader@example.org" and mail["From"] == SETTINGS.mail_from
    assert (mail["Reply-To"] == SETTINGS.mail_help_address) is (kind is NotificationKind.HELP_ROUTED)
    greeting, settings_words = (
        ("Guten Tag", "Wie oft Sie E-Mails bekommen")
        if language == "de"
        else ("Hello", "Choose how often you get e-mails")
    )
    assert text.startswith(greeting) and settings_words in text and unsubscribe in text
    assert f'<html lang="{language}">' in html and f'href="{unsubscribe}"' in html
    assert "https://netz.example.org/me#mail-title" in text and 'href="https://netz.example.org/me#mail-title"' in html
    assert "\n" not in str(mail["Subject"]) and str(mail["Subject"]).strip()
    other_language = "Viele Grüße" if language == "en" else "Best wishes"
    assert other_language not in text
    if kind.name.startswith("HELP"):  # where the question is taken on, or all of one's questions are
        assert "https://netz.example.org/help" in text and 'href="https://netz.example.org/help"' in html


def test_every_kind_has_a_template() -> None:
    assert set(TEMPLATES) == set(NotificationKind)


def test_reasons_are_plain_words_in_the_readers_language() -> None:
    de_text, _ = _bodies(notification_mail(row("PEER_SUGGESTED", "de", suggestion=suggestion()), NAMES, SETTINGS, NOW))
    en_text, _ = _bodies(notification_mail(row("PEER_SUGGESTED", "en", suggestion=suggestion()), NAMES, SETTINGS, NOW))
    assert "- nutzt auch Nextcloud, das nur 2 % der Vereine nutzen" in de_text
    assert "- ebenfalls in Neukölln" in de_text and "- Sie können bei Nextcloud helfen" in de_text
    assert "- also uses Nextcloud, which only 2% of associations use" in en_text
    assert "- you can help them with Nextcloud" in en_text
    assert "SHARED_TOOL" not in de_text + en_text


def test_reasons_read_by_the_other_side_turn_round() -> None:
    turned = suggestion(otherIsFor=True)
    text, _ = _bodies(notification_mail(row("PEER_SUGGESTED", "de", suggestion=turned), NAMES, SETTINGS, NOW))
    assert "- kann Ihnen bei Nextcloud helfen" in text and "Sie können bei Nextcloud helfen" not in text


def test_html_escapes_what_people_wrote_and_text_keeps_it() -> None:
    mail = notification_mail(
        row("HELP_ROUTED", "de", subject="HelpQuestion", data=json.dumps(HELP_DATA)), NAMES, SETTINGS, NOW
    )
    text, html = _bodies(mail)
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Kiezchor &amp; Co" in html
    assert "  Wie richte ich <script>alert(1)</script> ein?\n  Danke!" in text
    assert "- Sie können: Newsletter schreiben (Stufe 5 von 8)" in text and "- Sie kennen Nextcloud" in text
    assert mail["Subject"] == "Können Sie helfen? Eine Frage zu Nextcloud"


def test_an_introduction_without_a_contact_says_so() -> None:
    text, html = _bodies(notification_mail(row("INTRODUCED", "en", suggestion=suggestion()), NAMES, SETTINGS, NOW))
    assert "has not given a contact address yet" in text and "mailto:" not in html


def test_event_mails_say_when_and_where_in_the_service_time_zone() -> None:
    text, _ = _bodies(
        notification_mail(row("EVENT_INVITED", "de", subject="Event", event=event()), NAMES, SETTINGS, NOW)
    )
    assert "Wann: Montag, 7. Dezember 2026, 18:00 bis 20:00 Uhr" in text
    assert "Wo: in Neukölln und online" in text
    assert "https://netz.example.org/events/nextcloud-kurs" in text
    en, _ = _bodies(
        notification_mail(row("EVENT_REMINDER", "en", subject="Event", event=event()), NAMES, SETTINGS, NOW)
    )
    assert "When: Monday, 7 December 2026, 18:00 to 20:00" in en


def test_a_digest_lists_each_item_with_its_link() -> None:
    rows = [
        row("PEER_SUGGESTED", "en", suggestion=suggestion()),
        row("EVENT_INVITED", "en", subject="Event", event=event(title="A & B")),
    ]
    weekly = Sender.of(SETTINGS).digest_id("acc-1", "2026-W49")
    mail = digest_mail(account("en", "WEEKLY"), rows, NAMES, SETTINGS, MailFrequency.WEEKLY, weekly, NOW)
    text, html = _bodies(mail)
    assert mail["Subject"] == "Your week at Gemeinsam digital: 2 updates"
    assert mail["Message-ID"] == "<digest-acc-1-2026-W49@example.org>"
    assert "- An association that fits you: Sportverein Nord\n  https://netz.example.org/inbox" in text
    assert "Invitation: A &amp; B" in html and "once a week" in text


def test_digest_periods_are_days_and_iso_weeks_in_the_service_time_zone() -> None:
    late = dt.datetime(2026, 12, 6, 23, 30, tzinfo=dt.UTC)  # already Monday in Berlin
    assert digest_period(MailFrequency.DAILY, late, "Europe/Berlin") == "2026-12-07"
    assert digest_period(MailFrequency.WEEKLY, late, "Europe/Berlin") == "2026-W50"
    assert digest_period(MailFrequency.WEEKLY, late, "UTC") == "2026-W49"


def test_several_suggestions_of_one_account_make_one_mail_and_the_rest_stay_alone() -> None:
    first = row("PEER_SUGGESTED", suggestion=suggestion())
    second = {**row("MENTOR_SUGGESTED", suggestion=suggestion("Chor Süd")), "id": "second"}
    introduced = {**row("INTRODUCED", suggestion=suggestion(contact="x@example.org")), "id": "third"}
    other_account = {**row("PEER_SUGGESTED", suggestion=suggestion()), "id": "fourth"}
    other_account["account"] = {**account(), "id": "acc-2"}  # type: ignore[typeddict-item]

    units = mail_units([first, second, introduced, other_account])  # type: ignore[list-item]

    assert [[r["id"] for r in unit] for unit in units] == [[first["id"], "second"], ["third"], ["fourth"]]
    bundle_ids = {Sender.of(SETTINGS).bundle_id([first["id"], "second"])}
    assert bundle_ids == {Sender.of(SETTINGS).bundle_id(["second", first["id"]])}  # the same set, the same id
    assert bundle_ids != {Sender.of(SETTINGS).bundle_id(["second"])}


def test_a_mail_of_several_says_why_it_lists_them() -> None:
    rows = [row("PEER_SUGGESTED", suggestion=suggestion()), row("EVENT_INVITED", subject="Event", event=event())]
    mail = digest_mail(account("de"), rows, NAMES, SETTINGS, MailFrequency.IMMEDIATE, "<bundle-x@example.org>", NOW)
    text, _ = _bodies(mail)
    assert mail["Subject"] == "Neu für Sie bei Gemeinsam digital: 2 Neuigkeiten"
    assert "fassen wir in einer E-Mail zusammen" in text
    assert "Sportverein Nord" in text and "Nextcloud-Einsteigerkurs" in text
