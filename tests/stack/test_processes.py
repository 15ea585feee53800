"""Pid files: a dead server counts as dead even while it is an unreaped zombie, and a live one counts as alive even
when its main thread has ended (a JVM shutting down)."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from network.stack.processes import read_pid, spawn


def _state(pid: int) -> str:
    fields = dict(
        line.split(":\t", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines() if ":\t" in line
    )
    return fields["State"][0]


def _wait_for_state(pid: int, state: str) -> None:
    deadline = time.monotonic() + 10
    while _state(pid) != state:
        assert time.monotonic() < deadline, f"pid {pid} never reached state {state}"
        time.sleep(0.05)


def test_a_killed_child_is_reaped_and_its_pid_file_removed(tmp_path: Path) -> None:
    pid_file = tmp_path / "sleep.pid"
    pid = spawn(["sleep", "60"], pid_file, tmp_path / "sleep.log")
    assert read_pid(pid_file) == pid

    os.kill(pid, signal.SIGKILL)
    _wait_for_state(pid, "Z")  # dead, not yet reaped: signal 0 still reaches it

    assert read_pid(pid_file) is None
    assert not pid_file.exists()
    assert not Path(f"/proc/{pid}").exists()  # reaped on the way


def test_a_zombie_of_another_parent_counts_as_dead(tmp_path: Path) -> None:
    """What `network stack start` sees when Neo4j died under a `network run` that did not reap it."""
    parent = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import subprocess, time; print(subprocess.Popen(['sleep', '60']).pid, flush=True); time.sleep(60)",
        ],
        stdout=subprocess.PIPE,
    )
    try:
        assert parent.stdout is not None
        pid = int(parent.stdout.readline())
        pid_file = tmp_path / "server.pid"
        pid_file.write_text(str(pid))
        assert read_pid(pid_file) == pid

        os.kill(pid, signal.SIGKILL)
        _wait_for_state(pid, "Z")
        os.kill(pid, 0)  # the old check: it still "looks alive"

        assert read_pid(pid_file) is None
        assert not pid_file.exists()
    finally:
        parent.kill()
        parent.communicate()


def test_a_process_whose_main_thread_ended_is_still_alive(tmp_path: Path) -> None:
    """The leader thread shows state Z while the other threads still run; that process has not exited."""
    code = (
        "import ctypes, threading, time\n"
        "threading.Thread(target=time.sleep, args=(30,)).start()\n"
        "ctypes.CDLL(None).syscall(60, 0)  # SYS_exit on x86-64: ends the calling thread only\n"
    )
    process = subprocess.Popen([sys.executable, "-c", code])
    try:
        pid_file = tmp_path / "threads.pid"
        pid_file.write_text(str(process.pid))
        _wait_for_state(process.pid, "Z")
        assert read_pid(pid_file) == process.pid
    finally:
        process.kill()
        process.wait()
