"""Tables over a repeat level (issue #13): a roster's questions counted over its entries, or
over the respondents who have at least one entry giving each answer.

The input is the respondent-level ``Dataset`` and one repeat level as the store reads it
(``fieldapp.store.dataset.load_level``: ``values`` and ``status`` indexed by interview id and
instance path). Two units (docs/tables.md, "Repeat levels"):

- ``instances``: one row per entry ("312 family members still inside, from 104
  respondents"); the table functions of ``fieldapp.analysis.tables`` run unchanged on a
  dataset whose rows are the entries, a respondent-level breakdown field copied onto each
  entry. Every count also knows its **contributors**, the respondents its entries come
  from: a cell of six detained family members of one respondent discloses that respondent,
  so flags and disclosure control (``protect(..., contributors=...)``) treat a count of 1..k-1
  respondents as small whatever its number of entries.
- ``respondents``: one row per respondent, each question of the repeat turned into a
  select-all ("respondents with at least one family member detained"): an option counts the
  respondents with at least one entry giving it; respondents with entries but no answer are
  missing, those with no entry (none listed, or the roster not asked) not applicable.

Pure functions: no Qt, no store, no file I/O.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from types import MappingProxyType

import numpy as np
import pandas as pd

from fieldapp.analysis.dataset import ANSWERED, MISSING, NOT_APPLICABLE, Dataset
from fieldapp.analysis.disclosure import Audit, check_k, protect
from fieldapp.analysis.linear import UNGROUPED, base_key, count_key, size_key
from fieldapp.analysis.tables import (
    FLAG_SMALL_BASE,
    FLAG_SMALL_COUNT,
    IN_BASE_ROLES,
    NUMERIC_TYPES,
    OPTION_MISSING,
    OPTION_NA,
    TOTAL_GROUP,
    Table,
    _by_groups,
    _code,
    all_tables,
    tabulable,
)
from fieldapp.analysis.text import text_code, tr
from fieldapp.errors import UserFacingError
from fieldapp.forms.model import Form, Group, Question

INSTANCES = "instances"
RESPONDENTS = "respondents"
UNITS = (INSTANCES, RESPONDENTS)
#: Joins interview id and instance path into one row id of an entry-level dataset.
_SEP = "\x1f"


def repeat_of(form: Form, repeat: str) -> Group:
    """The repeat group named ``repeat`` (a coded refusal when the form has none)."""
    for node in form.nodes():
        if isinstance(node, Group) and node.repeat and node.name == repeat:
            return node
    raise UserFacingError("repeat.not_a_repeat", form=form.form_id, repeat=repeat)


def _kept(ds: Dataset, level) -> np.ndarray:
    """Entries of the respondents in ``ds`` (a ``--filter`` restricts both levels)."""
    return level.values.index.get_level_values(0).isin(ds.values.index)


def instance_dataset(ds: Dataset, level, by: str | None = None) -> tuple[Dataset, pd.Series]:
    """The entries of ``level`` as a dataset (one row per entry) and each entry's respondent.

    A respondent-level ``by`` field is copied onto every entry of that respondent, with its
    status, so a cross-tab of entries by province counts each entry in its respondent's group.
    """
    keep = _kept(ds, level)
    values = level.values[keep].copy()
    status = level.status[keep].copy()
    iids = values.index.get_level_values(0)
    ids = pd.Index([f"{i}{_SEP}{inst}" for i, inst in values.index], name="entry", dtype=object)
    if by and by not in values.columns:
        if by not in ds.values.columns:
            raise UserFacingError("tables.bad_by", field=by)
        values[by] = ds.values.loc[iids, by].to_numpy()
        status[by] = ds.status.loc[iids, by].to_numpy()
    values.index = ids
    status.index = ids
    respondent = pd.Series(np.asarray(iids, dtype=object), index=ids, name="interview_id")
    pseudonyms = pd.Series(ds.pseudonyms.loc[iids].to_numpy(), index=ids, name="pseudonym", dtype=object)
    return Dataset(ds.form, values, status, pseudonyms), respondent


def _any_question(q: Question) -> Question:
    # a select-all of the same choices, relevant always: its not-applicable respondents are
    # those without an entry, which no relevance expression of the form describes
    return Question(q.name, "select_multiple", q.row, labels=q.labels, list_name=q.list_name)


def respondent_dataset(ds: Dataset, level, by: str | None = None) -> Dataset:
    """One row per respondent of ``ds``: each select question of the repeat as the set of the
    answers any of the respondent's entries gave (docs/tables.md)."""
    group = repeat_of(ds.form, level.repeat)
    keep = _kept(ds, level)
    values = level.values[keep]
    status = level.status[keep]
    iids = values.index.get_level_values(0)
    has_entry = ds.values.index.isin(iids)
    questions = [q for q in ds.form.questions() if q.name in values.columns and q.is_select]
    cols: dict[str, list] = {}
    sts: dict[str, list] = {}
    for q in questions:
        order = {c.name: i for i, c in enumerate(ds.form.choices_for(q).choices)}
        chosen: dict[str, set[str]] = {}
        answered = status[q.name].eq(ANSWERED).to_numpy()
        for iid, value, ok in zip(iids, values[q.name], answered):
            if ok:
                tokens = str(value).split() if q.type == "select_multiple" else [str(value)]
                chosen.setdefault(iid, set()).update(tokens)
        cols[q.name] = [" ".join(sorted(chosen[i], key=lambda t: (order.get(t, len(order)), t)))
                        if i in chosen else None for i in ds.values.index]
        sts[q.name] = [ANSWERED if i in chosen else (MISSING if e else NOT_APPLICABLE)
                       for i, e in zip(ds.values.index, has_entry)]
    index = ds.values.index
    v = pd.DataFrame(cols, index=index, columns=[q.name for q in questions], dtype=object)
    s = pd.DataFrame(sts, index=index, columns=[q.name for q in questions], dtype=object)
    children: list = [_any_question(q) for q in questions]
    if by:
        if by not in ds.values.columns:
            raise UserFacingError("tables.bad_by", field=by)
        v[by] = ds.values[by]
        s[by] = ds.status[by]
        children.append(ds.form.question(by))
    form = replace(ds.form, root=Group(ds.form.root.name, group.row, tuple(children)),
                   attachments=MappingProxyType({}))
    return Dataset(form, v, s, ds.pseudonyms, ds.dates)


# --------------------------------------------------------------------------- contributors


def _group_masks(ds: Dataset, t: Table, label_key: str) -> list[tuple[str, pd.Series]]:
    everyone = pd.Series(True, index=ds.values.index)
    if t.kind != "crosstab":
        return [("", everyone)]
    _bq, groups = _by_groups(ds, t.by, label_key)
    out = [(g, mask) for g, _label, mask in groups]
    grouped = pd.concat([m for _g, m in out], axis=1).any(axis=1) if out else ~everyone
    return [*out, (UNGROUPED, ~grouped), (TOTAL_GROUP, everyone)]


def contributors(ds: Dataset, respondent: pd.Series, tables: Sequence[Table],
                 lang: str | None = None) -> dict[tuple, int]:
    """For every count an entry-level table prints or implies (cells, missing and not
    applicable, bases, group sizes, the entries with no group): how many respondents it
    counts. Keys are those of ``fieldapp.analysis.linear``."""
    label_key = ds.form.language_key(lang)
    code = text_code(ds.form, lang)
    resp = respondent.reindex(ds.values.index)
    out: dict[tuple, int] = {}

    def n(mask: pd.Series) -> int:
        return int(resp[mask.to_numpy(dtype=bool)].nunique())

    for t in tables:
        q = ds.form.question(t.question)
        coded = _code(ds, q, label_key, code, list(t.bands) if t.bands and q.type in NUMERIC_TYPES else None)
        by = t.by if t.kind == "crosstab" else None
        for g, mask in _group_masks(ds, t, label_key):
            for option in coded.matrix.columns:
                out[count_key(q.name, by, g, option)] = n(mask & coded.matrix[option])
            out[count_key(q.name, by, g, OPTION_MISSING)] = n(mask & coded.missing)
            out[count_key(q.name, by, g, OPTION_NA)] = n(mask & coded.not_applicable)
            out[base_key(q.name, by, g)] = n(mask & coded.answered)
            out[size_key(by, g)] = n(mask)
    return out


def _with_contributors(t: Table, ds: Dataset, respondent: pd.Series, who: Mapping[tuple, int], repeat: str,
                       unit_label: str, extremes: bool, lang: str | None) -> Table:
    """An entry-level table: flags by entries and by respondents, the total base's respondents,
    extremes shown only when k respondents (not k entries) hold them."""
    k = t.min_cell
    by = t.by if t.kind == "crosstab" else None
    flags = []
    for row in t.rows.itertuples(index=False):
        tokens = row.flags.split()
        c = who.get(count_key(t.question, by, row.group, row.option), 0)
        if 0 < c < k and FLAG_SMALL_COUNT not in tokens:
            tokens.append(FLAG_SMALL_COUNT)
        if row.role in IN_BASE_ROLES and FLAG_SMALL_BASE not in tokens \
                and who.get(base_key(t.question, by, row.group), 0) < k:
            tokens.append(FLAG_SMALL_BASE)
        flags.append(" ".join(tokens))
    rows = t.rows.copy()
    rows["flags"] = pd.Series(flags, index=rows.index, dtype=object)
    stats = t.stats
    if stats is not None and extremes:
        stats = _respondent_extremes(t, ds, respondent, lang)
    return replace(t, rows=rows, stats=stats, level=repeat, unit=INSTANCES, unit_label=unit_label,
                   respondents=who.get(base_key(t.question, None, ""), 0), contributors=who,
                   title=f"{unit_label}: {t.title}" if unit_label else t.title)


def _respondent_extremes(t: Table, ds: Dataset, respondent: pd.Series, lang: str | None) -> pd.DataFrame:
    label_key = ds.form.language_key(lang)
    q = ds.form.question(t.question)
    coded = _code(ds, q, label_key, text_code(ds.form, lang), list(t.bands) if t.bands else None)
    stats = t.stats.copy()
    masks = dict(_group_masks(ds, t, label_key))
    for g in stats.index:
        mask = masks.get(str(g), masks.get(""))
        vals = coded.stats_values[(mask & coded.answered).to_numpy()].dropna()
        if not len(vals):
            continue
        for stat, value in (("min", float(vals.min())), ("max", float(vals.max()))):
            holders = int(respondent[vals.index[vals == value]].nunique())
            stats.at[g, f"{stat}_n"] = holders
            stats.at[g, stat] = value if holders >= t.min_cell else np.nan
    return stats


# --------------------------------------------------------------------------- one export


def level_tables(ds: Dataset, level, *, unit: str = INSTANCES, by: str | None = None, lang: str | None = None,
                 min_cell: int = 5, suppress: bool = False, extremes: bool = False,
                 exclude: Sequence[str] = (), weights: pd.Series | None = None,
                 ) -> tuple[list[Table], Audit | None]:
    """Every select and numeric question of ``level``'s repeat, over ``unit``; protected
    together (entry contributors counted as respondents) when ``suppress``."""
    check_k(min_cell)
    if unit not in UNITS:
        raise UserFacingError("tables.bad_unit", unit=unit)
    group = repeat_of(ds.form, level.repeat)
    label_key = ds.form.language_key(lang)
    unit_label = group.label(label_key)
    own = [q.name for q in ds.form.questions() if q.name in level.values.columns]
    if unit == RESPONDENTS:
        if by and by in own:
            raise UserFacingError("tables.by_entry_field", field=by, repeat=level.repeat)
        rds = respondent_dataset(ds, level, by)
        tables = all_tables(rds, by=by, lang=lang, min_cell=min_cell, exclude=[*exclude, *([by] if by else [])],
                            weights=weights)
        tables = [replace(t, level=level.repeat, unit=RESPONDENTS, unit_label=unit_label,
                          title=f"{unit_label}: {t.title} ({tr(t.lang_code, 'any_title')})") for t in tables]
        if not suppress:
            return tables, None
        return protect(tables, min_cell, rds.form)
    inst, respondent = instance_dataset(ds, level, by)
    w = None if weights is None else pd.Series(weights.reindex(respondent.to_numpy()).to_numpy(),
                                               index=inst.values.index)
    skip = [*exclude, *([by] if by and by not in own else [])]
    tables = [t for t in all_tables(inst, by=by, lang=lang, min_cell=min_cell, extremes=extremes, exclude=skip,
                                    weights=w) if tabulable(inst.form.question(t.question))]
    who = contributors(inst, respondent, tables, lang)
    tables = [_with_contributors(t, inst, respondent, who, level.repeat, unit_label, extremes, lang) for t in tables]
    if not suppress:
        return tables, None
    out, audit = protect(tables, min_cell, inst.form, who)
    return [_respondents_shown(t) for t in out], audit


def _respondents_shown(t: Table) -> Table:
    """The respondents behind the total base are printed only while that base is."""
    total = TOTAL_GROUP if t.kind == "crosstab" else ""
    return t if t.base_of(total) is not pd.NA else replace(t, respondents=None)
