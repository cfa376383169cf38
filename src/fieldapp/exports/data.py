"""Respondent-level data exports: CSV, XLSX, SPSS (.sav), Stata (.dta) and Parquet.

One row per interview, identified only by its pseudonym (interview ids never leave the
store) and sorted by pseudonym so row order says nothing about when or where interviews
happened. A select_multiple question becomes its space-separated value plus one 0/1 column
per choice (``name_choice``; empty when the question was not answered). Private questions
are left out unless asked for; so are sealed ones, whose columns exist only when the store
layer decrypted them on request (``load_dataset(include_sealed=True)``, audited). SPSS/Stata files carry variable and value labels; when a
format's limits force a name or label to change, the caller gets a warning saying so.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from fieldapp.analysis.dataset import ANSWERED, NOT_APPLICABLE, Dataset
from fieldapp.analysis.text import tr
from fieldapp.errors import UserFacingError
from fieldapp.exports.atomic import atomic_write
from fieldapp.exports.cells import neutralise
from fieldapp.exports.tables import XLSX_OPTIONS, xlsx_bytes
from fieldapp.forms.model import Question
from fieldapp.messages import plural

DATA_FORMATS = ("csv", "xlsx", "sav", "dta", "parquet")
PSEUDONYM = "pseudonym"
#: Keys of the level files (ODK Central / Briefcase: each row's KEY, its parent's PARENT_KEY).
KEY = "KEY"
PARENT_KEY = "PARENT_KEY"


@dataclass
class Column:
    """One exported variable."""

    name: str
    label: str
    kind: str  # text | integer | decimal | date | code (select_one) | dummy
    values: list
    value_labels: dict[str, str] = field(default_factory=dict)  # choice name -> label (select_one)
    source: str = ""  # question name
    #: Per value: True where the question was not applicable (not asked), so that SPSS and
    #: Stata keep it apart from a missing answer.
    not_applicable: list = field(default_factory=list)
    #: Measure level for SPSS: nominal | ordinal | scale.
    measure: str = "nominal"


def _label_key(ds: Dataset, lang: str | None) -> str:
    return ds.form.language_key(lang)


def _dedupe(columns: list[Column], warnings: list[str]) -> None:
    # A 0/1 column name such as info_forms_other can equal a real field (the "other, specify"
    # follow-up): the field keeps its name and the 0/1 column takes a double underscore.
    fields = {c.name.lower() for c in columns if c.kind != "dummy"}
    for col in columns:
        if col.kind == "dummy" and col.name.lower() in fields:
            col.name = f"{col.source}__{col.name[len(col.source) + 1:]}"
    seen: set[str] = set()
    for col in columns:
        name, n = col.name, 2
        while name.lower() in seen:
            name = f"{col.name}_{n}"
            n += 1
        if name != col.name:
            warnings.append(f"Column {col.name} appears twice; the second one is named {name}.")
            col.name = name
        seen.add(name.lower())


def _row_order(ds: Dataset) -> list[int]:
    # by pseudonym; a level's entries of one respondent keep their roster order
    return sorted(range(len(ds)), key=lambda i: (str(ds.pseudonyms.iloc[i]), i))


def build_columns(ds: Dataset, include_private: bool = False, lang: str | None = None,
                  include_sealed: bool = False) -> tuple[list[Column], list[str]]:
    """The exported variables in form order (pseudonym first), and warnings."""
    key = _label_key(ds, lang)
    order = _row_order(ds)
    index = ds.values.index[order]
    warnings: list[str] = []
    cols = [Column(PSEUDONYM, "Pseudonym", "text", [str(p) for p in ds.pseudonyms.loc[index]])]
    for q in ds.fields:
        if q.private and not include_private:
            continue
        if q.seal and not include_sealed:
            continue  # even if the dataset holds them: writing them must be asked for twice
        status = ds.status.loc[index, q.name]
        answered = status.eq(ANSWERED).tolist()
        na = status.eq(NOT_APPLICABLE).tolist()
        raw = [v if a else None for v, a in zip(ds.values.loc[index, q.name].tolist(), answered)]
        label = q.label(key)
        if q.type == "select_one":
            choices = ds.form.choices_for(q).choices
            measure = "ordinal" if "same" in {c.name for c in choices} else "nominal"
            cols.append(Column(q.name, label, "code", raw, {c.name: c.label(key) for c in choices}, q.name,
                               na, measure))
        elif q.type == "select_multiple":
            cols.append(Column(q.name, label, "text", raw, source=q.name, not_applicable=na))
            chosen = [set(str(v).split()) if v is not None else None for v in raw]
            for c in ds.form.choices_for(q).choices:
                dummy = [None if s is None else int(c.name in s) for s in chosen]
                cols.append(Column(f"{q.name}_{c.name}", f"{label}: {c.label(key)}", "dummy", dummy,
                                   source=q.name, not_applicable=na))
        elif q.type == "integer":
            cols.append(Column(q.name, label, "integer", [_to_int(q, v, warnings) for v in raw], source=q.name,
                               not_applicable=na, measure="scale"))
        elif q.type == "decimal":
            cols.append(Column(q.name, label, "decimal", [_to_float(q, v, warnings) for v in raw], source=q.name,
                               not_applicable=na, measure="scale"))
        elif q.type == "date":
            cols.append(Column(q.name, label, "date", [None if v is None else str(v) for v in raw], source=q.name))
        else:  # text, calculate: as entered / computed
            cols.append(Column(q.name, label, "text", [None if v is None else str(v) for v in raw], source=q.name))
    _dedupe(cols, warnings)
    return cols, warnings


def build_level_columns(ds: Dataset, level, include_private: bool = False,
                        lang: str | None = None, include_sealed: bool = False) -> tuple[list[Column], list[str]]:
    """One repeat level's variables: ``KEY`` and ``PARENT_KEY`` (ODK Central's and Briefcase's
    layout), the respondent's pseudonym, then the repeat's own questions; one row per entry,
    by pseudonym then roster order. ``KEY`` is the pseudonym and the entry's instance path
    (``P-4821/family[2]``); ``PARENT_KEY`` the parent entry's ``KEY``, or the respondent's
    (their pseudonym, the ``KEY`` of the respondent file) for a top-level repeat."""
    from fieldapp.analysis.levels import instance_dataset

    entries, _respondent = instance_dataset(ds, level)
    cols, warnings = build_columns(entries, include_private, lang, include_sealed)
    keep = level.values.index.get_level_values(0).isin(ds.values.index)
    instances = [inst for _iid, inst in level.values.index[keep]]
    parents = list(level.parent[keep])
    order = _row_order(entries)
    pseudonyms = [str(entries.pseudonyms.iloc[i]) for i in order]
    keys = [f"{p}/{instances[i]}" for p, i in zip(pseudonyms, order)]
    parent_keys = [f"{p}/{parents[i]}" if parents[i] else p for p, i in zip(pseudonyms, order)]
    lead = [Column(KEY, "Key", "text", keys), Column(PARENT_KEY, "Parent key", "text", parent_keys)]
    return lead + cols, warnings


def level_path(out: Path, repeat: str) -> Path:
    """Where a repeat level's file goes beside the respondent file: ``data-family.csv``."""
    return out.with_name(f"{out.stem}-{repeat}{out.suffix}")


def _sheet_name(repeat: str, taken: set[str]) -> str:
    # Excel: at most 31 characters, none of []:*?/\ (repeat names are XML names: none occur)
    name, n = repeat[:31], 2
    while name.lower() in taken:
        name = f"{repeat[:27]}_{n}"
        n += 1
    taken.add(name.lower())
    return name


def _to_int(q: Question, v, warnings: list[str]):
    if v is None:
        return None
    try:
        f = float(v)
        if f.is_integer():
            return int(f)
    except (TypeError, ValueError):
        pass
    warnings.append(f"A value of {q.name} is not a whole number and was left empty.")
    return None


def _to_float(q: Question, v, warnings: list[str]):
    if v is None:
        return None
    try:
        return float(v)
    except (TypeError, ValueError):
        warnings.append(f"A value of {q.name} is not a number and was left empty.")
        return None


# --------------------------------------------------------------------------- CSV, XLSX, Parquet


def _plain_frame(cols: list[Column]) -> pd.DataFrame:
    data = {}
    for c in cols:
        if c.kind in ("integer", "dummy"):
            data[c.name] = pd.array(c.values, dtype="Int64")
        elif c.kind == "decimal":
            data[c.name] = pd.array([np.nan if v is None else v for v in c.values], dtype="float64")
        else:
            data[c.name] = pd.Series(c.values, dtype=object)
    return pd.DataFrame(data)


def _csv(cols: list[Column]) -> bytes:
    df = _plain_frame(cols)
    for c in cols:
        if c.kind in ("text", "code", "date"):
            df[c.name] = df[c.name].map(neutralise)
    buf = io.StringIO()
    df.to_csv(buf, index=False, lineterminator="\r\n")
    return buf.getvalue().encode("utf-8-sig")


def _xlsx(sheets: list[tuple[str, list[Column]]], target) -> None:
    """A data sheet per level (the respondents' first, named ``data``), then the codebook,
    which names each column's sheet when there is more than one."""
    import xlsxwriter

    wb = xlsxwriter.Workbook(target, XLSX_OPTIONS)
    try:
        head = wb.add_format({"bold": True})
        for sheet, cols in sheets:
            ws = wb.add_worksheet(sheet)
            for j, c in enumerate(cols):
                ws.write_string(0, j, neutralise(c.name), head)
                for i, v in enumerate(c.values, start=1):
                    if v is None:
                        continue
                    if c.kind in ("integer", "dummy", "decimal"):
                        ws.write_number(i, j, v)
                    else:
                        ws.write_string(i, j, neutralise(str(v)))
            ws.freeze_panes(1, 1)
        book = wb.add_worksheet("variables")
        several = len(sheets) > 1
        for j, h in enumerate(("column", "label", "type", "choices", *(("sheet",) if several else ()))):
            book.write_string(0, j, h, head)
        i = 1
        for sheet, cols in sheets:
            for c in cols:
                book.write_string(i, 0, neutralise(c.name))
                book.write_string(i, 1, neutralise(c.label))
                book.write_string(i, 2, c.kind)
                if c.value_labels:
                    book.write_string(i, 3, neutralise("; ".join(f"{k} = {v}" for k, v in c.value_labels.items())))
                if several:
                    book.write_string(i, 4, sheet)
                i += 1
        book.set_column(0, 0, 24)
        book.set_column(1, 1, 60)
    finally:
        wb.close()


def _parquet(cols: list[Column], path: Path) -> None:
    df = _plain_frame(cols)
    for c in cols:
        if c.kind in ("text", "code", "date"):
            df[c.name] = df[c.name].astype("string")
    df.to_parquet(path, index=False)


# --------------------------------------------------------------------------- SPSS and Stata


@dataclass(frozen=True)
class _Limits:
    program: str
    name_bytes: int
    var_label_chars: int
    var_label_bytes: int
    value_label_bytes: int
    reserved: frozenset[str]


SPSS = _Limits("SPSS", 64, 10_000, 255, 120,
               frozenset({"all", "and", "by", "eq", "ge", "gt", "le", "lt", "ne", "not", "or", "to", "with"}))
STATA = _Limits("Stata", 32, 80, 320, 32_000,
                frozenset({"_all", "_b", "byte", "_coef", "_cons", "double", "float", "if", "in", "int",
                           "long", "_n", "_pi", "_pred", "_rc", "_skip", "strl", "using", "with"}))
_NAME_BAD = re.compile(r"[^A-Za-z0-9_]")


def truncate_label(text: str, max_chars: int, max_bytes: int) -> str:
    """``text`` cut to the limits without splitting a UTF-8 character (Korean takes 3 bytes)."""
    text = text[:max_chars]
    data = text.encode("utf-8")
    if len(data) <= max_bytes:
        return text
    return data[:max_bytes].decode("utf-8", errors="ignore")


def _stat_name(name: str, limits: _Limits) -> str:
    # ASCII letters, digits and underscore, starting with a letter, fit both programs and
    # every version of them; XLSForm names may also hold '-', '.' or non-Latin letters.
    clean = _NAME_BAD.sub("_", name)
    if not clean[:1].isalpha():
        clean = "v" + clean
    if clean.lower() in limits.reserved:
        clean = "v_" + clean
    return clean[: limits.name_bytes - 1]


#: Choice names read as "I don't know" and as a refusal (docs/tables.md, SPSS and Stata).
DONT_KNOW = frozenset({"dont_know", "dk", "dontknow", "don_t_know", "do_not_know"})
REFUSED = frozenset({"refused", "refuse", "prefer_not_to_say", "prefer_not", "no_answer_refused"})
STATA_NA, STATA_DK, STATA_REFUSED = "a", "d", "r"  # Stata's extended missing .a .d .r


@dataclass
class _Declared:
    """What SPSS and Stata are told besides the values: missing codes, measure, format."""

    spss_missing: dict[str, list[float]] = field(default_factory=dict)
    stata_missing: dict[str, list[str]] = field(default_factory=dict)
    measure: dict[str, str] = field(default_factory=dict)
    spss_format: dict[str, str] = field(default_factory=dict)
    stata_format: dict[str, str] = field(default_factory=dict)


def _declare(c: Column, name: str, column: list, vlabels: dict | None, codes: dict | None, stata: bool,
             lang: str, out: _Declared) -> list:
    """Declare DK / refused as user-missing and not applicable apart from missing.

    SPSS: DK and refused keep their code and are declared missing values; not applicable gets
    the code -1 (declared missing, labelled); a missing answer stays system-missing. Stata:
    extended missing values .d (DK), .r (refused), .a (not applicable); missing is ".".
    """
    numeric = c.kind in ("code", "dummy", "integer", "decimal")
    if not numeric:
        return column
    out.measure[name] = c.measure if c.kind != "dummy" else "nominal"
    fmt = {"decimal": ("F8.2", "%9.2f")}.get(c.kind, ("F8.0", "%8.0g"))
    out.spss_format[name], out.stata_format[name] = fmt
    special: dict[float, str] = {}
    if codes:
        for choice, code in codes.items():
            if choice in DONT_KNOW:
                special[code] = STATA_DK
            elif choice in REFUSED:
                special[code] = STATA_REFUSED
    na = c.not_applicable or [False] * len(column)
    values = [v for v in column if isinstance(v, float) and v == v]
    na_code = -1.0 if all(v >= 0 for v in values) and -1.0 not in special else None
    if stata:
        col = [STATA_NA if n else (special.get(v, v) if isinstance(v, float) else v) for v, n in zip(column, na)]
        used = sorted({x for x in col if isinstance(x, str)})
        if used:
            out.stata_missing[name] = used
            if vlabels is not None:
                for code, letter in special.items():
                    if code in vlabels:
                        vlabels[letter] = vlabels.pop(code)
                if STATA_NA in used:
                    vlabels[STATA_NA] = tr(lang, "not_applicable")
        return col
    col = [na_code if n and na_code is not None else v for v, n in zip(column, na)]
    declared = sorted(special)
    if na_code is not None and any(na):
        declared.append(na_code)
        if vlabels is not None:
            vlabels[na_code] = tr(lang, "not_applicable")
    if declared:
        out.spss_missing[name] = declared[:3]  # SPSS takes at most three discrete values
    return col


def _stat_frame(cols: list[Column], limits: _Limits, warnings: list[str], lang: str = "en",
                declared: _Declared | None = None):
    declared = declared if declared is not None else _Declared()
    stata = limits.program == "Stata"
    renamed: list[str] = []
    shortened: list[str] = []
    value_shortened: list[str] = []
    used: set[str] = set()
    data: dict[str, object] = {}
    labels: dict[str, str] = {}
    value_labels: dict[str, dict] = {}
    for c in cols:
        name = _stat_name(c.name, limits)
        base, n = name, 2
        while name.lower() in used:
            suffix = f"_{n}"
            name = base[: limits.name_bytes - 1 - len(suffix)] + suffix
            n += 1
        used.add(name.lower())
        if name != c.name:
            renamed.append(f"{c.name} -> {name}")
        label = truncate_label(c.label, limits.var_label_chars, limits.var_label_bytes)
        if label != c.label:
            shortened.append(name)
        labels[name] = label
        if c.kind == "code":
            codes, vlabels = _codes(c, limits, value_shortened, warnings)
            column = [np.nan if v is None else codes[str(v)] for v in c.values]
            value_labels[name] = vlabels
            data[name] = _declare(c, name, column, vlabels, codes, stata, lang, declared)
        elif c.kind == "dummy":
            vlabels = {0.0: tr(lang, "not_selected"), 1.0: tr(lang, "selected")}
            value_labels[name] = vlabels
            column = [np.nan if v is None else float(v) for v in c.values]
            data[name] = _declare(c, name, column, vlabels, None, stata, lang, declared)
        elif c.kind in ("integer", "decimal"):
            column = [np.nan if v is None else float(v) for v in c.values]
            data[name] = _declare(c, name, column, None, None, stata, lang, declared)
        elif c.kind == "date":
            dates = [_date(v) for v in c.values]
            # An all-empty object column has no type pyreadstat can write; empty numbers do.
            data[name] = dates if any(d is not None for d in dates) else [np.nan] * len(dates)
        else:
            # Stata's missing string is ""; pyreadstat also fails on None in long strings.
            data[name] = ["" if v is None else str(v) for v in c.values]
    df = pd.DataFrame(data)
    if renamed:
        warnings.append(f"{limits.program} variable names allow only letters, digits and _ "
                        f"(at most {limits.name_bytes - 1}): renamed {', '.join(renamed)}.")
    if shortened:
        warnings.append(f"{limits.program} variable labels are limited to {limits.var_label_chars} characters / "
                        f"{limits.var_label_bytes} bytes (Korean uses 3 bytes a character): shortened the "
                        f"labels of {', '.join(shortened)}.")
    if value_shortened:
        warnings.append(f"{limits.program} value labels are limited to {limits.value_label_bytes} bytes: "
                        f"shortened labels of {', '.join(sorted(set(value_shortened)))}.")
    return df, labels, value_labels


def _codes(c: Column, limits: _Limits, shortened: list[str], warnings: list[str]):
    """Numeric codes for a select_one: the choice names when all are whole numbers, else 1..n."""
    names = list(c.value_labels)
    numeric = all(re.fullmatch(r"-?\d{1,9}", n) for n in names) and names
    codes = {n: float(int(n)) if numeric else float(i) for i, n in enumerate(names, start=1)}
    vlabels = {}
    for n, label in c.value_labels.items():
        cut = truncate_label(label, 10**6, limits.value_label_bytes)
        if cut != label:
            shortened.append(c.name)
        vlabels[codes[n]] = cut
    extra = sorted({str(v) for v in c.values if v is not None and str(v) not in codes})
    if extra:
        # Values outside the choice list (old form versions) keep a code of their own.
        nxt = max(codes.values(), default=0.0) + 1
        for v in extra:
            codes[v] = nxt
            vlabels[nxt] = truncate_label(v, 10**6, limits.value_label_bytes)
            nxt += 1
        warnings.append(f"{c.name} has {plural(len(extra), 'value', 'values')} not in its choice list; they were given codes "
                        f"from {int(codes[extra[0]])} on, labelled with the value.")
    return codes, vlabels


def _date(v):
    if v is None:
        return None
    try:
        return dt.date.fromisoformat(str(v)[:10])
    except ValueError:
        return None


def _sav(cols: list[Column], path: Path, warnings: list[str], lang: str = "en") -> None:
    import pyreadstat

    declared = _Declared()
    df, labels, value_labels = _stat_frame(cols, SPSS, warnings, lang, declared)
    pyreadstat.write_sav(df, str(path), column_labels=labels, variable_value_labels=value_labels,
                         missing_ranges=declared.spss_missing, variable_measure=declared.measure,
                         variable_format=declared.spss_format)


def _dta(cols: list[Column], path: Path, warnings: list[str], lang: str = "en") -> None:
    import pyreadstat

    declared = _Declared()
    df, labels, value_labels = _stat_frame(cols, STATA, warnings, lang, declared)
    # Stata 14+ (.dta 118) stores UTF-8, which Korean labels need.
    pyreadstat.write_dta(df, str(path), column_labels=labels, variable_value_labels=value_labels, version=15,
                         missing_user_values=declared.stata_missing, variable_format=declared.stata_format)


# --------------------------------------------------------------------------- entry point


def write_data(ds: Dataset, fmt: str, out: str | Path, include_private: bool = False,
               lang: str | None = None, include_sealed: bool = False, levels: Sequence = (),
               respondents: bool = True) -> list[str]:
    """Write one row per interview as ``fmt`` to ``out``; returns warnings for the user.

    ``levels`` (``fieldapp.store.dataset.load_level`` of each repeat) adds one table per
    repeat level, keyed by ``KEY`` / ``PARENT_KEY``: sheets of the same workbook for xlsx,
    files beside ``out`` for the others (``level_path``: ``data-family.sav``). Without
    ``respondents`` only the levels are written, the first to ``out`` itself.
    """
    fmt = fmt.lower().lstrip(".")
    out = Path(out)
    if fmt not in DATA_FORMATS:
        raise UserFacingError(f"Unknown data format {fmt!r}; choose one of {', '.join(DATA_FORMATS)}.")
    if fmt == "parquet" and importlib.util.find_spec("pyarrow") is None:
        raise UserFacingError(
            "Parquet export needs the optional pyarrow package (pip install 'fieldapp[parquet]'); "
            "CSV, XLSX, SPSS and Stata exports work without it."
        )
    if not out.parent.is_dir():
        raise UserFacingError(f"The folder {out.parent} does not exist.")
    if levels and ds.pseudonyms.duplicated().any():
        # KEY and PARENT_KEY are made of pseudonyms: two respondents sharing one would mix
        # their entries
        raise UserFacingError("data.duplicate_pseudonyms")
    warnings: list[str] = []
    tables: list[tuple[str, list[Column]]] = []
    if respondents:
        cols, warnings = build_columns(ds, include_private, lang, include_sealed)
        if levels:
            cols.insert(1, Column(KEY, "Key", "text", list(cols[0].values)))
        tables.append(("data", cols))
    taken = {"data", "variables"}
    for level in levels:
        cols, more = build_level_columns(ds, level, include_private, lang, include_sealed)
        warnings += [f"{level.repeat}: {w}" for w in more]
        tables.append((_sheet_name(level.repeat, taken), cols))
    from fieldapp.analysis.text import text_code

    code = text_code(ds.form, lang)
    if fmt == "xlsx":
        # in memory, then written whole: xlsxwriter never sees a path (no temp files)
        data = xlsx_bytes(lambda buf: _xlsx(tables, buf))
        _write(out, fmt, data)
        return warnings
    for n, (_sheet, cols) in enumerate(tables):
        target = out if n == 0 else level_path(out, levels[n - 1 if respondents else n].repeat)
        _write(target, fmt, _writer(fmt, cols, warnings, code))
    return warnings


def level_targets(out: str | Path, levels: Sequence, fmt: str, respondents: bool = True) -> list[Path]:
    """The files ``write_data`` writes for these levels (xlsx: one)."""
    out = Path(out)
    if fmt == "xlsx" or not levels:
        return [out]
    reps = [lv.repeat for lv in levels]
    return ([out] + [level_path(out, r) for r in reps]) if respondents else \
        [out] + [level_path(out, r) for r in reps[1:]]


def _writer(fmt: str, cols: list[Column], warnings: list[str], code: str) -> bytes | Callable[[Path], None]:
    if fmt == "csv":
        return _csv(cols)
    return {
        "sav": lambda tmp: _sav(cols, tmp, warnings, code),
        "dta": lambda tmp: _dta(cols, tmp, warnings, code),
        "parquet": lambda tmp: _parquet(cols, tmp),
    }[fmt]


def _write(out: Path, fmt: str, write: bytes | Callable[[Path], None]) -> None:
    if fmt == "csv":
        atomic_write(out, write)
        return
    try:
        atomic_write(out, write)
    except Exception as exc:
        if isinstance(exc, UserFacingError):
            raise
        # Writer messages can quote a cell, i.e. an answer: name only the kind of failure.
        raise UserFacingError(
            f"Could not write {out.name} as {fmt} ({type(exc).__name__}); nothing was written."
        ) from exc
