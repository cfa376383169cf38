"""Atomic, private file writes: temp file in the same folder, 0600 before any byte, fsync, rename.

Every file fieldapp writes outside the encrypted database goes through ``atomic_write`` so that
a crash leaves either the old file or the new one, never a torn or world-readable one.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Callable
from pathlib import Path

TEMP_PREFIX = ".fieldapp-tmp-"


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write(path: str | os.PathLike[str], data: bytes | Callable[[Path], None], mode: int = 0o600) -> Path:
    """Write ``data`` (bytes, or a callback writing to the temp path it is given) to ``path``."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    tmp = folder / f"{TEMP_PREFIX}{secrets.token_hex(8)}"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    try:
        if callable(data):
            os.close(fd)
            fd = -1
            os.chmod(tmp, mode)
            data(tmp)
            fd = os.open(tmp, os.O_RDWR)
        else:
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
        os.fsync(fd)
        os.close(fd)
        fd = -1
        os.chmod(tmp, mode)
        os.replace(tmp, path)
        _fsync_dir(folder)
    except BaseException:
        if fd >= 0:
            os.close(fd)
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    return path


def orphan_temp_files(folder: Path) -> list[Path]:
    """Temp files left by an interrupted ``atomic_write`` (reported by ``verify``)."""
    return sorted(p for p in Path(folder).glob(f"{TEMP_PREFIX}*"))
