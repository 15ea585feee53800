"""Reading one mail, as pure functions: a reply's own text, a new question's text, its language, automatic mail."""

from email.message import EmailMessage

from network.help.inbound import html_text, question_text, read, strip_reply
from tests.support.settings import make_settings

SETTINGS = make_settings(mail_from="Community Network <network@help.test>", mail_help_address="help@help.test")


def _raw(body: str = "Hallo", **headers: str) -> bytes:
    message = EmailMessage()
    message["From"] = headers.pop("From", "Anna <anna@example.org>")
    message["To"] = "help@help.test"
    message["Message-ID"] = headers.pop("Message_ID", "<m1@example.org>")
    message.set_content(body)  # before the headers: it drops every Content-* header set earlier
    for name, value in headers.items():
        message[name.replace("_", "-")] = value
    return message.as_bytes()


def test_quoted_lines_the_attribution_and_the_signature_are_cut() -> None:
    reply = (
        "Rechtsklick auf den Ordner, dann Teilen.\n\nViele Grüße\n-- \nAnna\nVerein Beispiel\n\n"
        "Am Mo., 7. Dez. 2026 um 10:00 Uhr schrieb Community Network\n<help@help.test>:\n"
        "> Wie teile ich einen Ordner?\n"
    )
    assert strip_reply(reply) == "Rechtsklick auf den Ordner, dann Teilen.\n\nViele Grüße"


def test_an_english_attribution_and_everything_below_it_goes() -> None:
    reply = "Use the share button.\n\nOn Mon, Dec 7, 2026 at 10:00 AM Network <help@help.test> wrote:\nquoted\n> more"
    assert strip_reply(reply) == "Use the share button."


def test_inline_quotes_are_dropped_and_the_answers_between_them_kept() -> None:
    reply = "> Frage eins?\nAntwort eins.\n> Frage zwei?\nAntwort zwei."
    assert strip_reply(reply) == "Antwort eins.\nAntwort zwei."


def test_an_outlook_header_block_ends_the_reply() -> None:
    reply = "Geht so.\n\nVon: Community Network <help@help.test>\nGesendet: Montag\nAn: Anna\nBetreff: Frage"
    assert strip_reply(reply) == "Geht so."
    assert strip_reply("Ok\n-----Original Message-----\nFrom: x") == "Ok"


def test_a_reply_of_quotes_only_has_no_text() -> None:
    assert strip_reply("> nur zitiert\n\nOn Mon, someone wrote:\n> mehr") == ""


def test_a_line_that_starts_like_an_attribution_but_is_not_one_stays() -> None:
    assert strip_reply("Am besten nimmst du Nextcloud.") == "Am besten nimmst du Nextcloud."


def test_a_new_question_is_its_subject_and_body_without_reply_prefixes_or_signature() -> None:
    mail = read(_raw("Wie geht das?\n-- \nAnna", Subject="AW: Re: Nextcloud teilen"), SETTINGS)
    assert question_text(mail) == "Nextcloud teilen\n\nWie geht das?"
    assert mail.sender == "anna@example.org"
    assert mail.message_id == "<m1@example.org>"


def test_the_language_comes_from_content_language_else_german() -> None:
    assert read(_raw(Content_Language="en-GB"), SETTINGS).language == "en"
    assert read(_raw(Content_Language="nonsense!"), SETTINGS).language == "de"
    assert read(_raw(), SETTINGS).language == "de"


def test_automatic_mail_and_our_own_mail_are_recognised() -> None:
    assert read(_raw(), SETTINGS).automatic is None
    assert read(_raw(Auto_Submitted="no"), SETTINGS).automatic is None
    for headers in (
        {"Auto_Submitted": "auto-replied"},
        {"Precedence": "bulk"},
        {"Precedence": "junk"},
        {"X_Autoreply": "yes"},
        {"X_Autorespond": "on"},
        {"List_Id": "<list.example.org>"},
        {"From": "network@help.test"},
        {"From": "Help <HELP@help.test>"},
    ):
        assert read(_raw(**headers), SETTINGS).automatic is not None, headers
    assert read(_raw(), SETTINGS, envelope_sender="<>").automatic == "a bounce (empty envelope sender)"


def test_a_mail_without_message_id_gets_the_hash_of_its_bytes() -> None:
    raw = _raw(Message_ID="")
    first, second = read(raw, SETTINGS), read(raw, SETTINGS)
    assert first.message_id.startswith("<sha256:") and first.message_id == second.message_id


def test_replies_name_the_ids_they_answer_nearest_first() -> None:
    mail = read(_raw(In_Reply_To="<b@x>", References="<a@x> <b@x>"), SETTINGS)
    assert mail.threads == ["<b@x>", "<a@x>"]


def test_html_becomes_text_without_scripts_and_with_quotes_marked() -> None:
    text = html_text("<p>Hallo<br>Welt</p><script>x()</script><blockquote>zitiert</blockquote>")
    assert strip_reply(text) == "Hallo\nWelt"
