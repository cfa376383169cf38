"""Form media (issue #16): the images an XLSForm shows with its questions and choices.

The survey sheet's ``image`` / ``image::<language>`` / ``media::image::<language>`` columns
name an image shown with the question, the choices sheet's the same columns an image beside
a choice (pyxform reads them into each element's ``media``; ``_convert`` keeps them as
``images``). ODK ships these files beside the form: in a ``<form>-media`` folder next to the
workbook (ODK Collect's layout), or uploaded with it (ODK Central). fieldapp looks in the
folder given with ``--media``, else in ``<workbook stem>-media/``, then beside the workbook.

The files are read here, checked (a plain file name, a PNG, JPEG, GIF, BMP or WebP image of
at most ``MAX_BYTES``), hashed into the form's hash (a changed picture is a changed form) and
installed with the form inside the encrypted store (``store.forms``): they may show documents
or places a respondent must not be linked to. Each problem is located by sheet, row and
column.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

from fieldapp.errors import FormError
from fieldapp.messages import msg

#: One image of a form at most this large: a photo a phone takes is a few MB, and every
#: image is read into memory when its page is shown.
MAX_BYTES = 16 * 1024 * 1024
#: ``image``, ``image::English (en)``, ``media::image``, ``media::image::ko`` (any case).
_COLUMN = re.compile(r"^\s*(?:media\s*::\s*)?image\s*(?:::.*)?$", re.IGNORECASE)
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"BM", "image/bmp"),
)


@dataclass(frozen=True)
class MediaRef:
    """One cell naming a media file: where it is (sheet, Excel row, column) and the file."""

    sheet: str
    row: int
    column: str
    file: str


def mime_of(data: bytes) -> str | None:
    """The image type of ``data`` by its first bytes, or None if it is not an image Qt shows."""
    for magic, mime in _MAGIC:
        if data.startswith(magic):
            return mime
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return None


def references(sheets: Mapping[str, list[dict[str, Any]]]) -> list[MediaRef]:
    """Every filled image cell of the given sheets (``{"survey": rows, "choices": rows}``),
    in sheet and row order. Rows are pyxform's, first data row = Excel row 2."""
    out = []
    for sheet, rows in sheets.items():
        for i, row in enumerate(rows or [], start=2):
            for column, value in row.items():
                text = str(value if value is not None else "").strip()
                if text and _COLUMN.match(str(column)):
                    out.append(MediaRef(sheet, i, str(column).strip(), text))
    return out


def folders_for(workbook: Path | None, media: Path | None) -> list[Path]:
    """Where a form's media files are looked for: ``--media``, else ``<stem>-media/`` beside
    the workbook and then the workbook's own folder."""
    if media is not None:
        return [media]
    if workbook is None:
        return []
    return [workbook.parent / f"{workbook.stem}-media", workbook.parent]


_TOO_LARGE = object()


def _find(name: str, folders: list[Path]) -> bytes | object | None:
    for folder in folders:
        path = folder / name
        try:
            if path.is_file():
                if path.stat().st_size > MAX_BYTES:
                    return _TOO_LARGE  # reported without reading it
                return path.read_bytes()
        except OSError:
            continue
    return None


def _plain_name(name: str) -> bool:
    return bool(name) and name not in (".", "..") and not any(c in name for c in "/\\\0") \
        and ":" not in name


def read(refs: list[MediaRef], folders: list[Path], problems: list[FormError], warnings: list,
         require: bool) -> dict[str, bytes]:
    """The bytes of every referenced file, by name. A file that is missing is a problem when
    ``require`` (installing: the form cannot be shown without it), else a warning (``form
    check``: ODK accepts a form whose media are uploaded apart); a bad name, a file that is
    not an image or one too large is a problem either way."""
    found: dict[str, bytes] = {}
    reported: set[tuple[str, int, str]] = set()
    shown_folder = str(folders[0]) if folders else "."
    for ref in refs:
        if ref.file in found:
            continue
        where = {"column": ref.column, "file": ref.file}
        if not _plain_name(ref.file):
            problems.append(FormError("bad-media-name", msg("form.media_bad_name", **where),
                                      ref.sheet, ref.row))
            continue
        data = _find(ref.file, folders)
        if data is None:
            error = FormError("missing-media", msg("form.media_missing", folder=shown_folder, **where),
                              ref.sheet, ref.row)
            if require:
                problems.append(error)
            elif (ref.sheet, ref.row, ref.column) not in reported:
                warnings.append(error.message)
            reported.add((ref.sheet, ref.row, ref.column))
            continue
        if data is _TOO_LARGE:
            problems.append(FormError("media-too-large", msg(
                "form.media_too_large", limit=MAX_BYTES // (1024 * 1024), **where), ref.sheet, ref.row))
            continue
        assert isinstance(data, bytes)
        if mime_of(data) is None:
            problems.append(FormError("media-not-image", msg("form.media_not_image", **where),
                                      ref.sheet, ref.row))
            continue
        found[ref.file] = data
    return found


def digests(blobs: Mapping[str, bytes]) -> MappingProxyType:
    """name -> SHA-256 (hex): what the form's definition records of its media."""
    return MappingProxyType({name: hashlib.sha256(data).hexdigest() for name, data in sorted(blobs.items())})


def attach_data(form, blobs: Mapping[str, bytes]) -> None:
    """Keep the files read with ``form`` for its installation (not part of the definition)."""
    form.__dict__["_media_data"] = MappingProxyType(dict(blobs))


def media_data(form) -> Mapping[str, bytes]:
    """The media files read with ``form`` (empty for a form read back from a store)."""
    return form.__dict__.get("_media_data", MappingProxyType({}))
