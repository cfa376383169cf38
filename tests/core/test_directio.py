"""fieldapp.directio: large files written and read back past the page cache, and the same bytes
where O_DIRECT is missing or refused (decision 0027)."""

from __future__ import annotations

import errno
import os

import pytest

from fieldapp import directio


def _write(path, blocks) -> directio.DirectWriter:
    path.touch(mode=0o600)
    w = directio.DirectWriter(path)
    try:
        for block in blocks:
            buf = directio.aligned_buffer(max(len(block), 1))
            buf[:len(block)] = block
            w.write(memoryview(buf)[:len(block)])
    finally:
        w.close()
    return w


def _read(path, size=1 << 16) -> bytes:
    r = directio.DirectReader(path)
    out = bytearray()
    buf = directio.aligned_buffer(size)
    try:
        while n := r.readinto(buf, len(out)):
            out += buf[:n]
    finally:
        r.close()
    return bytes(out)


BLOCKS = [os.urandom(1 << 16), os.urandom(3 * directio.ALIGN), os.urandom(1000)]  # aligned, aligned, the tail


def test_aligned_blocks_and_an_unaligned_tail_are_written_and_read_back(tmp_path):
    path = tmp_path / "bundle.bin"
    w = _write(path, BLOCKS)
    assert path.read_bytes() == b"".join(BLOCKS)
    assert _read(path) == b"".join(BLOCKS)
    assert w.size == len(b"".join(BLOCKS))


@pytest.mark.skipif(not directio._DIRECT, reason="this system has no O_DIRECT: only the buffered path exists")
def test_a_file_system_that_refuses_o_direct_gets_the_same_bytes_buffered(tmp_path, monkeypatch):
    """tmpfs, and some FUSE file systems, refuse O_DIRECT at open (EINVAL); others at the
    first write or read. Both ways the same bytes go through ordinary I/O."""
    real_open, real_write, real_readv = os.open, os.write, os.readv

    def refusing_open(path, flags, *args):
        if flags & directio._DIRECT:
            raise OSError(errno.EINVAL, "Invalid argument")
        return real_open(path, flags, *args)

    monkeypatch.setattr(os, "open", refusing_open)
    path = tmp_path / "a.bin"
    assert not _write(path, BLOCKS).direct
    assert _read(path) == b"".join(BLOCKS) == path.read_bytes()
    monkeypatch.undo()

    import fcntl

    def direct(fd):
        return fcntl.fcntl(fd, fcntl.F_GETFL) & directio._DIRECT

    def refusing_write(fd, data):
        if direct(fd):
            raise OSError(errno.EINVAL, "Invalid argument")
        return real_write(fd, data)

    def refusing_readv(fd, bufs):
        if direct(fd):
            raise OSError(errno.EINVAL, "Invalid argument")
        return real_readv(fd, bufs)

    monkeypatch.setattr(os, "write", refusing_write)
    monkeypatch.setattr(os, "readv", refusing_readv)
    path = tmp_path / "b.bin"
    assert not _write(path, BLOCKS).direct
    assert _read(path) == b"".join(BLOCKS) == path.read_bytes()


def test_without_o_direct_at_all_the_read_back_drops_the_cached_pages_first(tmp_path, monkeypatch):
    """macOS and Windows have no O_DIRECT: the writer writes buffered, the reader fsyncs the
    file and asks the kernel to drop its pages (where posix_fadvise exists) before reading."""
    monkeypatch.setattr(directio, "_DIRECT", 0)
    calls = []
    if hasattr(os, "posix_fadvise"):
        real = os.posix_fadvise
        monkeypatch.setattr(os, "posix_fadvise", lambda fd, off, n, advice: (calls.append(advice), real(fd, off, n, advice)))
    path = tmp_path / "c.bin"
    assert not _write(path, BLOCKS).direct
    assert _read(path) == b"".join(BLOCKS)
    if hasattr(os, "posix_fadvise"):
        assert calls == [os.POSIX_FADV_DONTNEED]


def test_without_preadv_reads_take_turns_at_their_offsets(tmp_path, monkeypatch):
    """Windows has neither O_DIRECT nor preadv: the reader seeks and reads under a lock, and
    the export's two reads in flight still get each its own block."""
    import concurrent.futures

    monkeypatch.setattr(directio, "_DIRECT", 0)
    monkeypatch.delattr(os, "preadv")
    data = os.urandom(8 * directio.ALIGN + 100)
    path = tmp_path / "d.bin"
    path.write_bytes(data)
    r = directio.DirectReader(path)
    bufs = [directio.aligned_buffer(directio.ALIGN) for _ in range(9)]
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        sizes = list(pool.map(lambda k: r.readinto(bufs[k], k * directio.ALIGN), range(9)))
    r.close()
    assert b"".join(bytes(b[:n]) for b, n in zip(bufs, sizes, strict=True)) == data
