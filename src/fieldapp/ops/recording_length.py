"""How many seconds a stored recording holds, counted once per chunk (issue #16).

The review page states the background recording's length on every refresh, and a recording
continued after a lock starts from the length it had. ``recorder.ogg_seconds`` counts it
from the Ogg granule positions, but over the whole media: an hour is about 12 MB, read out of
SQLCipher and opened chunk by chunk (ChaCha20-Poly1305) each time, in the GUI thread, for a
recording that keeps growing while the interview runs.

A media's chunks never change once written (store/media.py: each chunk number is sealed
once; a recording continued appends; a new recording is a new random media id), so the
count can go on from where it stopped: ``OggCounter`` takes the bytes piece by piece, cut
anywhere (an Ogg page may straddle two chunks), and gives exactly what ``ogg_seconds`` gives
over all the bytes so far; ``stored_seconds`` keeps one counter per media in memory and reads
only the chunks it has not counted yet (none at all for a complete media it has counted).
The recorder hands each chunk it writes to ``written`` as well, so a recording made since the
store was opened is counted from memory as it goes and never read back for its length.

What a counter keeps between chunks is counts and Ogg framing, never audio: the header of a
page not complete yet (at most 282 bytes: capture pattern, flags, granule position, serial
and sequence numbers, checksum, lacing values) and the first 16 bytes of each stream's
identification header (codec name and sample rate). The counters live in this process only,
one set per open store, dropped when the store is closed or goes away.
"""

from __future__ import annotations

import threading
import weakref
from dataclasses import dataclass, field

from fieldapp.store import Store
from fieldapp.store import media as media_rows
from fieldapp.store.media import MediaRow

#: Ogg page header without its lacing values (RFC 3533 section 6).
_HEADER = 27
#: Bytes of a stream's identification header ``ogg_seconds`` looks at: "\x01vorbis", version,
#: channels and the sample rate (bytes 12-16); "OpusHead", version, channels, pre-skip.
_IDENT = 16
#: The rate ``ogg_seconds`` assumes for a Vorbis stream that states none (recorder.SAMPLE_RATE,
#: kept here as a number so this module does not import the encoder).
_VORBIS_DEFAULT_RATE = 16_000


def _stream_seconds(ident: bytes, last: int) -> float | None:
    """A logical stream's seconds as ``ogg_seconds`` counts them, from its identification
    header's first bytes and its largest granule position; None for another codec (it adds
    nothing)."""
    if ident[:7] == b"\x01vorbis":
        rate = int.from_bytes(ident[12:16], "little") or _VORBIS_DEFAULT_RATE
        return max(last, 0) / rate
    if ident[:8] == b"OpusHead":
        return max(last - int.from_bytes(ident[10:12], "little"), 0) / 48_000
    return None


@dataclass
class _Group:
    """Complete pages counted together: the pages before the first beginning-of-stream page,
    or one logical stream (from its beginning-of-stream page to the next one)."""

    ident: bytes  # the first ``_IDENT`` bytes of the group's first page's body
    last: int  # the largest granule position of its pages


class OggCounter:
    """``recorder.ogg_seconds`` over bytes given in pieces: ``feed`` each piece in order,
    ``seconds`` is what ``ogg_seconds`` says of everything fed so far.

    It follows ``ogg_seconds`` to the byte: pages are read from the start until one is not
    whole yet (it counts once the rest arrives) or a byte does not start a page (nothing
    after it ever counts); a chain is split at its beginning-of-stream pages, and when there
    is at most one, every page is one stream. ``exact`` turns False (for good) on the one
    input it cannot follow without keeping audio: a stream whose first page's body is
    shorter than the 16 bytes looked at (``ogg_seconds`` then reads on into the pages after
    it). A Vorbis or Opus identification header fills its first page alone (30 and 19 bytes
    at least), so no recording made by an encoder gets there; the caller counts such a file
    whole.
    """

    def __init__(self) -> None:
        self._header = bytearray()  # the header of the page being read, lacing values too
        self._body_left = -1  # body bytes still to come of that page; -1: its header is not whole
        self._body_len = 0
        self._ident = bytearray()  # the first body bytes of that page, when it starts a group
        self._ended = False  # a byte that does not start a page: nothing after it counts
        self.exact = True
        self.pages = 0
        self._pre: _Group | None = None  # the pages before the first beginning-of-stream page
        self._current: _Group | None = None  # the stream of the last beginning-of-stream page
        self._streams = 0  # beginning-of-stream pages seen
        self._done = 0.0  # seconds of the streams before the current one (two or more)

    def feed(self, data: bytes | bytearray) -> None:
        view = memoryview(data)
        pos, size = 0, len(view)
        while pos < size and not self._ended:
            if self._body_left < 0:
                pos = self._read_header(view, pos)
            else:
                take = min(self._body_left, size - pos)
                if len(self._ident) < _IDENT and self._starts_group():
                    self._ident += view[pos:pos + min(take, _IDENT - len(self._ident))]
                self._body_left -= take
                pos += take
            if self._body_left == 0:
                self._page_done()

    def _read_header(self, view: memoryview, pos: int) -> int:
        """Gather the page's header; returns where the bytes fed go on."""
        header = self._header
        want = _HEADER if len(header) < _HEADER else _HEADER + header[26]
        got = min(want - len(header), len(view) - pos)
        header += view[pos:pos + got]
        pos += got
        if len(header) == _HEADER and header[:4] != b"OggS":
            self._ended = True  # ogg_seconds stops reading here, whatever follows
            return pos
        if (len(header) == _HEADER and header[26] == 0) or (len(header) > _HEADER and len(header) == want):
            self._body_len = sum(header[_HEADER:])
            self._body_left = self._body_len
        return pos

    def _starts_group(self) -> bool:
        """The page being read starts a group: it is flagged beginning-of-stream, or it is
        the very first page."""
        return bool(self._header[5] & 0x02) or self.pages == 0

    def _page_done(self) -> None:
        header = self._header
        kind = header[5]
        granule = int.from_bytes(header[6:14], "little", signed=True)
        if kind & 0x02 or self.pages == 0:
            if self._body_len < _IDENT:
                self.exact = False
            group = _Group(bytes(self._ident), granule)
            if kind & 0x02:
                if self._streams:  # the stream before is whole now: ogg_seconds adds it in turn
                    self._done = self._add(self._done, self._current)
                self._streams += 1
                self._current = group
            else:
                self._pre = group
        else:
            target = self._current if self._current is not None else self._pre
            assert target is not None
            target.last = max(target.last, granule)
        self.pages += 1
        self._header = bytearray()
        self._ident = bytearray()
        self._body_left = -1
        self._body_len = 0

    @staticmethod
    def _add(total: float, group: _Group | None) -> float:
        seconds = _stream_seconds(group.ident, group.last) if group is not None else None
        return total if seconds is None else total + seconds

    @property
    def seconds(self) -> float:
        if self._streams >= 2:
            return self._add(self._done, self._current)
        # at most one beginning-of-stream page: ogg_seconds counts every page as one stream,
        # named by the first page's body
        first = self._pre if self._pre is not None else self._current
        if first is None:
            return 0.0
        last = max(g.last for g in (self._pre, self._current) if g is not None)
        return self._add(0.0, _Group(first.ident, last))


@dataclass
class _Counted:
    """One media's count so far: chunks 0 .. chunks-1 (size bytes) fed to the counter."""

    counter: OggCounter = field(default_factory=OggCounter)
    chunks: int = 0
    size: int = 0


_LOCK = threading.Lock()
#: Per open store, per media id. Weak: a store that goes away takes its counts with it.
_COUNTED: weakref.WeakKeyDictionary[Store, dict[str, _Counted]] = weakref.WeakKeyDictionary()


def stored_seconds(store: Store, row: MediaRow) -> float:
    """Seconds of audio the media ``row`` holds in ``store`` (a recording, complete or still
    being written): ``recorder.ogg_seconds`` of its bytes, reading only the chunks not
    counted before."""
    with _LOCK:
        for gone in [s for s in list(_COUNTED.keys()) if s.closed]:
            del _COUNTED[gone]
        per_store = _COUNTED.setdefault(store, {})
        counted = per_store.get(row.media_id)
        if counted is None or not _still_valid(counted, row):
            counted = per_store[row.media_id] = _Counted()
        if not (row.complete and counted.chunks == row.chunks):
            _count_new_chunks(store, row.media_id, counted)
        if counted.counter.exact:
            return counted.counter.seconds
    return _whole_seconds(store, row)


def written(store: Store, media_id: str, first_chunk: int, chunks: int, data: bytes) -> None:
    """The recorder wrote ``data`` as chunks ``first_chunk`` .. ``chunks - 1`` of the media:
    counted now, from what it still holds, when everything before was counted (a new
    recording, or one ``stored_seconds`` counted up to there); else the next
    ``stored_seconds`` reads them from the store."""
    with _LOCK:
        per_store = _COUNTED.setdefault(store, {})
        counted = per_store.get(media_id)
        if counted is None and first_chunk == 0:
            counted = per_store[media_id] = _Counted()
        if counted is None or counted.chunks != first_chunk:
            return
        counted.counter.feed(data)
        counted.chunks = chunks
        counted.size += len(data)


def _still_valid(counted: _Counted, row: MediaRow) -> bool:
    """A complete media holds at least what was counted of it (chunks are only ever appended);
    anything else means the count is of other bytes, and it starts over."""
    if not row.complete:
        return True
    if counted.chunks == row.chunks:
        return counted.size == row.size
    return counted.chunks < row.chunks and counted.size <= row.size


def _count_new_chunks(store: Store, media_id: str, counted: _Counted) -> None:
    """Feed the chunks after the last one counted, in order, up to the first one missing."""
    with store.reading() as conn:
        if counted.chunks == 0:
            # all of it (the first count since the store was opened): one statement, not one
            # query a chunk, which took three times as long for an hour's 1,800 chunks
            for chunk in media_rows.sealed_in_order(conn, media_id):
                plain = bytearray(chunk.size)
                chunk.open_into(plain)
                _feed(counted, plain)
            return
        key = media_rows.key_of(conn, media_id)
        if key is None:
            return
        while (data := media_rows.read_chunk(conn, media_id, counted.chunks, key)) is not None:
            _feed(counted, data)


def _feed(counted: _Counted, data: bytes | bytearray) -> None:
    counted.counter.feed(data)
    counted.chunks += 1
    counted.size += len(data)


def _whole_seconds(store: Store, row: MediaRow) -> float:
    """The whole media counted at once (only for a file ``OggCounter`` cannot follow)."""
    from fieldapp.ops import recorder

    data = b"".join(media_rows.iter_chunks(store, row.media_id))
    return recorder.ogg_seconds(data)
