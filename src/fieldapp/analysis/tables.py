"""Summary tables: frequencies, numeric summaries, cross-tabs and paired questions.

Semantics follow ARCHITECTURE.md s.7: the base of a question is the respondents for whom it
was relevant and who answered it ("I don't know" is an answer, inside the base); missing and
not-applicable respondents are counted in rows of their own, outside the base; every choice
gets a row, zero counts included. Pure functions: no Qt, no file I/O.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal

import numpy as np
import pandas as pd

from fieldapp.analysis.dataset import ANSWERED, MISSING, NOT_APPLICABLE, Dataset
from fieldapp.analysis.text import text_code, tr
from fieldapp.errors import UserFacingError
from fieldapp.forms.model import Question

DEFAULT_MIN_CELL = 5

# Row roles: options inside the base, and the two kinds of respondent outside it.
CHOICE = "choice"
UNLISTED = "unlisted"
ROLE_MISSING = "missing"
ROLE_NA = "not_applicable"
IN_BASE_ROLES = (CHOICE, UNLISTED)

#: Option names of the rows outside the base (contract: they start with "_").
OPTION_MISSING = "_missing"
OPTION_NA = "_not_applicable"
OPTION_UNLISTED = "_unlisted"
TOTAL_GROUP = "_total"

#: Flag tokens in ``Table.rows["flags"]`` (space separated).
FLAG_SMALL_COUNT = "small_count"
FLAG_SMALL_BASE = "small_base"
#: Every hidden count, whatever hid it (one flag: see fieldapp.analysis.disclosure).
FLAG_SUPPRESSED = "suppressed"

ROW_COLUMNS = [
    "question", "option", "label", "role", "group", "group_label", "count", "percent", "base", "flags",
    "weighted_percent", "effective_base",
]
LONG_COLUMNS = ["question", "option", "label", "count", "percent", "base"]
LONG_BY_COLUMNS = [*LONG_COLUMNS, "by", "group"]
STAT_COLUMNS = ["n", "mean", "median", "min", "max"]
#: How many respondents hold the minimum / maximum (an extreme of fewer than k is never shown).
EXTREME_COUNTS = ["min_n", "max_n"]

NUMERIC_TYPES = ("integer", "decimal")
MAX_BANDS = 8
_NICE_STEPS = (1, 2, 2.5, 5)


@dataclass(frozen=True)
class Table:
    """One summary table. ``rows`` has ROW_COLUMNS; a crosstab has one block of rows per group.

    ``group`` is "" for a plain table, a value of the ``by`` field (plus ``_total``) for a
    cross-tab, and the question name of each half of a paired table.
    """

    kind: str  # "frequency" | "multiple" | "numeric" | "categorical" | "crosstab" | "paired"
    questions: tuple[str, ...]
    title: str
    rows: pd.DataFrame
    lang_code: str = "en"
    min_cell: int = DEFAULT_MIN_CELL
    question_type: str = ""
    by: str | None = None
    by_title: str = ""
    #: Numeric questions: index = group, columns = STAT_COLUMNS.
    stats: pd.DataFrame | None = None
    suppressed: bool = False
    titles: tuple[str, ...] = field(default_factory=tuple)
    #: Numeric questions: the band edges the rows were counted in.
    bands: tuple[float, ...] = ()
    #: Minimum and maximum are computed only when asked for (docs/tables.md, magnitudes).
    extremes: bool = False
    #: Significance tests (``fieldapp.analysis.stats.TestResult``) printed under the table.
    tests: tuple = ()
    #: The filter expression restricting the respondents, if any ("" = everybody).
    universe: str = ""
    #: The design-weight field behind ``weighted_percent`` and ``effective_base``.
    weight: str | None = None
    #: A repeat level's table (``fieldapp.analysis.levels``): the repeat's name, what is
    #: counted ("instances": each entry of the roster; "respondents": respondents with at
    #: least one entry giving the answer), the repeat's label, and how many respondents the
    #: total base's entries come from (None once hidden). "" for a respondent-level table.
    level: str = ""
    unit: str = ""
    unit_label: str = ""
    respondents: int | None = None
    #: An entry table's contributors: the respondents behind each count it prints or implies
    #: (keys of ``fieldapp.analysis.linear``), so that protecting it by any path
    #: (``protect``, ``suppress``) counts respondents, not entries.
    contributors: Mapping[tuple, int] | None = field(default=None, repr=False, compare=False)

    @property
    def question(self) -> str:
        return self.questions[0]

    @property
    def flags(self) -> pd.Series:
        return self.rows["flags"]

    @property
    def multiple(self) -> bool:
        return self.question_type == "select_multiple"

    def groups(self) -> list[tuple[str, str]]:
        """(group, label) pairs in table order."""
        seen: dict[str, str] = {}
        for g, label in zip(self.rows["group"], self.rows["group_label"]):
            seen.setdefault(g, label)
        return list(seen.items())

    def outside(self, group: str = "") -> tuple[object, object]:
        """(missing, not applicable) counts of one group."""
        block = self.rows[self.rows["group"] == group]
        miss = block.loc[block["role"] == ROLE_MISSING, "count"]
        na = block.loc[block["role"] == ROLE_NA, "count"]
        return (miss.iloc[0] if len(miss) else 0, na.iloc[0] if len(na) else 0)

    def base_of(self, group: str = "") -> object:
        """The base of one group (pd.NA once suppressed; 0 when no option row exists)."""
        block = self.rows[(self.rows["group"] == group) & self.rows["role"].isin(IN_BASE_ROLES)]
        return block["base"].iloc[0] if len(block) else 0

    def wide(self, value: str = "percent") -> pd.DataFrame:
        """Options (rows, by label) x groups (columns, by label): ``value`` of the in-base rows."""
        inside = self.rows[self.rows["role"].isin(IN_BASE_ROLES)]
        order = list(dict.fromkeys(inside["option"]))
        labels = dict(zip(inside["option"], inside["label"]))
        out = pd.DataFrame(index=pd.Index([labels[o] for o in order], name="option"))
        for g, glabel in self.groups():
            block = inside[inside["group"] == g].set_index("option")[value]
            out[glabel or value] = [block.get(o, np.nan) for o in order]
        return out


# --------------------------------------------------------------------------- coding answers


@dataclass(frozen=True)
class _Coded:
    """A question's answers as one boolean column per option (how tables are counted)."""

    options: list[tuple[str, str]]  # (name, label), table order
    matrix: pd.DataFrame  # bool, index = interview ids, columns = option names
    answered: pd.Series
    missing: pd.Series
    not_applicable: pd.Series
    stats_values: pd.Series | None = None  # numeric questions: answered values as float
    bands: tuple[float, ...] = ()


def _question(ds: Dataset, question: str | Question) -> Question:
    name = question.name if isinstance(question, Question) else question
    try:
        q = ds.form.question(name)
    except KeyError:
        raise UserFacingError(f"The form {ds.form.form_id} has no question named {name}.") from None
    if q.name not in ds.values.columns:
        raise UserFacingError(f"Question {name} holds no answer, so it has no table.")
    return q


def _masks(ds: Dataset, name: str) -> tuple[pd.Series, pd.Series, pd.Series]:
    st = ds.status[name].to_numpy()
    index = ds.status.index
    return tuple(pd.Series(st == value, index=index) for value in (ANSWERED, MISSING, NOT_APPLICABLE))


def _code_select(ds: Dataset, q: Question, label_key: str, code: str) -> _Coded:
    answered, missing, na = _masks(ds, q.name)
    choices = ds.form.choices_for(q).choices
    names = [c.name for c in choices]
    position = {n: i for i, n in enumerate(names)}
    multiple = q.type == "select_multiple"
    # Few distinct answers (or combinations) among many respondents: decode each distinct
    # value once, then index (keeps 20,000 respondents near a plain value_counts).
    codes, uniques = pd.factorize(ds.values[q.name].where(answered, None), use_na_sentinel=True)
    decoded = np.zeros((len(uniques) + 1, len(names) + 1), dtype=bool)  # last row: no answer
    for u, value in enumerate(uniques):
        tokens = str(value).split() if multiple else [str(value)]
        for token in tokens:
            if token in position:
                decoded[u, position[token]] = True
            else:
                decoded[u, -1] = True  # not in the choice list
    rows = decoded[np.where(codes < 0, len(uniques), codes)]
    rows &= answered.to_numpy()[:, None]
    options = [(c.name, c.label(label_key)) for c in choices]
    columns = list(names)
    if rows[:, -1].any():
        options.append((OPTION_UNLISTED, tr(code, "unlisted")))
        columns.append(OPTION_UNLISTED)
    else:
        rows = rows[:, :-1]
    matrix = pd.DataFrame(rows, index=ds.values.index, columns=columns)
    return _Coded(options, matrix, answered, missing, na)


def _natural_key(value: str) -> tuple:
    try:
        return (0, float(value), "")
    except ValueError:
        return (1, 0.0, value)


def _text_or_none(v: object) -> str | None:
    # pandas may hand back NaN where None was put: neither is a value to tabulate.
    if v is None or (isinstance(v, float) and v != v):
        return None
    return str(v)


def calculated_levels(ds: Dataset, q: Question, label_key: str, raw: pd.Series) -> list[tuple[str, str]]:
    """(value, label) of a calculate field's values, in table order (docs/tables.md).

    A form labels a calculate's values with a choice list named after the field (on the
    choices sheet, list_name = the calculate's name): its choices give the order and the
    labels in every language, then any other value seen follows, sorted, as itself.
    Without such a list the values are sorted and shown as they are.
    """
    seen = {v for v in raw if isinstance(v, str)}
    listed = ds.form.choice_lists.get(q.name)
    levels = [(c.name, c.label(label_key)) for c in listed.choices] if listed is not None else []
    known = {name for name, _label in levels}
    return levels + [(v, v) for v in sorted(seen - known, key=_natural_key)]


def _code_categorical(ds: Dataset, q: Question, code: str, label_key: str = "") -> _Coded:
    """A calculate (or other single value) field: one option per value (calculated_levels)."""
    answered, missing, na = _masks(ds, q.name)
    raw = ds.values[q.name].where(answered, None).map(_text_or_none)
    levels = calculated_levels(ds, q, label_key or ds.form.default_language, raw)
    matrix = pd.DataFrame({v: raw.eq(v) & answered for v, _label in levels}, index=ds.values.index)
    return _Coded(levels, matrix.astype(bool), answered, missing, na)


_BOUND_RE = re.compile(r"(?<![\w$])\.\s*(>=|<=|>|<)\s*(-?\d+(?:\.\d+)?)")
_BOUND_REV_RE = re.compile(r"(-?\d+(?:\.\d+)?)\s*(>=|<=|>|<)\s*\.(?![\w.])")


def constraint_range(q: Question) -> tuple[float | None, float | None]:
    """(low, high) read from a constraint such as ``. >= 15 and . <= 110``; None where absent.

    Only conjunctions are read: a constraint containing ``or`` does not describe one interval.
    """
    text = q.constraint or ""
    if not text or re.search(r"\bor\b", text):
        return None, None
    step = 1.0 if q.type == "integer" else 0.0
    lo: float | None = None
    hi: float | None = None
    for op, num in _BOUND_RE.findall(text):
        v = float(num)
        if op in (">=", ">"):
            cand = v + step if op == ">" else v
            lo = cand if lo is None else max(lo, cand)
        else:
            cand = v - step if op == "<" else v
            hi = cand if hi is None else min(hi, cand)
    for num, op in _BOUND_REV_RE.findall(text):
        v = float(num)
        if op in ("<=", "<"):  # 15 <= .
            cand = v + step if op == "<" else v
            lo = cand if lo is None else max(lo, cand)
        else:
            cand = v - step if op == ">" else v
            hi = cand if hi is None else min(hi, cand)
    return lo, hi


def _nice_widths() -> Iterable[float]:
    scale = 1.0
    while True:
        for s in _NICE_STEPS:
            yield s * scale
        scale *= 10


def default_bands(q: Question, observed: pd.Series) -> list[float]:
    """Band edges for a numeric question (documented in docs/tables.md).

    The range is the constraint's range widened to the observed values; the width is the
    smallest of 1, 2, 2.5, 5, 10, 20, 25, 50, ... giving at most MAX_BANDS bands, with inner
    edges on multiples of the width (age 15-110 -> 15-19, 20-39, ..., 100-110). The last band
    is closed on the right.
    """
    lo, hi = constraint_range(q)
    obs = observed.dropna()
    if len(obs):
        lo = float(obs.min()) if lo is None else min(lo, float(obs.min()))
        hi = float(obs.max()) if hi is None else max(hi, float(obs.max()))
    if lo is None or hi is None:
        return []
    if q.type == "integer":
        lo, hi = math.floor(lo), math.ceil(hi)
        if hi == lo:
            return [lo, hi]
    elif hi == lo:
        return [lo, hi]
    for width in _nice_widths():
        if q.type == "integer" and width != int(width):
            continue
        first = math.floor(lo / width) * width + width
        inner = []
        edge = first
        while edge < hi:
            inner.append(edge)
            edge += width
        if len(inner) + 1 <= MAX_BANDS:
            edges = [lo, *inner, hi]
            return [int(e) if q.type == "integer" else e for e in edges]
    raise AssertionError("unreachable: widths grow without bound")


def _fmt_num(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else f"{v:g}"


def _band_labels(edges: Sequence[float], integer: bool) -> list[tuple[str, str]]:
    out = []
    for i in range(len(edges) - 1):
        a, b = edges[i], edges[i + 1]
        last = i == len(edges) - 2
        if integer:
            upper = b if last else b - 1
            name = _fmt_num(a) if upper == a else f"{_fmt_num(a)}-{_fmt_num(upper)}"
        else:
            name = f"{_fmt_num(a)}-{_fmt_num(b)}" if last else f"{_fmt_num(a)}-<{_fmt_num(b)}"
        out.append((name, name))
    return out


def _code_numeric(ds: Dataset, q: Question, code: str, bands: Sequence[float] | None) -> _Coded:
    answered, missing, na = _masks(ds, q.name)
    raw = ds.values[q.name].where(answered, None)
    nums = pd.to_numeric(raw, errors="coerce").astype(float)
    edges = list(bands) if bands is not None else default_bands(q, nums[answered])
    if bands is not None and (len(edges) < 2 or any(b <= a for a, b in zip(edges, edges[1:]))):
        raise UserFacingError(
            f"Bands for {q.name} must be at least two increasing numbers, got {list(bands)}."
        )
    options = _band_labels(edges, integer=q.type == "integer")
    cols = {}
    for i, (name, _label) in enumerate(options):
        a, b = edges[i], edges[i + 1]
        last = i == len(options) - 1
        cols[name] = (nums >= a) & ((nums <= b) if last else (nums < b)) & answered
    matrix = pd.DataFrame(cols, index=ds.values.index, dtype=bool)
    inside = matrix.any(axis=1) if len(cols) else pd.Series(False, index=ds.values.index)
    outside = answered & ~inside
    if outside.any():
        # Outside the bands, or not a number at all: still answers, so still in the base.
        matrix[OPTION_UNLISTED] = outside
        options.append((OPTION_UNLISTED, tr(code, "unlisted")))
    return _Coded(options, matrix, answered, missing, na, stats_values=nums.where(answered),
                  bands=tuple(edges))


def _code(ds: Dataset, q: Question, label_key: str, code: str, bands=None) -> _Coded:
    if q.is_select:
        return _code_select(ds, q, label_key, code)
    if q.type in NUMERIC_TYPES:
        return _code_numeric(ds, q, code, bands)
    if q.type == "calculate":
        return _code_categorical(ds, q, code, label_key)
    raise UserFacingError(
        f"Question {q.name} is of type {q.type}; tables are made for select, numeric and calculate questions."
    )


# --------------------------------------------------------------------------- tabulating


def _block(q: Question, coded: _Coded, group: str, glabel: str, mask: pd.Series, code: str,
           weights: pd.Series | None = None) -> list[dict]:
    base = int((coded.answered & mask).sum())
    m = mask.to_numpy()
    counts = coded.matrix[m].sum(axis=0) if len(coded.options) else {}
    wpct: dict = {}
    eff = np.nan
    if weights is not None:
        # Weighted percent of the weighted base; Kish's effective base (sum w)^2 / sum w^2.
        w = weights.where(coded.answered & mask, 0.0).to_numpy(dtype=float)
        wsum = w.sum()
        eff = wsum**2 / (w**2).sum() if wsum > 0 else np.nan
        if len(coded.options) and wsum > 0:
            wpct = dict(zip(coded.matrix.columns, 100.0 * (coded.matrix.to_numpy() * w[:, None]).sum(axis=0) / wsum))
    rows = []
    for name, label in coded.options:
        count = int(counts[name])
        rows.append({
            "question": q.name, "option": name, "label": label,
            "role": UNLISTED if name == OPTION_UNLISTED else CHOICE,
            "group": group, "group_label": glabel, "count": count,
            "percent": 100.0 * count / base if base else np.nan, "base": base,
            "weighted_percent": wpct.get(name, np.nan), "effective_base": eff,
        })
    for option, role, mk in ((OPTION_MISSING, ROLE_MISSING, coded.missing),
                             (OPTION_NA, ROLE_NA, coded.not_applicable)):
        rows.append({
            "question": q.name, "option": option, "label": tr(code, role), "role": role,
            "group": group, "group_label": glabel, "count": int((mk & mask).sum()),
            "percent": np.nan, "base": pd.NA, "weighted_percent": np.nan, "effective_base": np.nan,
        })
    return rows


def flag_rows(rows: pd.DataFrame, min_cell: int) -> pd.Series:
    """Flags for each row: a count or base under ``min_cell`` (zero counts are not flagged).

    A zero is shown because "nobody chose internet" is a finding and reveals no one; a base
    under the threshold flags every row of its group.
    """
    flags = []
    for count, base in zip(rows["count"], rows["base"]):
        tokens = []
        if count is not pd.NA and 0 < count < min_cell:
            tokens.append(FLAG_SMALL_COUNT)
        if base is not pd.NA and base < min_cell:
            tokens.append(FLAG_SMALL_BASE)
        flags.append(" ".join(tokens))
    return pd.Series(flags, index=rows.index, dtype=object)


def _frame(rows: list[dict], min_cell: int) -> pd.DataFrame:
    df = pd.DataFrame(rows, columns=[c for c in ROW_COLUMNS if c != "flags"])
    for col in ("question", "option", "label", "role", "group", "group_label"):
        df[col] = df[col].astype(object)
    df["count"] = df["count"].astype("Int64")
    df["base"] = df["base"].astype("Int64")
    df["percent"] = df["percent"].astype(float)
    df["weighted_percent"] = df["weighted_percent"].astype(float)
    df["effective_base"] = df["effective_base"].astype(float)
    df["flags"] = flag_rows(df, min_cell)
    return df[ROW_COLUMNS].reset_index(drop=True)


def _stats(coded: _Coded, groups: Sequence[tuple[str, pd.Series]], extremes: bool = False,
           min_cell: int = DEFAULT_MIN_CELL) -> pd.DataFrame | None:
    """n, mean, median per group; minimum and maximum (with how many hold them) only if asked.

    An extreme held by fewer than ``min_cell`` respondents is never given: it is one
    person's answer (a group of five escapees' exact ages could be read off).
    """
    if coded.stats_values is None:
        return None
    out = {}
    for g, mask in groups:
        v = coded.stats_values[mask & coded.answered].dropna()
        row = {
            "n": len(v),
            "mean": float(v.mean()) if len(v) else np.nan,
            "median": float(v.median()) if len(v) else np.nan,
            "min": np.nan, "max": np.nan, "min_n": 0, "max_n": 0,
        }
        if extremes and len(v):
            lo, hi = float(v.min()), float(v.max())
            n_lo, n_hi = int((v == lo).sum()), int((v == hi).sum())
            row.update({"min": lo if n_lo >= min_cell else np.nan, "max": hi if n_hi >= min_cell else np.nan,
                        "min_n": n_lo, "max_n": n_hi})
        out[g] = row
    return pd.DataFrame.from_dict(out, orient="index", columns=STAT_COLUMNS + EXTREME_COUNTS)


def _kind(q: Question) -> str:
    if q.type == "select_multiple":
        return "multiple"
    if q.type == "select_one":
        return "frequency"
    if q.type in NUMERIC_TYPES:
        return "numeric"
    return "categorical"


def _single(ds: Dataset, q: Question, lang: str | None, min_cell: int, bands=None,
            extremes: bool = False, weights: pd.Series | None = None) -> Table:
    label_key = ds.form.language_key(lang)
    code = text_code(ds.form, lang)
    coded = _code(ds, q, label_key, code, bands)
    everyone = pd.Series(True, index=ds.values.index)
    return Table(
        kind=_kind(q), questions=(q.name,), title=q.label(label_key),
        rows=_frame(_block(q, coded, "", "", everyone, code, weights), min_cell),
        lang_code=code, min_cell=min_cell, question_type=q.type,
        stats=_stats(coded, [("", everyone)], extremes, min_cell), titles=(q.label(label_key),),
        bands=coded.bands, extremes=extremes,
    )


def frequency(ds: Dataset, question: str | Question, lang: str | None = None,
              min_cell: int = DEFAULT_MIN_CELL, weights: pd.Series | None = None) -> Table:
    """Every choice in list order with count and percent of the base, then missing and n/a rows."""
    q = _question(ds, question)
    if q.type in NUMERIC_TYPES:
        raise UserFacingError(f"Question {q.name} is numeric; use a numeric summary for it.")
    return _single(ds, q, lang, min_cell, weights=weights)


def numeric_summary(ds: Dataset, question: str | Question, lang: str | None = None,
                    min_cell: int = DEFAULT_MIN_CELL, bands: Sequence[float] | None = None,
                    extremes: bool = False, weights: pd.Series | None = None) -> Table:
    """n, mean, median (min, max if ``extremes``) in ``Table.stats``; a frequency of bands in ``rows``."""
    q = _question(ds, question)
    if q.type not in NUMERIC_TYPES:
        raise UserFacingError(f"Question {q.name} is of type {q.type}, not integer or decimal.")
    return _single(ds, q, lang, min_cell, bands, extremes, weights)


def _by_groups(ds: Dataset, by: str | Question, label_key: str) -> tuple[Question, list[tuple[str, str, pd.Series]]]:
    bq = _question(ds, by)
    if bq.type not in ("select_one", "calculate"):
        raise UserFacingError(
            f"Cannot break tables down by {bq.name}: it is a {bq.type}; use a select_one or calculate field."
        )
    answered = ds.status[bq.name].eq(ANSWERED)
    raw = ds.values[bq.name].where(answered, None).map(_text_or_none)
    if bq.type == "select_one":
        levels = [(c.name, c.label(label_key)) for c in ds.form.choices_for(bq).choices]
    else:
        levels = calculated_levels(ds, bq, label_key, raw)
    return bq, [(name, label, raw.eq(name) & answered) for name, label in levels]


def crosstab(ds: Dataset, question: str | Question, by: str | Question, lang: str | None = None,
             min_cell: int = DEFAULT_MIN_CELL, bands: Sequence[float] | None = None,
             extremes: bool = False, weights: pd.Series | None = None) -> Table:
    """Percent within each group of ``by`` (select_one or calculate), group bases, and a total.

    Respondents with no value for ``by`` are counted in the total only.
    """
    q = _question(ds, question)
    label_key = ds.form.language_key(lang)
    code = text_code(ds.form, lang)
    bq, groups = _by_groups(ds, by, label_key)
    if bq.name == q.name:
        raise UserFacingError(f"Cannot break {q.name} down by itself.")
    coded = _code(ds, q, label_key, code, bands)
    everyone = pd.Series(True, index=ds.values.index)
    all_groups = [*groups, (TOTAL_GROUP, tr(code, "total"), everyone)]
    rows: list[dict] = []
    for g, glabel, mask in all_groups:
        rows.extend(_block(q, coded, g, glabel, mask, code, weights))
    return Table(
        kind="crosstab", questions=(q.name,), title=q.label(label_key),
        rows=_frame(rows, min_cell), lang_code=code, min_cell=min_cell, question_type=q.type,
        by=bq.name, by_title=bq.label(label_key),
        stats=_stats(coded, [(g, m) for g, _l, m in all_groups], extremes, min_cell), titles=(q.label(label_key),),
        bands=coded.bands, extremes=extremes,
    )


def paired(ds: Dataset, questions: Sequence[str | Question], lang: str | None = None,
           min_cell: int = DEFAULT_MIN_CELL, weights: pd.Series | None = None) -> Table:
    """Two questions sharing a choice list (e.g. 2007 and now) side by side, each with its base."""
    if len(questions) != 2:
        raise UserFacingError(f"A paired table needs exactly two questions, got {len(questions)}.")
    qa, qb = (_question(ds, q) for q in questions)
    for q in (qa, qb):
        if not q.is_select:
            raise UserFacingError(f"Question {q.name} is not a select question, so it cannot be paired.")
    if ds.form.choices_for(qa).names() != ds.form.choices_for(qb).names() or qa.type != qb.type:
        raise UserFacingError(
            f"Questions {qa.name} and {qb.name} do not share a choice list, so they cannot be paired."
        )
    label_key = ds.form.language_key(lang)
    code = text_code(ds.form, lang)
    everyone = pd.Series(True, index=ds.values.index)
    rows: list[dict] = []
    for q in (qa, qb):
        rows.extend(_block(q, _code(ds, q, label_key, code), q.name, q.label(label_key), everyone, code,
                           weights))
    return Table(
        kind="paired", questions=(qa.name, qb.name),
        title=f"{qa.label(label_key)} / {qb.label(label_key)}",
        rows=_frame(rows, min_cell), lang_code=code, min_cell=min_cell, question_type=qa.type,
        titles=(qa.label(label_key), qb.label(label_key)),
    )


def tabulable(q: Question) -> bool:
    """Questions ``all_tables`` makes a table for: selects and numbers."""
    return q.is_select or q.type in NUMERIC_TYPES


def all_tables(ds: Dataset, by: str | None = None, lang: str | None = None,
               min_cell: int = DEFAULT_MIN_CELL, pairs: Sequence[Sequence[str]] = (),
               bands: Mapping[str, Sequence[float]] | None = None, extremes: bool = False,
               exclude: Sequence[str] = (), weights: pd.Series | None = None) -> list[Table]:
    """One table per select or numeric question in form order (cross-tabs with ``by``), then pairs.

    ``exclude`` leaves questions out by name.
    """
    bands = bands or {}
    skip = set(exclude)
    if by is not None:
        _by_groups(ds, by, ds.form.language_key(lang))  # refuse a bad `by` before any work
    tables = []
    for q in ds.fields:
        if not tabulable(q) or q.name in skip:
            continue
        if by is not None and q.name != by:
            tables.append(crosstab(ds, q, by, lang, min_cell, bands.get(q.name), extremes, weights))
        elif q.type in NUMERIC_TYPES:
            tables.append(numeric_summary(ds, q, lang, min_cell, bands.get(q.name), extremes, weights))
        else:
            tables.append(frequency(ds, q, lang, min_cell, weights))
    tables.extend(paired(ds, pair, lang, min_cell, weights) for pair in pairs)
    return tables


# --------------------------------------------------------------------------- long format


def round_half_up(value: float, digits: int = 1) -> float:
    """Round as published tables do (18.75 -> 18.8, 0.15 -> 0.2), not banker's rounding."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return np.nan
    quantum = Decimal(1).scaleb(-digits)
    return float(Decimal(repr(float(value))).quantize(quantum, rounding=ROUND_HALF_UP))


#: Columns after the contract's (always present, always last; docs/tables.md).
LONG_EXTRA_COLUMNS = ["ci_low", "ci_high", "flags", "weighted_percent", "effective_base",
                      "n", "mean", "median", "min", "max"]
#: Added after those when any table is a repeat level's (docs/tables.md, "Repeat levels").
LONG_LEVEL_COLUMNS = ["level", "unit", "respondents"]


def long_format(tables: Sequence[Table]) -> pd.DataFrame:
    """The ``fieldapp tables --format csv`` contract: question, option, label, count, percent, base
    (+ by, group when any table is a cross-tab), then LONG_EXTRA_COLUMNS; numbers rounded to
    one decimal."""
    from fieldapp.analysis.stats import wilson_cached

    with_by = any(t.by for t in tables)
    with_level = any(t.level for t in tables)
    parts = []
    for t in tables:
        df = t.rows.copy()
        if with_level:
            df["level"] = t.level
            df["unit"] = t.unit or "respondents"
            # the respondents the total base's entries come from, on its in-base rows only
            total = df["role"].isin(IN_BASE_ROLES) & df["group"].isin(("", TOTAL_GROUP))
            df["respondents"] = pd.array([t.respondents if x and t.respondents is not None and t.unit ==
                                          "instances" else pd.NA for x in total], dtype="Int64")
        if with_by:
            crosstab_rows = t.kind == "crosstab"
            df["by"] = t.by if crosstab_rows else ""
            if not crosstab_rows:
                df["group"] = ""
        _add_stats(df, t)
        parts.append(df)
    columns = (LONG_BY_COLUMNS if with_by else LONG_COLUMNS) + LONG_EXTRA_COLUMNS
    if with_level:
        columns = columns + LONG_LEVEL_COLUMNS
    if not parts:
        return pd.DataFrame(columns=columns)
    out = pd.concat(parts, ignore_index=True)
    inside = out["role"].isin(IN_BASE_ROLES).to_numpy()
    cis = [wilson_cached(c, b) if ins and c is not pd.NA and b is not pd.NA else (np.nan, np.nan)
           for c, b, ins in zip(out["count"], out["base"], inside)]
    out["ci_low"] = [lo for lo, _hi in cis]
    out["ci_high"] = [hi for _lo, hi in cis]
    out = out[columns].copy()
    out["count"] = out["count"].astype("Int64")
    out["base"] = out["base"].astype("Int64")
    out["n"] = out["n"].astype("Int64")
    for col in ("percent", "ci_low", "ci_high", "weighted_percent", "effective_base", "mean", "median", "min", "max"):
        out[col] = pd.Series([round_half_up(p) for p in out[col].astype(float)], index=out.index, dtype=float)
    return out.reset_index(drop=True)


def _add_stats(df: pd.DataFrame, t: Table) -> None:
    """A numeric table's summaries on the in-base rows of each group (empty elsewhere)."""
    for col in ("n", "mean", "median", "min", "max"):
        df[col] = np.nan
    df["n"] = df["n"].astype(object)
    if t.stats is None or t.kind == "paired":
        return
    inside = df["role"].isin(IN_BASE_ROLES)
    group = t.rows["group"]
    for g in t.stats.index:
        rows = inside & (group == g).to_numpy()
        for col in ("n", "mean", "median", "min", "max"):
            v = t.stats.at[g, col]
            if col in ("min", "max") and not t.extremes:
                continue
            df.loc[rows, col] = pd.NA if col == "n" and pd.isna(v) else (int(v) if col == "n" else v)


def with_rows(table: Table, rows: pd.DataFrame, **changes) -> Table:
    """A copy of ``table`` with new rows (tables are immutable)."""
    return replace(table, rows=rows, **changes)
