"""Interviews: start, resume, finalize, delete and list them; the home summary; paper questionnaires.

An open interview is an ``engine.Interview`` whose sink is the store: every answer is saved
in one transaction as it is given (autosave runs on the caller's thread, synchronously, and
stays under 10 ms; everything else here may run on a worker).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field

from fieldapp.engine.interview import Interview, Page
from fieldapp.engine.roster import Node, Roster
from fieldapp.errors import UserFacingError
from fieldapp.ops import files
from fieldapp.progress import CancelToken, ProgressSink, no_progress
from fieldapp.store import Store
from fieldapp.store import forms as forms_repo
from fieldapp.store.forms import FormRow
from fieldapp.store.interviews import InterviewRepo, InterviewRow
from fieldapp.store.paper import PaperImport

__all__ = ["ExportedDay", "FormCounts", "FormLanguages", "HomeSummary", "InterviewRow", "PaperImport", "add_instance",
           "delete_draft", "exported_per_day", "finalize_interview", "hierarchy", "home_summary", "import_paper",
           "interview_counts", "list_interviews", "open_instance", "pseudonym_typed", "remove_instance",
           "resume_interview",
           "roster", "start_interview",
           "view_interview"]


def pseudonym_typed(text: str) -> tuple[str, bool] | None:
    """A pseudonym typed into a search: its printed form and whether its check character
    matches (a mistyped character shows), or None when the text is not shaped like one."""
    from fieldapp.engine.pseudonym import typed

    return typed(text)


def _repo(store: Store) -> InterviewRepo:
    return InterviewRepo(store)


def repository(store: Store) -> InterviewRepo:
    """The interviews of ``store`` as the engine's sink (reading answers back, in tests and tools)."""
    return InterviewRepo(store)


def start_interview(store: Store, form_id: str, version: str | None = None,
                    language: str | None = None) -> Interview:
    """A new draft with a fresh pseudonym, saved before the first question is shown."""
    return _repo(store).start(form_id, version or None, language or None)


def resume_interview(store: Store, interview_id: str, position: str = "") -> Interview:
    """A saved draft (or a finalized interview not yet exported), at ``position`` if still relevant."""
    interview = _repo(store).resume(interview_id)
    if position and position != interview.position:
        try:
            interview.go_to(position)
        except KeyError:
            pass  # that page is no longer relevant: stay where the engine put us
    return interview


def view_interview(store: Store, interview_id: str) -> Interview:
    """A finalized interview (not yet exported) or a coordinator's record, to read: detached from
    the store, so moving through it or switching its language writes nothing (issue #15)."""
    interview = _repo(store).resume(interview_id)
    interview.sink = None
    return interview


def finalize_interview(store: Store, interview: Interview) -> None:
    """Mark a complete draft final (it can then be exported); refused while questions need answers."""
    _repo(store).finalize(interview)


# -- repeat groups: a roster page and the hierarchy view (docs/forms.md, "Repeats") ----------
# An open interview saves itself (its sink is the store): these are the engine's own calls,
# here so the screens reach the core through one layer. Each change is one transaction.
def roster(interview: Interview, repeat: str, parent: str = "") -> Roster:
    """The entries of a repeat (in the instance ``parent``), with a title and summary each."""
    return interview.roster(repeat, parent)


def add_instance(interview: Interview, repeat: str, parent: str = "") -> str:
    """Add an entry at the end of a roster; returns its instance path (``members[3]``)."""
    return interview.add_instance(repeat, parent)


def remove_instance(interview: Interview, instance: str) -> None:
    """Remove a roster entry and everything in it; later entries move up one."""
    interview.remove_instance(instance)


def open_instance(interview: Interview, instance: str) -> Page | None:
    """Go to the first page of a roster entry (None: it has no relevant page)."""
    return interview.open_instance(instance)


def hierarchy(interview: Interview) -> tuple[Node, ...]:
    """The whole interview as a tree of groups, rosters, entries and questions."""
    return interview.hierarchy()


def delete_draft(store: Store, interview_id: str) -> None:
    _repo(store).delete_draft(interview_id)


def list_interviews(store: Store, form_id: str | None = None, status: str | None = None) -> list[InterviewRow]:
    return _repo(store).list(form_id, status)


@dataclass(frozen=True)
class FormLanguages:
    """The languages an interview of one installed form version can start in."""

    languages: tuple[str, ...]
    default: str


@dataclass(frozen=True)
class HomeSummary:
    """What the home page shows: the interviews, the installed forms and their languages, the role."""

    role: str
    interviews: list[InterviewRow] = field(default_factory=list)
    forms: list[FormRow] = field(default_factory=list)
    languages: dict[tuple[str, str], FormLanguages] = field(default_factory=dict)
    #: Coordinator: the label of each device the records came from ('' when not named), by id.
    devices: dict[str, str] = field(default_factory=dict)
    #: This store's own device id (records typed or keyed in here carry it).
    this_device: str = ""
    #: A field laptop's exported interviews: a count, nothing else is kept of them (finding 6).
    exported: int = 0

    @property
    def finalized(self) -> int:
        return sum(1 for r in self.interviews if r.status == "final")


@dataclass(frozen=True)
class FormCounts:
    """How many interviews of one form are on this store, by status (no answers)."""

    form_id: str
    title: str
    drafts: int = 0
    finalized: int = 0
    exported: int = 0


def interview_counts(store: Store) -> list[FormCounts]:
    """Per installed form: drafts, finalized and exported interviews. What an interviewer's laptop
    shows instead of tables: with one interview, a table would be that respondent's answers.

    Exported interviews are counts only: a laptop forgets each one when it is exported and keeps
    how many of each form left per day (``exported_per_day``; issue #17, finding 6)."""
    from fieldapp.store.records import exported_counts

    rows = _repo(store).list()
    with store.reading() as conn:
        per_day = exported_counts(conn)
    out: list[FormCounts] = []
    for form in forms_repo.list_forms(store):
        if any(c.form_id == form.form_id for c in out):
            continue
        mine = [r for r in rows if r.form_id == form.form_id]
        out.append(FormCounts(form.form_id, form.title or form.form_id,
                              sum(r.status == "draft" for r in mine), sum(r.status == "final" for r in mine),
                              sum(r.status == "exported" for r in mine)
                              + sum(day.get(form.form_id, 0) for day in per_day.values())))
    return out


@dataclass(frozen=True)
class ExportedDay:
    day: str  # YYYY-MM-DD (UTC)
    interviews: int


def exported_per_day(store: Store) -> list[ExportedDay]:
    """How many interviews this laptop exported on each day, oldest first: all it keeps of them."""
    from fieldapp.store.records import exported_counts

    with store.reading() as conn:
        per_day = exported_counts(conn)
    return [ExportedDay(d, sum(c.values())) for d, c in sorted(per_day.items())]


def home_summary(store: Store) -> HomeSummary:
    forms = forms_repo.list_forms(store)
    languages = {}
    for row in forms:
        form = forms_repo.get_form(store, row.form_id, row.version)
        languages[(row.form_id, row.version)] = FormLanguages(tuple(form.languages), form.default_language)
    devices: dict[str, str] = {}
    if store.info.role == "coordinator":
        from fieldapp.store import devices as devices_repo

        with store.reading() as conn:
            devices = devices_repo.labels(conn)
    exported = sum(d.interviews for d in exported_per_day(store))
    return HomeSummary(store.info.role, _repo(store).list(), forms, languages, devices, store.info.device_id,
                       exported)


def import_paper(store: Store, form_id: str,
                 path: str | os.PathLike[str] | Sequence[str | os.PathLike[str]], *,
                 dry_run: bool = False, again: bool = False, progress: ProgressSink = no_progress,
                 cancel: CancelToken | None = None) -> PaperImport:
    """Keyed-in paper questionnaires (CSV/XLSX): every row checked by the form's logic; all or
    nothing. ``path``: one file, or several (a form with repeats: a CSV per level, or one
    workbook with a sheet per level; docs/cli.md)."""
    from fieldapp.store.paper import import_responses

    given = [path] if isinstance(path, str | os.PathLike) else list(path)
    paths = [files.input_path(p) for p in given]
    for p in paths:
        if p.suffix.lower() not in (".csv", ".xlsx"):
            raise UserFacingError("paper.bad_format", path=str(p))
    return import_responses(store, form_id, paths, dry_run=dry_run, again=again,
                            progress=progress, cancel=cancel)
