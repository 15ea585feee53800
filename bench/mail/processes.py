"""The worker that sends, as an operator runs it (`network worker`), pointed at the bench's own SMTP sink."""

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bench.services import settings_env
from network.settings import Settings

STOP_TIMEOUT_S = 30


def worker_env(settings: Settings) -> dict[str, str]:
    """`settings_env` and the mail settings: the SMTP server and the retry schedule the run uses."""
    return settings_env(settings) | {
        "SMTP_HOST": settings.smtp_host,
        "SMTP_PORT": str(settings.smtp_port),
        "SMTP_SECURITY": settings.smtp_security,
        "MAIL_RETRY_S": str(settings.mail_retry_s),
        "MAIL_MAX_TRIES": str(settings.mail_max_tries),
        "MAIL_BATCH_SIZE": str(settings.mail_batch_size),
        "LOG_LEVEL": "INFO",  # each delivery run's counts in the worker's log, beside the report
        # the run counts the mails of its own notifications: no live applier building suggestions (and telling
        # their parties) from the graph at start
        "LIVE_SUGGESTIONS": "false",
    }


@contextmanager
def sending_worker(settings: Settings, log_file: Path) -> Iterator[subprocess.Popen[bytes]]:
    """`network worker` until the block ends (SIGTERM, then SIGKILL after STOP_TIMEOUT_S); its output in `log_file`."""
    log_file.parent.mkdir(parents=True, exist_ok=True)
    with log_file.open("ab") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "network.cli.main", "worker"],
            env=worker_env(settings),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
