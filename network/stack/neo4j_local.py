"""A local Neo4j 5.26 Community: jars resolved from Maven Central, run embedded in its own JVM with Bolt only.

APOC core comes with it (on the class path for its extensions, and in a plugins folder that the procedure loader
scans), because the official GraphQL library that the API benchmark compares against calls its procedures.
"""

import hashlib
import shutil
import socket
import subprocess
from dataclasses import dataclass
from pathlib import Path

from neo4j import GraphDatabase
from neo4j.exceptions import AuthError, Neo4jError, ServiceUnavailable

from network.settings import Settings
from network.stack.processes import StackError, log_tail, port_open, read_pid, spawn, stop, wait_until

SOURCES = Path(__file__).parent / "neo4j"
POM = SOURCES / "pom.xml"
LAUNCHER = SOURCES / "Launcher.java"
START_TIMEOUT_S = 180
READY_LINE = "neo4j ready on bolt://"
BOLT_PREAMBLE = bytes.fromhex("6060B017")


@dataclass(frozen=True)
class Neo4jPaths:
    lib: Path
    plugins: Path
    home: Path
    pid_file: Path
    log_file: Path

    @classmethod
    def of(cls, settings: Settings) -> "Neo4jPaths":
        pom_digest = hashlib.sha256(POM.read_bytes()).hexdigest()[:12]
        home = settings.local_stack_dir.resolve() / "neo4j"
        lib = settings.local_cache_dir.resolve() / f"neo4j-jars-{pom_digest}"
        return cls(
            lib=lib,
            plugins=lib / "plugins",
            home=home,
            pid_file=home / "neo4j.pid",
            log_file=home / "launcher.log",
        )


def speaks_bolt(host: str, port: int, timeout_s: float = 2.0) -> bool:
    """A raw Bolt handshake, so a program on the port that never answers is found out in seconds."""
    try:
        with socket.create_connection((host, port), timeout=timeout_s) as connection:
            connection.settimeout(timeout_s)
            # The Bolt preamble, then four proposed versions (5.x ranges and 4.4), as the driver sends them.
            connection.sendall(BOLT_PREAMBLE + bytes.fromhex("00080805 00000404 00000000 00000000"))
            reply = connection.recv(4)
    except OSError:
        return False
    return len(reply) == 4 and reply != b"\x00\x00\x00\x00"


def answers(settings: Settings) -> bool:
    """True when a Neo4j at NEO4J_URI accepts our credentials."""
    host, port = settings.neo4j_address
    if not speaks_bolt(host, port):
        return False
    try:
        with GraphDatabase.driver(
            settings.neo4j_uri,
            auth=(settings.neo4j_user, settings.neo4j_password.get_secret_value()),
            connection_timeout=2,
        ) as driver:
            driver.verify_connectivity()
        return True
    except AuthError as error:
        raise StackError(
            f"A Neo4j at {settings.neo4j_uri} rejected the credentials in NEO4J_USER/NEO4J_PASSWORD ({error.message}). "
            "Set the right password, or stop that server so that a local one can start."
        ) from error
    except (ServiceUnavailable, Neo4jError, OSError):
        return False


def ensure_jars(settings: Settings) -> Path:
    """Resolves the Neo4j jars once into the cache folder; later calls return at once."""
    paths = Neo4jPaths.of(settings)
    done = paths.lib / ".complete"
    if done.exists():
        return paths.lib
    if shutil.which("mvn") is None:
        raise StackError(
            "Maven (mvn) is not installed; it fetches Neo4j from Maven Central. Fix: apt-get install maven"
        )
    partial = paths.lib.with_name(paths.lib.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    result = subprocess.run(
        ["mvn", "-B", "-q", "-f", str(POM), "dependency:copy-dependencies", f"-DoutputDirectory={partial}"],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        tail = "\n".join((result.stdout + result.stderr).splitlines()[-15:])
        raise StackError(
            "Maven could not resolve Neo4j 5.26 from Maven Central (is the registry reachable from this machine?).\n"
            f"mvn said:\n{tail}"
        )
    _collect_plugins(partial, partial / paths.plugins.name)
    shutil.rmtree(paths.lib, ignore_errors=True)
    partial.rename(paths.lib)
    done.touch()
    return paths.lib


def _collect_plugins(lib: Path, plugins: Path) -> None:
    """Copies the APOC jar into its own folder: the procedure loader scans only that, not the ~200 jars of lib."""
    plugins.mkdir()
    for jar in lib.glob("apoc-*.jar"):
        shutil.copy2(jar, plugins / jar.name)


def start(settings: Settings, *, wait: bool = True) -> bool:
    """Starts the local Neo4j unless one already answers at NEO4J_URI. Returns True if it started one.

    `wait=False` returns once the process is spawned: a supervisor restarting it keeps watching the other services
    meanwhile, and sees a failed start as the process dying."""
    host, port = settings.neo4j_address
    paths = Neo4jPaths.of(settings)
    if read_pid(paths.pid_file) is None and answers(settings):
        return False
    if read_pid(paths.pid_file) is not None:
        if wait_until(
            lambda: _launcher_ready(paths) and answers(settings),
            lambda: read_pid(paths.pid_file) is not None,
            START_TIMEOUT_S,
        ):
            return False
        raise StackError(
            f"The local Neo4j (pid file {paths.pid_file}) runs but does not answer. Log:\n" + log_tail(paths.log_file)
        )
    if port_open(host, port):
        raise StackError(
            f"Port {port} on {host} is taken by a program that is not a Neo4j answering Bolt. "
            "Stop it, or set NEO4J_URI to a free port (for example bolt://127.0.0.1:7688)."
        )
    if host not in ("127.0.0.1", "localhost", "::1"):
        raise StackError(f"No Neo4j answers at {settings.neo4j_uri}, and a local one can only be started on loopback.")
    java = shutil.which("java")
    if java is None:
        raise StackError(
            "Java is not installed; the local Neo4j needs Java 17. Fix: apt-get install openjdk-17-jre-headless"
        )
    lib = ensure_jars(settings)
    paths.home.mkdir(parents=True, exist_ok=True)
    command = [
        java,
        f"-Xmx{settings.neo4j_heap_mb}m",
        "-XX:+UseG1GC",
        "-Dfile.encoding=UTF-8",
        "-cp",
        f"{lib}/*",
        str(LAUNCHER),
        str(paths.home),
        host,
        str(port),
        str(settings.neo4j_pagecache_mb),
        str(paths.plugins),
    ]
    env = {"PATH": "/usr/bin:/bin", "NEO4J_PASSWORD": settings.neo4j_password.get_secret_value()}
    paths.log_file.unlink(missing_ok=True)
    spawn(command, paths.pid_file, paths.log_file, env=env)
    if not wait:
        return True
    try:
        # Bolt opens before the launcher has set the password, so "ready" is its own line in the log, then a login.
        ready = wait_until(
            lambda: _launcher_ready(paths) and answers(settings),
            lambda: read_pid(paths.pid_file) is not None,
            START_TIMEOUT_S,
        )
    except BaseException:
        stop(paths.pid_file)  # a start cut short (Ctrl-C, SIGTERM) leaves no server behind
        raise
    if not ready:
        stop(paths.pid_file)
        raise StackError("The local Neo4j did not start. Its log:\n" + log_tail(paths.log_file))
    return True


def _launcher_ready(paths: Neo4jPaths) -> bool:
    return paths.log_file.exists() and READY_LINE in paths.log_file.read_text(errors="replace")


def stop_local(settings: Settings) -> bool:
    return stop(Neo4jPaths.of(settings).pid_file)


def status(settings: Settings) -> str:
    pid = read_pid(Neo4jPaths.of(settings).pid_file)
    try:
        up = answers(settings)
    except StackError as error:
        return f"answers but refuses our credentials: {error}"
    where = f"local, pid {pid}" if pid else "external"
    return f"up at {settings.neo4j_uri} ({where})" if up else f"down (nothing answers at {settings.neo4j_uri})"
