"""XLSForm workbook -> checked, immutable ``Form`` (staged like pyxform: cells -> rows -> model).

Stages: ``_load`` reads the workbook into plain rows with normalized headers; ``_Survey``
walks the survey sheet (types, groups, columns); ``_read_choices`` and ``_read_settings``
read the other sheets; ``_check_expressions`` parses every expression with our own parser
and checks ``${references}`` and dependency cycles. Every problem becomes a
``FormError(code, message, sheet, row)``; all of them are collected and raised together as
``FormErrors`` so a form author sees the whole list at once. Row numbers are Excel's (the
header is row 1). The supported subset and the reasons for each refusal are in docs/forms.md.
"""

from __future__ import annotations

import datetime as _dt
import difflib
import hashlib
import io
import re
import warnings
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from fieldapp.errors import FormError, FormErrors
from fieldapp.forms.expressions import Expr, ExpressionError, parse
from fieldapp.forms.model import (
    DEFAULT_LANG,
    Choice,
    ChoiceList,
    Form,
    Group,
    Question,
    language_code,
)

SURVEY, CHOICES, SETTINGS = "survey", "choices", "settings"

_YES = frozenset({"yes", "true", "true()", "1"})
_NO = frozenset({"no", "false", "false()", "0", ""})
_NAME_RE = re.compile(r"[^\W\d][\w.\-]*")
_LABEL_REF_RE = re.compile(r"\$\{([^}]*)\}")
_CAMEL_RE = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")

#: Survey columns whose values differ per language (``label::Korean (ko)``).
_TRANSLATABLE = frozenset({"label", "hint", "required_message", "constraint_message", "guidance_hint"})
#: Media columns: fieldapp shows text only, so a filled media cell is refused, never dropped.
_MEDIA = frozenset({"image", "big-image", "big_image", "audio", "video", "media"})
#: Column aliases, after snake-casing (pyxform's aliases.survey_header / list_header).
_ALIASES = {
    "relevance": "relevant",
    "readonly": "read_only",
    "calculate": "calculation",
    "caption": "label",
    "required_msg": "required_message",
    "requiredmsg": "required_message",
    "jr:required_msg": "required_message",
    "constraint_msg": "constraint_message",
    "constraining_message": "constraint_message",
    "jr:constraint_msg": "constraint_message",
    "list": "list_name",
    "set_form_title": "form_title",
    "set_form_id": "form_id",
    "id_string": "form_id",
    "count": "repeat_count",
    "jr:count": "repeat_count",
}
_SURVEY_COLUMNS = frozenset({
    "type", "name", "label", "hint", "required", "required_message", "relevant", "constraint",
    "constraint_message", "calculation", "default", "choice_filter", "appearance", "read_only",
    "private", "seal", "repeat_count",
})
_CHOICE_COLUMNS = frozenset({"list_name", "name"})
_KNOWN_COLUMNS = _SURVEY_COLUMNS | _CHOICE_COLUMNS

# -- question types ---------------------------------------------------------------------------

_SIMPLE_TYPES = {
    **dict.fromkeys(["text", "string", "q string", "add text prompt"], "text"),
    **dict.fromkeys(["integer", "int", "q int", "add integer prompt"], "integer"),
    **dict.fromkeys(["decimal", "q decimal", "add decimal prompt"], "decimal"),
    **dict.fromkeys(["date", "q date", "add date prompt"], "date"),
    **dict.fromkeys(["note", "q note", "add note prompt"], "note"),
    **dict.fromkeys(["calculate", "q calculate", "add calculate prompt"], "calculate"),
}
#: Metadata the device would fill in. Skipped on purpose: we never record device or person
#: identifiers or interview timestamps in the answers (SECURITY.md); see docs/forms.md.
METADATA_TYPES = frozenset({
    "start", "end", "today", "deviceid", "device id", "get device id", "imei", "subscriberid",
    "subscriber id", "get subscriber id", "simserial", "sim id", "get sim id", "phonenumber",
    "phone number", "get phone number", "username", "email", "audit", "start time", "end time",
    "get start time", "get end time", "get today", "uri:deviceid", "uri:email",
    "uri:phonenumber", "uri:simserial", "uri:subscriberid", "uri:username",
})
_LOCATION = "fieldapp never records locations"
_MEDIA_WHY = "fieldapp stores text answers only, never photos, audio, video or files"
_EXTERNAL = "choices and data from external files are not supported; put the choices on the choices sheet"
_UNSUPPORTED_TYPES = {
    **dict.fromkeys(
        ["geopoint", "geotrace", "geoshape", "gps", "location", "add location prompt",
         "q geopoint", "q geoshape", "q geotrace", "start-geopoint", "background-geopoint"],
        _LOCATION),
    **dict.fromkeys(
        ["image", "photo", "q image", "q picture", "add image prompt", "add photo prompt",
         "audio", "q audio", "add audio prompt", "background-audio", "video", "q video",
         "add video prompt", "file", "add file prompt"], _MEDIA_WHY),
    **dict.fromkeys(["barcode", "q barcode", "add barcode prompt"],
                    "fieldapp has no barcode scanner; use text"),
    **dict.fromkeys(["time", "datetime", "date time", "q date time", "add date time prompt",
                     "add datetime prompt"],
                    "only whole dates are supported; use date (and text for a time of day)"),
    **dict.fromkeys(["acknowledge", "trigger", "q acknowledge", "add acknowledge prompt"],
                    "use a select_one yes/no question instead"),
    "range": "use integer with a constraint instead",
    "osm": _LOCATION,
    "rank": "use one select_one question per rank instead",
    **dict.fromkeys(["hidden", "xml-external", "csv-external"], _EXTERNAL),
}
_SELECT_PREFIXES = {
    "add select one prompt using": "select_one",
    "add select multiple prompt using": "select_multiple",
    "select all that apply from": "select_multiple",
    "select all that apply": "select_multiple",
    "select multiple from": "select_multiple",
    "select multiple using": "select_multiple",
    "select_multiple": "select_multiple",
    "select one from": "select_one",
    "select one using": "select_one",
    "select_one": "select_one",
    "select one": "select_one",
    "select1": "select_one",
}
_SELECT_RE = re.compile(
    r"(" + "|".join(re.escape(p) for p in sorted(_SELECT_PREFIXES, key=len, reverse=True)) + r")\s+(\S+)"
)
_SELECT_EXTERNAL_RE = re.compile(
    r"(select_one_from_file|select_multiple_from_file|select one from file|"
    r"select multiple from file|select_one_external|select one external)(\s.*)?"
)
_BOUNDARY_RE = re.compile(r"(begin|end)[ _](group|repeat|lgroup|looped group|loop)(?:\s+over\s+(\S+))?")
_OTHER_SUFFIXES = (" or_other", " or specify other")


@dataclass
class _Column:
    header: str  # as written (trimmed)
    base: str  # canonical column name
    lang: str | None  # language key for translatable columns


@dataclass
class _Sheet:
    title: str
    columns: list[_Column | None]
    rows: list[tuple[int, list[object]]]

    def has(self, base: str) -> bool:
        return any(c is not None and c.base == base for c in self.columns)

    def langs(self, base: str) -> list[str]:
        return [c.lang for c in self.columns if c is not None and c.base == base and c.lang]


@dataclass
class _Row:
    """One data row: canonical column -> text, and translatable column -> {lang: text}."""

    number: int
    cells: dict[str, str] = field(default_factory=dict)
    texts: dict[str, dict[str, str]] = field(default_factory=dict)
    extra: dict[str, str] = field(default_factory=dict)
    media: list[str] = field(default_factory=list)

    def get(self, base: str) -> str:
        return self.cells.get(base, "")

    def text(self, base: str) -> MappingProxyType:
        return MappingProxyType(dict(sorted(self.texts.get(base, {}).items())))


def cell_text(value: object) -> str:
    """A cell as the text a form author sees (``1.0`` -> ``'1'``; booleans as Excel shows them)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, _dt.datetime):
        if value.time() == _dt.time(0):
            return value.date().isoformat()
        return value.isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    return str(value).strip()


def _snake(word: str) -> str:
    word = _CAMEL_RE.sub("_", word.strip())
    return re.sub(r"\s+", "_", word).lower()


def _column(header: str, double_colon: bool, plain_lang: str) -> _Column:
    """Split ``label::Korean (ko)`` into base and language (pyxform's header rules).

    A single ``:`` separates the language only when no header of the sheet uses ``::``
    (old forms such as ``label:english``), as pyxform does.
    """
    if "::" in header or double_colon:
        parts = [p.strip() for p in header.split("::")]
    else:
        parts = [p.strip() for p in header.split(":")]
        if parts[0].lower() == "jr" and len(parts) > 1:
            parts = [f"jr:{parts[1]}", *parts[2:]]
    base = _snake(parts[0])
    base = _ALIASES.get(base, base)
    lang = parts[-1] if len(parts) > 1 else None
    if base in _TRANSLATABLE:
        return _Column(header, base, lang or plain_lang)
    if base in _MEDIA:
        return _Column(header, "media", lang)
    if len(parts) > 1 and base not in _SURVEY_COLUMNS:
        # bind::x, body::x, instance::x and the like: XForm plumbing we do not need.
        return _Column(header, header, None)
    # Unknown columns keep their header as written: choice_filter expressions name them.
    return _Column(header, base if base in _KNOWN_COLUMNS else header, None)


# -- stage 1: workbook -> sheets of rows --------------------------------------------------------

def _load(data: bytes, source: str) -> dict[str, tuple[str, list[list[object]]]]:
    with warnings.catch_warnings():  # openpyxl warns about Excel extensions it drops
        warnings.simplefilter("ignore")
        try:
            return _load_sheets(data, source)
        except FormErrors:
            raise
        except Exception as exc:  # noqa: BLE001 - a damaged workbook fails in many library ways
            raise FormErrors(
                [FormError("unreadable", f"{source} is not a readable .xlsx workbook "
                           f"({exc.__class__.__name__}); save the XLSForm again as .xlsx")],
                source,
            ) from None


def _load_sheets(data: bytes, source: str) -> dict[str, tuple[str, list[list[object]]]]:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError) as exc:
        raise FormErrors(
            [FormError("unreadable", f"{source} is not an .xlsx workbook ({exc.__class__.__name__}); "
                       "save the XLSForm as .xlsx")],
            source,
        ) from None
    sheets: dict[str, tuple[str, list[list[object]]]] = {}
    try:
        for ws in wb.worksheets:
            key = ws.title.strip().lower()
            if key in sheets:
                continue
            # Some writers store a wrong sheet size; without this openpyxl would cut columns off.
            ws.reset_dimensions()
            sheets[key] = (ws.title, [list(r) for r in ws.iter_rows(values_only=True)])
    finally:
        wb.close()
    return sheets


def _sheet(raw: tuple[str, list[list[object]]], plain_lang: str) -> _Sheet:
    title, rows = raw
    header = [cell_text(c) for c in rows[0]] if rows else []
    double_colon = any("::" in h for h in header)
    columns = [_column(h, double_colon, plain_lang) if h else None for h in header]
    data = [(i, r) for i, r in enumerate(rows[1:], start=2)]
    return _Sheet(title, columns, data)


def _rows(sheet: _Sheet, known: frozenset[str]) -> Iterable[_Row]:
    for number, values in sheet.rows:
        row = _Row(number)
        for col, value in zip(sheet.columns, values):
            if col is None:
                continue
            text = cell_text(value)
            if not text:
                continue
            if col.base == "media":
                row.media.append(col.header)
            elif col.lang is not None:
                row.texts.setdefault(col.base, {})[col.lang] = text
            elif col.base in known:
                row.cells.setdefault(col.base, text)
            else:
                row.extra[col.header] = text
        if row.cells or row.texts or row.extra or row.media:
            yield row


# -- stage 2: settings and choices --------------------------------------------------------------

@dataclass
class _Settings:
    form_id: str
    version: str
    title: str
    default_language: str | None
    allow_choice_duplicates: bool


def _read_settings(raw, default_id: str) -> _Settings:
    values: dict[str, str] = {}
    if raw is not None:
        _title, rows = raw
        if len(rows) >= 2:
            for head, value in zip(rows[0], rows[1]):
                key = _snake(cell_text(head))
                key = _ALIASES.get(key, key)
                if key and key not in values:
                    values[key] = cell_text(value)
    form_id = values.get("form_id") or default_id
    return _Settings(
        form_id=form_id,
        version=values.get("version") or "1",
        title=values.get("form_title") or form_id,
        default_language=values.get("default_language") or None,
        allow_choice_duplicates=values.get("allow_choice_duplicates", "").lower() in _YES,
    )


@dataclass
class _ChoiceDraft:
    name: str
    labels: dict[str, str]
    row: int
    extra: dict[str, str]


class _Problems:
    def __init__(self) -> None:
        self.errors: list[FormError] = []

    def add(self, code: str, message: str, sheet: str | None = None, row: int | None = None) -> None:
        self.errors.append(FormError(code, message, sheet, row))


def _read_choices(sheet: _Sheet | None, settings: _Settings, problems: _Problems) -> dict[str, list[_ChoiceDraft]]:
    lists: dict[str, list[_ChoiceDraft]] = {}
    if sheet is None:
        return lists
    if sheet.rows and not sheet.has("list_name"):
        problems.add("missing-column", "the choices sheet has no list_name column", sheet.title, 1)
        return lists
    seen: dict[tuple[str, str], int] = {}
    for row in _rows(sheet, _CHOICE_COLUMNS):
        list_name = row.get("list_name")
        name = row.get("name")
        if row.media:
            problems.add("unsupported-column",
                         f"media column {row.media[0]!r} is not supported: fieldapp shows text labels only",
                         sheet.title, row.number)
        if not list_name:
            if name or row.texts:
                problems.add("missing-list-name", "this choice has no list_name", sheet.title, row.number)
            continue
        if not name:
            problems.add("missing-name", f"a choice of list {list_name!r} has no name", sheet.title, row.number)
            continue
        key = (list_name, name)
        if key in seen and not settings.allow_choice_duplicates:
            problems.add("duplicate-choice",
                         f"choice {name!r} appears twice in list {list_name!r} (first on row {seen[key]})",
                         sheet.title, row.number)
            continue
        seen.setdefault(key, row.number)
        labels = dict(row.texts.get("label", {}))
        lists.setdefault(list_name, []).append(_ChoiceDraft(name, labels, row.number, dict(row.extra)))
    return lists


# -- stage 3: survey rows -> tree ---------------------------------------------------------------

@dataclass
class _Frame:
    kind: str  # "group" | "repeat" | "root"
    name: str
    row: int
    labels: MappingProxyType
    relevant: str | None
    appearance: str
    path: tuple[str, ...]
    children: list = field(default_factory=list)


@dataclass
class _Parsed:
    """What one survey type cell means."""

    kind: str  # question | select | begin | end | skip
    qtype: str = ""
    list_name: str | None = None
    other: bool = False
    boundary: str = ""  # group | repeat


def _parse_type(raw: str) -> _Parsed | str:
    """A ``_Parsed``, or the sentence explaining why the type is refused / unknown."""
    text = " ".join(raw.split())
    low = text.lower()
    other = False
    for suffix in _OTHER_SUFFIXES:
        if low.endswith(suffix):
            other = True
            text, low = text[: -len(suffix)], low[: -len(suffix)]
            break
    m = _BOUNDARY_RE.fullmatch(low)
    if m:
        what = m.group(2)
        boundary = {"group": "group", "loop": "loop"}.get(what, "repeat")
        return _Parsed(m.group(1), boundary=boundary)
    if _SELECT_EXTERNAL_RE.fullmatch(low):
        return f"question type {text!r} is not supported: {_EXTERNAL}"
    first = low.split(" ")[0]
    if first in ("rank", "osm", "range"):
        # These take a list or parameters after the type word ("rank colours", "osm tags").
        return f"question type {text!r} is not supported: {_UNSUPPORTED_TYPES[first]}"
    m = _SELECT_RE.fullmatch(text) or _SELECT_RE.fullmatch(low)
    if m:
        prefix = m.group(1).lower()
        list_name = text[m.start(2) : m.end(2)]
        return _Parsed("select", _SELECT_PREFIXES[prefix], list_name, other)
    if low in _SELECT_PREFIXES or low in ("select_one", "select_multiple"):
        return f"question type {text!r} needs a choice list name, e.g. 'select_one yes_no'"
    if other:
        return f"'or_other' only applies to select questions, not {text!r}"
    if low in _SIMPLE_TYPES:
        return _Parsed("question", _SIMPLE_TYPES[low])
    if low in METADATA_TYPES:
        return _Parsed("skip", low)
    if low in _UNSUPPORTED_TYPES:
        return f"question type {text!r} is not supported: {_UNSUPPORTED_TYPES[low]}"
    return f"unknown question type {text!r}"


def _flag(row: _Row, column: str, problems: _Problems, sheet: str) -> bool:
    value = row.get(column).lower()
    if value in _YES:
        return True
    if value not in _NO:
        problems.add("bad-value", f"{column} must be yes or no, not {row.get(column)!r}", sheet, row.number)
    return False


def _required(row: _Row) -> str | None:
    value = row.get("required")
    if value.lower() in _YES:
        return "true()"
    if value.lower() in _NO:
        return None
    return value


class _Survey:
    """Walks the survey sheet, building groups and questions; records names for later checks."""

    def __init__(self, sheet: _Sheet, lists: dict[str, list[_ChoiceDraft]], plain_lang: str,
                 problems: _Problems) -> None:
        self.sheet = sheet
        self.title = sheet.title
        self.lists = lists
        self.plain_lang = plain_lang
        self.problems = problems
        self.root = _Frame("root", "", 0, MappingProxyType({}), None, "", ())
        self.stack: list[_Frame] = [self.root]
        #: name -> row, for every question and group (duplicate detection, references).
        self.names: dict[str, int] = {}
        self.group_names: set[str] = set()
        #: metadata rows skipped on purpose: name -> (type, row).
        self.skipped: dict[str, tuple[str, int]] = {}
        self.other_lists: set[str] = set()
        self.multiple_lists: dict[str, int] = {}

    def error(self, code: str, message: str, row: int) -> None:
        self.problems.add(code, message, self.title, row)

    def run(self) -> None:
        for row in _rows(self.sheet, _SURVEY_COLUMNS):
            self.row(row)
        while len(self.stack) > 1:
            frame = self.stack.pop()
            self.error("unbalanced-group",
                       f"'begin {frame.kind}' {frame.name!r} is never closed by 'end {frame.kind}'",
                       frame.row)
            self.close(frame)

    def claim(self, name: str, row: int) -> bool:
        if not name:
            self.error("missing-name", "this row has a type but no name", row)
            return False
        if not _NAME_RE.fullmatch(name):
            self.error("bad-name", f"{name!r} is not a valid name: start with a letter or '_', then "
                       "use only letters, digits, '_', '-' or '.'", row)
            return False
        if name in self.names:
            self.error("duplicate-name", f"the name {name!r} is already used on row {self.names[name]}", row)
            return False
        self.names[name] = row
        return True

    def row(self, row: _Row) -> None:
        raw_type = row.get("type")
        if not raw_type:
            if row.get("name"):
                self.error("missing-type", f"{row.get('name')!r} has no type", row.number)
            return
        parsed = _parse_type(raw_type)
        if isinstance(parsed, str):
            code = "unknown-type" if parsed.startswith("unknown") else "unsupported-type"
            self.error(code, parsed, row.number)
            return
        if parsed.kind == "end":
            self.end(parsed, row)
            return
        if row.media:
            self.error("unsupported-column",
                       f"media column {row.media[0]!r} is not supported: fieldapp shows text labels only",
                       row.number)
        if row.get("repeat_count"):
            self.error("unsupported-column", "repeat_count is not supported: the number of repeats "
                       "is decided during the interview", row.number)
        if parsed.kind == "skip":
            name = row.get("name")
            if name:
                self.skipped[name] = (parsed.qtype, row.number)
            return
        if parsed.kind == "begin":
            self.begin(parsed, row)
            return
        self.question(parsed, row)

    def begin(self, parsed: _Parsed, row: _Row) -> None:
        if parsed.boundary == "loop":
            # Refused, but still tracked so its 'end loop' and contents raise no second error.
            self.error("unsupported-type", f"question type {row.get('type')!r} is not supported: "
                       "loops over a choice list are not supported; use a repeat, or one group "
                       "per choice", row.number)
            self.stack.append(_Frame("loop", row.get("name"), row.number, MappingProxyType({}),
                                     None, "", ()))
            return
        name = row.get("name")
        if not self.claim(name, row.number):
            name = name or f"_row{row.number}"
        self.group_names.add(name)
        parent = self.stack[-1]
        path = parent.path + ((parent.name,) if parent.kind != "root" else ())
        self.stack.append(_Frame(parsed.boundary, name, row.number, row.text("label"),
                                 row.get("relevant") or None, row.get("appearance"), path))

    def end(self, parsed: _Parsed, row: _Row) -> None:
        if len(self.stack) == 1:
            self.error("unbalanced-group",
                       f"'end {parsed.boundary}' has no matching 'begin {parsed.boundary}'", row.number)
            return
        frame = self.stack.pop()
        if frame.kind != parsed.boundary:
            self.error("unbalanced-group",
                       f"'end {parsed.boundary}' closes 'begin {frame.kind}' {frame.name!r} from row {frame.row}",
                       row.number)
        self.close(frame)

    def close(self, frame: _Frame) -> None:
        if frame.kind == "loop" or self.stack[-1].kind == "loop":
            return
        group = Group(
            name=frame.name,
            row=frame.row,
            children=tuple(frame.children),
            labels=frame.labels,
            relevant=frame.relevant,
            appearance=frame.appearance,
            repeat=frame.kind == "repeat",
            path=frame.path,
        )
        self.stack[-1].children.append(group)

    def question(self, parsed: _Parsed, row: _Row) -> None:
        name = row.get("name")
        n = row.number
        if not self.claim(name, n):
            return
        qtype = parsed.qtype
        list_name = parsed.list_name
        if list_name is not None:
            if list_name not in self.lists:
                where = "the choices sheet" if self.lists else "a choices sheet (the form has none)"
                hint = difflib.get_close_matches(list_name, list(self.lists), n=1)
                more = f"; did you mean {hint[0]!r}?" if hint else ""
                self.error("unknown-choice-list", f"choice list {list_name!r} is not on {where}{more}", n)
            if qtype == "select_multiple":
                self.multiple_lists.setdefault(list_name, n)
            if parsed.other:
                self.other_lists.add(list_name)
        if qtype == "calculate" and not row.get("calculation"):
            self.error("missing-calculation", f"calculate {name!r} has no calculation", n)
        if row.get("choice_filter") and list_name is None:
            self.error("bad-value", "choice_filter only applies to select questions", n)
        default = row.get("default")
        if "${" in default:
            self.error("dynamic-default", "a default that refers to ${...} is not supported; "
                       "use a calculation instead", n)
        frame = self.stack[-1]
        path = frame.path + ((frame.name,) if frame.kind != "root" else ())
        question = Question(
            name=name,
            type=qtype,
            row=n,
            labels=row.text("label"),
            hints=row.text("hint"),
            list_name=list_name,
            required=_required(row),
            required_message=row.text("required_message"),
            relevant=row.get("relevant") or None,
            constraint=row.get("constraint") or None,
            constraint_message=row.text("constraint_message"),
            calculation=row.get("calculation") or None,
            default=default or None,
            choice_filter=row.get("choice_filter") or None,
            appearance=row.get("appearance"),
            read_only=_flag(row, "read_only", self.problems, self.title),
            private=_flag(row, "private", self.problems, self.title),
            seal=_flag(row, "seal", self.problems, self.title),
            path=path,
        )
        frame.children.append(question)
        if parsed.other:
            self.add_other(question)

    def add_other(self, select: Question) -> None:
        """pyxform's or_other: a ``<name>_other`` text question shown when 'other' is picked."""
        name = f"{select.name}_other"
        if not self.claim(name, select.row):
            return
        langs = list(select.labels) or [self.plain_lang]
        self.stack[-1].children.append(Question(
            name=name,
            type="text",
            row=select.row,
            labels=MappingProxyType({lang: "Specify other." for lang in sorted(langs)}),
            relevant=f"selected(${{{select.name}}}, 'other')",
            private=select.private,
            seal=select.seal,
            path=select.path,
        ))


# -- stage 4: expressions, references, cycles ---------------------------------------------------

_EXPRESSION_COLUMNS = ("relevant", "constraint", "calculation", "required", "choice_filter")


def _check_expressions(root: Group, survey: _Survey, problems: _Problems) -> None:
    title = survey.title
    parsed: dict[tuple[str, str], Expr] = {}

    def check_ref(ref: str, column: str, row: int) -> None:
        if ref in survey.names and ref not in survey.group_names:
            return
        if ref in survey.group_names:
            problems.add("undefined-reference",
                         f"{column}: ${{{ref}}} is a group, which holds no answer", title, row)
        elif ref in survey.skipped:
            kind, srow = survey.skipped[ref]
            problems.add("undefined-reference",
                         f"{column}: ${{{ref}}} refers to the {kind!r} metadata on row {srow}, which "
                         "fieldapp does not record", title, row)
        else:
            hint = difflib.get_close_matches(ref, [n for n in survey.names if n not in survey.group_names], n=1)
            more = f"; did you mean ${{{hint[0]}}}?" if hint else ""
            problems.add("undefined-reference",
                         f"{column}: ${{{ref}}} is not a question in this form{more}", title, row)

    def check(node: Question | Group, column: str, text: str | None) -> None:
        if not text:
            return
        try:
            expr = parse(text)
        except ExpressionError as exc:
            problems.add("bad-expression",
                         f"{column} {text!r} is not a valid expression: {exc.message} "
                         f"(at character {exc.position + 1})", title, node.row)
            return
        parsed[(node.name, column)] = expr
        if column != "choice_filter":
            for bare in sorted(expr.names()):
                problems.add("bad-expression",
                             f"{column} {text!r}: {bare!r} is not a value; write ${{{bare}}} for a "
                             f"question, '{bare}' for text, or {bare}() for a function", title, node.row)
        for ref in sorted(expr.references()):
            check_ref(ref, column, node.row)

    def check_texts(node: Question | Group, column: str, texts) -> None:
        for text in texts.values():
            for ref in _LABEL_REF_RE.findall(text):
                check_ref(ref.strip(), column, node.row)

    for node in root.walk():
        check(node, "relevant", node.relevant)
        check_texts(node, "label", node.labels)
        if isinstance(node, Question):
            check(node, "constraint", node.constraint)
            check(node, "calculation", node.calculation)
            if node.required not in (None, "true()"):
                check(node, "required", node.required)
            check(node, "choice_filter", node.choice_filter)
            check_texts(node, "hint", node.hints)
            check_texts(node, "constraint_message", node.constraint_message)
            check_texts(node, "required_message", node.required_message)
    _check_cycles(root, parsed, problems, title)


def _check_cycles(root: Group, parsed: dict[tuple[str, str], Expr], problems: _Problems, title: str) -> None:
    """Calculations and relevance must not depend on themselves (ODK: a cycle is a form error).

    A question depends on what its calculation reads and on what decides its relevance:
    its own relevant and those of every enclosing group.
    """
    deps: dict[str, set[str]] = {}
    rows: dict[str, int] = {}

    def visit(group: Group, inherited: frozenset[str]) -> None:
        for node in group.children:
            rel = parsed.get((node.name, "relevant"))
            own = inherited | (rel.references() if rel else frozenset())
            if isinstance(node, Group):
                visit(node, own)
                continue
            calc = parsed.get((node.name, "calculation"))
            deps[node.name] = set(own | (calc.references() if calc else frozenset()))
            rows[node.name] = node.row

    visit(root, frozenset())
    order = {name: i for i, name in enumerate(rows)}
    for component in _strongly_connected(deps):
        if len(component) == 1:
            (only,) = component
            if only not in deps.get(only, ()):
                continue
        members = sorted(component, key=order.__getitem__)
        first = members[0]
        if len(members) == 1:
            message = f"{first!r} depends on itself through its calculation or relevant expression"
        else:
            chain = " -> ".join(members + [first])
            message = (f"calculation/relevance cycle: {chain} (each needs the next to be worked "
                       f"out first; rows {', '.join(str(rows[m]) for m in members)})")
        problems.add("cycle", message, title, rows[first])


def _strongly_connected(graph: dict[str, set[str]]) -> list[set[str]]:
    """Tarjan's algorithm, iterative (forms can be long; no recursion limit surprises)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    result: list[set[str]] = []
    counter = 0
    for start in graph:
        if start in index:
            continue
        work = [(start, iter(sorted(graph.get(start, ()))))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            advanced = False
            for child in children:
                if child not in graph:
                    continue
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                    advanced = True
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component: set[str] = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.add(member)
                    if member == node:
                        break
                result.append(component)
    return result


# -- assembly -----------------------------------------------------------------------------------

def _choice_lists(lists: dict[str, list[_ChoiceDraft]], survey: _Survey, languages: list[str],
                  problems: _Problems, sheet_title: str) -> dict[str, ChoiceList]:
    out: dict[str, ChoiceList] = {}
    for list_name, drafts in lists.items():
        if list_name in survey.multiple_lists:
            for d in drafts:
                if any(ch.isspace() for ch in d.name):
                    problems.add("choice-name-space",
                                 f"choice {d.name!r} of list {list_name!r} contains a space, but the "
                                 f"list is used by a select_multiple (row {survey.multiple_lists[list_name]} "
                                 "of the survey) whose answers are space-separated", sheet_title, d.row)
        choices = [Choice(d.name, MappingProxyType(dict(sorted(d.labels.items()))), d.row,
                          MappingProxyType(dict(sorted(d.extra.items())))) for d in drafts]
        if list_name in survey.other_lists and not any(c.name == "other" for c in choices):
            langs = sorted({lang for d in drafts for lang in d.labels}) or languages[:1]
            row = max((d.row for d in drafts), default=0)
            choices.append(Choice("other", MappingProxyType(dict.fromkeys(langs, "Other")), row))
        out[list_name] = ChoiceList(list_name, tuple(choices))
    return out


def _languages(sheets: list[_Sheet | None], plain_lang: str) -> list[str]:
    seen: list[str] = []
    for sheet in sheets:
        if sheet is None:
            continue
        for col_index, col in enumerate(sheet.columns):
            if col is None or col.lang is None or col.base not in _TRANSLATABLE or col.base == "guidance_hint":
                continue
            filled = any(col_index < len(v) and cell_text(v[col_index]) for _, v in sheet.rows)
            if filled and col.lang not in seen:
                seen.append(col.lang)
    return seen or [plain_lang]


def _resolve_default(wanted: str | None, languages: list[str]) -> str:
    if wanted is None:
        return DEFAULT_LANG if DEFAULT_LANG in languages else languages[0]
    if wanted in languages:
        return wanted
    for key in languages:
        code = language_code(key)
        if (code and code == wanted.lower()) or key.split("(")[0].strip().lower() == wanted.lower():
            return key
    return languages[0]


def read_xlsform(source: Path | bytes, name: str | None = None) -> Form:
    """Read and check an XLSForm; raises ``FormErrors`` listing every problem found.

    ``name`` is the default form_id (when the settings sheet gives none) and the label used
    in error messages; it defaults to the file's stem, or ``'form'`` for bytes.
    """
    if isinstance(source, bytes | bytearray):
        data = bytes(source)
        label = name or "form"
        default_id = name or "form"
    else:
        path = Path(source)
        label = path.name
        default_id = name or path.stem
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise FormErrors([FormError("unreadable", f"cannot read {path}: {exc.strerror or exc}")],
                             label) from None
    raw = _load(data, label)
    problems = _Problems()
    settings = _read_settings(raw.get(SETTINGS), default_id)
    plain_lang = settings.default_language or DEFAULT_LANG

    if SURVEY not in raw:
        raise FormErrors([FormError("no-survey", "the workbook has no 'survey' sheet")], label)
    survey_sheet = _sheet(raw[SURVEY], plain_lang)
    if not survey_sheet.has("type") or not survey_sheet.has("name"):
        missing = [c for c in ("type", "name") if not survey_sheet.has(c)]
        raise FormErrors([FormError("missing-column", f"the survey sheet has no {' or '.join(missing)} "
                                    "column in its first row", survey_sheet.title, 1)], label)
    choices_sheet = _sheet(raw[CHOICES], plain_lang) if CHOICES in raw else None
    lists = _read_choices(choices_sheet, settings, problems)

    survey = _Survey(survey_sheet, lists, plain_lang, problems)
    survey.run()
    root = Group(name=settings.form_id, row=0, children=tuple(survey.root.children))
    _check_expressions(root, survey, problems)

    languages = _languages([survey_sheet, choices_sheet], plain_lang)
    choice_lists = _choice_lists(lists, survey, languages, problems,
                                 choices_sheet.title if choices_sheet else CHOICES)
    if problems.errors:
        sheet_order = {survey_sheet.title: 0, (choices_sheet.title if choices_sheet else CHOICES): 1}
        errors = sorted(problems.errors, key=lambda e: (sheet_order.get(e.sheet or "", 2), e.row or 0))
        raise FormErrors(errors, label)
    return Form(
        form_id=settings.form_id,
        version=settings.version,
        title=settings.title,
        root=root,
        choice_lists=MappingProxyType(choice_lists),
        languages=tuple(languages),
        default_language=_resolve_default(settings.default_language, languages),
        source_sha256=hashlib.sha256(data).hexdigest(),
    )


def check_xlsform(source: Path | bytes, name: str | None = None) -> list[FormError]:
    """Every problem of an XLSForm, or ``[]`` when it would be accepted."""
    try:
        read_xlsform(source, name)
    except FormErrors as exc:
        return list(exc.errors)
    return []
