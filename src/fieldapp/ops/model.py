"""The core types a caller of the use cases may hold: re-exported so the GUI and CLI import only ``fieldapp.ops``.

An open interview (``Interview``) is the engine object itself: the interview page asks it what
to show and gives it answers (each saved by its store sink). Forms, questions and choices are
the immutable form model, with the instance-path helpers of repeats (``field_key``,
``last_step``, ``parent_instance``); tables and datasets are the analysis results the tables
page shows.
"""

from __future__ import annotations

from fieldapp.analysis import DEFAULT_MIN_CELL, Dataset, Table
from fieldapp.engine.interview import SEALED, FieldState, Interview, Issue, Page
from fieldapp.engine.roster import Node, Roster, RosterEntry
from fieldapp.exchange.export import OutboxEntry
from fieldapp.exchange.importer import DeviceRow, ImportReport
from fieldapp.forms.instances import field_key, last_step, parent_instance
from fieldapp.forms.model import DEFAULT_LANG, Choice, Form, Group, Question, language_code
from fieldapp.store import Store
from fieldapp.store.forms import FormRow
from fieldapp.store.interviews import InterviewRow

__all__ = [
    "DEFAULT_LANG", "DEFAULT_MIN_CELL", "SEALED", "Choice", "Dataset", "DeviceRow", "FieldState", "Form",
    "FormRow", "Group", "ImportReport", "Interview", "InterviewRow", "Issue", "Node", "OutboxEntry", "Page",
    "Question", "Roster", "RosterEntry", "Store", "Table", "field_key", "language_code", "last_step",
    "parent_instance",
]
