"""Keyed-in paper questionnaires: rows of CSV/XLSX files validated by the form's own logic.

One row per respondent in the respondents' table; for a form with repeats, one table per
repeat (a CSV file each, or a sheet each of one workbook), one row per entry, each row naming
its parent row (``fieldapp.engine.paper_levels``: the layouts of ODK Central, Briefcase and
KoboToolbox exports). Columns are question names, select_multiple as space-separated choice
names, blank = not answered. Each interview, with its entries, runs through the same engine
as a live interview (types, relevance, required, constraints, calculations, repeat_count).
Problems name the file, the sheet, the row (the header is row 1, as in a spreadsheet) and the
column, never a cell's content. Nothing here writes anything.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fieldapp.engine._memo import EvalMemo
from fieldapp.engine.interview import Interview
from fieldapp.engine.paper_levels import ROOT, Columns, FormLevels, Level, assign, level_phrase
from fieldapp.engine.paper_tables import MAX_ROWS, Table, read_tables
from fieldapp.errors import UserFacingError
from fieldapp.forms.instances import child_instance, field_key, split_key
from fieldapp.forms.model import Form, Question
from fieldapp.messages import Message, msg
from fieldapp.progress import CancelToken, ProgressSink, no_progress

#: ``_Row._coerce``'s memo: a cell that is no valid answer, one not seen yet, and its bound
#: (free-text columns would otherwise keep every row's text).
_INVALID, _UNKNOWN = object(), object()
_COERCED_LIMIT = 100_000

#: Detail cells of a select_multiple (Kobo's ``question/choice`` columns) that tick a choice.
TICKED = frozenset({"1", "true", "yes"})
UNTICKED = frozenset({"0", "false", "no"})


@dataclass
class PaperResult:
    interviews: list[Interview]
    problems: list[Message]
    instance_ids: list[str | None]
    sha256: str
    rows: int


def instance_interview_id(form_id: str, instance_id: str) -> str:
    """The interview id for a paper row's instanceID: 128 bits, like every interview id.

    Derived, not stored as typed: the same instanceID gives the same interview wherever it is
    keyed in (so a re-import, or the same form keyed on two laptops, is recognised), while ids
    keep the one shape bundles accept.
    """
    digest = hashlib.sha256(f"fieldapp/instance-id/v1\n{form_id}\n{instance_id}".encode()).hexdigest()
    return digest[:32]


def files_digest(digests: Sequence[str]) -> str:
    """What identifies one import: a single file's SHA-256 (as before repeats), or a hash of
    the files' hashes in any order (the same set of files, given again, is recognised)."""
    if len(digests) == 1:
        return digests[0]
    joined = "\n".join(sorted(digests))
    return hashlib.sha256(f"fieldapp/paper-files/v1\n{joined}".encode()).hexdigest()


def validate_file(form: Form, path: Path, progress: ProgressSink = no_progress,
                  cancel: CancelToken | None = None) -> PaperResult:
    return validate_files(form, [path], progress, cancel)


def validate_files(
    form: Form,
    paths: Sequence[Path],
    progress: ProgressSink = no_progress,
    cancel: CancelToken | None = None,
) -> PaperResult:
    """Every row of every file validated, the entries joined to their parents; problems
    located by file, sheet, row and column."""
    levels = FormLevels(form)
    tables: list[Table] = []
    digests = []
    for path in paths:
        found, digest = read_tables(Path(path), every_sheet=bool(levels.repeats))
        tables.extend(found)
        digests.append(digest)
    if sum(len(t.rows) for t in tables) > MAX_ROWS:
        raise UserFacingError("paper.too_many_rows", source=Path(paths[0]).name, limit=MAX_ROWS)
    problems: list[Message] = []
    root, repeats = assign(levels, tables, problems)
    digest = files_digest(digests)
    if root is None:
        return PaperResult([], problems, [], digest, 0)
    joined = _Joined(levels, root, repeats, problems)
    interviews: list[Interview] = []
    instance_ids: list[str | None] = []
    seen_ids: dict[str, int] = {}
    total = len(root.table.rows)
    try:
        for done, (rownum, cells) in enumerate(root.table.rows, 1):
            if cancel is not None:
                cancel.check()
            interviews.append(_Row(form, joined, problems).build(rownum))
            instance_ids.append(_instance_id(form, root, rownum, cells, seen_ids, problems))
            progress(done, total, "")
    finally:
        for iv in interviews:  # the memo is this validation's only (``fieldapp.engine._memo``)
            iv.__dict__.pop("_eval_memo", None)
    return PaperResult(interviews, problems, instance_ids, digest, total)


class _Joined:
    """The tables of one import with each entry's row joined to its parent row."""

    def __init__(self, levels: FormLevels, root: Level, repeats: list[Level], problems: list[Message]) -> None:
        self.levels = levels
        self.by_level: dict[str, Level] = {ROOT: root, **{lv.level: lv for lv in repeats}}
        self.cells: dict[str, dict[int, list[object]]] = {
            lv: dict(level.table.rows) for lv, level in self.by_level.items()}
        #: level -> parent row number -> its entries' row numbers, in file order
        self.children: dict[str, dict[int, list[int]]] = {}
        self._keys: dict[str, dict[str, int]] = {}
        for level in repeats:
            self._join(level, problems)
        self.child_levels: dict[str, list[str]] = {}
        for lv in self.levels.repeats:  # form order, so instances are numbered as the engine does
            if lv in self.children:
                self.child_levels.setdefault(self.levels.parent[lv], []).append(lv)
        #: Pure expressions' results for the values rows give (``fieldapp.engine._memo``).
        self.memo = EvalMemo()
        #: (question, cell type, cell) -> its stored value, or _INVALID: ``coerce`` is a
        #: function of the question (and its form's choices) and the cell, and cells repeat.
        self.coerced: dict[tuple, Any] = {}

    def _join(self, level: Level, problems: list[Message]) -> None:
        table, cols = level.table, level.columns
        parent_level = self.levels.parent[level.level]
        parent = self.by_level.get(parent_level)
        if parent is None:
            problems.append(msg("paper.at_file", source=table.source, problem=msg(
                "paper.no_parent_table", repeat=_local(level.level), parent=level_phrase(parent_level))))
            return
        if cols.parent is None:
            problems.append(msg("paper.at_file", source=table.source, problem=msg("paper.no_parent_column")))
            return
        column = table.header[cols.parent]
        if parent.columns.key is None:
            problems.append(msg("paper.at_file", source=parent.table.source, problem=msg(
                "paper.no_key_column", column="KEY" if column.lower() == "parent_key" else "_index",
                child=table.source)))
            return
        keys = self._keymap(parent, problems)
        groups: dict[int, list[int]] = {}
        for rownum, cells in table.rows:
            target = keys.get(_text(cells, cols.parent))
            if target is None:
                problems.append(_at(table, rownum, column, msg("paper.no_parent_row", parent=parent.table.source)))
                continue
            named = _text(cells, cols.parent_table)
            if named and named in self.levels.repeats and named != parent_level:
                problems.append(_at(table, rownum, table.header[cols.parent_table], msg(
                    "paper.wrong_parent_table", repeat=_local(level.level), parent=level_phrase(parent_level))))
                continue
            groups.setdefault(target, []).append(rownum)
        self.children[level.level] = groups

    def _keymap(self, level: Level, problems: list[Message]) -> dict[str, int]:
        found = self._keys.get(level.level)
        if found is not None:
            return found
        found = {}
        key = level.columns.key
        for rownum, cells in level.table.rows:
            text = _text(cells, key)
            if not text:
                continue
            if text in found:
                problems.append(_at(level.table, rownum, level.table.header[key], msg(
                    "paper.duplicate_key", other=found[text])))
                continue
            found[text] = rownum
        self._keys[level.level] = found
        return found


class _Row:
    """One respondent's row and its entries' rows, as one interview."""

    def __init__(self, form: Form, joined: _Joined, problems: list[Message]) -> None:
        self.form = form
        self.joined = joined
        self.problems = problems
        self.iv = Interview.blank(form)
        self.iv.__dict__["_eval_memo"] = joined.memo
        #: field key -> (table, row, column header, question, cell)
        self.given: dict[str, tuple[Table, int, str, Question, object]] = {}
        #: instance path -> (level, row): where each instance (and the interview, '') is keyed
        self.rows: dict[str, tuple[str, int]] = {}
        self.counts: dict[str, int] = {}

    def build(self, rownum: int) -> Interview:
        self._place(ROOT, rownum, "")
        iv = self.iv
        bad = self._coerce()
        if self.counts:
            iv.counts = dict(self.counts)
            iv._tree_changed()
        iv._recompute()
        if self._counts_differ():
            return iv  # the entries do not match the form's count: the other checks would mislead
        self._issues()
        self._not_applicable(bad)
        return iv

    def _place(self, level: str, rownum: int, instance: str) -> None:
        self.rows[instance] = (level, rownum)
        self._collect(level, rownum, instance)
        for child in self.joined.child_levels.get(level, ()):
            entries = self.joined.children[child].get(rownum, [])
            self.counts[field_key(instance, child)] = len(entries)
            for k, entry in enumerate(entries, 1):
                self._place(child, entry, child_instance(instance, child, k))

    def _collect(self, level: str, rownum: int, instance: str) -> None:
        lv = self.joined.by_level[level]
        table, cols = lv.table, lv.columns
        cells = self.joined.cells[level][rownum]
        for i, q in cols.fields.items():
            if i < len(cells) and cells[i] not in (None, ""):
                self.given[field_key(instance, q.name)] = (table, rownum, table.header[i], q, cells[i])
        if cols.details:
            self._ticked(table, rownum, instance, cols, cells)

    def _ticked(self, table: Table, rownum: int, instance: str, cols: Columns, cells: list[object]) -> None:
        """Kobo's select_multiple detail columns (``question/choice``: 1 or 0), read only
        where the space-separated column is absent (else they repeat what it says)."""
        summaries = {q.name for q in cols.fields.values()}
        ticked: dict[str, list[str]] = {}
        for i, (q, choice) in cols.details.items():
            if q.name in summaries:
                continue
            cell = _text(cells, i).lower()
            if cell in TICKED:
                ticked.setdefault(q.name, []).append(choice)
            elif cell and cell not in UNTICKED:
                self.problems.append(_at(table, rownum, table.header[i], msg("paper.not_ticked")))
            else:
                ticked.setdefault(q.name, [])
        for name, choices in ticked.items():
            if choices:
                q = self.joined.levels.structure.questions[name]
                self.given[field_key(instance, name)] = (table, rownum, name, q, " ".join(choices))

    def _coerce(self) -> set[str]:
        bad = set()
        known = self.joined.coerced
        values = self.iv.values
        for key, (table, rownum, column, q, raw) in self.given.items():
            kind = type(raw)
            memo = (id(q), kind, raw.hex() if kind is float else raw)  # -0.0 is not 0.0 here
            value = known.get(memo, _UNKNOWN)
            if value is _UNKNOWN:
                try:
                    value = self.iv._coerce(q, _cell_text(raw, q.type))
                except ValueError:
                    value = _INVALID
                if len(known) >= _COERCED_LIMIT:
                    known.clear()
                known[memo] = value
            if value is _INVALID:
                self.problems.append(_at(table, rownum, column, _type_problem(self.form, q)))
                bad.add(key)
                continue
            if value is not None:
                values[key] = value
        return bad

    def _counts_differ(self) -> bool:
        differ = False
        for collection, n in self.counts.items():
            now = self.iv.counts.get(collection, 0)
            if now != n:
                level, rownum = self.rows.get(split_key(collection)[0], (ROOT, 0))
                table = self.joined.by_level[level].table
                self.problems.append(msg("paper.at_row", source=table.source, row=rownum, problem=msg(
                    "paper.count_differs", repeat=_local(split_key(collection)[1]), expected=now, found=n)))
                differ = True
        return differ

    def _where(self, key: str) -> tuple[Table, int, str]:
        found = self.given.get(key)
        if found is not None:
            return found[0], found[1], found[2]
        instance, name = split_key(key)
        level, rownum = self.rows.get(instance, (ROOT, 0))
        q = self.joined.levels.structure.question_of(key)
        return self.joined.by_level[level].table, rownum, q.xlsform_name if q is not None else name

    def _issues(self) -> None:
        for issue in self.iv.all_issues():
            table, rownum, column = self._where(issue.field)
            if issue.code == "required":
                why = msg("paper.required_said", message=issue.message) if issue.message else msg("paper.required")
            else:
                why = (msg("paper.constraint_said", message=issue.message) if issue.message
                       else msg("paper.constraint"))
            self.problems.append(_at(table, rownum, column, why))

    def _not_applicable(self, bad: set[str]) -> None:
        by_row: dict[tuple[int, int], tuple[Table, int, list[str]]] = {}
        for key, (table, rownum, column, _q, _raw) in self.given.items():
            if key not in bad and not self.iv.is_relevant(key):
                by_row.setdefault((id(table), rownum), (table, rownum, []))[2].append(column)
        for table, rownum, columns in by_row.values():
            if len(columns) == 1:
                self.problems.append(_at(table, rownum, columns[0], msg("paper.not_applicable")))
            else:
                shown = ", ".join(columns[:8]) + (" ..." if len(columns) > 8 else "")
                self.problems.append(msg("paper.at_columns", source=table.source, row=rownum, columns=shown,
                                         problem=msg("paper.not_applicable_many")))


def _instance_id(form: Form, root: Level, rownum: int, cells: list[object], seen: dict[str, int],
                 problems: list[Message]) -> str | None:
    """The interview id from the row's instanceID (``instanceID``, ``meta-instanceID``,
    ``meta/instanceID``), else ODK's ``KEY`` when it is one (``uuid:…``), else Kobo's
    ``_uuid`` (the same instanceID without its ``uuid:``)."""
    cols = root.columns
    typed, column = "", None
    for i, shape in ((cols.instance_id, None), (cols.key, "uuid:"), (cols.uuid, "")):
        text = _text(cells, i)
        if not text:
            continue
        if shape == "uuid:" and not text.startswith("uuid:"):
            continue  # a KEY typed by hand (1, 2, …) joins rows; it is no instanceID
        typed = text if shape != "" or text.startswith("uuid:") else "uuid:" + text
        column = root.table.header[i]
        break
    if not typed:
        return None
    if typed in seen:
        problems.append(_at(root.table, rownum, column or "instanceID", msg("paper.duplicate_id", other=seen[typed])))
    seen[typed] = rownum
    return instance_interview_id(form.form_id, typed)


def _at(table: Table, row: int, column: str, problem: Message) -> Message:
    return msg("paper.at_cell", source=table.source, row=row, column=column, problem=problem)


def _local(key: str) -> str:
    return key.rsplit("/", 1)[-1]


def _text(cells: list[object], i: int | None) -> str:
    """A key cell as text (a workbook's 3.0 is ``3``)."""
    if i is None or i >= len(cells) or cells[i] in (None, ""):
        return ""
    value = cells[i]
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _cell_text(raw: object, qtype: str) -> object:
    if isinstance(raw, float) and qtype == "integer" and raw.is_integer():
        return int(raw)
    if qtype in ("select_one", "select_multiple") and isinstance(raw, int | float):
        return str(int(raw)) if float(raw).is_integer() else str(raw)
    return raw


def _type_problem(form: Form, q: Question) -> Message:
    # Never echo the cell: a wrong column can hold anything, including a name.
    if q.type == "select_one":
        return msg("paper.not_a_choice", choices=", ".join(form.choices_for(q).names()[:12]))
    if q.type == "select_multiple":
        return msg("paper.not_choices")
    if q.type == "integer":
        return msg("paper.not_whole_number")
    if q.type == "decimal":
        return msg("paper.not_a_number")
    if q.type == "date":
        return msg("paper.not_a_date")
    return msg("paper.not_valid")
