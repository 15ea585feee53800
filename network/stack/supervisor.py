"""`network run` as a supervisor: what it started comes back when it dies, and all of it stops on a stop signal.

Each service is watched on its own, so the exit of one never takes the others down: the API and the worker are
child processes restarted with back-off; a local Neo4j or Redis that `network run` started is restarted through its
own start function (which waits until it answers). SIGTERM, SIGHUP and SIGINT (Ctrl-C) all stop everything.
"""

import contextlib
import os
import signal
import subprocess
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import NoReturn, Protocol

import structlog

from network.stack.processes import STOP_SIGNALS, StackError, read_pid, record_pid, signals_held

log = structlog.get_logger("network.run")

POLL_S = 0.5
CHILD_GRACE_S = 15.0


class StopRequested(BaseException):
    """A stop signal arrived. Raised from the signal handler, so that a wait of any length (a Neo4j that is starting)
    ends at once; a BaseException, so that no `except Exception` on the way swallows it."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)


@dataclass(frozen=True)
class Backoff:
    """Delays between restarts: doubling from `first_s` up to `longest_s` while a service keeps failing."""

    first_s: float = 1.0
    longest_s: float = 30.0
    # A run at least this long counts as healthy: the next failure starts again from `first_s`.
    stable_s: float = 60.0

    def delay(self, failures: int) -> float:
        """Seconds before the next start after `failures` failures in a row."""
        if failures <= 0:
            return 0.0
        return float(min(self.longest_s, self.first_s * 2 ** (failures - 1)))

    def failures_after_exit(self, failures: int, ran_s: float) -> int:
        """The count of failures in a row once a service exited after running `ran_s` seconds."""
        return 1 if ran_s >= self.stable_s else failures + 1


class Service(Protocol):
    """Something the supervisor keeps running."""

    name: str

    def start(self) -> bool:
        """Starts it; False when that was not needed (something else serves in its place). Raises StackError."""
        ...

    def restart(self) -> bool:
        """Starts it again after it died, without waiting until it answers (the supervisor keeps watching the rest
        meanwhile; a start that fails shows as the process dying again)."""
        ...

    def running(self) -> bool:
        """Whether it still runs; a dead process is reaped on the way."""
        ...

    def stop(self) -> None: ...

    def pid(self) -> int | None: ...

    def exit_code(self) -> int | None:
        """How its last run ended, when known (negative: the signal that ended it)."""
        ...


class ChildProcess:
    """A command of the service (the API, the worker), its pid kept in `pid_file` for operators and tests."""

    def __init__(self, name: str, command: Sequence[str], pid_file: Path) -> None:
        self.name = name
        self.command = list(command)
        self.pid_file = pid_file
        self._process: subprocess.Popen[bytes] | None = None

    def start(self) -> bool:
        with signals_held():
            # Its own session: Ctrl-C in the terminal reaches only the supervisor, which stops the children in order.
            self._process = subprocess.Popen(self.command, start_new_session=True)
            record_pid(self.pid_file, self._process.pid)
        return True

    def restart(self) -> bool:
        return self.start()

    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def exit_code(self) -> int | None:
        return None if self._process is None else self._process.poll()

    def stop(self) -> None:
        process = self._process
        if process is not None and process.poll() is None:
            _signal_group(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=CHILD_GRACE_S)
            except subprocess.TimeoutExpired:
                _signal_group(process.pid, signal.SIGKILL)
                process.wait()
        self.pid_file.unlink(missing_ok=True)

    def pid(self) -> int | None:
        return self._process.pid if self.running() and self._process is not None else None


@dataclass
class LocalService:
    """A local Neo4j or Redis, found through its pid file and started and stopped by its own module."""

    name: str
    pid_file: Path
    starter: Callable[[], bool]
    stopper: Callable[[], object]
    respawner: Callable[[], bool]

    def start(self) -> bool:
        return self.starter()

    def restart(self) -> bool:
        return self.respawner()

    def running(self) -> bool:
        return read_pid(self.pid_file) is not None

    def stop(self) -> None:
        self.stopper()

    def pid(self) -> int | None:
        return read_pid(self.pid_file)

    def exit_code(self) -> int | None:
        return None  # reaped by `read_pid`, which keeps no status


@dataclass
class _Watch:
    service: Service
    started_at: float
    failures: int = 0
    restart_at: float | None = None  # set while it is down and waits for its restart


@dataclass
class Supervisor:
    """Keeps the services it was handed running; `check` is one pass, `watch` repeats it until a stop signal."""

    backoff: Backoff = field(default_factory=Backoff)
    clock: Callable[[], float] = time.monotonic
    _watches: list[_Watch] = field(default_factory=list, init=False)

    def adopt(self, service: Service) -> None:
        """Watches a service that already runs (and stops it at the end)."""
        self._watches.append(_Watch(service, started_at=self.clock()))

    def launch(self, service: Service) -> None:
        service.start()
        self.adopt(service)
        log.info("service started", service=service.name, pid=service.pid())

    def names(self) -> list[str]:
        return [watch.service.name for watch in self._watches]

    def check(self) -> None:
        """Notices what died since the last pass and restarts what is due; a failed start waits longer next time."""
        for watch in list(self._watches):
            now = self.clock()
            if watch.restart_at is None:
                if watch.service.running():
                    continue
                ran_s = now - watch.started_at
                watch.failures = self.backoff.failures_after_exit(watch.failures, ran_s)
                watch.restart_at = now + self.backoff.delay(watch.failures)
                log.warning(
                    "service died",
                    service=watch.service.name,
                    exit_code=watch.service.exit_code(),
                    ran_s=round(ran_s, 1),
                    restart_in_s=self.backoff.delay(watch.failures),
                )
            if now < watch.restart_at:
                continue
            try:
                ours = watch.service.restart()
            except (StackError, OSError) as error:
                watch.failures += 1
                watch.restart_at = self.clock() + self.backoff.delay(watch.failures)
                log.error(
                    "restart failed",
                    service=watch.service.name,
                    error=str(error),
                    retry_in_s=self.backoff.delay(watch.failures),
                )
                continue
            if not ours:
                # Another server answers on its address now; it is not ours to watch or to stop.
                self._watches.remove(watch)
                log.warning("another server answers in its place; no longer watched", service=watch.service.name)
                continue
            watch.started_at = self.clock()
            watch.restart_at = None
            log.info("service restarted", service=watch.service.name, pid=watch.service.pid())

    def watch(self, poll_s: float = POLL_S) -> NoReturn:
        while True:
            self.check()
            time.sleep(poll_s)

    def stop_all(self) -> list[str]:
        """Stops every service, the last started first (the API before the database it needs); says which ran."""
        stopped = []
        for watch in reversed(self._watches):
            if watch.service.running():
                stopped.append(watch.service.name)
            watch.service.stop()
        self._watches.clear()
        return stopped


@contextlib.contextmanager
def supervising(backoff: Backoff | None = None) -> Iterator[Supervisor]:
    """A supervisor for the block. A stop signal ends the block quietly; however it ends, every service stops."""
    supervisor = Supervisor(backoff or Backoff())
    previous = {sig: signal.signal(sig, _raise_stop) for sig in STOP_SIGNALS}
    try:
        yield supervisor
    except StopRequested as stop:
        log.info("stopping", signal=str(stop))
    finally:
        # A second signal must not cut the shutdown short and leave orphans; each stop is bounded by its grace time.
        for sig in STOP_SIGNALS:
            signal.signal(sig, signal.SIG_IGN)
        try:
            log.info("stopped", services=supervisor.stop_all())
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)


def _raise_stop(signum: int, _frame: FrameType | None) -> None:
    raise StopRequested(signum)


def _signal_group(pid: int, sig: signal.Signals) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pid, sig)
