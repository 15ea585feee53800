"""Debian packages the local stack needs (redis-server, and Chromium for the browser tests), installed when missing."""

import shutil
import subprocess

from network.stack.processes import StackError


def ensure_program(program: str, package: str, fallback: str) -> str:
    """The path of `program`, installing Debian's `package` first when it is missing."""
    found = shutil.which(program)
    if found:
        return found
    if shutil.which("apt-get") is None:
        raise StackError(f"{program} is not installed and there is no apt-get to install it; {fallback}.")
    for command in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", package]):
        result = subprocess.run(
            command,
            capture_output=True,
            text=True,
            check=False,
            env={"DEBIAN_FRONTEND": "noninteractive", "PATH": "/usr/sbin:/usr/bin:/sbin:/bin"},
        )
        if result.returncode != 0:
            raise StackError(
                f"Could not install {package} ({' '.join(command)} failed; run it as root):\n" + result.stderr[-2000:]
            )
    found = shutil.which(program)
    if found is None:
        raise StackError(f"{package} was installed but {program} is not on the PATH.")
    return found


def ensure_chromium() -> str:
    """Debian's Chromium, which the browser tests drive (browser downloads by Playwright's installer are not used)."""
    return ensure_program("chromium", "chromium", "install Chromium")
