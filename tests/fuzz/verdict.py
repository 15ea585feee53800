"""What a trusted API never answers, whatever it is sent: a 5xx, a masked "Unexpected error", a body that is not
JSON, or an answer that left something Python could not raise (a resolver coroutine never awaited). A finding keeps
the request as a runnable document, the answer and the server's log lines."""

import json
import re
from collections import Counter
from dataclasses import dataclass

import httpx

from tests.fuzz.server_log import UNRAISABLE

UNEXPECTED = "Unexpected error"
# What differs between two requests that met the same failure: request ids and object addresses.
_INCIDENTAL = re.compile(r"\(request id [^)]*\)|request_id=\S+|0x[0-9a-f]+")


def _general(line: str) -> str:
    return _INCIDENTAL.sub("…", line)


def problem(response: httpx.Response, log: list[str]) -> str | None:
    """Why the answer (and what the server logged while giving it) is one a trusted API never gives, or None."""
    if response.status_code >= 500:
        return f"HTTP {response.status_code}"
    try:
        body = response.json()
    except ValueError:
        return f"HTTP {response.status_code} with a body that is not JSON"
    errors = body.get("errors") if isinstance(body, dict) else None
    for error in errors or []:
        message = str(error.get("message", "")) if isinstance(error, dict) else str(error)
        if UNEXPECTED in message:
            return f"{UNEXPECTED} at {error.get('path')}"
    if any(line.startswith(UNRAISABLE) for line in log):
        return "an exception Python could not raise (see the log)"
    return None


@dataclass(frozen=True)
class Finding:
    operation: str
    viewer: str
    problem: str
    document: str
    answer: str
    log: tuple[str, ...]

    @property
    def key(self) -> tuple[str, str, str]:
        """Findings with the same operation, problem and first log line are one failure, whatever the input."""
        return self.operation, self.problem, _general(self.log[0]) if self.log else ""

    def report(self) -> str:
        body = json.dumps({"query": self.document})
        as_who = "" if self.viewer == "anonymous" else f" -H 'Authorization: Bearer <token of a {self.viewer}>'"
        # A failure in a list repeats its line per item: each line once, with its count.
        counted = Counter(_general(line) for line in self.log)
        log = "\n".join(f"    {count} x {line}" for line, count in counted.items()) or "    (nothing logged)"
        return (
            f"{self.operation} as {self.viewer}: {self.problem}\n"
            f"  document:\n{_indent(self.document)}\n"
            f"  repeat: curl -s localhost:8000/graphql -H 'Content-Type: application/json'{as_who} "
            f"--data-raw {_shell(body)}\n"
            f"  answer: {self.answer[:600]}\n"
            f"  log:\n{log}"
        )


def _indent(text: str) -> str:
    return "\n".join(f"    {line}" for line in text.splitlines())


def _shell(text: str) -> str:
    return "'" + text.replace("'", "'\"'\"'") + "'"
