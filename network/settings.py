"""The service's settings, read from the environment once and passed on explicitly."""

from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Every setting, with the environment variable of the same name in upper case."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    neo4j_uri: str = "bolt://127.0.0.1:7687"
    neo4j_user: str = "neo4j"
    neo4j_password: SecretStr = SecretStr("community-network-local")
    neo4j_database: str = "neo4j"
    neo4j_query_timeout_s: float = Field(10.0, gt=0, description="Timeout of every database transaction.")

    redis_url: str = "redis://127.0.0.1:6379/0"

    # Freshness of suggestions (network/suggestions/freshness.py, jobs/tasks/suggestions.py).
    refresh_debounce_s: float = Field(5.0, ge=0, le=3600, description="How long a refresh waits for more changes.")
    suggestion_expiry_days: int = Field(30, ge=1, description="Days after which an unanswered suggestion expires.")
    nightly_recompute_hour: int = Field(3, ge=0, le=23, description="Hour of the nightly full recompute.")
    jobs_timezone: str = Field("Europe/Berlin", description="Time zone of the worker's schedules (IANA name).")
    job_run_retention_days: int = Field(
        14,
        ge=1,
        description="Days a finished job run is kept before the hourly "
        "cleanup deletes it; queued and running runs stay.",
    )

    api_host: str = "127.0.0.1"
    api_port: int = Field(8000, ge=1, le=65535)
    graphiql: bool = True
    # The built web client (`make web`), served at /; relative paths are from the working directory.
    web_dist_dir: Path = Path("web/dist")
    introspection: bool = True
    # Limits on one GraphQL request, checked before any resolver runs (network/kit/limits).
    max_query_depth: int = Field(10, ge=1, description="How many selection sets may nest.")
    max_query_aliases: int = Field(15, ge=0, description="How many aliased fields one query may have.")
    max_query_tokens: int = Field(2000, ge=1, description="How many lexical tokens one document may have.")
    catalogue_cache_s: float = Field(300, ge=0, description="How long the API reuses the catalogue it read.")
    max_query_cost: int = Field(25000, ge=1, description="Estimated fields to resolve, lists counted per item.")

    # Signs bearer tokens (at least 32 bytes). Unset: a random one per process, so tokens die with it.
    token_secret: SecretStr | None = None
    token_ttl_minutes: int = Field(720, ge=1, description="How long a bearer token is valid.")

    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    log_format: Literal["json", "console"] = "console"

    # The local stack: where downloaded jars and the data of the local Neo4j and Redis live.
    local_stack_dir: Path = Path(".local/stack")
    local_cache_dir: Path = Path(".local/cache")
    neo4j_heap_mb: int = Field(768, ge=256)
    neo4j_pagecache_mb: int = Field(256, ge=32)

    @field_validator("jobs_timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as error:
            raise ValueError(f"unknown time zone {value!r}; use an IANA name such as Europe/Berlin or UTC") from error
        return value

    @property
    def neo4j_address(self) -> tuple[str, int]:
        parts = urlsplit(self.neo4j_uri)
        return parts.hostname or "127.0.0.1", parts.port or 7687

    @property
    def redis_address(self) -> tuple[str, int]:
        parts = urlsplit(self.redis_url)
        return parts.hostname or "127.0.0.1", parts.port or 6379
