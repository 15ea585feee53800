"""A local Redis from Debian's `redis-server` package, installed when missing."""

from dataclasses import dataclass
from pathlib import Path

import redis

from network.settings import Settings
from network.stack.debian import ensure_program
from network.stack.processes import StackError, log_tail, port_open, read_pid, spawn, stop, wait_until

START_TIMEOUT_S = 30


@dataclass(frozen=True)
class RedisPaths:
    data: Path
    pid_file: Path
    log_file: Path

    @classmethod
    def of(cls, settings: Settings) -> "RedisPaths":
        data = settings.local_stack_dir.resolve() / "redis"
        return cls(data=data, pid_file=data / "redis.pid", log_file=data / "redis.log")


def answers(settings: Settings) -> bool:
    host, port = settings.redis_address
    if not port_open(host, port):
        return False
    try:
        return bool(redis.Redis.from_url(settings.redis_url, socket_timeout=2).ping())
    except redis.AuthenticationError as error:
        raise StackError(f"The Redis at {settings.redis_url} refused our credentials; fix REDIS_URL.") from error
    except redis.RedisError:
        return False


def ensure_server() -> str:
    """The path of `redis-server`, installing Debian's package first when it is missing."""
    return ensure_program("redis-server", "redis-server", "install Redis 7")


def start(settings: Settings, *, wait: bool = True) -> bool:
    """Starts the local Redis unless one already answers at REDIS_URL. Returns True if it started one.

    `wait=False` returns once the process is spawned: a supervisor restarting it keeps watching the other services
    meanwhile, and sees a failed start as the process dying."""
    host, port = settings.redis_address
    paths = RedisPaths.of(settings)
    if answers(settings):
        return False
    if port_open(host, port):
        raise StackError(
            f"Port {port} on {host} is taken by a program that is not Redis. "
            "Stop it, or set REDIS_URL to a free port (for example redis://127.0.0.1:6380/0)."
        )
    if host not in ("127.0.0.1", "localhost", "::1"):
        raise StackError(f"No Redis answers at {settings.redis_url}, and a local one can only be started on loopback.")
    server = ensure_server()
    paths.data.mkdir(parents=True, exist_ok=True)
    command = [
        server,
        "--bind",
        host,
        "--port",
        str(port),
        "--dir",
        str(paths.data),
        "--daemonize",
        "no",
        "--appendonly",
        "yes",
        "--save",
        "",
        "--protected-mode",
        "yes",
    ]
    spawn(command, paths.pid_file, paths.log_file)
    if not wait:
        return True
    try:
        ready = wait_until(lambda: answers(settings), lambda: read_pid(paths.pid_file) is not None, START_TIMEOUT_S)
    except BaseException:
        stop(paths.pid_file, grace_s=10)  # a start cut short (Ctrl-C, SIGTERM) leaves no server behind
        raise
    if not ready:
        stop(paths.pid_file)
        raise StackError("The local Redis did not start. Its log:\n" + log_tail(paths.log_file))
    return True


def stop_local(settings: Settings) -> bool:
    return stop(RedisPaths.of(settings).pid_file, grace_s=10)


def status(settings: Settings) -> str:
    pid = read_pid(RedisPaths.of(settings).pid_file)
    up = answers(settings)
    where = f"local, pid {pid}" if pid else "external"
    return f"up at {settings.redis_url} ({where})" if up else f"down (nothing answers at {settings.redis_url})"
