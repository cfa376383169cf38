"""XLSForm question types -> fieldapp's canonical types (the table in docs/forms.md).

pyxform normalises a type cell to one of the keys of its ``QUESTION_TYPE_DICT`` ("select one",
"q int", "photo" ...); that dictionary says what each key becomes in the XForm (bind type,
body tag, preload). We read the canonical type from the same dictionary, so every alias
pyxform accepts is accepted here with the meaning ODK gives it, and none is listed twice.
"""

from __future__ import annotations

import functools
from typing import Any

#: Canonical types of the question rows that are not simple input: what they become.
_BY_PRELOAD = {
    ("timestamp", "start"): "start",
    ("timestamp", "end"): "end",
    ("date", "today"): "today",
}
_MEDIA_BY_MIME = {
    "image/*": "image",
    "audio/*": "audio",
    "video/*": "video",
    "application/*": "file",
    "osm/*": "osm",
}
_BY_BIND_TYPE = {
    "int": "integer",
    "decimal": "decimal",
    "date": "date",
    "time": "time",
    "dateTime": "dateTime",
    "barcode": "barcode",
    "geopoint": "geopoint",
    "geotrace": "geotrace",
    "geoshape": "geoshape",
}
#: Declarations of attached data, not questions (their file is installed with the form).
EXTERNAL_DECLARATIONS = frozenset({"xml-external", "csv-external"})


@functools.cache
def _dictionary() -> dict[str, Any]:
    from pyxform.question_type_dictionary import QUESTION_TYPE_DICT

    return QUESTION_TYPE_DICT


def canonical_type(pyxform_type: str) -> str | None:
    """fieldapp's type for a pyxform JSON ``type`` (None: not a question pyxform knows)."""
    t = pyxform_type
    if t in ("note", "calculate", "hidden", "select one external"):
        return {"select one external": "select_one"}.get(t, t)
    if t in EXTERNAL_DECLARATIONS or t in ("audit", "background-audio", "start-geopoint",
                                           "background-geopoint"):
        return t
    spec = _dictionary().get(t)
    if spec is None:
        return None
    bind = spec.get("bind", {})
    control = spec.get("control", {})
    preload = bind.get("jr:preload")
    if preload == "property":
        prop = str(bind.get("jr:preloadParams", ""))
        return prop.removeprefix("uri:")
    if preload:
        return _BY_PRELOAD.get((preload, bind.get("jr:preloadParams")), "start")
    tag = control.get("tag")
    if bind.get("type") == "binary":
        return _MEDIA_BY_MIME.get(control.get("mediatype", ""), "file")
    if tag == "select1":
        return "select_one"
    if tag == "select":
        return "select_multiple"
    if tag == "odk:rank":
        return "rank"
    if tag == "range":
        return "range"
    if tag == "trigger":
        return "acknowledge"
    if "note" in t.split():
        return "note"
    if "calculate" in t.split():
        return "calculate"
    return _BY_BIND_TYPE.get(bind.get("type"), "text")
