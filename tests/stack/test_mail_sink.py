"""The local SMTP sink: started with the stack, mails sent over real SMTP kept byte for byte, and the ways to read them
(the reader, `network mail ...`, the development page)."""

import asyncio
import os
import signal
import time
from email.message import EmailMessage
from html import escape
from pathlib import Path

import aiosmtplib
import httpx
import pytest
from click.testing import CliRunner
from playwright.async_api import async_playwright

from network.cli.main import cli
from network.settings import Settings
from network.stack import mail_sink, stack
from network.stack.debian import ensure_chromium
from network.stack.mail_sink import MailSinkPaths
from network.stack.mail_sink_reader import SinkMailbox, UnknownMail, body, check_mail_id
from network.stack.processes import StackError, read_pid
from network.stack.supervisor import Backoff, Supervisor
from network.web_client.dev_mail import FRAME_SANDBOX, LINKS_OUTSIDE
from tests.support.mail import MailSink
from tests.support.server import free_port, running_api
from tests.support.settings import make_settings


def send(settings: Settings, message: EmailMessage, recipients: list[str] | None = None) -> None:
    asyncio.run(aiosmtplib.send(message, hostname=settings.smtp_host, port=settings.smtp_port, recipients=recipients))


def letter(subject: str, to: str = "ada@example.org", text: str = "Hello.\n") -> EmailMessage:
    message = EmailMessage()
    message["From"] = "Community Network <network@localhost>"
    message["To"] = to
    message["Subject"] = subject
    message.set_content(text)
    return message


def test_the_session_stack_runs_the_sink(live_stack: Settings) -> None:
    assert mail_sink.wanted(live_stack)
    assert read_pid(mail_sink.MailSinkPaths.of(live_stack).pid_file) is not None
    assert stack.status(live_stack)["mail"].startswith(f"up at smtp://127.0.0.1:{live_stack.smtp_port} (local, pid")
    assert mail_sink.start(live_stack) is False  # it answers: not started twice


def test_a_mail_arrives_intact_with_its_envelope(live_stack: Settings, mail_sink: MailSink) -> None:
    message = EmailMessage()
    message["From"] = "Community Network <network@localhost>"
    message["To"] = "Jörg Müller <joerg@example.org>"
    message["Cc"] = "bea@example.org"
    message["Subject"] = "Grüße aus Köln: ein Vorschlag für euch ✓"
    message["Message-ID"] = "<n-1@localhost>"
    message.set_content("Hallo Jörg,\nÄpfel für alle.\n.\n..a line that starts with a dot\n", cte="8bit")
    message.add_alternative("<p>Hallo J&ouml;rg, <b>Äpfel</b></p>\n", subtype="html", cte="8bit")
    sent = message.as_bytes(policy=message.policy.clone(linesep="\r\n"))

    send(live_stack, message, ["joerg@example.org", "bea@example.org", "hidden@example.org"])

    [kept] = mail_sink.wait_for(1, to="hidden@example.org")
    assert kept.get_all("X-Envelope-To") == ["joerg@example.org", "bea@example.org", "hidden@example.org"]
    assert kept["Return-Path"] == "<network@localhost>"
    assert kept["Subject"] == "Grüße aus Köln: ein Vorschlag für euch ✓"
    parts = body(kept)
    assert parts.text == "Hallo Jörg,\nÄpfel für alle.\n.\n..a line that starts with a dot\n"
    assert parts.html == "<p>Hallo J&ouml;rg, <b>Äpfel</b></p>\n"
    # Byte for byte what was sent, after the envelope headers the sink puts in front.
    [summary] = SinkMailbox.of(live_stack).summaries()
    raw = SinkMailbox.of(live_stack).raw(summary["id"])
    assert raw.endswith(sent)
    assert raw[: -len(sent)] == (
        b"Return-Path: <network@localhost>\r\nX-Envelope-To: joerg@example.org\r\n"
        b"X-Envelope-To: bea@example.org\r\nX-Envelope-To: hidden@example.org\r\n"
    )


def test_wait_for_counts_mails_per_recipient(live_stack: Settings, mail_sink: MailSink) -> None:
    for number in range(3):
        send(live_stack, letter(f"to ada {number}"))
    send(live_stack, letter("to bob", to="Bob <BOB@example.org>"))
    assert [str(m["Subject"]) for m in mail_sink.wait_for(3, to="ada@example.org")] == [
        "to ada 0",
        "to ada 1",
        "to ada 2",
    ]
    assert [str(m["Subject"]) for m in mail_sink.wait_for(to="bob@example.org")] == ["to bob"]
    assert len(mail_sink.messages()) == 4


def test_wait_for_fails_with_what_arrived(live_stack: Settings, mail_sink: MailSink) -> None:
    send(live_stack, letter("only one"))
    with pytest.raises(
        pytest.fail.Exception, match=r"1 of 2 mails arrived within 0.3 s; 1 received, the last ones: .*only one"
    ):
        mail_sink.wait_for(2, timeout=0.3)
    with pytest.raises(pytest.fail.Exception, match=r"0 of 1 mails to nobody@example.org arrived"):
        mail_sink.wait_for(to="nobody@example.org", timeout=0.1)


def test_the_fixture_starts_empty(live_stack: Settings, mail_sink: MailSink) -> None:
    assert mail_sink.messages() == []  # the mails of the tests before were cleared


def test_reader_lists_newest_first_and_refuses_bad_ids(live_stack: Settings, mail_sink: MailSink) -> None:
    send(live_stack, letter("first"))
    send(live_stack, letter("second"))
    mail_sink.wait_for(2)
    box = SinkMailbox.of(live_stack)
    assert [summary["subject"] for summary in box.summaries()] == ["second", "first"]
    assert [summary["subject"] for summary in box.summaries(limit=1)] == ["second"]
    with pytest.raises(ValueError, match=r"mail id '\.\./etc' is not 12 hexadecimal characters"):
        box.raw("../etc")
    with pytest.raises(UnknownMail, match="no mail 000000000000 is kept"):
        box.raw("000000000000")
    assert check_mail_id(" ABCDEF012345 ") == "abcdef012345"
    assert box.clear() == 2
    assert box.summaries() == []


def test_sink_starts_and_stops_on_its_own(tmp_path: Path) -> None:
    settings = make_settings(smtp_port=free_port(), local_stack_dir=tmp_path)
    assert mail_sink.start(settings) is True
    try:
        pid = read_pid(mail_sink.MailSinkPaths.of(settings).pid_file)
        assert pid is not None
        send(settings, letter("while it runs"))
        assert [summary["subject"] for summary in SinkMailbox.of(settings).summaries()] == ["while it runs"]
    finally:
        assert mail_sink.stop_local(settings) is True
    assert not mail_sink.answers(settings)
    assert mail_sink.status(settings).startswith("down")
    assert mail_sink.stop_local(settings) is False  # nothing of ours runs any more
    # What it kept outlives it.
    assert [summary["subject"] for summary in SinkMailbox.of(settings).summaries()] == ["while it runs"]


def test_a_mail_the_sink_cannot_store_is_refused_for_now_not_for_good(tmp_path: Path) -> None:
    settings = make_settings(smtp_port=free_port(), local_stack_dir=tmp_path)
    assert mail_sink.start(settings) is True
    scratch = MailSinkPaths.of(settings).maildir / "tmp"
    try:
        scratch.rmdir()
        scratch.write_text("not a folder: every write fails")  # as a full disk would make it fail
        with pytest.raises(aiosmtplib.SMTPDataError) as refused:
            send(settings, letter("while it cannot store"))
        assert refused.value.code == 451  # temporary: the sender keeps the mail and tries again
        scratch.unlink()
        scratch.mkdir()
        send(settings, letter("once it can again"))
    finally:
        mail_sink.stop_local(settings)
    assert [summary["subject"] for summary in SinkMailbox.of(settings).summaries()] == ["once it can again"]


def test_the_supervisor_restarts_a_killed_sink_and_no_kept_mail_is_lost(tmp_path: Path) -> None:
    settings = make_settings(smtp_port=free_port(), local_stack_dir=tmp_path)
    [service] = [service for service in stack.local_services(settings) if service.name == "mail"]
    supervisor = Supervisor(Backoff(first_s=0))
    try:
        supervisor.launch(service)
        send(settings, letter("before"))
        killed = service.pid()
        assert killed is not None
        os.killpg(killed, signal.SIGKILL)
        deadline = time.monotonic() + 10
        while service.running():
            assert time.monotonic() < deadline, "the killed sink still counts as running"
            time.sleep(0.05)

        supervisor.check()  # restarts it without waiting until it answers
        while not mail_sink.answers(settings):
            assert time.monotonic() < deadline + 10, "the restarted sink does not answer"
            time.sleep(0.1)
        assert service.pid() not in (None, killed)
        send(settings, letter("after"))
    finally:
        assert supervisor.stop_all() == ["mail"]
    assert [summary["subject"] for summary in SinkMailbox.of(settings).summaries()] == ["after", "before"]
    assert not list((MailSinkPaths.of(settings).maildir / "tmp").iterdir())  # no half-written mail left


def test_no_sink_for_a_relay_elsewhere(tmp_path: Path) -> None:
    for settings in (
        make_settings(smtp_host="smtp.example.org", smtp_port=587, local_stack_dir=tmp_path),
        make_settings(smtp_host="127.0.0.1", smtp_security="starttls", local_stack_dir=tmp_path),
    ):
        assert not mail_sink.wanted(settings)
        assert mail_sink.start(settings) is False
        assert "mail" not in [service.name for service in stack.local_services(settings)]
        assert mail_sink.status(settings).startswith("not used")
    assert not (tmp_path / "mail").exists()


def test_a_port_taken_by_another_program_is_named(tmp_path: Path) -> None:
    import socket

    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        port = listener.getsockname()[1]
        settings = make_settings(smtp_port=port, local_stack_dir=tmp_path)
        with pytest.raises(StackError, match=f"Port {port} on 127.0.0.1 is taken by a program that does not speak"):
            mail_sink.start(settings)


def cli_env(settings: Settings) -> dict[str, str]:
    return {
        "SMTP_HOST": settings.smtp_host,
        "SMTP_PORT": str(settings.smtp_port),
        "SMTP_SECURITY": settings.smtp_security,
        "LOCAL_STACK_DIR": str(settings.local_stack_dir),
        "COLUMNS": "200",  # wide enough that rich does not wrap a subject across lines
    }


def rich_letter() -> EmailMessage:
    message = letter("Neuer Vorschlag: Tafel Köln ✓", to="Jörg <joerg@example.org>", text="Hallo Jörg,\nschau mal.\n")
    message.add_alternative(
        '<p>Hallo <a href="https://example.org/s/1">Jörg</a></p><script>alert(1)</script>\n', "html"
    )
    return message


def test_cli_lists_shows_and_clears(live_stack: Settings, mail_sink: MailSink) -> None:
    runner = CliRunner()
    env = cli_env(live_stack)
    empty = runner.invoke(cli, ["mail", "list"], env=env)
    assert empty.exit_code == 0 and "No mails kept in" in empty.output
    send(live_stack, rich_letter(), ["joerg@example.org"])
    send(live_stack, letter("Erinnerung"), ["ada@example.org"])
    mail_sink.wait_for(2)
    [reminder, suggestion] = SinkMailbox.of(live_stack).summaries()

    listed = runner.invoke(cli, ["mail", "list"], env=env)
    assert listed.exit_code == 0, listed.output
    assert "(2 of 2, newest first)" in listed.output
    lines = listed.output.splitlines()
    [reminder_line] = [line for line in lines if reminder["id"] in line]
    assert "Erinnerung" in reminder_line and "ada@example.org" in reminder_line
    [suggestion_line] = [line for line in lines if suggestion["id"] in line]
    assert "Neuer Vorschlag: Tafel Köln ✓" in suggestion_line and "joerg@example.org" in suggestion_line
    assert lines.index(reminder_line) < lines.index(suggestion_line)  # newest first
    limited = runner.invoke(cli, ["mail", "list", "--limit", "1"], env=env)
    assert "(1 of 2, newest first)" in limited.output and suggestion["id"] not in limited.output

    shown = runner.invoke(cli, ["mail", "show", suggestion["id"]], env=env)
    assert shown.exit_code == 0, shown.output
    assert "Subject: Neuer Vorschlag: Tafel Köln ✓" in shown.output
    assert "X-Envelope-To: joerg@example.org" in shown.output
    assert "Hallo Jörg,\nschau mal." in shown.output
    assert "<script>" not in shown.output and "`--html` prints it" in shown.output
    with_html = runner.invoke(cli, ["mail", "show", suggestion["id"].upper(), "--html"], env=env)
    assert '<a href="https://example.org/s/1">Jörg</a>' in with_html.output
    raw = runner.invoke(cli, ["mail", "show", suggestion["id"], "--raw"], env=env)
    assert raw.stdout_bytes == SinkMailbox.of(live_stack).raw(suggestion["id"])
    assert raw.stdout_bytes.startswith(b"Return-Path: <network@localhost>\r\nX-Envelope-To: joerg@example.org\r\n")

    unknown = runner.invoke(cli, ["mail", "show", "0123456789ab"], env=env)
    assert unknown.exit_code == 1 and "no mail 0123456789ab is kept" in unknown.output
    malformed = runner.invoke(cli, ["mail", "show", "../../etc/passwd"], env=env)
    assert malformed.exit_code == 1 and "is not 12 hexadecimal characters" in malformed.output

    kept = runner.invoke(cli, ["mail", "clear"], env=env, input="n\n")
    assert kept.exit_code == 1 and "Delete the 2 mails" in kept.output and len(mail_sink.messages()) == 2
    cleared = runner.invoke(cli, ["mail", "clear", "--yes"], env=env)
    assert cleared.exit_code == 0 and "deleted 2 mails" in cleared.output
    assert mail_sink.messages() == []


def test_cli_says_when_smtp_goes_elsewhere(live_stack: Settings) -> None:
    env = {**cli_env(live_stack), "SMTP_HOST": "smtp.example.org", "SMTP_SECURITY": "starttls"}
    result = CliRunner().invoke(cli, ["mail", "list"], env=env)
    assert result.exit_code == 1
    assert "SMTP goes to smtp.example.org:" in result.output and "not to the local sink" in result.output


def test_dev_page_lists_and_shows_mails_with_the_html_sandboxed(live_stack: Settings, mail_sink: MailSink) -> None:
    send(live_stack, rich_letter(), ["joerg@example.org"])
    [kept] = mail_sink.wait_for(1)
    [summary] = SinkMailbox.of(live_stack).summaries()
    with (
        running_api(live_stack.model_copy(update={"dev_mail_page": True})) as base_url,
        httpx.Client(base_url=base_url) as client,
    ):
        listing = client.get("/dev/mail")
        assert listing.status_code == 200 and listing.headers["content-type"].startswith("text/html")
        assert f'<a href="/dev/mail/{summary["id"]}">Neuer Vorschlag: Tafel Köln ✓</a>' in listing.text
        assert "1 of 1 mails" in listing.text
        assert "script-src" not in listing.headers["content-security-policy"]  # default-src 'none': no script
        assert listing.headers["content-security-policy"].startswith("default-src 'none'")

        page = client.get(f"/dev/mail/{summary['id']}")
        assert page.status_code == 200
        assert "<pre>Hallo Jörg,\nschau mal.\n</pre>" in page.text
        # The HTML part only inside a sandboxed frame, escaped into its srcdoc; nothing of it runs in the page.
        html = str(body(kept).html)
        frame = f'<iframe sandbox="{FRAME_SANDBOX}" title="HTML part" srcdoc="{escape(LINKS_OUTSIDE + html)}">'
        assert frame in page.text
        assert "<script>" not in page.text and "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text

        assert client.get("/dev/mail/0123456789ab").status_code == 404
        bad = client.get("/dev/mail/not-an-id")
        assert bad.status_code == 400 and "is not 12 hexadecimal characters" in bad.text


async def test_in_a_browser_the_html_runs_no_script_and_its_links_open_outside(
    live_stack: Settings, mail_sink: MailSink
) -> None:
    with running_api(live_stack.model_copy(update={"dev_mail_page": True})) as base_url:
        message = letter("Mit Skript")
        message.add_alternative(
            f'<p id="greeting">Hallo Jörg</p><a id="link" href="{base_url}/health/live">open</a>'
            '<script>document.getElementById("greeting").textContent = "script ran"; parent.document.title = "x"'
            "</script>",
            "html",
        )
        await aiosmtplib.send(message, hostname=live_stack.smtp_host, port=live_stack.smtp_port)
        mail_sink.wait_for(1)
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(executable_path=ensure_chromium(), args=["--no-sandbox"])
            try:
                page = await browser.new_page()
                await page.goto(f"{base_url}/dev/mail")
                await page.click("text=Mit Skript")
                frame = page.frame_locator("iframe")
                assert await frame.locator("#greeting").inner_text() == "Hallo Jörg"
                assert await page.title() == "Mit Skript"
                async with page.expect_popup() as popup_info:
                    await frame.locator("#link").click()
                popup = await popup_info.value
                await popup.wait_for_load_state()
                assert popup.url == f"{base_url}/health/live"
                assert '"status":"ok"' in await popup.content()
            finally:
                await browser.close()


def test_dev_page_is_off_unless_set(live_stack: Settings, mail_sink: MailSink) -> None:
    assert Settings.model_fields["dev_mail_page"].default is False
    send(live_stack, rich_letter(), ["joerg@example.org"])
    mail_sink.wait_for(1)
    [summary] = SinkMailbox.of(live_stack).summaries()
    with running_api(live_stack) as base_url, httpx.Client(base_url=base_url) as client:
        for path in ("/dev/mail", f"/dev/mail/{summary['id']}"):
            response = client.get(path)
            # The web client's fallback answers instead (its index page, or "not built"): no mail in it.
            assert "Tafel Köln" not in response.text and "joerg@example.org" not in response.text, path
            assert "Mails kept by the local sink" not in response.text, path
