"""`network accounts create`, run as a shell would run it, against the test stack."""

import asyncio

from arq.connections import ArqRedis
from click.testing import CliRunner, Result

from network.accounts import passwords, service
from network.accounts.tokens import TokenSigner
from network.cli.main import cli
from network.kit.authorisation import Role
from network.kit.database import Database
from network.settings import Settings
from tests.accounts.conftest import PASSWORD, Api, Emails, graph_account, joined
from tests.accounts.operations import LOG_IN


def environment(settings: Settings) -> dict[str, str]:
    return {
        "NEO4J_URI": settings.neo4j_uri,
        "NEO4J_USER": settings.neo4j_user,
        "NEO4J_PASSWORD": settings.neo4j_password.get_secret_value(),
        "NEO4J_DATABASE": settings.neo4j_database,
        "REDIS_URL": settings.redis_url,
    }


async def invoke(settings: Settings, *args: str, given: str | None = None) -> Result:
    # The command runs its own event loop, so it runs in a thread beside the test's.
    return await asyncio.to_thread(CliRunner().invoke, cli, ["accounts", *args], input=given, env=environment(settings))


async def create(settings: Settings, *args: str) -> Result:
    return await invoke(settings, "create", *args)


async def test_the_cli_creates_a_staff_account_that_can_log_in(
    settings: Settings, emails: Emails, db: Database, queue: ArqRedis, tokens: TokenSigner
) -> None:
    result = await create(settings, "--email", emails("Staff").upper(), "--password", PASSWORD, "--role", "STAFF")
    assert result.exit_code == 0, result.output
    assert f"created STAFF account {emails('staff')}" in result.output
    stored = await graph_account(db, emails("staff"))
    assert stored is not None and stored["role"] == "STAFF" and stored["passwordHash"].startswith("$argon2id$")
    assert stored["verified"] is True  # staff make accounts verified
    gate = service.Gate(queue, emails.client, passwords.offline_gate())
    session = await service.log_in(db, gate, tokens, emails("staff"), PASSWORD)
    assert tokens.verify(session.issued.token).role is Role.STAFF


async def test_the_cli_refuses_a_taken_email(settings: Settings, emails: Emails) -> None:
    args = ("--email", emails("dup"), "--password", PASSWORD, "--role", "MEMBER")
    assert (await create(settings, *args)).exit_code == 0
    again = await create(settings, *args)
    assert again.exit_code == 1
    assert f"an account with the e-mail address {emails('dup')} already exists" in again.output


async def test_the_cli_names_the_password_rule(settings: Settings, emails: Emails, db: Database) -> None:
    result = await create(settings, "--email", emails("weak"), "--password", "short", "--role", "VOLUNTEER")
    assert result.exit_code == 1 and "password: must be 10 to 256 characters long" in result.output
    assert await graph_account(db, emails("weak")) is None


async def test_the_cli_asks_for_the_password_when_not_given(settings: Settings, emails: Emails, db: Database) -> None:
    env = {"NEO4J_URI": settings.neo4j_uri, "REDIS_URL": settings.redis_url}
    result = await asyncio.to_thread(
        CliRunner().invoke,
        cli,
        ["accounts", "create", "--email", emails("asked"), "--role", "MEMBER"],
        input=f"{PASSWORD}\n{PASSWORD}\n",
        env=env,
    )
    assert result.exit_code == 0, result.output
    assert PASSWORD not in result.output and (await graph_account(db, emails("asked")))["role"] == "MEMBER"


async def test_the_cli_verifies_an_account(settings: Settings, api: Api, emails: Emails, db: Database) -> None:
    await joined(api, emails("newcomer"))
    result = await invoke(settings, "verify", emails("NEWCOMER"))
    assert result.exit_code == 0, result.output
    assert f"verified MEMBER account {emails('newcomer')}" in result.output
    assert (await graph_account(db, emails("newcomer")))["verified"] is True
    missing = await invoke(settings, "verify", emails("nobody"))
    assert (
        missing.exit_code == 1 and f"There is no account with the e-mail address {emails('nobody')}" in missing.output
    )


async def test_the_cli_resets_a_password_and_revokes_tokens(
    settings: Settings, api: Api, emails: Emails, db: Database, tokens: TokenSigner
) -> None:
    token = (await joined(api, emails("locked-out")))["token"]
    prompted = await invoke(settings, "reset-password", emails("locked-out"), given="a staff-set passphrase\n" * 2)
    assert prompted.exit_code == 0, prompted.output
    assert (
        "a staff-set passphrase" not in prompted.output and "every token of the account is revoked" in prompted.output
    )
    assert (await graph_account(db, emails("locked-out")))["tokenVersion"] == 1
    assert tokens.verify(token).version == 0  # the old token's version no longer matches the account's
    logged_in = (await api(LOG_IN, email=emails("locked-out"), password="a staff-set passphrase"))["logIn"]
    assert logged_in["errors"] == []

    generated = await invoke(settings, "reset-password", emails("locked-out"), "--generate")
    assert generated.exit_code == 0, generated.output
    new_password = generated.output.split("new password: ")[1].strip()
    assert len(new_password) >= 20
    assert (await api(LOG_IN, email=emails("locked-out"), password=new_password))["logIn"]["errors"] == []
    weak = await invoke(settings, "reset-password", emails("locked-out"), "--password", "short")
    assert weak.exit_code == 1 and "password: must be 10 to 256 characters long" in weak.output
    unknown = await invoke(settings, "reset-password", emails("nobody"), "--generate")
    assert unknown.exit_code == 1 and "There is no account" in unknown.output
