"""Starting, finding and stopping the background processes of the local stack through pid files."""

import contextlib
import os
import signal
import socket
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

# What a terminal (Ctrl-C, a closed window) or a process supervisor sends to stop a program.
STOP_SIGNALS = (signal.SIGTERM, signal.SIGHUP, signal.SIGINT)


class StackError(RuntimeError):
    """A local service could not be installed or started; the message names the cause and the fix."""


def port_open(host: str, port: int, timeout_s: float = 0.5) -> bool:
    try:
        with socket.create_connection((host, port), timeout=timeout_s):
            return True
    except OSError:
        return False


def read_pid(pid_file: Path) -> int | None:
    """The pid recorded in `pid_file` if that process is still alive (a zombie is not), else None (and the stale
    file is removed)."""
    try:
        pid = int(pid_file.read_text().strip())
    except (FileNotFoundError, ValueError):
        return None
    if not _alive(pid):
        pid_file.unlink(missing_ok=True)
        return None
    return pid


def spawn(command: Sequence[str], pid_file: Path, log_file: Path, env: dict[str, str] | None = None) -> int:
    """Starts `command` in its own session (so Ctrl-C in a terminal reaches only our stop logic) and records its pid.

    posix_spawn leaves no Popen object behind that would complain about a process meant to outlive it.
    """
    log_file.parent.mkdir(parents=True, exist_ok=True)
    actions = [
        (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
        (os.POSIX_SPAWN_OPEN, 1, str(log_file), os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644),
        (os.POSIX_SPAWN_DUP2, 1, 2),
    ]
    with signals_held():
        pid = os.posix_spawnp(
            command[0], list(command), env if env is not None else dict(os.environ), file_actions=actions, setsid=True
        )
        record_pid(pid_file, pid)
    return pid


def record_pid(pid_file: Path, pid: int) -> None:
    pid_file.parent.mkdir(parents=True, exist_ok=True)
    pid_file.write_text(str(pid))


@contextlib.contextmanager
def signals_held() -> Iterator[None]:
    """Defers the stop signals to the end of the block: a process started but not yet recorded would outlive a stop.

    The handlers are swapped rather than the signal mask blocked, because a child inherits the mask, and a server
    that cannot receive SIGTERM would only stop by SIGKILL.
    """
    if threading.current_thread() is not threading.main_thread():
        yield  # handlers belong to the main thread; elsewhere there is nothing to defer
        return
    arrived: list[int] = []
    previous = {sig: signal.signal(sig, lambda signum, _frame: arrived.append(signum)) for sig in STOP_SIGNALS}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        for signum in arrived:
            signal.raise_signal(signum)  # now handled as it would have been


def wait_until(ready: Callable[[], bool], alive: Callable[[], bool], timeout_s: float) -> bool:
    """Polls `ready` until it holds; gives up when the process died or the time ran out."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if ready():
            return True
        if not alive():
            return False
        time.sleep(0.25)
    return False


def stop(pid_file: Path, grace_s: float = 30.0) -> bool:
    """SIGTERM, then SIGKILL after `grace_s`; the whole process group goes, so nothing is orphaned."""
    pid = read_pid(pid_file)
    if pid is None:
        return False
    _signal_group(pid, signal.SIGTERM)
    deadline = time.monotonic() + grace_s
    while time.monotonic() < deadline and _alive(pid):
        time.sleep(0.2)
    if _alive(pid):
        _signal_group(pid, signal.SIGKILL)
        while _alive(pid):
            time.sleep(0.1)
    pid_file.unlink(missing_ok=True)
    return True


def log_tail(log_file: Path, lines: int = 20) -> str:
    try:
        return "\n".join(log_file.read_text(errors="replace").splitlines()[-lines:])
    except FileNotFoundError:
        return "(no log written)"


def _signal_group(pid: int, sig: signal.Signals) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pid, sig)


def _alive(pid: int) -> bool:
    """False for a process that is gone or a zombie: a killed server whose parent has not reaped it yet still has
    a pid that signal 0 reaches, but it serves nothing and its port is free again."""
    try:
        # Reap it if it is our child, so a finished process does not linger as a zombie.
        finished, _ = os.waitpid(pid, os.WNOHANG)
        if finished == pid:
            return False
    except ChildProcessError:
        pass
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # alive, but someone else's
    return not _zombie(pid)


def _zombie(pid: int) -> bool:
    """Whether the whole process has exited and only waits to be reaped. A JVM whose main thread has ended while the
    others still shut down shows the same state Z, so the thread count tells the two apart."""
    try:
        lines = Path(f"/proc/{pid}/status").read_text().splitlines()
    except OSError:
        return False  # no /proc (not Linux), or gone since: signal 0 decided
    fields = dict(line.split(":\t", 1) for line in lines if ":\t" in line)
    return fields.get("State", "").startswith("Z") and fields.get("Threads", "1").strip() in ("0", "1")
