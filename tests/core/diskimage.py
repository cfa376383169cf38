"""A real ext4 filesystem in an image file, mounted through the kernel, for forensic tests.

The attacker's view of a seized laptop is the raw disk, free blocks included: a test that
only looks at files would never see a key left in a block the filesystem freed. Mounting
needs root (loop device); CI runs as root and ``FIELDAPP_REQUIRE_TOOLS=1`` turns any reason
to skip into a failure there, so the test can never skip silently in CI.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

PIECE = 48


def _unavailable(reason: str) -> None:
    if os.environ.get("FIELDAPP_REQUIRE_TOOLS") == "1":
        pytest.fail(f"the disk-image test must run in CI but cannot: {reason}")
    pytest.skip(f"disk-image test skipped: {reason}")


class Ext4Image:
    """``image`` (a file) holding an ext4 filesystem with 4 KiB blocks, mounted at ``mnt``."""

    def __init__(self, folder: Path, size_mb: int = 64) -> None:
        if os.name != "posix" or not hasattr(os, "geteuid"):
            _unavailable("needs Linux")
        if os.geteuid() != 0:
            _unavailable("mounting an ext4 image (mount -o loop) needs root; CI runs as root")
        for tool in ("mkfs.ext4", "mount", "umount"):
            if shutil.which(tool) is None:
                _unavailable(f"{tool} is not installed (Debian package e2fsprogs / mount; make sysdeps)")
        self.image = folder / "disk.img"
        self.mnt = folder / "mnt"
        self.mnt.mkdir()
        with open(self.image, "wb") as fh:
            fh.truncate(size_mb * 1024 * 1024)
        # No lazy inode-table init and no discard: every block is as the filesystem wrote it.
        subprocess.run(["mkfs.ext4", "-q", "-F", "-b", "4096", "-E", "lazy_itable_init=0,nodiscard",
                        str(self.image)], check=True, capture_output=True)
        self.mounted = False

    def mount(self) -> None:
        done = subprocess.run(["mount", "-o", "loop", str(self.image), str(self.mnt)],
                              capture_output=True, text=True)
        if done.returncode != 0:
            _unavailable(f"mount -o loop failed here ({done.stderr.strip() or done.returncode})")
        self.mounted = True

    def unmount(self) -> None:
        if self.mounted:
            subprocess.run(["umount", str(self.mnt)], check=True, capture_output=True)
            self.mounted = False

    def raw(self) -> bytes:
        """The whole image as an attacker would image it (unmounted first: nothing cached)."""
        self.unmount()
        return self.image.read_bytes()


@contextlib.contextmanager
def ext4_image(folder: Path, size_mb: int = 64) -> Iterator[Ext4Image]:
    img = Ext4Image(folder, size_mb)
    img.mount()
    try:
        yield img
    finally:
        with contextlib.suppress(subprocess.CalledProcessError):
            img.unmount()


def pieces(blobs: Iterable[bytes], size: int = PIECE) -> set[bytes]:
    """Every blob cut into consecutive ``size``-byte pieces (the tail shorter than that is dropped)."""
    out = set()
    for blob in blobs:
        out.update(blob[i:i + size] for i in range(0, len(blob) - size + 1, size))
    return out


def pieces_found(raw: bytes, wanted: set[bytes], size: int = PIECE) -> int:
    """How many of ``wanted`` occur in ``raw``.

    A file's bytes lie in filesystem blocks (1, 2 or 4 KiB, aligned in the image), so a piece
    starting at file offset f lies at an image offset congruent to f modulo 1024; pieces start
    at multiples of 48, hence at multiples of 16 in the image. Looking only there keeps the
    scan of a 64 MiB image to about a second.
    """
    found = set()
    view = memoryview(raw)
    for offset in range(0, len(raw) - size + 1, 16):
        piece = view[offset:offset + size].tobytes()
        if piece in wanted:
            found.add(piece)
    return len(found)
