"""What one request of the soak came to: success, or one error kind that the report counts.

Kinds: `HTTP <status>`, `GraphQL <code>` (a top-level error; its `extensions.code`, UNEXPECTED for the masked
"Unexpected error", ERROR without a code), `payload <code>` (a mutation's typed error), `timeout` and `connection`.
"""

import json
from dataclasses import dataclass
from typing import Any

import httpx

MASKED = "Unexpected error"


@dataclass(frozen=True)
class Outcome:
    error: str | None  # the kind, None for success
    detail: str = ""  # the first part of what was answered, for the report's examples
    data: dict[str, Any] | None = None  # the answer's `data` on success

    @property
    def ok(self) -> bool:
        return self.error is None


def classify(status: int, text: str) -> Outcome:
    """The outcome of an answered request from its HTTP status and body."""
    if status != 200:
        return Outcome(f"HTTP {status}", text[:300])
    try:
        body = json.loads(text)
    except ValueError:
        return Outcome("HTTP 200 not JSON", text[:300])
    if not isinstance(body, dict):
        return Outcome("HTTP 200 not JSON", text[:300])
    errors = body.get("errors")
    if errors:
        first = errors[0] if isinstance(errors, list) and errors and isinstance(errors[0], dict) else {}
        code = (first.get("extensions") or {}).get("code")
        if not code:
            code = "UNEXPECTED" if first.get("message") == MASKED else "ERROR"
        return Outcome(f"GraphQL {code}", json.dumps(errors)[:300])
    data = body.get("data")
    if not isinstance(data, dict):
        return Outcome("GraphQL no data", text[:300])
    for value in data.values():
        if isinstance(value, dict) and value.get("errors"):
            first = value["errors"][0]
            return Outcome(f"payload {first.get('code', 'ERROR')}", json.dumps(value["errors"])[:300])
    return Outcome(None, data=data)


def of_exception(error: Exception) -> Outcome:
    """A request that got no answer: timed out, or the connection failed (refused, reset, closed early)."""
    if isinstance(error, httpx.TimeoutException):
        return Outcome("timeout", f"{type(error).__name__}: {error}"[:300])
    if isinstance(error, httpx.TransportError):
        return Outcome("connection", f"{type(error).__name__}: {error}"[:300])
    raise error
