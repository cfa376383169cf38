"""Large sequential files past the page cache (``O_DIRECT``) where the system allows it (decision 0027).

A media bundle is gigabytes, written twice (the stick's file and the outbox copy) and read
back once from the stick. Through the page cache each of those bytes is copied by the
processor once more, and the read-back had to ask the kernel to drop the pages it had
just written (``posix_fadvise``) to be sure what it read came from the device. With
``O_DIRECT`` the device reads and writes the process's own page-aligned buffers: about a
quarter of the processor time, and a read that cannot come from the cache.

Where ``O_DIRECT`` is missing (macOS, Windows) or refused (tmpfs, some FUSE file systems),
the same calls fall back to ordinary buffered I/O, and the read-back to ``posix_fadvise``
where that exists. Nothing here is specific to what the bytes are: only ciphertext passes
through these buffers.
"""

from __future__ import annotations

import errno
import mmap
import os
import threading

#: Offsets, lengths and buffer addresses of direct I/O are multiples of this (the largest
#: logical block size of common devices; mmap's buffers are page-aligned).
ALIGN = 4096
_DIRECT = getattr(os, "O_DIRECT", 0)


def _open(path: str | os.PathLike[str], flags: int) -> tuple[int, bool]:
    """A descriptor of ``path``, with ``O_DIRECT`` where the system has it and the file system
    accepts it (tmpfs and some FUSE file systems refuse it with EINVAL): (fd, whether direct)."""
    if _DIRECT:
        try:
            return os.open(path, flags | _DIRECT), True
        except OSError as exc:
            if exc.errno != errno.EINVAL:
                raise
    return os.open(path, flags | getattr(os, "O_BINARY", 0)), False


def _clear_direct(fd: int) -> None:
    """The descriptor's later reads and writes buffered (opened with O_DIRECT, refused it)."""
    import fcntl  # only where O_DIRECT exists, so on POSIX

    fcntl.fcntl(fd, fcntl.F_SETFL, fcntl.fcntl(fd, fcntl.F_GETFL) & ~_DIRECT)


def aligned_buffer(size: int) -> mmap.mmap:
    """A zeroed, page-aligned, writable buffer of ``size`` bytes (anonymous memory)."""
    return mmap.mmap(-1, size)


class DirectWriter:
    """Writes a file from the start, sequentially; ``O_DIRECT`` for every write whose
    length is a multiple of ALIGN from an aligned buffer, ordinary writes from the first
    one that is not (the tail) or wherever the file system refuses direct I/O. The caller
    fsyncs (``fileio.atomic_write``)."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.fd, self.direct = _open(path, os.O_WRONLY)
        self.size = 0

    def _buffered(self) -> None:
        if self.direct:
            _clear_direct(self.fd)
            self.direct = False

    def write(self, view) -> None:
        view = memoryview(view)
        if self.direct and (len(view) % ALIGN or self.size % ALIGN):
            self._buffered()
        while view:
            try:
                n = os.write(self.fd, view)
            except OSError as exc:
                if exc.errno != errno.EINVAL or not self.direct:
                    raise
                self._buffered()  # a file system that opened with O_DIRECT but will not write so
                continue
            self.size += n
            view = view[n:]
            if n and self.direct and n % ALIGN:
                self._buffered()

    def close(self) -> None:
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1


class DirectReader:
    """Reads a file as the device returns it: ``O_DIRECT`` into aligned buffers where it
    works, else buffered reads. ``written_here`` (a file this process just wrote, read back
    to check it): without ``O_DIRECT`` its pages are written out and dropped from the page
    cache first (``posix_fadvise``; no better is possible there). Without it (a bundle being
    imported) the fallback is plain buffered reads."""

    def __init__(self, path: str | os.PathLike[str], written_here: bool = True) -> None:
        self.fd, self.direct = _open(path, os.O_RDONLY)
        if not self.direct and written_here:
            if hasattr(os, "posix_fadvise"):
                os.fsync(self.fd)
                os.posix_fadvise(self.fd, 0, 0, os.POSIX_FADV_DONTNEED)
        # Windows has no preadv: one read at a time there, at the offset sought under a lock
        self._file = None if hasattr(os, "preadv") else open(self.fd, "rb", buffering=0, closefd=False)
        self._lock = threading.Lock()

    def readinto(self, buf, offset: int) -> int:
        """Up to ``len(buf)`` bytes at ``offset`` (both multiples of ALIGN, ``buf`` aligned)
        into ``buf``; several threads may read at once."""
        if self._file is not None:
            with self._lock:
                self._file.seek(offset)
                return self._file.readinto(buf) or 0
        while True:
            try:
                return os.preadv(self.fd, [buf], offset)
            except OSError as exc:
                if exc.errno != errno.EINVAL or not self.direct:
                    raise
                _clear_direct(self.fd)
                self.direct = False

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1
