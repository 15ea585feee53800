"""The supervisor of `network run` on real child processes: restarts with back-off, one death leaves the others
alone, and a stop signal stops every child."""

import itertools
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from network.stack.processes import read_pid
from network.stack.supervisor import Backoff, ChildProcess, Supervisor


def test_the_backoff_doubles_up_to_its_longest_and_starts_over_after_a_healthy_run() -> None:
    backoff = Backoff(first_s=1, longest_s=30, stable_s=60)
    assert [backoff.delay(n) for n in range(8)] == [0, 1, 2, 4, 8, 16, 30, 30]
    assert backoff.failures_after_exit(failures=5, ran_s=3) == 6
    assert backoff.failures_after_exit(failures=5, ran_s=60) == 1


def _wait(condition: object, timeout_s: float = 10) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():  # type: ignore[operator]
        assert time.monotonic() < deadline
        time.sleep(0.05)


def test_a_killed_child_is_restarted_and_the_others_keep_running(tmp_path: Path) -> None:
    supervisor = Supervisor(Backoff(first_s=0))
    first = ChildProcess("first", ["sleep", "60"], tmp_path / "first.pid")
    second = ChildProcess("second", ["sleep", "60"], tmp_path / "second.pid")
    try:
        supervisor.launch(first)
        supervisor.launch(second)
        killed, kept = first.pid(), second.pid()
        assert killed is not None and read_pid(first.pid_file) == killed

        os.kill(killed, signal.SIGKILL)
        _wait(lambda: not first.running())
        supervisor.check()

        assert first.pid() not in (None, killed)
        assert read_pid(first.pid_file) == first.pid()
        assert second.pid() == kept
    finally:
        assert sorted(supervisor.stop_all()) == ["first", "second"]
    assert not first.running() and not second.running()
    assert not first.pid_file.exists()


def test_a_child_that_keeps_failing_waits_longer_each_time(tmp_path: Path) -> None:
    now = [0.0]
    starts: list[float] = []

    class Failing(ChildProcess):
        def start(self) -> bool:
            starts.append(now[0])
            return super().start()

    supervisor = Supervisor(Backoff(first_s=1, longest_s=4, stable_s=60), clock=lambda: now[0])
    failing = Failing("failing", ["false"], tmp_path / "failing.pid")
    try:
        supervisor.launch(failing)
        while len(starts) < 6:
            _wait(lambda: not failing.running())
            before = len(starts)
            supervisor.check()
            if len(starts) == before:  # time passes only while it waits for its restart
                now[0] += 0.5
            assert now[0] < 60, f"restarts stalled after {starts}"
    finally:
        supervisor.stop_all()
    assert [later - earlier for earlier, later in itertools.pairwise(starts)] == [1, 2, 4, 4, 4]


def test_sigterm_stops_the_supervisor_and_every_child(tmp_path: Path) -> None:
    program = (
        "import sys\n"
        "from pathlib import Path\n"
        "from network.stack.supervisor import ChildProcess, supervising\n"
        "with supervising() as supervisor:\n"
        "    for name in ('one', 'two'):\n"
        "        supervisor.launch(ChildProcess(name, ['sleep', '60'], Path(sys.argv[1]) / f'{name}.pid'))\n"
        "    supervisor.watch()\n"
    )
    with (tmp_path / "supervisor.log").open("wb") as log:
        process = subprocess.Popen([sys.executable, "-c", program, str(tmp_path)], stdout=log, stderr=log)
    pid_files = [tmp_path / "one.pid", tmp_path / "two.pid"]
    try:
        _wait(lambda: all(f.exists() for f in pid_files), timeout_s=30)
        pids = [int(f.read_text()) for f in pid_files]

        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=20) == 0

        for pid in pids:
            with pytest.raises(ProcessLookupError):
                os.kill(pid, 0)
        assert not any(f.exists() for f in pid_files)
        assert "signal=SIGTERM" in (tmp_path / "supervisor.log").read_text()
    finally:
        process.kill()
        process.wait()
        for pid_file in pid_files:  # when the test failed before the children stopped
            if (pid := read_pid(pid_file)) is not None:
                os.kill(pid, signal.SIGKILL)
