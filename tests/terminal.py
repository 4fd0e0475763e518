"""Running the command with its stderr on a pseudo-terminal, so what a person sees there (progress bars) is tested.

tqdm draws a bar only when stderr is a terminal; click's test runner never is one.
"""

from __future__ import annotations

import fcntl
import os
import pty
import struct
import subprocess
import sys
import termios
from pathlib import Path

#: The terminal's size: rows and columns.
SIZE = (24, 120)


def on_a_terminal(*args: str, cwd: Path, timeout: float = 120) -> str:
    """Run ``python -m provenance ARGS`` with stderr on a new pseudo-terminal; everything the terminal received."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", *SIZE, 0, 0))
    process = subprocess.Popen(
        [sys.executable, "-m", "provenance", *args],
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=slave,
    )
    os.close(slave)
    shown = bytearray()
    try:
        while True:
            try:
                data = os.read(master, 65536)
            except OSError:  # EIO: the child closed the terminal
                break
            if not data:
                break
            shown += data
        process.wait(timeout=timeout)
    finally:
        os.close(master)
        if process.poll() is None:
            process.kill()
    return shown.decode("utf-8", "replace")
