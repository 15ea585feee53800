"""The service's settings, read from the environment once and passed on explicitly."""

import ipaddress
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, ValidationInfo, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Every setting, with the environment variable of the same name in upper case."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    neo4j_uri: str = "bolt://127.0.0.1:7687"
    neo4j_user: str = "neo4j"
    neo4j_password: SecretStr = SecretStr("community-network-local")
    neo4j_database: str = "neo4j"
    neo4j_query_timeout_s: float = Field(
        10.0, gt=0, description="Longest a database call may take, retries included; then it fails as UNAVAILABLE."
    )
    neo4j_retry_s: float = Field(
        2.0, ge=0, description="How long a failed transaction is retried (within the timeout) before it fails."
    )

    redis_url: str = "redis://127.0.0.1:6379/0"

    # Freshness of suggestions (network/suggestions/freshness.py, jobs/tasks/suggestions.py).
    # With live suggestions the refresh only ranks the invites of upcoming events again (a load of both sides and a
    # ranking and write per event: at 100k with 53 events it ran back to back under load and slowed the API down);
    # a minute is soon enough for events weeks ahead. With LIVE_SUGGESTIONS=false set it lower (it was 5 s).
    refresh_debounce_s: float = Field(60.0, ge=0, le=3600, description="How long a refresh waits for more changes.")
    live_suggestions: bool = Field(
        True, description="The worker applies each change to the peer suggestions as it comes (jobs/live.py)."
    )
    suggestion_expiry_days: int = Field(30, ge=1, description="Days after which an unanswered suggestion expires.")
    insights_min_count: int = Field(
        5, ge=2, description='Smallest count the staff insights show exactly; below it a cell reads "<5".'
    )
    insights_refresh_s: int = Field(
        900,
        ge=0,
        le=3600,
        description="The worker takes the staff insights every this many seconds (whole minutes, at least one) and "
        "the `insights` query serves its last run; 0: taken on each request.",
    )
    insights_timeout_s: float = Field(
        540.0,
        gt=0,
        description="Longest the worker and `network insights` may take for all the insights in their one read "
        "transaction (about a minute at 100k associations); below the job's own limit of 600 s.",
    )
    nightly_recompute_hour: int = Field(3, ge=0, le=23, description="Hour of the nightly full recompute.")
    jobs_timezone: str = Field("Europe/Berlin", description="Time zone of the worker's schedules (IANA name).")
    job_run_retention_days: int = Field(
        14,
        ge=1,
        description="Days a finished job run is kept before the hourly "
        "cleanup deletes it; queued and running runs stay.",
    )
    # Leases of the worker (jobs/worker.py, network/kit/freshness.py): renewed every third of the lease while the
    # holder works, so a holder that dies frees the suggestion writer lock and its queued job within one lease.
    job_lease_s: float = Field(
        30.0, ge=1, le=600, description="Lease of the suggestion writer lock and of a running job in the queue."
    )
    job_run_stale_s: float = Field(
        120.0,
        ge=2,
        description="A RUNNING job run without a heartbeat for this long is marked FAILED by the worker's sweep; "
        "at least twice JOB_LEASE_S, so a retry of a killed job comes first.",
    )
    worker_metrics_port: int = Field(
        0, ge=0, le=65535, description="Port of the worker's Prometheus /metrics (on API_HOST); 0 = off."
    )

    @field_validator("job_run_stale_s")
    @classmethod
    def _stale_after_leases(cls, value: float, info: ValidationInfo) -> float:
        lease = info.data.get("job_lease_s")
        if lease is not None and value < 2 * lease:
            raise ValueError(f"must be at least twice JOB_LEASE_S ({lease} s), so a killed job is retried first")
        return value

    # E-mail (network/mail, jobs/tasks/mail.py): notifications go out over SMTP; `network run` and the tests start a
    # local sink on SMTP_PORT that keeps every mail (`network mail list`). In production, point these at the relay.
    smtp_host: str = "127.0.0.1"
    smtp_port: int = Field(8025, ge=1, le=65535)
    smtp_security: Literal["none", "starttls", "tls"] = Field(
        "none", description="none (a local sink), starttls (submission, port 587) or tls (implicit TLS, port 465)."
    )
    smtp_username: str | None = None
    smtp_password: SecretStr | None = None
    smtp_timeout_s: float = Field(10.0, gt=0, description="Longest one SMTP conversation may stall.")
    mail_from: str = Field("Community Network <network@localhost>", description="From: of every mail sent.")
    mail_help_address: str = Field(
        "help@localhost", description="Where people send technical questions; replies to routed questions go here."
    )
    public_url: str = Field(
        "http://127.0.0.1:8000", description="Where people reach the web client: links in mails start with it."
    )
    mail_batch_size: int = Field(
        200, ge=1, le=5000, description="Accounts one delivery claim takes (up to four times as many notifications)."
    )
    mail_max_tries: int = Field(
        8, ge=1, le=50, description="Tries of a notification over temporary SMTP failures before it is FAILED."
    )
    mail_retry_s: float = Field(
        60.0, gt=0, le=3600, description="Wait before a notification's first retry; doubles per try, up to 6 hours."
    )
    reminder_first_days: int = Field(3, ge=1, description="Days after a suggestion was proposed: first reminder.")
    reminder_last_days: int = Field(7, ge=1, description="Days after a suggestion was proposed: last reminder.")
    event_reminder_days: int = Field(2, ge=1, description="Days before an event's start: the registered are reminded.")
    notification_retention_days: int = Field(
        90,
        ge=1,
        description="Days a sent, skipped or failed notification is kept (what it said included) before the "
        "hourly cleanup deletes it; pending ones stay.",
    )
    digest_hour: int = Field(7, ge=0, le=23, description="Hour of the daily and weekly (Monday) digests.")
    inbound_smtp_port: int = Field(
        0, ge=0, le=65535, description="Port of the service's own SMTP receiver for the help address; 0 = off."
    )
    inbound_smtp_host: str = Field(
        "127.0.0.1", description="Address the help receiver listens on (0.0.0.0: every interface)."
    )
    inbound_max_bytes: int = Field(256_000, ge=1024, description="Largest inbound mail accepted.")
    help_unanswered_days: int = Field(3, ge=1, description="Days after which staff see a question as unanswered.")

    @field_validator("reminder_last_days")
    @classmethod
    def _last_after_first(cls, value: int, info: ValidationInfo) -> int:
        first = info.data.get("reminder_first_days")
        if first is not None and value <= first:
            raise ValueError(f"must be later than REMINDER_FIRST_DAYS ({first})")
        return value

    api_host: str = "127.0.0.1"
    api_port: int = Field(8000, ge=1, le=65535)
    # API processes on one port (uvicorn workers): one process serves one core; each holds its own driver pool and
    # pub/sub connection, and everything they share lives in Neo4j and Redis
    api_workers: int = Field(1, ge=1, le=64)
    graphiql: bool = True
    # The built web client (`make web`), served at /; relative paths are from the working directory.
    web_dist_dir: Path = Path("web/dist")
    introspection: bool = True
    # Everyone who reaches the API could read every mail the local sink kept (sign-in links among them): development
    # only. `network run` turns it on when SMTP goes to the local sink.
    dev_mail_page: bool = Field(False, description="Serve /dev/mail, the mails the local SMTP sink kept.")
    # Limits on one GraphQL request, checked before any resolver runs (network/kit/limits).
    max_query_depth: int = Field(10, ge=1, description="How many selection sets may nest.")
    max_query_aliases: int = Field(15, ge=0, description="How many aliased fields one query may have.")
    max_query_tokens: int = Field(2000, ge=1, description="How many lexical tokens one document may have.")
    catalogue_cache_s: float = Field(300, ge=0, description="How long the API reuses the catalogue it read.")
    viewer_cache_s: float = Field(
        1.0,
        ge=0,
        le=60,
        description="How long an API process reuses a token's account (role, memberships) it read; a mutation on "
        "the same process clears it. 0: read on every request.",
    )
    # Lists count what they can serve (network/kit/limits/measures.py); the web client's largest page (an event's
    # invite suggestions with their reasons and groups) is estimated at 92,012.
    max_query_cost: int = Field(120_000, ge=1, description="Estimated fields to resolve, lists counted per item.")
    max_response_bytes: int = Field(
        2_000_000, ge=1024, description="Largest GraphQL response sent; a larger one is refused with an error."
    )
    max_request_json_depth: int = Field(
        64, ge=8, description="How deeply a request's JSON body (variables included) may nest."
    )

    # `/metrics` for Prometheus; with a token set, scrapers must send it as `Authorization: Bearer <token>`.
    metrics_enabled: bool = True
    metrics_token: SecretStr | None = None

    # Signs bearer tokens (at least 32 bytes). Unset: a random one per process, so tokens die with it.
    token_secret: SecretStr | None = None
    token_ttl_minutes: int = Field(720, ge=1, description="How long a bearer token is valid.")
    # Abuse limits of accounts (network/accounts/ratelimit.py, network/accounts/passwords.py).
    trusted_proxies: list[str] = Field(
        default_factory=list,
        description="Addresses or networks (CIDR) of reverse proxies whose X-Forwarded-For names the client, as a "
        "JSON list: TRUSTED_PROXIES='[\"10.0.0.0/8\"]'. Empty: the peer address is the client.",
    )
    password_hash_slots: int = Field(4, ge=1, le=64, description="Password hashes computed at once (64 MiB each).")
    password_hash_queue: int = Field(
        8, ge=0, le=1024, description="Password hashes that may wait for a slot; more are refused at once (BUSY)."
    )

    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    log_format: Literal["json", "console"] = "console"

    # The local stack: where downloaded jars and the data of the local Neo4j and Redis live.
    local_stack_dir: Path = Path(".local/stack")
    local_cache_dir: Path = Path(".local/cache")
    neo4j_heap_mb: int = Field(768, ge=256)
    neo4j_pagecache_mb: int = Field(256, ge=32)

    @field_validator("metrics_token", mode="before")
    @classmethod
    def _unset_when_empty(cls, value: object) -> object:
        # An empty METRICS_TOKEN (as a compose file passes an unset variable) means no token, not an empty one.
        return None if value == "" else value

    @field_validator("jobs_timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as error:
            raise ValueError(f"unknown time zone {value!r}; use an IANA name such as Europe/Berlin or UTC") from error
        return value

    @field_validator("trusted_proxies")
    @classmethod
    def _networks(cls, value: list[str]) -> list[str]:
        for entry in value:
            try:
                ipaddress.ip_network(entry, strict=False)
            except ValueError as error:
                raise ValueError(f"{entry!r} is not an IP address or network (such as 10.0.0.0/8)") from error
        return value

    @property
    def neo4j_address(self) -> tuple[str, int]:
        parts = urlsplit(self.neo4j_uri)
        return parts.hostname or "127.0.0.1", parts.port or 7687

    @property
    def redis_address(self) -> tuple[str, int]:
        parts = urlsplit(self.redis_url)
        return parts.hostname or "127.0.0.1", parts.port or 6379
