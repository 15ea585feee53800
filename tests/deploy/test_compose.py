"""The deployment files, checked without Docker: docker-compose.yml against the Compose Specification's schema,
and the wiring of both files (dependencies, health checks, settings, commands) against the app itself."""

import json
import re
import shlex
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import click
import jsonschema
import pytest
import yaml
from litestar import Litestar

from network.cli.main import cli
from network.health.controller import HealthController
from network.settings import Settings

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
APP_SERVICES = ("api", "worker")
BACKEND_VARIABLES = ("NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD", "REDIS_URL")

# $$ (a literal $), ${NAME}, ${NAME:-default}, ${NAME-default}, ${NAME:?message}, ${NAME?message}
_VARIABLE = re.compile(r"\$\$|\$\{(?P<name>\w+)(?::?(?P<op>[-?])(?P<arg>[^}]*))?\}")


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def services(compose: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return compose["services"]


def depends_on(service: dict[str, Any]) -> dict[str, dict[str, Any]]:
    deps = service.get("depends_on") or {}
    if isinstance(deps, list):  # the short form waits only for the start
        return {name: {"condition": "service_started"} for name in deps}
    return deps


def environment(service: dict[str, Any]) -> dict[str, str]:
    env = service.get("environment") or {}
    if isinstance(env, list):
        return dict(item.partition("=")[::2] for item in env)
    return {key: "" if value is None else str(value) for key, value in env.items()}


def interpolate(value: str) -> str:
    """What compose makes of a value: defaults filled in, required variables given a stand-in."""

    def resolve(match: re.Match[str]) -> str:
        if match[0] == "$$":
            return "$"
        return match["arg"] if match["op"] == "-" else f"stand-in-{match['name'].lower()}"

    return _VARIABLE.sub(resolve, value)


def settings_of(service: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> Settings:
    """The settings the service's container starts with (no .env file: the image ships none)."""
    for key, value in environment(service).items():
        monkeypatch.setenv(key, interpolate(value))
    return Settings(_env_file=None)  # type: ignore[call-arg]


def image_services(services: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """The services that run this project's image, i.e. the ones that read `Settings`."""
    return {name: service for name, service in services.items() if "build" in service}


def resolve_command(argv: list[str]) -> click.Command:
    """The `network` CLI command that `argv` runs; fails if it names none."""
    assert argv and argv[0] == "network", f"{argv} does not run the `network` CLI"
    command: click.Command = cli
    words = argv[1:]
    while words and not words[0].startswith("-"):
        word = words.pop(0)
        assert isinstance(command, click.Group), f"`{command.name}` has no subcommand {word!r} ({argv})"
        assert word in command.commands, f"`network` has no command {word!r} ({argv})"
        command = command.commands[word]
    assert not isinstance(command, click.Group), f"{argv} names a group of commands, not a command"
    options = {opt for param in command.params for opt in param.opts}
    unknown = [word for word in words if word.startswith("-") and word.split("=")[0] not in options]
    assert not unknown, f"`{command.name}` has no options {unknown}"
    return command


def command_lines(command: str | list[str]) -> list[list[str]]:
    """The command lines a compose `command:` runs, looking into `sh -c "a && b"`."""
    argv = shlex.split(command) if isinstance(command, str) else list(command)
    if argv[:2] in (["sh", "-c"], ["/bin/sh", "-c"]):
        return [shlex.split(part) for part in re.split(r"&&|;", argv[2])]
    return [argv]


def dockerfile_instructions() -> list[tuple[str, str]]:
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
    joined = re.sub(r"\\\n", " ", "\n".join(lines))
    instructions = []
    for line in joined.splitlines():
        if line.strip():
            keyword, _, rest = line.strip().partition(" ")
            instructions.append((keyword.upper(), rest.strip()))
    return instructions


def image_command() -> list[str]:
    """ENTRYPOINT + CMD of the image; both must be in exec form, so that signals reach the app."""
    parts: dict[str, list[str]] = {}
    for keyword, rest in dockerfile_instructions():
        if keyword in ("ENTRYPOINT", "CMD"):
            argv = json.loads(rest)  # the shell form is no JSON, and would put a shell in front of the app
            assert isinstance(argv, list), f"{keyword} {rest} is not in exec form"
            parts[keyword] = argv
    return parts.get("ENTRYPOINT", []) + parts.get("CMD", [])


def image_environment() -> dict[str, str]:
    env: dict[str, str] = {}
    for keyword, rest in dockerfile_instructions():
        if keyword == "ENV":
            env.update(item.partition("=")[::2] for item in shlex.split(rest))
    return env


# (a)
def test_compose_file_matches_the_compose_specification(compose: dict[str, Any]) -> None:
    schema = json.loads((HERE / "compose-spec.json").read_text(encoding="utf-8"))
    # jsonschema does not map the schema's `$schema` address to a draft, so the validator is named here.
    assert "draft-07" in schema["$schema"]
    jsonschema.Draft7Validator.check_schema(schema)
    errors = list(jsonschema.Draft7Validator(schema).iter_errors(compose))
    assert not errors, "\n".join(f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors)


# (b)
def test_services_waited_on_as_healthy_have_a_healthcheck(services: dict[str, dict[str, Any]]) -> None:
    waited = {
        dep
        for service in services.values()
        for dep, how in depends_on(service).items()
        if how.get("condition") == "service_healthy"
    }
    assert {"neo4j", "redis"} <= waited, "the app must wait until Neo4j and Redis answer, not only until they start"
    for name in sorted(waited):
        check = services.get(name, {}).get("healthcheck") or {}
        test = check.get("test")
        assert test and test not in (["NONE"], "NONE") and not check.get("disable"), (
            f"{name} is waited on as healthy but has no healthcheck, so it never becomes healthy"
        )


def test_services_waited_on_to_complete_are_one_shots(services: dict[str, dict[str, Any]]) -> None:
    completed = {
        dep
        for service in services.values()
        for dep, how in depends_on(service).items()
        if how.get("condition") == "service_completed_successfully"
    }
    assert "migrate" in completed, "the API and the worker must not start on a graph without its migrations"
    for name in sorted(completed):
        # `always`/`unless-stopped` would start the one-shot again after it has done its work.
        assert services[name].get("restart", "no") in ("no", "on-failure"), f"{name} is restarted after success"


# (c)
def test_every_dependency_names_a_service_of_the_file(services: dict[str, dict[str, Any]]) -> None:
    for name, service in services.items():
        for dep in depends_on(service):
            assert dep in services, f"{name} depends on {dep!r}, which is no service of this file"
            assert dep != name, f"{name} depends on itself"


# (d)
@pytest.mark.parametrize("name", APP_SERVICES)
def test_app_services_reach_neo4j_and_redis_of_this_file(services: dict[str, dict[str, Any]], name: str) -> None:
    env = environment(services[name])
    missing = [variable for variable in BACKEND_VARIABLES if not env.get(variable)]
    assert not missing, f"{name} lacks {missing}; the settings' defaults point at 127.0.0.1 inside the container"
    for variable, schemes in (("NEO4J_URI", {"bolt", "neo4j"}), ("REDIS_URL", {"redis"})):
        parts = urlsplit(re.sub(r"\$\{[^}]*\}", "interpolated", env[variable]))  # as compose would fill it in
        assert parts.scheme in schemes, f"{name}: {variable}={env[variable]} has an unexpected scheme"
        assert parts.hostname in services, f"{name}: {variable} names host {parts.hostname!r}, which is no service"
        assert depends_on(services[name]).get(parts.hostname, {}).get("condition") == "service_healthy", (
            f"{name} does not wait until {parts.hostname} is healthy"
        )


def test_app_and_neo4j_share_one_password_from_the_environment(services: dict[str, dict[str, Any]]) -> None:
    # The password is required from the environment, never written into the file.
    auth = environment(services["neo4j"])["NEO4J_AUTH"]
    user, _, password = auth.partition("/")
    assert re.fullmatch(r"\$\{NEO4J_PASSWORD:\?[^}]+\}", password), f"NEO4J_AUTH={auth}"
    for name in APP_SERVICES:
        env = environment(services[name])
        assert env["NEO4J_USER"] == user, f"{name} logs in as {env['NEO4J_USER']}, Neo4j knows {user}"
        assert env["NEO4J_PASSWORD"] == password, f"{name} and Neo4j use different passwords"


def test_redis_requires_the_password_the_apps_send(services: dict[str, dict[str, Any]]) -> None:
    redis = services["redis"]
    required = environment(redis)["REDIS_PASSWORD"]
    assert re.fullmatch(r"\$\{REDIS_PASSWORD:\?[^}]+\}", required), f"REDIS_PASSWORD={required}"
    assert "--requirepass" in " ".join(redis["command"]) and "$$REDIS_PASSWORD" in " ".join(redis["command"])
    assert "REDIS_PASSWORD" in " ".join(redis["healthcheck"]["test"]), "the health check would be refused"
    for name in APP_SERVICES:
        url = environment(services[name])["REDIS_URL"]
        assert url.startswith("redis://:${REDIS_PASSWORD:?"), f"{name} sends no Redis password: {url}"


# (e)
def test_app_environment_names_are_settings(services: dict[str, dict[str, Any]]) -> None:
    # Settings ignores unknown variables, so a misspelt name would silently leave the default in place.
    known = {field.upper() for field in Settings.model_fields}
    checked = image_services(services)
    assert set(APP_SERVICES) <= checked.keys()
    for name, service in checked.items():
        unknown = sorted(set(environment(service)) - known)
        assert not unknown, f"{name} sets {unknown}, which no setting reads"


@pytest.mark.parametrize("name", APP_SERVICES)
def test_app_services_run_with_production_settings(
    services: dict[str, dict[str, Any]], name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = settings_of(services[name], monkeypatch)
    assert not settings.graphiql, f"{name} serves GraphiQL"
    assert not settings.introspection, f"{name} allows schema introspection"
    assert settings.log_format == "json"
    assert settings.neo4j_password.get_secret_value() == "stand-in-neo4j_password"


def test_api_listens_where_it_is_published_and_checked(
    services: dict[str, dict[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    api = services["api"]
    settings = settings_of(api, monkeypatch)
    # 127.0.0.1 inside a container cannot be reached through a published port.
    assert settings.api_host == "0.0.0.0"
    container_ports = {int(str(port).split(":")[-1].split("/")[0]) for port in api.get("ports", [])}
    assert settings.api_port in container_ports, f"the API listens on {settings.api_port}, {container_ports} published"
    test = " ".join(api["healthcheck"]["test"])
    url = re.search(r"https?://[^'\" ]+", test)
    assert url, f"the api healthcheck calls no URL: {test}"
    parts = urlsplit(url[0])
    assert parts.port == settings.api_port
    # The controller create_app mounts, on its own: the GraphQL schema is not needed to know its paths.
    paths = {route.path for route in Litestar(route_handlers=[HealthController]).routes}
    assert parts.path in paths, f"the api healthcheck calls {parts.path}, which the app does not serve"


# (f)
def test_image_command_is_a_network_command() -> None:
    assert resolve_command(image_command()).name == "api"


def test_image_runs_as_a_user_and_serves_on_all_interfaces() -> None:
    users = [rest for keyword, rest in dockerfile_instructions() if keyword == "USER"]
    assert users and users[-1].split(":")[0] not in ("root", "0"), "the image runs as root"
    assert image_environment().get("API_HOST") == "0.0.0.0"


def test_compose_commands_are_network_commands(services: dict[str, dict[str, Any]]) -> None:
    ran = {}
    for name, service in image_services(services).items():
        lines = command_lines(service["command"]) if service.get("command") else [image_command()]
        ran[name] = [resolve_command(argv).name for argv in lines]
    assert ran.get("api") == ["api"]
    assert ran.get("worker") == ["worker"]
    # Migrations before the catalogue, the order `network run` uses too.
    assert ran.get("migrate") == ["migrate", "load"]
