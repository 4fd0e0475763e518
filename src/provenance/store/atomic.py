"""Replacing a file so that readers see the old version or the new, never half of one."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from ..errors import WriteError


def atomic_write(path: Path, content: str | bytes) -> os.stat_result:
    """Write ``content`` to ``path`` so readers see the old file or the new, never half; return its stat.

    Temp file in the same directory, fsync, rename over the target, fsync the
    directory: a writer killed at any point leaves the previous version intact.
    The stat is taken from the written file itself before the rename, so it
    describes exactly this content (the index records it; see ``index.py``).
    """
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise WriteError(f"cannot write {path}: {exc.strerror}") from exc
    try:
        os.fchmod(fd, _file_mode(path))  # mkstemp makes 0600; keep the mode a plain write would give
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
            written = os.fstat(handle.fileno())
        os.replace(tmp_name, path)
    except BaseException as exc:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        if isinstance(exc, OSError):
            raise WriteError(f"cannot write {path}: {exc.strerror}; nothing was changed") from exc
        raise
    fsync_dir(path.parent)
    return written


def _file_mode(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o777
    except FileNotFoundError:
        return 0o666 & ~_UMASK


def _current_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_UMASK = _current_umask()


def fsync_dir(directory: Path) -> None:
    """Flush a directory's entries (a rename, a deletion) to disk, where the platform allows it."""
    with contextlib.suppress(OSError):  # not every platform lets a directory be opened
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def atomic_create(path: Path, content: str) -> bool:
    """Write ``path`` only if it does not exist yet, atomically; False (and nothing written) when it does.

    The new file is linked into place, which fails rather than replaces, so
    two writers racing to create it can never overwrite each other.
    """
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise WriteError(f"cannot write {path}: {exc.strerror}") from exc
    try:
        os.fchmod(fd, _file_mode(path))
        with os.fdopen(fd, "wb") as handle:
            handle.write(content.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        os.link(tmp_name, path)
    except FileExistsError:
        return False
    except OSError as exc:
        raise WriteError(f"cannot write {path}: {exc.strerror}; nothing was changed") from exc
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
    fsync_dir(path.parent)
    return True
