"""Media answers (issue #16): attach a file, read a media answer as a stream, list and remove them.

Media bytes live only inside the encrypted store (``fieldapp.store.media``): an attached file
is read in chunks and written chunk by chunk; reading gives a stream over the chunks, so
neither direction holds a whole video in memory. Recording audio is ``fieldapp.ops.recorder``.

The size limit of one answer, in this order: the question's ``max-size`` parameter (MB, in
the XLSForm ``parameters`` column, e.g. ``max-size=20``), the caller's ``max_bytes`` (the
app's setting), else ``store.media.DEFAULT_MAX_BYTES`` (256 MB).
"""

from __future__ import annotations

import functools
import mimetypes
import os
from dataclasses import dataclass, field
from pathlib import Path

from fieldapp.errors import UserFacingError
from fieldapp.forms.instances import split_key
from fieldapp.forms.model import Question
from fieldapp.progress import CancelToken, ProgressSink, no_progress
from fieldapp.store import Store
from fieldapp.store import media as media_rows
from fieldapp.store.forms import get_form
from fieldapp.store.media import DEFAULT_MAX_BYTES, MediaRow, MediaStream

__all__ = ["DEFAULT_MAX_BYTES", "MediaRow", "MediaStream", "attach_file", "delete_media", "list_media",
           "media_kind", "max_bytes_for", "open_media", "read_media"]

#: XLSForm question type -> the kind of media it keeps (background-audio is audio).
_KIND = {"image": "image", "audio": "audio", "background-audio": "audio", "video": "video", "file": "file"}
_MB = 1024 * 1024


@dataclass(frozen=True)
class Attached:
    row: MediaRow
    #: Where the original still is: the app reminds the interviewer it is still there.
    original: Path


def media_kind(question: Question) -> str | None:
    """The kind of media a question keeps, or None for a question that keeps none."""
    return _KIND.get(question.type)


def max_bytes_for(question: Question, max_bytes: int | None = None) -> int:
    raw = question.parameters.get("max-size") if question.parameters else None
    if raw:
        try:
            mb = float(raw)
        except ValueError:
            mb = 0.0
        if mb > 0:
            return int(mb * _MB)
    return max_bytes if max_bytes and max_bytes > 0 else DEFAULT_MAX_BYTES


def question_of(store: Store, interview_id: str, key: str) -> Question:
    """The media question ``key`` of an interview (``members[2]/photo`` inside a repeat)."""
    with store.reading() as conn:
        row = conn.execute("SELECT form_id, form_version FROM interviews WHERE id = ?", (interview_id,)).fetchone()
    if row is None:
        raise UserFacingError("interview.not_found")
    form = get_form(store, row[0], row[1])
    name = split_key(key)[1]
    question = next((q for q in form.questions() if q.name == name), None)
    if question is None:
        raise UserFacingError("interview.no_field", form=row[0], field=key)
    if media_kind(question) is None:
        raise UserFacingError("media.not_media_question", field=key)
    return question


def attach_file(store: Store, interview_id: str, key: str, path: str | os.PathLike[str], *,
                max_bytes: int | None = None, progress: ProgressSink = no_progress,
                cancel: CancelToken | None = None) -> Attached:
    """Copy a file into the store as the answer to media question ``key`` (replacing what it
    held). The file is read in chunks; nothing of it is written outside the store. The
    original stays where it was (on flash storage, deleting it is not erasing it)."""
    question = question_of(store, interview_id, key)
    limit = max_bytes_for(question, max_bytes)
    path = Path(path)
    if not path.is_file():
        raise UserFacingError("media.file_missing", path=str(path))
    try:
        total = path.stat().st_size
        if total > limit:
            raise UserFacingError("media.too_large", limit=f"{limit / _MB:.0f} MB")
        mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        writer = media_rows.MediaWriter(store, interview_id, key, media_kind(question) or "file", mime,
                                        path.suffix, max_bytes=limit)
        with open(path, "rb") as fh:
            writer.begin()
            try:
                done = 0
                while chunk := fh.read(media_rows.CHUNK_SIZE):
                    if cancel is not None:
                        cancel.check()
                    writer.write(chunk)
                    done += len(chunk)
                    progress(done, max(total, done), "attaching")
                row = writer.finish()
            except BaseException:
                writer.abort()
                raise
    except OSError as exc:
        raise UserFacingError("media.file_unreadable", path=str(path),
                              reason=exc.strerror or type(exc).__name__) from None
    return Attached(row, path)


def list_media(store: Store, interview_id: str) -> list[MediaRow]:
    with store.reading() as conn:
        return media_rows.list_for(conn, interview_id)


def _row(store: Store, interview_id: str, key: str) -> MediaRow:
    with store.reading() as conn:
        row = media_rows.get(conn, interview_id, key)
    if row is None:
        raise UserFacingError("media.not_found", field=key)
    return row


def open_media(store: Store, interview_id: str, key: str) -> MediaStream:
    """The media answer to ``key`` as a binary stream (read chunk by chunk from the store)."""
    return MediaStream(store, _row(store, interview_id, key))


def read_media(store: Store, interview_id: str, key: str) -> bytes:
    """The whole media answer in memory (for a thumbnail or a recording to play back)."""
    with open_media(store, interview_id, key) as stream:
        return stream.read()


def delete_media(store: Store, interview_id: str, key: str) -> bool:
    with store.transaction() as conn:
        row = conn.execute("SELECT status FROM interviews WHERE id = ?", (interview_id,)).fetchone()
        if row is None:
            raise UserFacingError("interview.not_found")
        if row[0] != "draft":
            raise UserFacingError("media.not_draft")
        return media_rows.delete(conn, interview_id, key)


@dataclass(frozen=True)
class MediaExport:
    folder: Path
    files: list[Path]
    bytes: int
    #: The FLAC files written beside continued recordings (also in ``files``).
    whole: list[Path] = field(default_factory=list)


#: The file written beside a recording continued after a lock (a chained Ogg file).
WHOLE_EXT = ".flac"


def continued_parts(data: bytes | bytearray) -> list[bytes | bytearray] | None:
    """The parts of a recording continued after a lock (a chained Ogg file: one Ogg stream
    per part), or None for a single stream, or for parts that differ in rate or channels (the
    recorder keeps its settings, so it never makes one)."""
    import io

    import soundfile

    from fieldapp.ops.recorder import ogg_streams

    parts = ogg_streams(data)
    if len(parts) < 2:
        return None
    try:
        shapes = {(i.samplerate, i.channels) for i in (soundfile.info(io.BytesIO(p)) for p in parts)}
    except soundfile.LibsndfileError:
        return None
    return parts if len(shapes) == 1 else None


def write_whole_recording(parts: list[bytes | bytearray], tmp: Path) -> None:
    """The parts of a continued recording (``continued_parts``) as one FLAC file at ``tmp``,
    in turn, lossless from the decoded audio, a block at a time: libsndfile, and with it
    Python's soundfile and the tools built on it, reads only the first stream of a chained Ogg
    file, and a testimony that seems to stop at the first lock is worse than a bigger file."""
    import io

    import soundfile

    first = soundfile.info(io.BytesIO(parts[0]))
    with soundfile.SoundFile(tmp, "w", samplerate=first.samplerate, channels=first.channels,
                             format="FLAC", subtype="PCM_16") as out:
        for part in parts:
            with soundfile.SoundFile(io.BytesIO(part)) as src:
                for block in src.blocks(blocksize=1 << 16, dtype="int16", always_2d=True):
                    out.write(block)


def _safe(text: str) -> str:
    """A file-name part of a pseudonym or field key: letters, digits, '-' and '_' only."""
    import re

    return re.sub(r"[^A-Za-z0-9_-]+", "-", text).strip("-") or "x"


def media_file_name(pseudonym: str, key: str, ext: str) -> str:
    """``<pseudonym>_<field key><ext>``: the pseudonym and the question, never anything else."""
    return f"{_safe(pseudonym)}_{_safe(key)}{ext}"


def export_media_files(store: Store, form_id: str, folder: str | os.PathLike[str], *,
                       progress: ProgressSink = no_progress,
                       cancel: CancelToken | None = None) -> MediaExport:
    """Write the media answers of the form's finalized interviews into ``folder`` as files named
    by pseudonym and question (``fieldapp data ... --media DIR``), each written atomically
    (0600) chunk by chunk; recorded in the audit chain like the export of sealed answers. An
    existing file is never overwritten. A recording continued after a lock also gets
    ``<pseudonym>_<question>.flac``, the whole recording in one stream
    (``write_whole_recording``)."""
    from fieldapp.fileio import atomic_write
    from fieldapp.ops import files

    target = files.output_folder(folder)
    with store.reading() as conn:
        rows = conn.execute(
            "SELECT m.media_id, i.pseudonym, m.instance, m.field, m.ext, m.kind FROM media m "
            "JOIN interviews i ON i.id = m.interview_id WHERE i.form_id = ? AND i.status = 'final' "
            "AND m.state = 'complete' ORDER BY i.pseudonym, m.instance, m.field", (form_id,)).fetchall()
    from fieldapp.forms.instances import field_key

    planned = [(mid, target / media_file_name(p, field_key(i, f), ext), kind == "audio" and ext == ".ogg")
               for mid, p, i, f, ext, kind in rows]
    for _mid, path, ogg in planned:
        for taken in (path, path.with_suffix(WHOLE_EXT)) if ogg else (path,):
            if taken.exists():
                raise UserFacingError("file.exists", path=str(taken))
    with store.transaction() as conn:
        # before any file is written: an export that fails half-way is still on record
        store.audit(conn, "data.export_media", {"form": form_id, "files": len(planned)})
    written: list[Path] = []
    whole: list[Path] = []
    total = 0
    for n, (media_id, path, ogg) in enumerate(planned):
        if cancel is not None:
            cancel.check()
        with store.reading() as conn:
            row = media_rows.by_id(conn, media_id)
        assert row is not None

        recording = bytearray() if ogg else None

        def write(tmp: Path, row=row, recording=recording) -> None:
            with open(tmp, "wb") as fh:
                for chunk in media_rows.iter_chunks(store, row.media_id):
                    fh.write(chunk)
                    if recording is not None:  # an hour of speech is about 20 MB
                        recording += chunk

        try:
            atomic_write(path, write)
            written.append(path)
            parts = continued_parts(recording) if recording is not None else None
            if parts is not None:
                flac = atomic_write(path.with_suffix(WHOLE_EXT), functools.partial(write_whole_recording, parts))
                written.append(flac)
                whole.append(flac)
        except OSError as exc:
            raise UserFacingError("file.unwritable", path=str(path), reason=exc.strerror or type(exc).__name__) from None
        total += row.size
        progress(n + 1, len(planned), "media")
    return MediaExport(target, written, total, whole)
