"""`network accounts create`: accounts of any role, STAFF included, which the API never hands out."""

import click
from pydantic import ValidationError

from network.accounts import service
from network.accounts.errors import EmailTaken
from network.accounts.models import AccountInput
from network.cli.common import with_database
from network.kit.authorisation import Role
from network.kit.graphql_errors import field_errors
from network.settings import Settings


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
    """Create an account; STAFF accounts can only be made here."""
    try:
        data = AccountInput(email=email, password=password, role=Role(role))
    except ValidationError as error:
        raise click.ClickException("; ".join(problem.message for problem in field_errors(error))) from error
    try:
        account = with_database(Settings(), lambda db: service.create_account(db, data))
    except EmailTaken as error:
        raise click.ClickException(f"an account with the e-mail address {data.email} already exists") from error
    click.echo(f"created {account['role']} account {account['email']} ({account['id']})")
