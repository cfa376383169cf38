"""Summary tables, charts, the report and the analysis data files (ARCHITECTURE s.7).

``compute_tables`` reads a form's finalized interviews and makes every table for one set of
choices (form, label language, small-cell threshold, breakdown), checking ``cancel`` between
tables; ``export_table``/``export_report``/``write_tables_file``/``export_data`` write files
through ``ops.files`` so every path problem is one coded sentence. Small cells are flagged on
screen; files written with ``hide_small`` suppress them (with secondary suppression).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from fieldapp.analysis import DEFAULT_MIN_CELL, Dataset, Table, paired, protect, suppress
from fieldapp.analysis.export import TableRequest, make_tables, open_text
from fieldapp.analysis.tables import (
    NUMERIC_TYPES,
    crosstab,
    frequency,
    numeric_summary,
    tabulable,
)
from fieldapp.errors import UsageError, UserFacingError
from fieldapp.forms.model import Form, Question
from fieldapp.ops import files
from fieldapp.ops.forms import get_form
from fieldapp.progress import CancelToken, ProgressSink, no_progress
from fieldapp.store import Store

__all__ = ["DEFAULT_MIN_CELL", "Computed", "Dataset", "FormChoice", "Table", "TableRequest", "TableSettings",
           "LevelSize", "by_fields", "level_by_fields", "level_fields", "open_text", "repeat_levels",
           "report_info",
           "chart_png", "compare_candidates", "compute_tables", "export_data", "export_report",
           "export_table", "forms_with_finalized", "get_form", "load_dataset", "paired_table", "table_fields",
           "tables_for", "write_tables_file"]

TABLE_FORMATS = ("csv", "md", "xlsx", "html", "pdf")
DATA_FORMATS = ("csv", "xlsx", "sav", "dta", "parquet")
SCREEN_DPI = 96
EXPORT_DPI = 200
CHART_WIDTH_IN = 7.0
#: Progress phases of ``compute_tables`` (the GUI turns them into translated words).
PHASE_LOAD = "load"
PHASE_TABLES = "tables"


@dataclass(frozen=True)
class FormChoice:
    form_id: str
    title: str
    finalized: int


def forms_with_finalized(store: Store) -> list[FormChoice]:
    """Installed forms that have finalized interviews (only those have tables), by form id."""
    from fieldapp.store.forms import list_forms
    from fieldapp.store.interviews import finalized_counts

    counts = finalized_counts(store)
    titles: dict[str, str] = {}
    for row in list_forms(store):  # ordered by form id, then added: the newest title wins
        titles[row.form_id] = row.title or row.form_id
    return [FormChoice(fid, titles[fid], counts[fid]) for fid in sorted(titles) if counts.get(fid)]


def load_dataset(store: Store, form_id: str, *, include_sealed: bool = False,
                 audit_detail: dict | None = None) -> Dataset:
    from fieldapp.store.dataset import load_dataset as load

    return load(store, form_id, include_sealed=include_sealed, audit_detail=audit_detail)


@dataclass(frozen=True)
class TableSettings:
    """What the tables depend on (the question shown does not: all are computed at once)."""

    form_id: str
    lang: str | None = None
    min_cell: int = DEFAULT_MIN_CELL
    by: str | None = None
    #: A repeat's name: its questions' tables (``repeat_levels`` lists the choices), over
    #: "instances" or "respondents" (docs/tables.md, "Repeat levels").
    level: str | None = None
    over: str = "instances"


@dataclass(frozen=True)
class LevelSize:
    """How many entries a repeat level has, and from how many respondents (the page states it:
    "150 entries from 52 respondents")."""

    entries: int
    respondents: int


@dataclass(frozen=True)
class Computed:
    settings: TableSettings
    dataset: Dataset
    tables: dict[str, Table]  # by question name, in form order
    #: Set when ``settings.level`` is: the level's entries of the respondents tabulated.
    level_size: LevelSize | None = None


def table_fields(form: Form) -> list[Question]:
    """Questions that get a table: selects and numbers."""
    return [q for q in form.questions() if q.holds_answer and tabulable(q)]


def by_fields(form: Form) -> list[Question]:
    """Fields a table can be broken down by: select_one questions and calculates."""
    return [q for q in form.questions() if q.type in ("select_one", "calculate")]


def _repeat_question_names(form: Form) -> frozenset[str]:
    from fieldapp.forms.model import Group

    return frozenset(q.name for g in form.nodes() if isinstance(g, Group) and g.repeat
                     for q in g.walk() if not isinstance(q, Group))


def level_fields(form: Form, level: str | None = None, over: str = "instances") -> list[Question]:
    """Questions that get a table at ``level`` (None: the respondents' own questions, none inside
    a repeat); over respondents only a repeat's select questions do (docs/tables.md)."""
    if level is None:
        inside = _repeat_question_names(form)
        return [q for q in table_fields(form) if q.name not in inside]
    from fieldapp.store.dataset import level_questions

    return [q for q in level_questions(form, level) if q.holds_answer and tabulable(q)
            and (over != "respondents" or q.is_select)]


def level_by_fields(form: Form, level: str | None = None, over: str = "instances") -> list[Question]:
    """Fields a table at ``level`` can be broken down by: the respondents' own (a respondent's
    field is copied onto each of their entries) and, counting entries, the repeat's own."""
    inside = _repeat_question_names(form)
    out = [q for q in by_fields(form) if q.name not in inside]
    if level is not None and over != "respondents":
        from fieldapp.store.dataset import level_questions

        own = {q.name for q in level_questions(form, level)}
        out += [q for q in by_fields(form) if q.name in own]
    return out


def compare_candidates(form: Form, question: Question) -> list[Question]:
    """Other questions a paired table can show next to ``question``: same type and choice list."""
    if not question.is_select:
        return []
    names = form.choices_for(question).names()
    return [q for q in table_fields(form)
            if q.name != question.name and q.type == question.type
            and form.choices_for(q).names() == names]


def compute_tables(store: Store | None, settings: TableSettings, dataset: Dataset | None = None, *,
                   progress: ProgressSink = no_progress, cancel: CancelToken | None = None) -> Computed:
    """Every table of the form for ``settings`` (loading the answers unless ``dataset`` is given)."""
    if dataset is None:
        if store is None:
            raise ValueError("compute_tables needs a store or a dataset")
        progress(0, 0, PHASE_LOAD)
        dataset = load_dataset(store, settings.form_id)
    if settings.level:
        return _compute_level(store, settings, dataset, settings.level)
    fields = [q for q in dataset.fields if tabulable(q)]
    tables: dict[str, Table] = {}
    for i, q in enumerate(fields):
        if cancel is not None:
            cancel.check()
        progress(i, len(fields), PHASE_TABLES)
        if settings.by and q.name != settings.by:
            tables[q.name] = crosstab(dataset, q, settings.by, settings.lang, settings.min_cell)
        elif q.type in NUMERIC_TYPES:
            tables[q.name] = numeric_summary(dataset, q, settings.lang, settings.min_cell)
        else:
            tables[q.name] = frequency(dataset, q, settings.lang, settings.min_cell)
    progress(len(fields), len(fields), PHASE_TABLES)
    return Computed(settings, dataset, tables)


def _compute_level(store: Store | None, settings: TableSettings, dataset: Dataset, repeat: str) -> Computed:
    from fieldapp.analysis.levels import level_tables

    if store is None:
        raise ValueError("the tables of a repeat level need the store")
    level = load_level(store, settings.form_id, repeat)
    tables, _audit = level_tables(dataset, level, unit=settings.over, by=settings.by, lang=settings.lang,
                                  min_cell=settings.min_cell)
    ids = level.values.index.get_level_values(0)
    kept = ids[ids.isin(dataset.values.index)]
    size = LevelSize(entries=len(kept), respondents=int(kept.nunique()))
    return Computed(settings, dataset, {t.question: t for t in tables}, size)


def paired_table(dataset: Dataset, names: Sequence[str], lang: str | None = None,
                 min_cell: int = DEFAULT_MIN_CELL) -> Table:
    return paired(dataset, tuple(names), lang, min_cell)


def chart_png(table: Table, dpi: int = SCREEN_DPI, width_in: float = CHART_WIDTH_IN) -> bytes | None:
    """The report's bar chart of ``table`` as PNG bytes in memory (None when there is nothing to draw)."""
    from fieldapp.exports.fonts import font_families
    from fieldapp.exports.report import chart_image

    families, _warning = font_families()
    return chart_image(table, families, fmt="png", dpi=dpi, width_in=width_in)


def _suffix_format(path: Path, fmt: str, allowed: Sequence[str]) -> str:
    fmt = fmt.lower().lstrip(".")
    if fmt not in allowed:
        raise UsageError(f"Unknown format {fmt!r}; choose one of {', '.join(allowed)}.")
    return fmt


def write_tables_file(tables: Sequence[Table], fmt: str, out: str | os.PathLike[str],
                      title: str | None = None, ci: bool = False, info=None, open_text=None) -> list[str]:
    """Write ``tables`` as csv, md, xlsx, html or pdf; returns warnings for the user.

    ``ci`` adds the 95% intervals to the report formats; ``info`` (``report_info``) its cover.
    """
    from fieldapp.exports import write_tables

    fmt = _suffix_format(Path(out), fmt, TABLE_FORMATS)
    target = files.output_path(out)
    return files.guard_oserror(target, lambda: write_tables(list(tables), fmt, target, title, ci=ci,
                                                            info=info, open_text=open_text))


def report_info(dataset: Dataset, request: TableRequest, title: str | None = None):
    """The cover of a report (title in the report's language, respondents, fieldwork months)."""
    from fieldapp.exports.report import report_info as info

    return info(dataset, request, title)


def export_table(table: Table, fmt: str, path: str | os.PathLike[str], hide_small: bool) -> list[str]:
    """One table as csv or xlsx, or its chart as png; small cells suppressed if asked."""
    if hide_small:
        table = suppress(table)
    if fmt == "png":
        data = chart_png(table, dpi=EXPORT_DPI)
        if data is None:
            raise UserFacingError("tables.nothing_to_draw")
        files.write_output(path, data)
        return []
    return write_tables_file([table], fmt, path)


def export_report(tables: Sequence[Table], path: str | os.PathLike[str], hide_small: bool,
                  title: str | None = None) -> list[str]:
    """The whole report (a chart and table per question) as a PDF."""
    if hide_small and tables:
        # one export, audited together (docs/tables.md): per-table suppression would let
        # the tables give each other's hidden cells back
        tables, _audit = protect(list(tables), tables[0].min_cell)
    return write_tables_file(tables, "pdf", path, title)


def tables_for(store: Store, form_id: str, *, by: str | None = None, lang: str | None = None,
               min_cell: int = DEFAULT_MIN_CELL, hide_small: bool = False,
               pairs: Sequence[Sequence[str]] = (), request: TableRequest | None = None,
               ) -> tuple[list[Table], Dataset]:
    """All tables of a form, as ``fieldapp tables`` prints them (``request`` carries every
    option of the command; the keywords are the short form). With ``hide_small`` the whole
    export is protected and audited together (``fieldapp.analysis.export.make_tables``)."""
    if request is None:
        request = TableRequest(by=by, lang=lang, min_cell=min_cell, suppress=hide_small,
                               pairs=tuple((str(p[0]), str(p[1])) for p in pairs))
    dataset = load_dataset(store, form_id)
    level = None
    if request.level:
        # a repeat level's tables (docs/tables.md, "Repeat levels"): --by may also name a
        # field of the repeat itself
        level = load_level(store, form_id, request.level)
        if request.by and request.by not in dataset.values.columns and request.by not in level.values.columns:
            raise UsageError(f"--by {request.by}: form {form_id} has no such field.")
    elif request.by and request.by not in dataset.values.columns:
        raise UsageError(f"--by {request.by}: form {form_id} has no such field.")
    tables, _audit = make_tables(dataset, request, level)
    return tables, dataset


def load_level(store: Store, form_id: str, repeat: str, *, include_sealed: bool = False,
               audit_detail: dict | None = None):
    """One repeat level's entries (``fieldapp.store.dataset.load_level``); sealed answers only
    when asked (coordinator, audited)."""
    from fieldapp.store.dataset import load_level as load

    return load(store, form_id, repeat, include_sealed=include_sealed, audit_detail=audit_detail)


def repeat_levels(form: Form, lang: str | None = None) -> list[tuple[str, str]]:
    """(name, label in ``lang``) of every repeat of ``form`` that has a question to tabulate, in
    form order; a repeat without a label is named by its name."""
    from fieldapp.forms.model import Group
    from fieldapp.store.dataset import level_questions

    key = form.language_key(lang)
    return [(g.name, g.label(key) or g.name) for g in form.nodes()
            if isinstance(g, Group) and g.repeat and any(tabulable(q) for q in level_questions(form, g.name))]


@dataclass(frozen=True)
class DataExport:
    path: Path
    interviews: int
    warnings: list[str]
    #: Every file written: (repeat level, "" for the respondents; path; rows). An xlsx holds
    #: all levels as sheets of ``path``.
    written: tuple[tuple[str, Path, int], ...] = ()


def repeats_of(form: Form) -> list[str]:
    """The names of every repeat of ``form``, in form order (each is a level of the data)."""
    from fieldapp.forms.model import Group

    return [g.name for g in form.nodes() if isinstance(g, Group) and g.repeat]


def export_data(store: Store, form_id: str, fmt: str, out: str | os.PathLike[str], *,
                lang: str | None = None, include_private: bool = False,
                include_sealed: bool = False, level: str | None = None) -> DataExport:
    """One row per interview for SPSS/Stata/R/Excel; private and sealed columns only on request (audited).

    A form with repeats also gets one table per repeat level, one row per entry keyed by
    ``KEY`` / ``PARENT_KEY`` (docs/tables.md, "fieldapp data"): sheets of the xlsx, files
    beside ``out`` otherwise. ``level`` writes that repeat level alone, to ``out``.
    """
    from fieldapp.exports import write_data
    from fieldapp.exports.data import level_targets

    fmt = _suffix_format(Path(out), fmt, DATA_FORMATS)
    target = files.output_path(out)
    form = get_form(store, form_id)
    if level is not None and level not in repeats_of(form):
        raise UserFacingError("repeat.not_a_repeat", form=form_id, repeat=level)
    # With include_sealed the store decrypts sealed answers in memory and records it in the
    # audit chain (data.export_sealed) before returning them.
    dataset = load_dataset(store, form_id, include_sealed=include_sealed, audit_detail={"format": fmt})
    levels = [load_level(store, form_id, r, include_sealed=include_sealed, audit_detail={"format": fmt})
              for r in ([level] if level else repeats_of(form))]
    for path in level_targets(target, levels, fmt, respondents=level is None)[1:]:
        files.output_path(path)  # every file's place checked before anything is written
    if include_private:
        with store.transaction() as conn:
            store.audit(conn, "data.export_private", {"form": form_id, "format": fmt})
    warnings = files.guard_oserror(target, lambda: write_data(
        dataset, fmt, target, include_private=include_private, lang=lang, include_sealed=include_sealed,
        levels=levels, respondents=level is None))
    counts = ([("", len(dataset))] if level is None else []) + [(lv.repeat, _rows(dataset, lv)) for lv in levels]
    paths = level_targets(target, levels, fmt, respondents=level is None)
    if fmt == "xlsx":
        paths = [target] * len(counts)
    written = tuple((name, path, n) for (name, n), path in zip(counts, paths))
    return DataExport(target, len(dataset), list(warnings), written)


def _rows(dataset: Dataset, level) -> int:
    return int(level.values.index.get_level_values(0).isin(dataset.values.index).sum())


def tables_text(tables: Sequence[Table], fmt: str, title: str | None = None, ci: bool = False,
                open_text=None) -> bytes:
    """CSV or Markdown for standard output (a pipe gets plain UTF-8, no BOM)."""
    from fieldapp.exports.tables import tables_csv, tables_markdown

    if fmt == "csv":
        data = tables_csv(list(tables))  # files get a BOM for Excel
        return data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    return tables_markdown(list(tables), title, ci, open_text).encode("utf-8")


def chart_description(table: Table) -> str:
    """The chart in words, for screen readers: '<option> <percent>%' for each bar."""
    from fieldapp.exports.layout import chart_series

    labels, series = chart_series(table)
    parts = []
    for slabel, pcts, _marks in series:
        bars = ", ".join(f"{label} {round(p):d}%" for label, p in zip(labels, pcts) if p is not None)
        parts.append(f"{slabel}: {bars}" if slabel else bars)
    return "; ".join(parts)


def table_text(table: Table) -> tuple[str, list[str]]:
    """The heading and the note lines shown under a table on screen (bases, flags, statistics)."""
    from fieldapp.exports.layout import heading, notes, stats_grid

    lines = notes(table)
    stats = stats_grid(table)
    for row in stats[1:]:
        header = stats[0]
        parts = [f"{h.display()} {c.display()}" for h, c in zip(header[1:], row[1:]) if c.display()]
        prefix = f"{row[0].display()}: " if row[0].display() else ""
        lines.append(prefix + " · ".join(parts))
    return heading(table), lines


def report_title(form: Form, tables: Sequence[Table]) -> str | None:
    """"Summary tables: <form title>" in the tables' language."""
    from fieldapp.analysis.text import tr as core_tr

    if not form.title:
        return None
    code = tables[0].lang_code if tables else "en"
    return f"{core_tr(code, 'report_title')}: {form.title}"
