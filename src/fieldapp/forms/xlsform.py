"""XLSForm workbook -> checked, immutable ``Form``: pyxform first, then fieldapp's own checks.

1. ``_pyxform.run_pyxform``: ODK's reference converter reads the ``.xlsx``/``.xls`` workbook
   and refuses what ODK refuses (its sentence, located by sheet and row).
2. ``_convert``: its JSON form becomes our model (types from pyxform's own type table,
   per-group names made form-wide keys, loops expanded).
3. ``attachments``: external choice and ``pulldata`` files are read and hashed with the form.
4. ``_checks``: what pyxform passes through but fieldapp must run (expressions, defaults,
   choice filters, cycles).

Every problem is a ``FormError`` (code, sheet, row); all of them are raised together as
``FormErrors``. What each question type does on a laptop, and every place where fieldapp's
verdict differs from pyxform's, is in docs/forms.md.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from types import MappingProxyType

from fieldapp.errors import FormError, FormErrors
from fieldapp.forms import _checks, attachments, media_files
from fieldapp.forms._convert import Converter
from fieldapp.forms._pyxform import PyxformResult, run_pyxform
from fieldapp.forms.expressions import Call, Literal, parse
from fieldapp.forms.model import DEFAULT_LANG, ChoiceList, Form, language_code
from fieldapp.messages import msg

SURVEY, CHOICES, SETTINGS = "survey", "choices", "settings"
_TRANSLATABLE = {
    "label": "label", "hint": "hint", "required_message": "required_message",
    "jr:requiredmsg": "required_message", "constraint_message": "constraint_message",
    "jr:constraintmsg": "constraint_message", "caption": "label",
}
_CAMEL_RE = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


def _settings_value(settings: dict[str, str], *keys: str) -> str:
    low = {k.strip().lower(): v for k, v in settings.items()}
    for key in keys:
        if low.get(key):
            return str(low[key]).strip()
    return ""


def _header_langs(header: Iterable[str], rows: list[dict], plain_lang: str) -> list[str]:
    """Languages of the translatable columns that have at least one filled cell, in column
    order (a plain ``label`` column is ``plain_lang``), as the old reader listed them."""
    header = list(header)
    double = any("::" in h for h in header)
    out: list[str] = []
    for h in header:
        parts = [p.strip() for p in (h.split("::") if double or "::" in h else h.split(":"))]
        if parts[0].lower() == "jr" and len(parts) > 1:
            parts = [f"jr:{parts[1]}", *parts[2:]]
        base = _CAMEL_RE.sub("_", parts[0]).lower().replace(" ", "_")
        if _TRANSLATABLE.get(base) is None:
            continue
        lang = parts[-1] if len(parts) > 1 else plain_lang
        if lang not in out and any(str(r.get(h, "")).strip() for r in rows):
            out.append(lang)
    return out


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


def _needed_files(form_files: dict[str, int], form: Form) -> dict[str, int]:
    """Attached files the form needs: external choice lists, csv/xml-external declarations,
    and the first argument of every ``pulldata('name', ...)``."""
    files = dict(form_files)
    for q in form.questions():
        for text in (q.calculation, q.relevant, q.constraint, q.default):
            if not text or "pulldata" not in text:
                continue
            try:
                expr = parse(text)
            except Exception:  # noqa: BLE001, S112 - reported by the expression check
                continue
            for node in expr.walk():
                if isinstance(node, Call) and node.name == "pulldata" and node.args \
                        and isinstance(node.args[0], Literal):
                    files.setdefault(f"{node.args[0].value}.csv", q.row)
    return files


def _attach(files: dict[str, int], media: Path | None, problems: list[FormError],
            warnings: list, require: bool, also: Path | None = None):
    """The attached files, from ``media`` (else ``also``: the ``<stem>-media`` folder of ODK
    Collect's layout, where the form's images are looked for too)."""
    rows, blobs = {}, {}
    for name, row in files.items():
        data = attachments.find(name, media)
        if data is None and also is not None:
            data = attachments.find(name, also)
        if data is None:
            error = FormError("missing-attachment", msg(
                "form.attachment_missing", file=name, folder=str(media or ".")), SURVEY, row)
            # ODK uploads form media apart from the form: pyxform accepts the form without
            # them, so does ``form check`` (a warning); ``form add`` cannot install it without.
            if require:
                problems.append(error)
            else:
                warnings.append(error.message)
            continue
        try:
            rows[name] = attachments.read_rows(name, data)
        except attachments.AttachmentError as exc:
            problems.append(FormError("bad-attachment", msg(
                "form.attachment_unreadable", file=name, reason=exc.reason), SURVEY, row))
            continue
        blobs[name] = data
    return rows, blobs


def _file_choices(form_lists: dict[str, ChoiceList], rows: dict, form: Form) -> None:
    """A ``select_one_from_file`` list: the file's rows as choices (``name``/``label``
    columns, or those its ``parameters`` value/label name), other columns for filters."""
    from fieldapp.forms.model import Choice

    for q in form.questions():
        if q.list_name not in rows:
            continue
        value_col = q.parameters.get("value", "name")
        label_col = q.parameters.get("label", "label")
        choices = []
        for i, r in enumerate(rows[q.list_name], start=2):
            name = r.get(value_col, "")
            if not name:
                continue
            labels = {k.split("::", 1)[1]: v for k, v in r.items() if k.startswith(f"{label_col}::")}
            labels = labels or {form.default_language: r.get(label_col, name)}
            extra = {k: v for k, v in r.items() if k not in (value_col, label_col)}
            choices.append(Choice(name, MappingProxyType(dict(sorted(labels.items()))), i,
                                  MappingProxyType(dict(sorted(extra.items())))))
        form_lists[q.list_name] = ChoiceList(q.list_name, tuple(choices))


def _read(data: bytes, label: str, default_id: str, media: Path | None, require: bool,
          workbook: Path | None = None, media_given: bool = False) -> Form:
    result: PyxformResult = run_pyxform(data, label, default_id)
    pj = result.json
    wanted_lang = _settings_value(result.settings, "default_language") or None
    plain_lang = wanted_lang or DEFAULT_LANG
    converter = Converter(pj, result.survey_rows, result.choices_rows, plain_lang)
    form_id = str(pj.get("id_string") or default_id)
    converted = converter.run(form_id)
    problems: list[FormError] = [
        FormError(p.code.split(".", 1)[1].replace("_", "-"), msg(p.code, **p.params), p.sheet, p.row)
        for p in converted.problems
    ]
    languages = (_header_langs(result.survey_header, result.survey_rows, plain_lang)
                 + _header_langs(result.choices_header, result.choices_rows, plain_lang))
    languages = list(dict.fromkeys(languages)) or [plain_lang]
    form = Form(
        form_id=form_id,
        version=str(pj.get("version") or _settings_value(result.settings, "version") or "1"),
        title=str(pj.get("title") or form_id),
        root=converted.root,
        choice_lists=MappingProxyType(converted.choice_lists),
        languages=tuple(languages),
        default_language=_resolve_default(wanted_lang, languages),
    )
    files = _needed_files(converted.files, form)
    warnings: list = []
    media_folder = (workbook.parent / f"{workbook.stem}-media") if workbook is not None and not media_given else None
    rows, blobs = _attach(files, media, problems, warnings, require, media_folder)
    # Question and choice images (issue #16): read, checked and hashed with the form.
    refs = media_files.references({SURVEY: result.survey_rows, CHOICES: result.choices_rows})
    folders = media_files.folders_for(workbook, media if media_given else None)
    images = media_files.read(refs, folders, problems, warnings, require)
    lists = dict(converted.choice_lists)
    _file_choices(lists, rows, form)
    for q in form.questions():  # a list whose file is missing (form check only): no choices
        if q.list_name and q.list_name not in lists:
            lists[q.list_name] = ChoiceList(q.list_name, ())
    form = Form(
        form_id=form.form_id, version=form.version, title=form.title, root=form.root,
        choice_lists=MappingProxyType(lists), languages=form.languages,
        default_language=form.default_language,
        source_sha256=attachments.form_hash(data, {**blobs, **{f"media/{n}": b for n, b in images.items()}}),
        attachments=MappingProxyType(dict(sorted(rows.items()))),
        media=media_files.digests(images),
    )
    media_files.attach_data(form, images)
    parsed = _checks.check_expressions(form, converted.dynamic_defaults, problems.append,
                                       warnings.append)
    _checks.check_questions(form, converted.dynamic_defaults, problems.append)
    _checks.check_cycles(form, parsed, problems.append)
    if problems:
        order = {SURVEY: 0, CHOICES: 1}
        raise FormErrors(sorted(problems, key=lambda e: (order.get(e.sheet or "", 2), e.row or 0)),
                         label)
    form.__dict__["_dynamic_defaults"] = frozenset(converted.dynamic_defaults)
    form.__dict__["_reader_warnings"] = tuple(warnings)
    return form


def read_xlsform(source: Path | bytes, name: str | None = None, media: Path | None = None,
                 require_attachments: bool = False) -> Form:
    """Read and check an XLSForm (``.xlsx`` or ``.xls``); raises ``FormErrors`` listing every
    problem found.

    ``name`` is the default form_id (when the settings sheet gives none) and the label used
    in error messages; it defaults to the file's stem, or ``'form'`` for bytes. ``media`` is
    the folder of attached files (default: the workbook's folder; question and choice images
    also in ``<stem>-media/`` beside it, ``fieldapp.forms.media_files``); a missing one is a
    warning (``form_warnings``) unless ``require_attachments`` (installing the form).
    """
    if isinstance(source, bytes | bytearray):
        data = bytes(source)
        label = name or "form"
        default_id = name or "form"
    else:
        path = Path(source)
        label = path.name
        default_id = name or path.stem
        given = media is not None
        media = media if media is not None else path.parent
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise FormErrors([FormError("unreadable", msg(
                "file.unreadable", path=str(path), reason=exc.strerror or str(exc)))], label) from None
        return _read(data, label, default_id, media, require_attachments, path, given)
    return _read(data, label, default_id, media, require_attachments, None, media is not None)


def check_xlsform(source: Path | bytes, name: str | None = None, media: Path | None = None) -> list[FormError]:
    """Every problem of an XLSForm, or ``[]`` when it would be accepted."""
    try:
        read_xlsform(source, name, media)
    except FormErrors as exc:
        return list(exc.errors)
    return []


def dynamic_defaults(form: Form) -> frozenset[str]:
    """Questions whose ``default`` is an expression, evaluated when the interview starts."""
    cached = form.__dict__.get("_dynamic_defaults")
    if cached is None:
        from fieldapp.forms._convert import _is_dynamic

        cached = frozenset(q.name for q in form.questions()
                           if q.default is not None and _is_dynamic(q.default, q.type))
        form.__dict__["_dynamic_defaults"] = cached
    return cached


def form_warnings(form: Form) -> list:
    """What ``form check`` says besides OK: locations and media a laptop does not record,
    identifiers never collected (``Message`` list)."""
    from fieldapp.forms.model import LOCATION_TYPES, MEDIA_TYPES

    out = list(form.__dict__.get("_reader_warnings", ()))
    questions = form.questions()
    located = [q.name for q in questions if q.type in LOCATION_TYPES and not q.typed_location]
    typed = [q.name for q in questions if q.typed_location]
    media = [q.name for q in questions if q.type in MEDIA_TYPES and not q.is_media]
    never = [q.name for q in questions if q.type in (
        "deviceid", "username", "phonenumber", "email", "simserial", "subscriberid")]
    if located:
        out.append(msg("form.warn_location", count=len(located), names=", ".join(located)))
    if typed:
        out.append(msg("form.warn_typed_location", count=len(typed), names=", ".join(typed)))
    if media:
        out.append(msg("form.warn_osm", count=len(media), names=", ".join(media)))
    if never:
        out.append(msg("form.warn_metadata", names=", ".join(never)))
    return out
