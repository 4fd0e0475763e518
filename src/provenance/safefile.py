"""Reading a file without hanging, exhausting memory or following a trap.

Everything the library reads from disk comes through here: ledger files, text
snapshots, articles. A path is opened without blocking (a FIFO would otherwise
wait forever for a writer), the opened file itself is checked to be a regular
file (so a symlink to ``/dev/zero`` or a FIFO swapped in after a check is
refused too), and no more than a size limit is ever read.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

from .errors import UnreadableFileError

MIB = 1024 * 1024
#: Largest ledger file read (a source file of ~100,000 claims is about 60 MB).
MAX_LEDGER_FILE = 256 * MIB
#: Largest text snapshot or article read whole (a long report is well under 1 MB).
MAX_TEXT = 64 * MIB
#: Largest single line of a JSON Lines corpus (one article with its metadata).
MAX_JSONL_LINE = 64 * MIB

_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def _describe(mode: int) -> str:
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def _open(path: Path) -> int:
    """A read-only descriptor of ``path``, which must be a regular file (symlinks followed, then checked)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise UnreadableFileError(path, f"cannot read ({exc.strerror})") from exc
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        raise UnreadableFileError(path, f"is {_describe(mode)}, not a regular file")
    return fd


def read_bytes(path: Path, *, limit: int) -> bytes:
    """The whole content of a regular file of at most ``limit`` bytes."""
    fd = _open(path)
    try:
        size = os.fstat(fd).st_size
        if size > limit:
            raise UnreadableFileError(path, f"{size:,} bytes is over the limit of {limit:,} bytes for this file")
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise UnreadableFileError(path, f"cannot read ({exc.strerror})") from exc
    finally:
        os.close(fd)
    if len(data) > limit:  # it grew while being read
        raise UnreadableFileError(path, f"larger than the limit of {limit:,} bytes for this file")
    return data


def read_text(path: Path, *, limit: int) -> str:
    """A regular file's text, decoded as UTF-8 byte for byte (``\\r\\n`` stays); a bad byte is an error."""
    data = read_bytes(path, limit=limit)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise UnreadableFileError(path, f"not UTF-8 text ({exc.reason} at byte {exc.start})", line) from exc


def read_lines(path: Path, *, limit: int) -> Iterator[tuple[int, bytes]]:
    """The lines of a regular file (split on ``\\n`` only), numbered from 1, each at most ``limit`` bytes."""
    fd = _open(path)
    with os.fdopen(fd, "rb") as handle:
        number = 0
        while True:
            try:
                line = handle.readline(limit + 1)
            except OSError as exc:
                raise UnreadableFileError(path, f"cannot read ({exc.strerror})") from exc
            if not line:
                return
            number += 1
            if len(line) > limit and not line.endswith(b"\n"):
                raise UnreadableFileError(path, f"a line over the limit of {limit:,} bytes", number)
            yield number, line
