"""The log lines the API writes while it answers one request, taken from structlog and the standard logging, and
what Python could not raise while the request ran (a coroutine never awaited)."""

import gc
import logging
import sys
import threading
import time
import traceback
from collections.abc import Iterator, MutableMapping
from contextlib import contextmanager
from typing import Any

import structlog

# Uvicorn's loggers stop at "uvicorn" (no propagation to the root), where "Exception in ASGI application" ends.
_STDLIB_LOGGERS = ("", "uvicorn")


def _exception_line(error: BaseException | None) -> str:
    """The exception and the deepest frame it came from: enough to find the line to fix."""
    if error is None:
        return ""
    frames = traceback.extract_tb(error.__traceback__)
    where = f" at {frames[-1].filename}:{frames[-1].lineno}" if frames else ""
    return f" | {type(error).__name__}: {error}{where}"


UNRAISABLE = "unraisable"
# The request id middleware's last line of every request (network/kit/logging.py).
_REQUEST_DONE = "request"
_FINISH_TIMEOUT_S = 5.0
_SETTLE_S = 0.02


class ServerLog:
    """Collects what the API running in this process logs at WARNING and above, and what Python could not raise
    (a coroutine never awaited, an exception in a finaliser); `take()` empties the collection."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        # Set by the API's closing "request" line: the response may reach the client before the server let go of
        # what the request made, and a cycle collected later would be blamed on the next request.
        self.finished = threading.Event()
        self._signalled = True

    def take(self) -> list[str]:
        """What the last request logged, once the server finished it and what it left in reference cycles (an
        abandoned coroutine) was collected; cheap because `server_log` froze everything older."""
        # Without that line (it was renamed), waiting for it once is enough: the settling below must then do.
        self._signalled = self._signalled and self.finished.wait(timeout=_FINISH_TIMEOUT_S)
        self.finished.clear()
        time.sleep(_SETTLE_S)  # the server's task for the request ends just after its last line
        gc.collect()
        lines, self.lines = self.lines, []
        return lines

    def _unraisable(self, unraisable: "sys.UnraisableHookArgs") -> None:
        what = unraisable.err_msg or "Exception ignored in"
        self.lines.append(f"{UNRAISABLE} {what}: {unraisable.object!r}{_exception_line(unraisable.exc_value)}")

    def _structlog(self, _: Any, level: str, event: MutableMapping[str, Any]) -> MutableMapping[str, Any]:
        if level in ("debug", "info"):
            if event.get("event") == _REQUEST_DONE:
                self.finished.set()
            raise structlog.DropEvent
        exc_info = event.get("exc_info")
        error = exc_info if isinstance(exc_info, BaseException) else None
        fields = " ".join(f"{k}={v}" for k, v in event.items() if k not in ("event", "exc_info", "level"))
        self.lines.append(f"{level} {event.get('event')} {fields}{_exception_line(error)}")
        raise structlog.DropEvent


class _Handler(logging.Handler):
    def __init__(self, log: ServerLog) -> None:
        super().__init__(level=logging.WARNING)
        self.log = log

    def emit(self, record: logging.LogRecord) -> None:
        error = record.exc_info[1] if record.exc_info else None
        line = f"{record.levelname.lower()} {record.name}: {record.getMessage()}"
        self.log.lines.append(line + _exception_line(error))


@contextmanager
def server_log() -> Iterator[ServerLog]:
    """Routes the API's log lines to a `ServerLog` for as long as the context lasts, then restores the logging."""
    log = ServerLog()
    saved = structlog.get_config()
    structlog.configure(
        processors=[structlog.contextvars.merge_contextvars, log._structlog],
        wrapper_class=structlog.make_filtering_bound_logger(logging.INFO),  # to see each request finish
    )
    handler = _Handler(log)
    loggers = [logging.getLogger(name) for name in _STDLIB_LOGGERS]
    for logger in loggers:
        logger.addHandler(handler)
    gc.collect()  # what was left before is not the fuzzed requests' doing
    saved_hook, sys.unraisablehook = sys.unraisablehook, log._unraisable
    gc.freeze()  # the collections after each request then only look at what was made since
    try:
        yield log
    finally:
        gc.unfreeze()
        sys.unraisablehook = saved_hook
        for logger in loggers:
            logger.removeHandler(handler)
        structlog.configure(**saved)
