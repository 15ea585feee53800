"""`network mail list|show|clear`: the mails the local SMTP sink kept (what the service sent in development)."""

import sys

import click
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from network.settings import Settings
from network.stack import mail_sink
from network.stack.mail_sink_reader import SinkMailbox, UnknownMail, body


@click.group("mail")
def mail_group() -> None:
    """Read the mails the local SMTP sink kept (`network run` starts it when SMTP_HOST is this machine)."""


def _mailbox(settings: Settings) -> SinkMailbox:
    if not mail_sink.wanted(settings):
        raise click.ClickException(
            f"SMTP goes to {settings.smtp_host}:{settings.smtp_port} (security {settings.smtp_security}), "
            "not to the local sink: its mails are kept there, not here."
        )
    return SinkMailbox.of(settings)


@mail_group.command("list")
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True, help="Newest mails shown.")
def list_mails(limit: int) -> None:
    """List the kept mails, newest first."""
    box = _mailbox(Settings())
    summaries = box.summaries(limit=limit)
    console = Console(file=sys.stdout)
    if not summaries:
        console.print(f"No mails kept in {escape(str(box.maildir))}.")
        return
    table = Table(title=f"Mails kept by the local sink ({len(summaries)} of {box.count()}, newest first)")
    table.add_column("id", no_wrap=True)
    table.add_column("received (UTC)", no_wrap=True)
    # Folded, never cut: an address is copied from here.
    table.add_column("from", overflow="fold")
    table.add_column("to (envelope)", overflow="fold")
    table.add_column("subject", overflow="fold")
    for summary in summaries:
        table.add_row(
            summary["id"],
            summary["received"].strftime("%Y-%m-%d %H:%M:%S"),
            escape(summary["sender"] or summary["envelope_from"]),
            escape(", ".join(summary["envelope_to"]) or summary["to"]),
            escape(summary["subject"]),
        )
    console.print(table)
    console.print("Read one with `network mail show ID`.")


@mail_group.command("show")
@click.argument("mail_id")
@click.option("--html", "with_html", is_flag=True, help="Also print the HTML part's source.")
@click.option("--raw", is_flag=True, help="Print the mail exactly as received (envelope headers first).")
def show(mail_id: str, with_html: bool, raw: bool) -> None:
    """Show one mail: its headers and its text (MAIL_ID as `network mail list` shows it)."""
    box = _mailbox(Settings())
    try:
        data = box.raw(mail_id)
    except (ValueError, UnknownMail) as error:
        raise click.ClickException(str(error)) from error
    if raw:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)  # the bytes themselves: CRLF and 8-bit as received
        sys.stdout.buffer.flush()
        return
    message = box.message(mail_id)
    console = Console(file=sys.stdout, highlight=False)
    for name, value in message.items():
        if name.lower().startswith("content-") or name.lower() == "mime-version":
            continue  # how the parts are packed, not what the mail says
        console.print(f"[bold]{escape(name)}:[/bold] {escape(str(value))}")
    parts = body(message)
    console.rule("text")
    console.print(escape(parts.text) if parts.text is not None else "(no text part)", soft_wrap=True)
    if with_html:
        console.rule("html")
        console.print(escape(parts.html) if parts.html is not None else "(no HTML part)", soft_wrap=True)
    elif parts.html is not None:
        console.rule()
        console.print("It has an HTML part too: `--html` prints it, the page /dev/mail shows it.")


@mail_group.command("clear")
@click.option("--yes", is_flag=True, help="Do not ask first.")
def clear(yes: bool) -> None:
    """Delete every kept mail."""
    box = _mailbox(Settings())
    if not yes:
        click.confirm(f"Delete the {box.count()} mails kept in {box.maildir}?", abort=True)
    click.echo(f"deleted {box.clear()} mails")
