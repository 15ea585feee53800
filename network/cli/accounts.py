"""`network accounts ...`: accounts of any role (STAFF included, which the API never hands out), verification and
password resets by staff."""

import secrets

import click
from pydantic import ValidationError

from network.accounts import service
from network.accounts.errors import EmailTaken
from network.accounts.models import AccountInput
from network.cli.common import with_database
from network.kit.authorisation import Role
from network.kit.errors import NetworkError
from network.kit.graphql_errors import field_errors
from network.settings import Settings


def _refused(error: ValidationError | NetworkError) -> click.ClickException:
    return click.ClickException("; ".join(problem.message for problem in field_errors(error)))


@click.group("accounts")
def accounts_group() -> None:
    """Accounts that log in to the API."""


@accounts_group.command("create")
@click.option("--email", required=True, help="E-mail address to log in with.")
@click.option(
    "--password",
    prompt=True,
    hide_input=True,
    confirmation_prompt=True,
    help="10 to 256 characters; asked for when not given, so it stays out of the shell history.",
)
@click.option("--role", type=click.Choice([role.value for role in Role]), required=True)
def create(email: str, password: str, role: str) -> None:
    """Create a verified account; STAFF accounts can only be made here."""
    try:
        data = AccountInput(email=email, password=password, role=Role(role))
    except ValidationError as error:
        raise _refused(error) from error
    try:
        account = with_database(Settings(), lambda db: service.create_account(db, data))
    except EmailTaken as error:
        raise click.ClickException(f"an account with the e-mail address {data.email} already exists") from error
    click.echo(f"created {account['role']} account {account['email']} ({account['id']})")


@accounts_group.command("verify")
@click.argument("email")
def verify(email: str) -> None:
    """Verify the account of EMAIL: it then sees volunteers and members' content and may create profiles."""
    try:
        account = with_database(Settings(), lambda db: service.verify(db, email))
    except (ValidationError, NetworkError) as error:
        raise _refused(error) from error
    click.echo(f"verified {account['role']} account {account['email']}")


@accounts_group.command("reset-password")
@click.argument("email")
@click.option(
    "--password",
    help="The new password (10 to 256 characters); asked for when neither it nor --generate is given.",
)
@click.option("--generate", is_flag=True, help="Generate a random password and print it once.")
def reset_password(email: str, password: str | None, generate: bool) -> None:
    """Set a new password for the account of EMAIL and revoke all its tokens (it must log in again)."""
    if password is not None and generate:
        raise click.UsageError("give --password or --generate, not both")
    if generate:
        password = secrets.token_urlsafe(15)  # 20 characters, 120 bits
    elif password is None:
        password = click.prompt("New password", hide_input=True, confirmation_prompt=True)
    chosen = str(password)
    try:
        account = with_database(Settings(), lambda db: service.reset_password(db, email, chosen))
    except (ValidationError, NetworkError) as error:
        raise _refused(error) from error
    click.echo(f"reset the password of {account['email']}; every token of the account is revoked")
    if generate:
        click.echo(f"new password: {chosen}")
