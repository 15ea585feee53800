"""Reasons and retry waits as pure functions."""

import aiosmtplib

from network.mail.reasons import Names, Reading, help_reason_text, reason_text, share_text, slugs_named
from network.mail.retry import MAX_WAIT_S, retry_delay_s
from network.mail.smtp import classify
from tests.mail.rows import NAMES


def test_a_volunteer_reads_what_the_association_needs_at_which_level() -> None:
    reading = Reading(perspective="volunteer", needs={"newsletter": 3})
    found = reason_text({"code": "SKILL_MATCH", "detail": "newsletter"}, reading, NAMES, "de")
    assert found == "braucht Hilfe bei: Newsletter schreiben (ab Stufe 3 von 8)"
    assert reason_text({"code": "KNOWS_TOOL", "detail": "nextcloud"}, reading, NAMES, "en") == (
        "uses Nextcloud, which you know"
    )


def test_an_association_reads_what_a_mentor_offers() -> None:
    reading = Reading(perspective="association", offers={"newsletter": 6})
    assert reason_text({"code": "SKILL_MATCH", "detail": "newsletter"}, reading, NAMES, "en") == (
        "can help with: Writing newsletters (level 6 of 8)"
    )
    assert reason_text({"code": "COMMON_LANGUAGE", "detail": "tr"}, reading, NAMES, "de") == "spricht auch Türkisch"


def test_a_nearby_district_turned_round_names_the_other_sides_district() -> None:
    reading = Reading(perspective="association", turned=True, other_district="mitte")
    assert reason_text({"code": "NEARBY_DISTRICT", "detail": "neukoelln"}, reading, NAMES, "de") == (
        "im Nachbarbezirk Mitte"
    )


def test_a_report_on_a_tool_the_reader_considers_turns_round_like_mentoring() -> None:
    reason = {"code": "REPORTED_ON", "detail": "nextcloud", "direction": "RECEIVES"}
    assert reason_text(reason, Reading(perspective="association"), NAMES, "en") == (
        "reported on Nextcloud, which you are considering"
    )
    assert reason_text(reason, Reading(perspective="association", turned=True), NAMES, "de") == (
        "Sie haben über Nextcloud berichtet, das dort erwogen wird"
    )
    assert slugs_named([reason])["tools"] == {"nextcloud"}


def test_invite_reasons_speak_to_the_reader_and_unknown_codes_stay_readable() -> None:
    reading = Reading(perspective="invite")
    assert reason_text({"code": "OUTREACH", "detail": "SMALL"}, reading, NAMES, "de") == (
        "Wir laden besonders kleine Vereine ohne bezahlte Kräfte ein"
    )
    assert reason_text({"code": "NEW_CODE", "detail": "x"}, reading, Names(), "en") == "NEW_CODE: x"


def test_shares_and_help_reasons() -> None:
    assert share_text(0.02, "de") == "2 %" and share_text(0.005, "en") == "0.5%" and share_text(0.005, "de") == "0,5 %"
    assert help_reason_text({"code": "FEW_OPEN_QUESTIONS", "detail": "1"}, NAMES, "en") == (
        "you have few open questions right now (1)"
    )
    assert slugs_named(
        [{"code": "KNOWS_TOOL", "detail": "nextcloud:EXPERT"}, {"code": "SHARED_FIELD", "detail": "sport"}]
    ) == {"tools": {"nextcloud"}, "skills": set(), "fields": {"sport"}, "groups": set()}


def test_retry_waits_double_up_to_six_hours() -> None:
    assert [retry_delay_s(t, 60) for t in (1, 2, 3)] == [60, 120, 240]
    assert retry_delay_s(30, 60) == MAX_WAIT_S


def test_smtp_failures_are_sorted_into_temporary_and_permanent() -> None:
    refused = aiosmtplib.SMTPRecipientsRefused([aiosmtplib.SMTPRecipientRefused(550, "no such user", "x@y.org")])
    assert classify(refused).permanent
    busy = aiosmtplib.SMTPRecipientsRefused([aiosmtplib.SMTPRecipientRefused(452, "full", "x@y.org")])
    assert not classify(busy).permanent and not classify(busy).connection_lost
    assert classify(aiosmtplib.SMTPDataError(554, "spam")).permanent
    assert not classify(aiosmtplib.SMTPSenderRefused(550, "who?", "me@x.org")).permanent
    lost = classify(ConnectionRefusedError(111, "refused"))
    assert not lost.permanent and lost.connection_lost and lost.reason.startswith("server unreachable")
    assert classify(aiosmtplib.SMTPServerDisconnected("gone")).connection_lost
