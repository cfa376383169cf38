"""The user's files: every path a user gives is checked here, with one coded sentence per problem.

Reading: a missing file, a missing folder, a folder instead of a file, an unreadable or
oversized file. Writing: a missing folder (an unplugged USB stick), a folder where a file was
meant (unless a default name is given), an existing file that must not be overwritten, a
folder we cannot write to. Writes are atomic and private (``fieldapp.fileio.atomic_write``).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from fieldapp.errors import UserFacingError
from fieldapp.fileio import atomic_write


def _reason(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__


def input_path(path: str | os.PathLike[str]) -> Path:
    """``path`` as a readable file, or a coded error saying what is wrong with it."""
    path = Path(path)
    if path.is_dir():
        raise UserFacingError("file.is_folder", path=str(path))
    if not path.exists():
        parent = path.parent if str(path.parent) else Path(".")
        if not parent.is_dir():
            raise UserFacingError("folder.missing", path=str(parent))
        raise UserFacingError("file.missing", path=str(path))
    return path


def read_input(path: str | os.PathLike[str], max_size: int | None = None,
               too_large: str = "file.too_large") -> bytes:
    """The bytes of a file the user chose (``too_large`` names the code for an oversized file)."""
    path = input_path(path)
    try:
        if max_size is not None and path.stat().st_size > max_size:
            raise UserFacingError(too_large, path=str(path))
        return path.read_bytes()
    except OSError as exc:
        raise UserFacingError("file.unreadable", path=str(path), reason=_reason(exc)) from None


def read_text(path: str | os.PathLike[str], max_size: int | None = None,
              too_large: str = "file.too_large", not_text: str = "file.not_text") -> str:
    data = read_input(path, max_size, too_large)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise UserFacingError(not_text, path=str(path)) from None


def output_folder(path: str | os.PathLike[str]) -> Path:
    """An existing folder we can write into (a USB stick's)."""
    path = Path(path)
    if not path.exists():
        raise UserFacingError("folder.missing", path=str(path))
    if not path.is_dir():
        raise UserFacingError("folder.not_a_folder", path=str(path))
    if not os.access(path, os.W_OK | os.X_OK):
        raise UserFacingError("file.unwritable", path=str(path), reason="permission denied")
    return path


def output_path(path: str | os.PathLike[str], default_name: str | None = None,
                overwrite: bool = True) -> Path:
    """Where to write a file: ``path``, or ``path/default_name`` when ``path`` is a folder."""
    path = Path(path)
    if path.is_dir():
        if default_name is None:
            raise UserFacingError("file.is_folder", path=str(path))
        path = path / default_name
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        if folder.exists():
            raise UserFacingError("folder.not_a_folder", path=str(folder))
        raise UserFacingError("folder.missing", path=str(folder))
    if path.exists() and not overwrite:
        raise UserFacingError("file.exists", path=str(path))
    if path.is_dir():
        raise UserFacingError("file.is_folder", path=str(path))
    if not os.access(folder, os.W_OK | os.X_OK):
        raise UserFacingError("file.unwritable", path=str(path), reason="permission denied")
    return path


def write_output(path: str | os.PathLike[str], data: bytes | Callable[[Path], None], mode: int = 0o600,
                 default_name: str | None = None, overwrite: bool = True) -> Path:
    """Check ``path`` and write ``data`` there atomically; a failure leaves no file behind."""
    target = output_path(path, default_name, overwrite)
    try:
        return atomic_write(target, data, mode=mode)
    except OSError as exc:
        raise UserFacingError("file.unwritable", path=str(target), reason=_reason(exc)) from None


T = TypeVar("T")


def guard_oserror(path: str | os.PathLike[str], fn: Callable[[], T]) -> T:
    """Run a writer that takes its own path (a table export) with OSError turned into a sentence."""
    try:
        return fn()
    except OSError as exc:
        raise UserFacingError("file.unwritable", path=str(path), reason=_reason(exc)) from None
