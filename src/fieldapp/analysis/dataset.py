"""The analysis input: one form's answers and the statuses the engine gave them, as DataFrames.

The store layer builds a ``Dataset`` (``Dataset.from_records``); analysis and exports read it
and never touch the store, so tables can be tested on hand-built data (ARCHITECTURE.md s.7).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from fieldapp.errors import UserFacingError
from fieldapp.forms.model import Form, Group, Question

ANSWERED = "answered"
MISSING = "missing"
NOT_APPLICABLE = "not_applicable"
STATUSES = frozenset({ANSWERED, MISSING, NOT_APPLICABLE})

#: (interview id, pseudonym, answers by field name, statuses by field name)
Record = tuple[str, str, Mapping[str, Any], Mapping[str, str]]


def dataset_fields(form: Form) -> list[Question]:
    """Questions that get a column: those holding an answer, and calculates, in form order."""
    return [q for q in form.questions() if q.stored]


def _respondent_fields(form: Form) -> list[Question]:
    """``dataset_fields`` outside repeats: a repeat's answers are rows of its own level (one
    per entry; ``fieldapp.store.dataset.load_level``), not columns of the respondents' table,
    as ``load_dataset`` reads them."""
    inside = {q.name for g in form.nodes() if isinstance(g, Group) and g.repeat
              for q in g.walk() if not isinstance(q, Group)}
    return [q for q in dataset_fields(form) if q.name not in inside]


def _is_empty(value: Any) -> bool:
    # ODK semantics: an empty string is "unanswered" (ARCHITECTURE.md s.6).
    return value is None or value == "" or (isinstance(value, float) and value != value)


@dataclass(frozen=True)
class Dataset:
    """Answers of one form: ``values`` and ``status`` share index (interview id) and columns."""

    form: Form
    values: pd.DataFrame
    status: pd.DataFrame
    pseudonyms: pd.Series
    #: When each interview was done (ISO dates, for a report's fieldwork period), if known.
    dates: pd.Series | None = None

    def __post_init__(self) -> None:
        if list(self.values.columns) != list(self.status.columns) or not self.values.index.equals(
            self.status.index
        ):
            raise ValueError("Dataset.values and Dataset.status must have the same shape and labels")
        if not self.values.index.is_unique:
            raise ValueError("Dataset interview ids must be unique")

    def __len__(self) -> int:
        return len(self.values.index)

    def subset(self, mask) -> Dataset:
        """The respondents where ``mask`` (aligned on the interview ids) is true."""
        keep = mask.reindex(self.values.index).fillna(False).astype(bool).to_numpy()
        dates = None if self.dates is None else self.dates[keep]
        return Dataset(self.form, self.values[keep], self.status[keep], self.pseudonyms[keep], dates)

    @property
    def fields(self) -> list[Question]:
        """The form's questions that have a column here, in form order."""
        return [q for q in dataset_fields(self.form) if q.name in self.values.columns]

    @classmethod
    def from_records(cls, form: Form, records: Iterable[Record]) -> Dataset:
        """Build a dataset; a field absent from ``status`` is 'answered' if it has a value, else 'missing'.

        Only answered fields keep a value: an answer the engine marked missing or not applicable
        must not leak into tables or exports. Keys that are not fields of the form are ignored
        (records may carry engine metadata).
        """
        names = [q.name for q in _respondent_fields(form)]
        ids: list[str] = []
        pseudonyms: list[str] = []
        value_rows: list[list[Any]] = []
        status_rows: list[list[str]] = []
        seen: set[str] = set()
        for interview_id, pseudonym, answers, status in records:
            interview_id = str(interview_id)
            if interview_id in seen:
                raise UserFacingError(f"Interview {interview_id} appears twice in the analysis input.")
            seen.add(interview_id)
            vrow: list[Any] = []
            srow: list[str] = []
            for name in names:
                value = answers.get(name)
                st = status.get(name)
                if st is None:
                    st = MISSING if _is_empty(value) else ANSWERED
                elif st not in STATUSES:
                    raise UserFacingError(
                        f"Interview {interview_id}: field {name} has an unknown status {st!r} "
                        f"(expected one of {', '.join(sorted(STATUSES))})."
                    )
                if st == ANSWERED and _is_empty(value):
                    # The engine said answered but nothing is stored: count it where a reader
                    # would look for it, as missing, rather than as an empty answer.
                    st = MISSING
                vrow.append(value if st == ANSWERED else None)
                srow.append(st)
            ids.append(interview_id)
            pseudonyms.append(str(pseudonym))
            value_rows.append(vrow)
            status_rows.append(srow)
        index = pd.Index(ids, name="interview_id", dtype=object)
        values = pd.DataFrame(value_rows, index=index, columns=names, dtype=object)
        status_df = pd.DataFrame(status_rows, index=index, columns=names, dtype=object)
        return cls(
            form=form,
            values=values,
            status=status_df,
            pseudonyms=pd.Series(pseudonyms, index=index, name="pseudonym", dtype=object),
        )
