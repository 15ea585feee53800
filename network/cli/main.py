"""The `network` console script."""

import click

from network.cli import (
    accounts,
    data,
    evaluate,
    help,
    insights,
    mail,
    match,
    schema,
    schema_sdl,
    service,
    stack,
    synthetic,
)


@click.group()
def cli() -> None:
    """Community networking and matchmaking service."""


cli.add_command(stack.stack_group)
cli.add_command(schema.migrate)
cli.add_command(schema.catalogue_group)
cli.add_command(schema_sdl.schema_sdl)
cli.add_command(service.api)
cli.add_command(service.worker)
cli.add_command(service.jobs_group)
cli.add_command(service.run)
cli.add_command(data.import_command)
cli.add_command(data.export_command)
cli.add_command(data.demo_group)
cli.add_command(accounts.accounts_group)
cli.add_command(mail.mail_group)
cli.add_command(synthetic.generate_command)
cli.add_command(match.match_command)
cli.add_command(evaluate.evaluate_command)
cli.add_command(insights.insights_command)
cli.add_command(help.help_group)

if __name__ == "__main__":
    cli()
