"""Files attached to a form: external choices (``select_one_from_file``) and ``pulldata`` data.

ODK ships such files beside the form ("form media"); fieldapp installs them with the form:
their rows go into the form definition, which the store keeps encrypted, and their bytes
into the form's hash, so a changed file is a changed form. They are looked for in the
folder given with ``--media`` or, by default, beside the workbook.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType

Rows = tuple[Mapping[str, str], ...]


class AttachmentError(ValueError):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def read_rows(name: str, data: bytes) -> Rows:
    """The rows of an attached CSV, XML (``root/item``) or GeoJSON file."""
    kind = name.rsplit(".", 1)[-1].lower()
    if kind == "csv":
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise AttachmentError("not UTF-8 text") from None
        reader = csv.DictReader(io.StringIO(text))
        return tuple(MappingProxyType({str(k).strip(): (v or "").strip() for k, v in r.items() if k})
                     for r in reader)
    if kind == "xml":
        from defusedxml import ElementTree
        from defusedxml.common import DefusedXmlException

        try:
            root = ElementTree.fromstring(data)
        except (ElementTree.ParseError, DefusedXmlException):
            raise AttachmentError("not well-formed XML") from None
        return tuple(MappingProxyType({c.tag: (c.text or "").strip() for c in item})
                     for item in root.iter("item"))
    if kind == "geojson":
        try:
            doc = json.loads(data)
        except (json.JSONDecodeError, UnicodeDecodeError):
            raise AttachmentError("not GeoJSON") from None
        out = []
        for feature in doc.get("features", []) if isinstance(doc, dict) else []:
            props = {str(k): str(v) for k, v in (feature.get("properties") or {}).items()}
            if "id" in feature:
                props.setdefault("id", str(feature["id"]))
            props.setdefault("name", props.get("id", ""))
            props.setdefault("label", props.get("title", props["name"]))
            out.append(MappingProxyType(props))
        return tuple(out)
    raise AttachmentError("not a .csv, .xml or .geojson file")


def form_hash(workbook: bytes, files: Mapping[str, bytes]) -> str:
    """The form's hash: of the workbook alone, or of it and every attached file."""
    if not files:
        return hashlib.sha256(workbook).hexdigest()
    h = hashlib.sha256(b"fieldapp-form-v2\0")
    h.update(hashlib.sha256(workbook).digest())
    for name in sorted(files):
        h.update(name.encode("utf-8") + b"\0" + hashlib.sha256(files[name]).digest())
    return h.hexdigest()


def find(name: str, folder: Path | None) -> bytes | None:
    if folder is None:
        return None
    path = folder / name
    try:
        return path.read_bytes() if path.is_file() else None
    except OSError:
        return None
