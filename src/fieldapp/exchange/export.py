"""Export on the field device: finalized interviews -> one sealed, signed bundle (ARCHITECTURE s.5).

Order, and why: the bundle is built and its inner structure checked before encryption
(the device can never decrypt it afterwards), written atomically, re-read and compared with
what was sealed; only then, in ONE transaction, are the interviews marked exported, their
plaintext answers purged, the sealed copy kept in the outbox and the sequence advanced. A
crash anywhere before that commit leaves every interview finalized and exportable again.

One pass over the media (issue #16): their chunks stream from media.db into age's
encryption, and the ciphertext goes to the stick and to the outbox file at once
(``store/outbox.py``), past the page cache; the stick's file is then read back from the
device and hashed; the purge deletes the media rows with their keys, and media.db is then
replaced whole (``store/mediadb.py``; decisions 0013, 0016, 0024, 0027).
"""

from __future__ import annotations

import collections
import concurrent.futures
import functools
import hashlib
import itertools
import os
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from fieldapp import directio, pipeline
from fieldapp.errors import UserFacingError
from fieldapp.exchange import bundle, media_bundle
from fieldapp.exchange.keys import (
    check_pin,
    check_words,
    needs_words,
    pin_project_key,
    pinned_project_key,
)
from fieldapp.fileio import atomic_write
from fieldapp.progress import CancelToken, ProgressSink, no_progress
from fieldapp.store import media as media_rows
from fieldapp.store import meta
from fieldapp.store import outbox as outbox_rows
from fieldapp.store import records as record_rows
from fieldapp.store.forms import stored_definition

SUFFIX = ".fab"
AGE_MAGIC = b"age-encryption.org/v1\n"


@dataclass(frozen=True)
class ExportResult:
    path: Path
    bundle_id: str
    seq: int
    interviews: int
    size: int


def random_bundle_name() -> str:
    """A name that says nothing about who, where or how many (SECURITY.md)."""
    return secrets.token_hex(8) + SUFFIX


def resolve_out(out: Path) -> Path:
    out = Path(out)
    if out.is_dir():
        return out / random_bundle_name()
    if out.exists():
        raise UserFacingError("export.target_exists", path=str(out))
    if not out.parent.is_dir():
        raise UserFacingError("folder.missing", path=str(out.parent))
    return out


def read_records(conn, ids: list[str] | None = None) -> list[dict[str, Any]]:
    """Finalized interviews (or the given ones) as bundle records, in a stable order.

    Sealed answers travel as they are stored (age ciphertext, base64) under ``sealed``; a
    record without any has no such key (docs/sealed-fields.md).
    """
    recs, sealed = record_rows.finalized(conn, ids)
    for rec in recs:
        blobs = sealed.get(rec["id"])
        if blobs:
            rec[bundle.SEALED_KEY] = {f: bundle.encode_sealed(b) for f, b in blobs.items()}
    return recs


def _form_entries(conn, recs: list[dict[str, Any]]) -> list[dict[str, str]]:
    used = sorted({(r["form_id"], r["form_version"]) for r in recs})
    out = []
    for form_id, version in used:
        stored = stored_definition(conn, form_id, version)
        assert stored is not None  # interviews reference their form (foreign key)
        definition, source = stored
        out.append({"form_id": form_id, "version": version, "source_sha256": source or "",
                    "definition_sha256": hashlib.sha256(definition.encode("utf-8")).hexdigest()})
    return out


def export_bundle(
    store,
    out: Path,
    project_key: bytes | None = None,
    progress: ProgressSink = no_progress,
    cancel: CancelToken | None = None,
    words: str | None = None,
) -> ExportResult:
    """Seal every finalized, not yet exported interview into one bundle at ``out``.

    The first export of a laptop pins ``project_key``; that needs its fingerprint words as
    confirmed with the coordinator (``words``), checked before anything is sealed, written or
    purged (issue #17, finding 3).
    """
    from fieldapp.crypto import age, signing
    from fieldapp.exchange.keys import recipient_fingerprint

    if store.info.role != "interviewer":
        raise UserFacingError("export.needs_interviewer")
    with store.reading() as conn:
        data = project_key if project_key is not None else pinned_project_key(conn)
        if data is None:
            raise UserFacingError("export.not_enrolled")
        pk = check_pin(conn, data, refusal="key.swapped_export")
        if needs_words(conn, data):
            check_words(pk.fingerprint_words(), words)
        records = read_records(conn)
        if not records:
            raise UserFacingError("export.nothing")
        forms = _form_entries(conn, records)
        media, counts = _media_entries(conn, records)
        outbox_rows.tidy(conn, store.folder)
        counters = meta.bundle_counters(conn)
        seq, prev = counters.seq + 1, counters.prev
    dkey = store.device_key()
    progress(PROGRESS["sealing"], UNITS, "sealing")
    recipients = list(pk.recipients)
    fields = {
        "bundle_id": secrets.token_hex(16),
        "device_id": store.info.device_id,
        "signer": dkey.public.hex(),
        "project_id": pk.project_id,
        "seq": seq,
        "prev": prev,
        "recipients": [recipient_fingerprint(r) for r in recipients],
        "created": datetime.now(UTC).strftime("%Y-%m-%d"),
        "forms": forms,
    }
    head, manifest_bytes, padding, total = media_bundle.build_head(
        fields, records, media, lambda m: dkey.sign(bundle.SIGN_CONTEXT, m), dkey.public)
    # The device cannot decrypt what it writes: check the structure now, before sealing.
    _check_head(head, records, media, signing)
    if cancel is not None:
        cancel.check()
    progress(PROGRESS["writing"], UNITS, "writing")
    path = resolve_out(out)
    kept = outbox_rows.file_path(store.folder, fields["bundle_id"])
    ids = [r["id"] for r in records]
    now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    try:
        # Erasing: once this commits, no purged answer or media key is left in any file of
        # the store folder; the media's chunks, which no key opens any more, go with media.db
        # right after (decision 0024). The lock is held throughout, so the media read here
        # are those the manifest lists.
        with store.erasing_transaction() as conn:
            reading = [media_bundle.MediaSource(e, functools.partial(media_rows.sealed_in_order, conn, e["media_id"]),
                                                counts[e["media_id"]]) for e in media]
            sealer = age.sealer(recipients, total)
            size = _seal_to(path, head, reading, padding, sealer, kept,
                            _ticks(progress, cancel, "writing", "checking", sealer.file_size))
            # The file on the stick is read back from the stick itself, and every chunk of it
            # opened, before the purge commits.
            digest = _read_back(path, sealer, _ticks(progress, cancel, "checking", "recording", size))
            progress(PROGRESS["recording"], UNITS, "recording")
            if record_rows.mark_exported(conn, ids, now) != len(ids):
                raise UserFacingError("export.changed")
            # The day and how many, never which interviews (issue #17, finding 6).
            outbox_rows.add_kept(conn, fields["bundle_id"], seq, now[:10], digest, len(ids))
            meta.set_bundle_counters(conn, seq, bundle.sha256_hex(manifest_bytes))
            pin_project_key(conn, data, refusal="key.swapped_export")
            store.audit_work(conn, "exchange.export", {"bundle_id": fields["bundle_id"], "seq": seq,
                                                       "interviews": len(ids), "media": len(media)})
    except OSError as exc:
        path.unlink(missing_ok=True)
        kept.unlink(missing_ok=True)
        raise UserFacingError("export.read_back", path=str(path)) from exc
    except BaseException:
        # The store still holds the interviews as finalized: the file on the stick must not
        # circulate as a second, different bundle with the same sequence number.
        path.unlink(missing_ok=True)
        kept.unlink(missing_ok=True)
        raise
    # The first export enrols the laptop: add the recovery slot for the coordinator too.
    store.set_escrow(list(pk.recipients))
    progress(UNITS, UNITS, "done")
    return ExportResult(path, fields["bundle_id"], seq, len(ids), size)


def _media_entries(conn, records: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """The manifest entries of the records' media answers, and each one's number of chunks.

    Only media an answer names travel (a media row whose answer was cleared is purged with
    the interview); a recording still open is refused: finish it first."""
    by_id = {r["id"]: r for r in records}
    out, counts = [], {}
    for row in media_rows.list_for(conn):
        rec = by_id.get(row.interview_id)
        if rec is None or rec["answers"].get(row.key) != [row.reference, "answered"]:
            continue
        if not row.complete:
            raise UserFacingError("export.media_recording")
        out.append({"id": row.interview_id, "revision": rec["revision"], "field": row.key,
                    "media_id": row.media_id, "kind": row.kind, "mime": row.mime, "ext": row.ext,
                    "size": row.size, "sha256": row.sha256})
        counts[row.media_id] = row.chunks
    return out, counts


def _check_head(head: bytes, records: list[dict[str, Any]], media, signing) -> None:
    """Take the head apart as the coordinator will (prefix, signature, manifest, records, media
    list) before anything is sealed: a bundle the laptop cannot open must be right first time."""
    pre = bundle.parse_prefix(head)
    signing.verify(pre.signer, bundle.SIGN_CONTEXT, pre.manifest_bytes, pre.signature)
    manifest = bundle.parse_manifest(pre.manifest_bytes)
    parsed = bundle.parse_records(manifest, bundle.split_payload(manifest, pre.rest))
    if len(parsed) != len(records) or len(manifest["media"]) != len(media):
        raise RuntimeError("the bundle does not hold every record and media it was built from")
    media_bundle.check_records_media(manifest["media"], parsed)


class _KeptFailed(Exception):
    """Writing the outbox copy (on the laptop, not the stick) failed."""

    def __init__(self, error: OSError) -> None:
        super().__init__(error)
        self.error = error


#: Progress of an export in thousandths, where each step starts: sealing and writing the
#: files, then reading the stick back, go by the bytes done (``_ticks``).
UNITS = 1000
PROGRESS = {"sealing": 10, "writing": 20, "checking": 640, "recording": 990}


def _ticks(progress: ProgressSink, cancel: CancelToken | None, step: str, until: str, total: int):
    """What the long steps call after every 4 MiB with the bytes done so far: the export's
    progress from ``step``'s share to ``until``'s, and a chance to be cancelled (nothing is
    committed before the read-back has ended, so a cancel there loses nothing)."""
    low, high = PROGRESS[step], PROGRESS[until]

    def tick(done: int) -> None:
        progress(low + (high - low) * min(done, total) // max(total, 1), UNITS, step)
        if cancel is not None:
            cancel.check()

    return tick


#: Ciphertext handed to the files at a time (a multiple of directio.ALIGN), and buffers of it
#: in flight: about 25 MB whatever the bundle's size.
HANDOVER = 4 << 20
BUFFERS = 6
#: Reads of the stick's file in flight at the read-back (a device given two requests at a time
#: reads faster than one after the other).
READS = 2
#: Plaintext staged for sealing: media chunks are opened into it, age's chunks sealed from it.
STAGE = (4 << 20) + (64 << 10)


class _Target:
    """One file the ciphertext goes to (the stick's, the outbox copy), written past the page
    cache where the system allows (``directio``), fed by its own thread of the fan-out."""

    def __init__(self, tmp: Path) -> None:
        self._file = directio.DirectWriter(tmp)

    def write(self, view) -> None:
        self._file.write(view)

    def close(self) -> None:
        self._file.close()


def _seal_stream(parts, sealer, fan: pipeline.FanOut, tick=lambda _done: None) -> None:
    """The inner bytes (``parts``, from the read-ahead thread) cut into age's 64 KiB chunks,
    each sealed by ``sealer`` into the fan-out's buffers behind the age header; full buffers
    go to the files' threads. Runs on the calling thread. A media chunk arrives sealed with
    its media's key and is opened straight into the staging buffer, and each age chunk is
    sealed from there: no copy of the plaintext on the way, and both steps release the GIL."""
    from fieldapp.crypto import stream

    size = len(stage := bytearray(STAGE))
    sv = memoryview(stage)
    start = have = n = put = 0  # put: bytes handed to the files
    buf = fan.take()
    out = memoryview(buf)
    fill = len(sealer.prefix)
    out[:fill] = sealer.prefix

    def seal(length: int) -> None:
        nonlocal n, fill, buf, out, start, put
        sealer.seal_into(n, sv[start:start + length], out[fill:fill + length + stream.TAG])
        n += 1
        start += length
        fill += length + stream.TAG
        if fill >= HANDOVER:
            nxt = fan.take()
            nv = memoryview(nxt)
            rest = fill - HANDOVER
            nv[:rest] = out[HANDOVER:fill]
            fan.put(buf, HANDOVER)
            buf, out, fill = nxt, nv, rest
            put += HANDOVER
            tick(put)

    def room(need: int) -> None:
        nonlocal start, have
        if size - have < need:  # what is not sealed yet (under 64 KiB) to the front
            sv[:have - start] = sv[start:have]
            have -= start
            start = 0

    try:
        for part in itertools.chain.from_iterable(parts):
            if hasattr(part, "open_into"):
                k = part.size
                room(k)
                part.open_into(sv[have:have + k])
                have += k
            else:
                view = memoryview(part)
                while view:
                    room(1)
                    k = min(size - have, len(view))
                    sv[have:have + k] = view[:k]
                    have += k
                    view = view[k:]
                    while have - start >= stream.CHUNK:
                        seal(stream.CHUNK)
                continue
            while have - start >= stream.CHUNK:
                seal(stream.CHUNK)
        if have - start or n == 0:
            seal(have - start)
        if n != sealer.chunks:
            raise media_bundle.MediaChanged("size")
        fan.put(buf, fill)
    finally:
        sv[:] = bytes(size)  # the media's plaintext, not left in freed memory


def _seal_to(path: Path, head: bytes, media: list[media_bundle.MediaSource], padding: int, sealer,
             kept: Path, tick=lambda _done: None) -> int:
    """Encrypt the inner bytes (``head``, the media's chunks, ``padding`` zeros: the size
    ``sealer`` was made for) with ``sealer`` into ``path`` and the outbox copy ``kept``
    (each temp file, fsync, rename): the ciphertext's size. A full stick, an unplugged one
    or any write error is ``export.write_failed`` with the system's reason, and no file is
    left behind.

    Four threads share the work (decisions 0027, 0030): the store's reads run ahead
    (``media_bundle.inner_parts``), this thread opens the media's chunks and seals age's,
    and each file has its own thread; only the Python steps between them hold the GIL.
    Nothing is hashed here: the read-back opens what the stick returns and takes the
    SHA-256 (``_read_back``)."""
    result: dict[str, Any] = {}

    def write(tmp: Path) -> None:
        def write_kept(tmp_kept: Path) -> None:
            stick, copy = _Target(tmp), _Target(tmp_kept)
            state = {"size": 0}

            def to_stick(view) -> None:
                state["size"] += len(view)
                stick.write(view)

            def to_kept(view) -> None:
                try:
                    copy.write(view)
                except OSError as exc:
                    raise _KeptFailed(exc) from None

            fan = pipeline.FanOut([to_stick, to_kept],
                                  [directio.aligned_buffer(HANDOVER + 65552) for _ in range(BUFFERS)])
            parts = pipeline.read_ahead(lambda: pipeline.batched(media_bundle.inner_parts(head, media, padding), 16),
                                        depth=media_bundle.READ_AHEAD // 16)
            try:
                try:
                    _seal_stream(parts, sealer, fan, tick)
                finally:
                    # the reading thread has stopped before anything else touches the store
                    parts.close()
                fan.close()
            except BaseException:
                fan.abort()
                raise
            finally:
                stick.close()
                copy.close()
            result["size"] = state["size"]

        try:
            atomic_write(kept, write_kept)
        except OSError as exc:  # fsync or rename of the outbox copy
            raise _KeptFailed(exc) from None

    try:
        kept.parent.mkdir(mode=0o700, exist_ok=True)
        atomic_write(path, write)
    except media_bundle.MediaChanged:
        kept.unlink(missing_ok=True)
        raise UserFacingError("export.changed") from None
    except _KeptFailed as exc:
        path.unlink(missing_ok=True)
        kept.unlink(missing_ok=True)
        raise UserFacingError("export.write_failed", path=str(kept.parent),
                              reason=exc.error.strerror or str(exc.error)) from None
    except OSError as exc:
        path.unlink(missing_ok=True)
        kept.unlink(missing_ok=True)
        raise UserFacingError("export.write_failed", path=str(path), reason=exc.strerror or str(exc)) from None
    except BaseException:
        kept.unlink(missing_ok=True)
        raise
    return result["size"]


class _Returned:
    """The read-back's check of the file as the stick returns it, one buffer at a time and
    in order (a lane of its fan-out): the header must be the bytes written, and every chunk
    must open under the file's key as the chunk of its number (``Sealer.check``; the number
    is its nonce). A byte changed anywhere, a block the stick returns from elsewhere (one
    faking its capacity wraps round and overwrites early blocks with later ones), chunks out
    of order, and a file cut or extended all fail it (decision 0030). That is age's own
    authentication, with the key the sender holds until the export ends: nothing is taken
    while writing to compare with."""

    def __init__(self, sealer, path: Path) -> None:
        from fieldapp.crypto import stream

        self._sealer, self._path, self._tag = sealer, path, stream.TAG
        self._at = self._n = self._have = 0
        self._carry = bytearray(stream.SEALED)
        self._scratch = bytearray(stream.CHUNK)  # the plaintext of the chunk last opened

    def __call__(self, view) -> None:
        prefix = self._sealer.prefix
        if self._at < len(prefix):
            k = min(len(prefix) - self._at, len(view))
            if bytes(view[:k]) != prefix[self._at:self._at + k]:
                self._fail()
            self._at += k
            view = view[k:]
        while view:
            if self._n >= self._sealer.chunks:
                self._fail()  # longer than what was written
            need = self._sealer.sealed_length(self._n)
            if not self._have and len(view) >= need:
                self._open(view[:need])
                view = view[need:]
                continue
            k = min(need - self._have, len(view))  # a chunk across two buffers
            self._carry[self._have:self._have + k] = view[:k]
            self._have += k
            view = view[k:]
            if self._have == need:
                self._open(memoryview(self._carry)[:need])
                self._have = 0

    def _open(self, sealed) -> None:
        if not self._sealer.check(self._n, sealed, memoryview(self._scratch)[:len(sealed) - self._tag]):
            self._fail()
        self._n += 1

    def _fail(self):
        raise UserFacingError("export.read_back", path=str(self._path))

    def finish(self) -> None:
        """Fails unless the whole file came back (every chunk, nothing after the last)."""
        if self._n != self._sealer.chunks or self._have or self._at < len(self._sealer.prefix):
            self._fail()

    def clear(self) -> None:
        self._scratch[:] = bytes(len(self._scratch))
        self._carry[:] = bytes(len(self._carry))


def _read_back(path: Path, sealer, tick=lambda _done: None) -> str:
    """The SHA-256 of the file as the stick returns it, once every chunk of it opened
    (``_Returned``); ``export.read_back`` if one does not.

    The file was fsynced by ``atomic_write``; it is read past the page cache (``O_DIRECT``,
    or after its pages were dropped: ``directio.DirectReader``), so what is read comes from
    the device, not from the memory the bytes were written from: a stick that does not hold
    what it was given (one faking its capacity, bad flash, a write lost on the way) is caught
    before the purge. The SHA-256 (the outbox's, the one the coordinator's receipt names) is
    of those bytes. This thread only reads; the check and the hash each have a thread of
    their own, so the read-back takes about what the device takes (decisions 0027, 0030)."""
    digest, returned = hashlib.sha256(), _Returned(sealer, path)
    reader = directio.DirectReader(path)
    fan = pipeline.FanOut([digest.update, returned], [directio.aligned_buffer(HANDOVER) for _ in range(BUFFERS)])
    reads = concurrent.futures.ThreadPoolExecutor(READS, thread_name_prefix="fieldapp-read-back")
    pending: collections.deque = collections.deque()
    size, offset = os.stat(path).st_size, 0
    try:
        while pending or offset < size:
            while offset < size and len(pending) < READS:
                buf = fan.take()
                pending.append((buf, reads.submit(reader.readinto, buf, offset)))
                offset += HANDOVER
            buf, done = pending.popleft()
            if n := done.result():
                fan.put(buf, n)
            else:
                raise UserFacingError("export.read_back", path=str(path))  # shorter than it was
            tick(offset - len(pending) * HANDOVER)
        fan.close()
        returned.finish()
    except BaseException:
        fan.abort()
        raise
    finally:
        reads.shutdown(cancel_futures=True)
        reader.close()
        returned.clear()
    return digest.hexdigest()


def _write_verified(path: Path, store, bundle_id: str, digest: str, tick=lambda _done: None) -> None:
    """Write an outbox copy again, chunk by chunk, and check that the stick returns it
    identically (read past the page cache, as the export's read-back is)."""

    done = 0

    def write(tmp: Path) -> None:
        nonlocal done
        with open(tmp, "wb") as fh, store.reading() as conn:
            for chunk in outbox_rows.sealed_chunks(conn, bundle_id, store.folder):
                fh.write(chunk)
                done += len(chunk)
                tick(done)

    try:
        atomic_write(path, write)
        # from the device, not from the page cache the bytes were just written through: the
        # file key is gone, so the check is the SHA-256 the first export's read-back took
        back, first = hashlib.sha256(), b""
        reader, buf = directio.DirectReader(path), directio.aligned_buffer(HANDOVER)
        try:
            offset = 0
            while n := reader.readinto(buf, offset):
                first = first or bytes(buf[:len(AGE_MAGIC)])
                back.update(memoryview(buf)[:n])
                offset += n
                tick(done + offset)
        finally:
            reader.close()
    except BaseException as exc:  # a failed write or read, or a cancel: no file left
        path.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise UserFacingError("export.write_failed", path=str(path), reason=exc.strerror or str(exc)) from None
        raise
    if back.hexdigest() != digest or not first.startswith(AGE_MAGIC):
        path.unlink(missing_ok=True)
        raise UserFacingError("export.read_back", path=str(path))


@dataclass(frozen=True)
class OutboxEntry:
    bundle_id: str
    seq: int
    created_at: str
    interviews: int
    size: int
    acknowledged: bool


def outbox(store) -> list[OutboxEntry]:
    with store.reading() as conn:
        rows = outbox_rows.rows(conn, store.folder)
    return [OutboxEntry(r.bundle_id, r.seq, r.created_at, r.interviews, r.size, r.receipt_at is not None)
            for r in rows]


def resend(store, folder: Path, progress: ProgressSink = no_progress, cancel: CancelToken | None = None) -> list[Path]:
    """Write every bundle still waiting for a receipt again (e.g. the first stick was lost).

    The bytes are the sealed copy kept in the outbox, identical to the first export, so the
    coordinator recognises a bundle it already has and imports nothing twice. ``progress``
    goes by the bytes written and read back (each bundle twice); a cancel stops at the next
    MiB and removes what this call wrote, so a stick holds all of them or none.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise UserFacingError("export.resend_not_folder", path=str(folder))
    with store.reading() as conn:
        rows = outbox_rows.waiting_ids(conn)
        sizes = {r.bundle_id: r.size for r in outbox_rows.rows(conn, store.folder)}
    if not rows:
        raise UserFacingError("export.nothing_to_resend")
    paths: list[Path] = []
    total = 2 * sum(sizes.get(b, 0) for b, _d in rows)
    before = 0

    def tick(done: int) -> None:
        progress(min(before + done, total), max(total, 1), "resending")
        if cancel is not None:
            cancel.check()

    try:
        for bundle_id, digest in rows:
            path = folder / random_bundle_name()
            _write_verified(path, store, bundle_id, digest, tick)
            paths.append(path)
            before += 2 * sizes.get(bundle_id, 0)
    except BaseException:
        for p in paths:
            p.unlink(missing_ok=True)
        raise
    progress(max(total, 1), max(total, 1), "done")
    return paths
