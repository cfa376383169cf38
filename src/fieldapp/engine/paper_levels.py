"""Which level of a form each paper table holds, and what each of its columns means.

A form with repeats is keyed in as one table per level: the respondents' table (one row per
interview) and one table per repeat (one row per entry), each entry's row naming its parent
row. The layouts are those of the tools the data may come from, so their exports can be keyed
back in unchanged:

- **ODK Central / ODK Briefcase** (CSV, one file per level: ``form.csv``, ``form-members.csv``,
  a ``~N`` suffix for a repeat name used twice): every row has ``KEY``; a repeat's rows have
  ``PARENT_KEY`` (the parent row's ``KEY``); the respondents' table may have ``SET-OF-x``
  columns. Columns of questions in groups are ``group-question`` (Central's test data,
  ``getodk/central-backend`` test/unit/data/briefcase.js; Briefcase's docs/export-format.md).
- **KoboToolbox** (XLSX, one sheet per level, the sheet named by the repeat, cut to 31
  characters with ``...``): ``_index`` numbers each sheet's rows, a repeat's rows have
  ``_parent_index`` and ``_parent_table_name``, and copies of the submission's fields
  (``_submission__uuid`` ...). Columns are names or ``group/question`` paths; a
  select_multiple may add one ``question/choice`` column per choice (1 or 0) (formpack's
  ``Export``).
- fieldapp's own: the questions' names, ``instanceID``, and the same ``KEY``/``PARENT_KEY``.

Nothing here reads a cell's value; ``fieldapp.engine.paper`` does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from fieldapp.engine._structure import _Structure
from fieldapp.engine.paper_tables import Table
from fieldapp.forms.model import Form, Question
from fieldapp.messages import Message, msg

#: Columns that are not questions (any level), compared without case: fieldapp's own, ODK
#: Central's and Briefcase's submission metadata, KoboToolbox's.
META_COLUMNS = frozenset({
    "instanceid", "pseudonym", "language",
    "key", "parent_key", "submissiondate", "submitterid", "submittername", "attachmentspresent",
    "attachmentsexpected", "status", "reviewstate", "deviceid", "edits", "formversion", "isvalidated",
    "_id", "_uuid", "_submission_time", "_validation_status", "_notes", "_status", "_submitted_by",
    "__version__", "_version_", "_tags", "_index", "_parent_index", "_parent_table_name",
    "_xform_id_string", "_attachments", "_geolocation", "formhub/uuid", "formhub-uuid",
})
#: Prefixes of metadata columns: Briefcase's repeat counts, Kobo's copies of the submission's
#: fields, the XForm ``meta`` block (``meta-instanceID``, ``meta/instanceName`` ...).
META_PREFIXES = ("set-of-", "_submission_", "meta-", "meta/")
#: Where an interview's instanceID may be, in this order (the first present is used).
ID_COLUMNS = ("instanceid", "meta-instanceid", "meta/instanceid")

ROOT = ""  # the respondents' level


@dataclass
class Columns:
    """What each column of one table means."""

    fields: dict[int, Question] = field(default_factory=dict)
    #: select_multiple detail columns (Kobo): column -> (question, choice name)
    details: dict[int, tuple[Question, str]] = field(default_factory=dict)
    key: int | None = None  # KEY or _index: this row's key
    parent: int | None = None  # PARENT_KEY or _parent_index: the parent row's key
    parent_table: int | None = None  # _parent_table_name
    instance_id: int | None = None  # instanceID (respondents' level)
    uuid: int | None = None  # Kobo's _uuid (respondents' level)


@dataclass
class Level:
    """A table and the level it holds (``''``: respondents; else a repeat's key)."""

    table: Table
    level: str
    columns: Columns


class FormLevels:
    """The form's levels and, per level, the headers that name each of its questions."""

    def __init__(self, form: Form) -> None:
        self.form = form
        structure = _Structure.of(form)
        self.structure = structure
        self.repeats = dict(structure.repeats)
        self.parent = {r: (structure.repeat_path[r][-1] if structure.repeat_path.get(r) else ROOT)
                       for r in self.repeats}
        #: level -> header spelling -> question (ambiguous spellings left out)
        self.spellings: dict[str, dict[str, Question]] = {ROOT: {}, **{r: {} for r in self.repeats}}
        taken: dict[str, dict[str, set[str]]] = {lv: {} for lv in self.spellings}
        for q in form.questions():
            # a paper questionnaire carries no photo or recording: media questions are no columns
            if not q.holds_answer or q.read_only or q.is_media or q.name in structure.computed:
                continue
            level = self.level_of(q.name)
            for spelling in self._spellings(q, level):
                taken[level].setdefault(spelling, set()).add(q.name)
        for level, names in taken.items():
            for spelling, keys in names.items():
                if len(keys) == 1:
                    self.spellings[level][spelling] = structure.questions[next(iter(keys))]
        for level in self.spellings:  # the unique key always names its question
            for q in list(self.spellings[level].values()):
                self.spellings[level][q.name] = q
        #: every other question of the form that holds no typed answer (calculations,
        #: notes, metadata) or sits in another level: header -> level
        self.elsewhere: dict[str, str] = {}
        for lv, names in self.spellings.items():
            for spelling in names:
                self.elsewhere.setdefault(spelling, lv)
        self.other_names = {q.name for q in form.questions()} | {q.xlsform_name for q in form.questions()}

    def level_of(self, key: str) -> str:
        reps = self.structure.repeat_path.get(key)
        return reps[-1] if reps else ROOT

    def _spellings(self, q: Question, level: str) -> set[str]:
        """The key, the name, and the group paths (from the form's root, and from the
        level's repeat) joined by ``/`` (Kobo) and ``-`` (ODK)."""
        keys = self.structure.chain.get(q.name, (q.name,))
        local = [k.rsplit("/", 1)[-1] for k in keys]
        inner = local[keys.index(level) + 1:] if level != ROOT and level in keys else local
        out = {q.name, q.xlsform_name}
        for sep in ("/", "-"):
            out.add(sep.join(local))
            out.add(sep.join(inner))
        return out

    # -- which level a table holds --------------------------------------------------------
    def level_by_name(self, name: str) -> str | None:
        """The repeat a sheet or file name names: ``members``, ``form-members``,
        ``form-members~2``, Kobo's ``long_repeat_name_cut_to_...``."""
        name = re.sub(r"~\d+$", "", name.strip())
        name = re.sub(r" \(\d+\)$", "", name)
        best = None
        for rep in self.repeats:
            local = rep.rsplit("/", 1)[-1]
            safe = re.sub(r"[\[\]:*?/\\]", "_", local)
            hit = (name in (local, safe) or name.endswith("-" + local)
                   or (name.endswith("...") and len(name) > 3 and safe.startswith(name[:-3])))
            if hit and (best is None or len(local) > len(best.rsplit("/", 1)[-1])):
                best = rep
        return best

    def level_by_key(self, key: str) -> str | None:
        """The repeat an ODK ``KEY`` ends in (``uuid:…/members[2]``)."""
        m = re.search(r"/([^/\[\]]+)\[\d+\]$", key.strip())
        if m is None:
            return None
        found = [r for r in self.repeats if r.rsplit("/", 1)[-1] == m.group(1)]
        return found[0] if len(found) == 1 else None

    # -- what a table's columns mean ------------------------------------------------------
    def columns(self, table: Table, level: str, problems: list[Message]) -> Columns:
        cols = Columns()
        mine = self.spellings[level]
        seen: dict[str, int] = {}
        details: list[tuple[int, str]] = []
        if not table.header or all(not h for h in table.header):
            problems.append(msg("paper.at_row", source=table.source, row=1, problem=msg("paper.empty_header")))
        for i, col in enumerate(table.header):
            low = col.lower()
            if not col:
                continue
            q = mine.get(col)
            if q is not None:
                if q.name in seen:
                    problems.append(_cell(table, 1, col, msg("paper.duplicate_column",
                                                            other=table.header[seen[q.name]])))
                    continue
                seen[q.name] = i
                cols.fields[i] = q
            elif low in ("key", "_index") and (cols.key is None or low == "key"):
                cols.key = i
            elif low in ("parent_key", "_parent_index") and (cols.parent is None or low == "parent_key"):
                cols.parent = i
            elif low == "_parent_table_name":
                cols.parent_table = i
            elif low in ID_COLUMNS and level == ROOT:
                if cols.instance_id is None or ID_COLUMNS.index(low) < ID_COLUMNS.index(
                        table.header[cols.instance_id].lower()):
                    cols.instance_id = i
            elif low == "_uuid" and level == ROOT:
                cols.uuid = i
            elif low in META_COLUMNS or low.startswith(META_PREFIXES):
                continue
            elif col in self.elsewhere:
                problems.append(_cell(table, 1, col, msg("paper.wrong_level", level=level_phrase(
                    self.elsewhere[col]))))
            else:
                details.append((i, col))
        for i, col in details:
            found = self._detail(col, mine)
            if found is not None:
                cols.details[i] = found
            elif col in self.other_names:
                continue  # a calculation, note or metadata question: computed, not keyed in
            else:
                problems.append(_cell(table, 1, col, msg("paper.unknown_column", form=self.form.form_id)))
        return cols

    def _detail(self, col: str, mine: dict[str, Question]) -> tuple[Question, str] | None:
        """Kobo's ``question/choice`` column of a select_multiple (or ``question-choice``)."""
        for sep in ("/", "-"):
            head, _, choice = col.rpartition(sep)
            q = mine.get(head)
            if q is not None and q.type == "select_multiple" and choice in self.structure.choice_names.get(
                    q.list_name or "", ()):
                return q, choice
        return None


def level_phrase(level: str) -> Message:
    if level == ROOT:
        return msg("paper.level_main")
    return msg("paper.level_repeat", repeat=level.rsplit("/", 1)[-1])


def _cell(table: Table, row: int, column: str, problem: Message) -> Message:
    return msg("paper.at_cell", source=table.source, row=row, column=column, problem=problem)


def has_parent_column(table: Table) -> bool:
    return any(h.lower() in ("parent_key", "_parent_index") for h in table.header)


def assign(levels: FormLevels, tables: list[Table], problems: list[Message]) -> tuple[Level | None, list[Level]]:
    """The respondents' table and the repeat tables; problems for tables that fit no level."""
    root: Level | None = None
    repeats: dict[str, Level] = {}
    for table in tables:
        level: str | None
        if has_parent_column(table):
            level = levels.level_by_name(table.name) or _level_by_first_key(levels, table)
            if level is None:
                problems.append(msg("paper.at_file", source=table.source, problem=msg(
                    "paper.unknown_level", form=levels.form.form_id)))
                continue
        else:
            level = levels.level_by_name(table.name) if levels.repeats else None
            if level is None:
                level = ROOT
        if level == ROOT:
            if root is not None:
                problems.append(msg("paper.at_file", source=table.source, problem=msg(
                    "paper.second_main", other=root.table.source)))
                continue
            root = Level(table, ROOT, levels.columns(table, ROOT, problems))
            continue
        if level in repeats:
            problems.append(msg("paper.at_file", source=table.source, problem=msg(
                "paper.level_twice", repeat=level.rsplit("/", 1)[-1], other=repeats[level].table.source)))
            continue
        repeats[level] = Level(table, level, levels.columns(table, level, problems))
    if root is None and tables:
        problems.append(msg("paper.at_file", source=tables[0].source, problem=msg("paper.no_main")))
    return root, list(repeats.values())


def _level_by_first_key(levels: FormLevels, table: Table) -> str | None:
    key = next((i for i, h in enumerate(table.header) if h.lower() == "key"), None)
    if key is None:
        return None
    for _n, cells in table.rows[:1]:
        if key < len(cells) and cells[key] not in (None, ""):
            return levels.level_by_key(str(cells[key]))
    return None
